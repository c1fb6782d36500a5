"""Page numbers deep in the product list start from remembered rows (page anchors) on
PostgreSQL, and stay exact when products are written; short search terms match word starts
through the trigram index."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.catalog.api import anchors, pagination
from procura.catalog.models import Product
from procura.catalog.tests.factories import make_category, make_product
from procura.catalog.tests.test_product_pages import ORDERINGS, URL, expected_order
from procura.core import listing

pytestmark = pytest.mark.django_db


def postgres(test: Any) -> Any:
    skip = pytest.mark.skipif(not settings.IS_POSTGRES, reason="PostgreSQL's anchors and index")
    return pytest.mark.postgres(skip(test))


STRIDE = 4
SIZE = 3


@pytest.fixture
def small_stride(monkeypatch) -> None:
    """Anchors every 4 rows from the third page of 3 on, so a few products exercise them,
    rebuilt as soon as a write made them stale; none kept from another test."""
    monkeypatch.setattr(anchors, "ANCHOR_STRIDE", STRIDE)
    monkeypatch.setattr(anchors, "ANCHORS_FROM", 2 * STRIDE)
    monkeypatch.setattr(anchors, "REBUILD_SECONDS", 0.0)
    monkeypatch.setattr(anchors, "_ANCHORS", {})
    monkeypatch.setattr(pagination, "FEW_ROWS", 0)  # pages walk the index of the order


@pytest.fixture
def catalog() -> list[Product]:
    beef, pork = make_category("Beef"), make_category("Pork")
    # Few distinct prices and names: the order has many ties for the primary key to break.
    return [
        make_product(
            sku=f"BF-{n:03d}",
            name=("Ribeye", "Chuck roll", "Brisket")[n % 3],
            list_price=Decimal(("4.5000", "9.2500", "12.0000", "7.0000")[n % 4]),
            category=(beef, pork)[n % 2],
        )
        for n in range(29)
    ]


def pages_by_number(client: Any, params: dict[str, Any]) -> list[list[str]]:
    first = client.get(URL, {**params, "page_size": SIZE}).json()
    pages = [[row["id"] for row in first["results"]]]
    count = first["count"]
    for page in range(2, -(-count // SIZE) + 1):
        response = client.get(URL, {**params, "page_size": SIZE, "page": page})
        assert response.status_code == 200, response.content
        pages.append([row["id"] for row in response.json()["results"]])
    return pages


def anchored_sql(client: Any, params: dict[str, Any]) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return [
        q["sql"] for q in queries.captured_queries if "catalog_product_list_version" in q["sql"]
    ]


@postgres
@pytest.mark.parametrize("ordering", ORDERINGS)
@pytest.mark.usefixtures("small_stride")
def test_every_page_number_reads_its_rows_once_in_order(catalog, client_as, ordering):
    client = client_as("procurement")
    pages = pages_by_number(client, {"ordering": ordering})
    assert [len(page) for page in pages] == [3] * 9 + [2]
    assert [pk for page in pages for pk in page] == expected_order(ordering)
    deep = anchored_sql(client, {"ordering": ordering, "page_size": SIZE, "page": 8})
    assert deep, "a deep page starts from an anchor"
    assert not anchored_sql(client, {"ordering": ordering, "page_size": SIZE, "page": 2})


@postgres
@pytest.mark.usefixtures("small_stride")
def test_a_long_list_keeps_few_anchors_far_apart(catalog, client_as, monkeypatch) -> None:
    monkeypatch.setattr(anchors, "MAX_ANCHORS", 3)  # 29 rows: every 10th, not every 4th
    client = client_as("procurement")
    pages = pages_by_number(client, {"ordering": "-list_price"})
    assert [pk for page in pages for pk in page] == expected_order("-list_price")
    assert anchored_sql(client, {"ordering": "-list_price", "page_size": SIZE, "page": 9})
    [kept] = anchors._ANCHORS.values()
    assert kept.stride == 10
    assert len(kept.keys) == 2


@postgres
@pytest.mark.usefixtures("small_stride")
def test_pages_follow_products_written_after_the_anchors_were_read(catalog, client_as):
    client = client_as("procurement")
    params = {"ordering": "-list_price", "category": catalog[0].category_id}

    def read() -> list[str]:
        return [pk for page in pages_by_number(client, params) for pk in page]

    def expected() -> list[str]:
        rows = Product.objects.filter(category=catalog[0].category_id)
        ordered = sorted(rows, key=lambda p: (p.list_price, str(p.pk)), reverse=True)
        return [str(product.pk) for product in ordered]

    assert read() == expected()
    assert anchored_sql(client, {**params, "page_size": SIZE, "page": 4})
    subtree = {**params, "include_descendants": "true", "page_size": SIZE, "page": 4}
    assert anchored_sql(client, subtree), "a subtree's list is anchored too"
    make_product(sku="AA-NEW", list_price=Decimal("99.0000"), category=catalog[0].category)
    assert read() == expected()  # the new first row shifts every page by one
    Product.objects.filter(pk=catalog[4].pk).update(list_price=Decimal("1.0000"))
    assert read() == expected()
    Product.objects.filter(pk=catalog[8].pk).delete()
    assert read() == expected()
    page = client.get(URL, {**params, "page_size": SIZE, "page": 4}).json()["results"]
    assert [row["id"] for row in page] == expected()[9:12]


@postgres
@pytest.mark.usefixtures("small_stride")
def test_anchored_pages_cost_the_same_queries_and_walk_the_sort_index(catalog, client_as):
    client = client_as("procurement")

    def count(params: dict[str, Any]) -> int:
        client.get(URL, params)  # roles read once, anchors built once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        return len(queries)

    first = count({"page_size": SIZE, "ordering": "name"})
    assert count({"page_size": SIZE, "page": 9, "ordering": "name"}) == first
    [sql] = anchored_sql(client, {"page_size": SIZE, "page": 9, "ordering": "name"})
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "catalog_prod_name_sort" in plan


def test_short_terms_match_the_start_of_a_word(client_as) -> None:
    category = make_category("Beef")
    for sku, name in [
        ("AB-15", "Chuck roll"),
        ("AB-215", "Ribeye 150"),
        ("CD-9", "Ribeye 7"),
        ("X1.5", "Brisket"),
        ("15-AX", "Flank"),
    ]:
        make_product(sku=sku, name=name, category=category)
    client = client_as("procurement")

    def found(term: str) -> list[str]:
        response = client.get(URL, {"search": term})
        assert response.status_code == 200
        return [row["sku"] for row in response.json()["results"]]

    assert found("15") == ["15-AX", "AB-15", "AB-215"]  # not the "15" inside "215"
    assert found("ribeye 1") == ["AB-215"]
    assert found("r") == ["AB-15", "AB-215", "CD-9"]  # "roll", "Ribeye", "Ribeye"
    assert found("5") == ["X1.5"]
    assert found("ab 2") == ["AB-215"]
    assert found("215") == ["AB-215"]  # three characters: anywhere
    assert found(".") == []
    assert found("%") == []


@postgres
def test_short_terms_are_answered_from_the_trigram_index(client_as) -> None:
    make_product(sku="BF-RIB-12", name="Ribeye lip-on", category=make_category("Beef"))
    client = client_as("procurement")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"search": "ri 12"})
    assert [row["sku"] for row in response.json()["results"]] == ["BF-RIB-12"]
    [counted] = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {counted}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "catalog_product_search_trgm" in plan


@pytest.mark.parametrize("estimate", [12, 60])
def test_page_numbers_reach_every_row_whatever_the_count_estimate(
    catalog, client_as, monkeypatch, settings, estimate
) -> None:
    """A low estimate hides no page (``next`` leads past it), a high one makes no empty
    page; the page that shows the end of the list gives the exact count."""
    settings.LIST_EXACT_COUNT_LIMIT = 0
    monkeypatch.setattr(listing, "planner_estimate", lambda queryset, **kwargs: estimate)
    client = client_as("procurement")
    response = client.get(URL, {"page_size": SIZE, "ordering": "name"})
    assert response.json()["count_estimated"] is True
    seen: list[str] = []
    pages = 0
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        seen.extend(row["id"] for row in body["results"])
        pages += 1
        if body["next"] is None:
            break
        response = client.get(body["next"])
    assert seen == expected_order("name")
    assert pages == 10
    assert body["count"] == 29
    assert body["count_estimated"] is False
    for beyond in (11, 30):
        gone = client.get(URL, {"page_size": SIZE, "ordering": "name", "page": beyond})
        assert gone.status_code == 404


@postgres
def test_a_narrow_search_reads_its_matches_from_the_trigram_index(client_as) -> None:
    """Few matches: the page's keys come from the search index and are sorted, instead of a
    walk along the index of the order past every product that does not match."""
    category = make_category("Beef")
    for n in range(40):
        make_product(sku=f"BF-{n:03d}", name=f"Chuck roll {n}", category=category)
    make_product(sku="BF-900", name="Ribeye 10", category=category)
    make_product(sku="BF-901", name="Ribeye 105", category=category)
    client = client_as("procurement")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"search": "ribeye 10", "ordering": "-sku"})
    assert [row["sku"] for row in response.json()["results"]] == ["BF-901", "BF-900"]
    [page] = [q["sql"] for q in queries.captured_queries if '"catalog_category"."name"' in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "catalog_product_search_trgm" in plan
    assert "catalog_prod_sku_sort" not in plan
    assert "catalog_product_sku" not in plan


@postgres
@pytest.mark.usefixtures("small_stride")
def test_a_page_past_the_end_keeps_the_anchors(catalog, client_as, monkeypatch, settings):
    """A page asked past the end of a list whose count is a (high) estimate is a 404 read from
    the anchors, which still hold afterwards (nothing was written)."""
    settings.LIST_EXACT_COUNT_LIMIT = 0
    monkeypatch.setattr(listing, "planner_estimate", lambda queryset, **kwargs: 300)
    client = client_as("procurement")
    params = {"page_size": SIZE, "ordering": "sku"}
    assert anchored_sql(client, {**params, "page": 9})
    assert client.get(URL, {**params, "page": 50}).status_code == 404
    [kept] = anchors._ANCHORS.values()
    assert not kept.stale
    last = client.get(URL, {**params, "page": 10}).json()
    assert [row["id"] for row in last["results"]] == expected_order("sku")[27:]
