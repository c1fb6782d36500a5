"""Pages of the product list: keyset pages (?cursor=) with next and previous links, page
numbers over the same total order, the category subtree sorted, and the search column."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.catalog.models import Product
from procura.catalog.tests.factories import make_category, make_product
from procura.core.testing import assert_documented_response

pytestmark = pytest.mark.django_db

URL = "/api/v1/products/"
ORDERINGS = ["sku", "-list_price", "name", "-updated_at", "list_price"]


@pytest.fixture
def catalog() -> list[Product]:
    category = make_category("Beef")
    # Few distinct prices and names: the order has many ties for the primary key to break.
    return [
        make_product(
            sku=f"BF-{n:03d}",
            name=("Ribeye", "Chuck roll", "Brisket")[n % 3],
            list_price=Decimal(("4.5000", "9.2500", "12.0000")[n % 3]),
            category=category,
        )
        for n in range(14)
    ]


def sort_key(ordering: str) -> Any:
    column = ordering.lstrip("-")

    def key(product: Product) -> tuple[Any, str]:
        return (getattr(product, column), str(product.pk))

    return key


def expected_order(ordering: str) -> list[str]:
    products = sorted(
        Product.objects.all(), key=sort_key(ordering), reverse=ordering.startswith("-")
    )
    return [str(product.pk) for product in products]


def walk(client: Any, url: str, params: dict[str, Any], link: str = "next") -> list[list[str]]:
    """The ids of each page, following ``link`` links until there is none."""
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["id"] for row in body["results"]])
        if body[link] is None:
            return pages
        response = client.get(body[link])


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_keyset_pages_read_every_product_once_in_order(catalog, client_as, ordering) -> None:
    client = client_as("procurement")
    pages = walk(client, URL, {"cursor": "start", "page_size": 4, "ordering": ordering})
    assert [len(page) for page in pages] == [4, 4, 4, 2]
    assert [pk for page in pages for pk in page] == expected_order(ordering)


@pytest.mark.parametrize("ordering", ["sku", "-list_price", "name"])
def test_products_added_during_a_keyset_walk_neither_repeat_nor_hide_a_row(
    catalog, client_as, ordering
) -> None:
    client = client_as("procurement")
    category = catalog[0].category
    before = set(expected_order(ordering))
    seen: list[str] = []
    response = client.get(URL, {"cursor": "start", "page_size": 3, "ordering": ordering})
    added = 0
    while True:
        body = response.json()
        seen.extend(row["id"] for row in body["results"])
        # Between two pages, products land on both sides of the reader's position.
        for sku in (f"AA-{added:03d}", f"ZZ-{added:03d}"):
            make_product(
                sku=sku,
                name=("Brisket", "Tenderloin")[added % 2],
                list_price=Decimal(("9.2500", "3.0000", "20.0000")[added % 3]),
                category=category,
            )
        added += 1
        if body["next"] is None:
            break
        response = client.get(body["next"])
    assert len(seen) == len(set(seen)), "a product was read twice"
    assert before <= set(seen), "a product that was there all along was skipped"
    order = expected_order(ordering)
    assert seen == sorted(seen, key=order.index), "pages out of order"


def test_previous_links_walk_back_over_the_same_pages(catalog, client_as) -> None:
    client = client_as("customer")
    forward = walk(client, URL, {"cursor": "start", "page_size": 5, "ordering": "-list_price"})
    last = client.get(URL, {"cursor": "start", "page_size": 5, "ordering": "-list_price"})
    while last.json()["next"] is not None:
        last = client.get(last.json()["next"])
    assert last.json()["previous"] is not None
    back = walk(client, last.json()["previous"], {}, link="previous")
    assert [forward[-1], *back] == forward[::-1]
    first = client.get(URL, {"cursor": "start", "page_size": 5, "ordering": "-list_price"})
    assert first.json()["previous"] is None


def test_page_numbers_follow_the_same_total_order(catalog, client_as) -> None:
    client = client_as("procurement")
    for ordering in ("-list_price", "name"):
        by_number: list[str] = []
        for page in (1, 2, 3):
            body = client.get(URL, {"page": page, "page_size": 5, "ordering": ordering}).json()
            assert body["count"] == len(catalog)
            assert body["count_estimated"] is False
            assert_documented_response(URL, body)
            by_number.extend(row["id"] for row in body["results"])
        assert by_number == expected_order(ordering)


def test_keyset_page_is_documented_and_keeps_sparse_fields(catalog, client_as) -> None:
    client = client_as("procurement")
    assert_documented_response(URL, client.get(URL, {"cursor": "start", "page_size": 2}).json())
    body = client.get(URL, {"cursor": "start", "page_size": 2, "fields": "id,sku"}).json()
    assert body["results"] == [
        {"id": str(product.pk), "sku": product.sku} for product in catalog[:2]
    ]
    assert "count" not in body


UUID_ZERO = "00000000-0000-0000-0000-000000000000"


def cursor_of(payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "%%%",
        cursor_of({"o": "name", "v": "Ribeye", "k": "00000000-0000-0000-0000-000000000000"}),
        cursor_of({"o": "sku", "v": "BF-001", "k": "not-a-uuid", "b": False}),
        cursor_of({"o": "-list_price", "v": "cheap", "k": None, "b": False}),
        cursor_of({"o": "sku", "v": None, "k": "00000000-0000-0000-0000-000000000000", "b": 1}),
        cursor_of(["sku"]),
    ],
)
def test_a_bad_cursor_is_a_field_error(catalog, client_as, cursor) -> None:
    client = client_as("procurement")
    response = client.get(URL, {"cursor": cursor, "ordering": "-list_price"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "cursor" in json.dumps(response.json())


@pytest.mark.parametrize(
    ("ordering", "value"),
    [
        ("-list_price", "1e999999"),
        ("-list_price", "NaN"),
        ("-updated_at", "2026-01-01T00:00:00"),
        ("name", "a\x00b"),
        ("sku", "A" * 65),
    ],
)
def test_a_cursor_value_the_column_cannot_hold_is_a_field_error(
    catalog, client_as, ordering, value
) -> None:
    client = client_as("procurement")
    cursor = cursor_of({"o": ordering, "v": value, "k": UUID_ZERO, "b": False})
    response = client.get(URL, {"cursor": cursor, "ordering": ordering})
    assert response.status_code == 400
    assert "cursor" in json.dumps(response.json())


def test_a_cursor_made_for_another_ordering_is_refused(catalog, client_as) -> None:
    client = client_as("procurement")
    next_link = client.get(URL, {"cursor": "start", "page_size": 2}).json()["next"]
    assert client.get(next_link).status_code == 200
    response = client.get(next_link.replace("cursor=", "ordering=name&cursor="))
    assert response.status_code == 400


def count_queries(client: Any, url: str, params: dict[str, Any]) -> int:
    client.get(url, params)  # the signed-in user's roles are read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_query_counts_stay_constant_over_page_size_and_depth(catalog, client_as) -> None:
    client = client_as("procurement")
    category = catalog[0].category
    first_keyset = count_queries(client, URL, {"cursor": "start", "page_size": 2})
    deep = client.get(URL, {"cursor": "start", "page_size": 10}).json()["next"]
    assert count_queries(client, deep, {}) == first_keyset
    assert count_queries(client, URL, {"cursor": "start", "page_size": 50}) == first_keyset
    first_page = count_queries(client, URL, {"page": 1, "page_size": 2})
    assert count_queries(client, URL, {"page": 7, "page_size": 2}) == first_page
    assert count_queries(client, URL, {"page": 1, "page_size": 50}) == first_page
    subtree = {"category": category.pk, "include_descendants": "true", "ordering": "-list_price"}
    small = count_queries(client, URL, {**subtree, "page_size": 2})
    for n in range(3):
        make_product(category=make_category(f"Cut {n}", category))
    assert count_queries(client, URL, {**subtree, "page_size": 50, "page": 1}) == small


def test_category_subtree_sorted_by_price_with_ties_broken(client_as) -> None:
    beef = make_category("Beef")
    rib, loin = make_category("Rib", beef), make_category("Loin", beef)
    prime_rib = make_category("Prime", rib)
    pork = make_category("Pork")
    inside = [
        make_product(category=category, list_price=Decimal(price))
        for category, price in [
            (beef, "5.0000"),
            (rib, "9.0000"),
            (prime_rib, "9.0000"),
            (loin, "7.5000"),
            (prime_rib, "12.0000"),
        ]
    ]
    make_product(category=pork, list_price=Decimal("99.0000"))
    client = client_as("procurement")
    query = {"category": beef.pk, "include_descendants": "true", "ordering": "-list_price"}
    by_number = client.get(URL, query).json()
    keyset = walk(client, URL, {**query, "cursor": "start", "page_size": 2})
    expected = [
        str(product.pk)
        for product in sorted(inside, key=lambda p: (p.list_price, str(p.pk)), reverse=True)
    ]
    assert [row["id"] for row in by_number["results"]] == expected
    assert [pk for page in keyset for pk in page] == expected
    only_rib = client.get(URL, {"category": rib.pk}).json()
    assert [row["id"] for row in only_rib["results"]] == [str(inside[1].pk)]


def test_search_matches_parts_of_sku_name_and_gtin_all_terms(client_as) -> None:
    category = make_category("Beef")
    ribeye = make_product(sku="BF-RIB-12", name="Ribeye lip-on", category=category)
    striploin = make_product(
        sku="BF-STR-07", name="Striploin", gtin="00012345678905", category=category
    )
    make_product(sku="PK-LOIN-01", name="Pork loin", category=category)
    client = client_as("procurement")

    def found(term: str) -> list[str]:
        body = client.get(URL, {"search": term}).json()
        return [row["sku"] for row in body["results"]]

    assert found("rib-1") == [ribeye.sku]
    assert found("LIP-ON") == [ribeye.sku]
    assert found("2345678") == [striploin.sku]
    assert found("bf loin") == [striploin.sku]
    assert found("loin") == ["BF-STR-07", "PK-LOIN-01"]
    assert found("12 lip") == [ribeye.sku]
    assert found("ribeye pork") == []
    assert found("12lip") == []  # a term never spans two columns
    assert found("100%") == []


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="the trigram index is PostgreSQL's")
def test_search_is_answered_from_the_trigram_index(client_as) -> None:
    category = make_category("Beef")
    make_product(sku="BF-RIB-12", name="Ribeye lip-on", category=category)
    client = client_as("procurement")
    response = client.get(URL, {"search": "ribeye lip"})
    assert [row["sku"] for row in response.json()["results"]] == ["BF-RIB-12"]
    searched = [
        sql
        for sql in _queries_of(client, {"search": "ribeye lip"})
        if "search_text" in sql and "COUNT(" in sql
    ]
    assert searched, "the list counts the matches in search_text"
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {searched[0]}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "catalog_product_search_trgm" in plan


def _queries_of(client: Any, params: dict[str, Any]) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("category", ["999999", "abc", "1" * 30, "-1"])
def test_an_unknown_category_is_a_field_error(client_as, category) -> None:
    make_product(category=make_category("Beef"))
    for descendants in ("true", "false"):
        response = client_as("procurement").get(
            URL, {"category": category, "include_descendants": descendants}
        )
        assert response.status_code == 400, response.content
        assert response["Content-Type"].startswith("application/problem+json")
        assert "category" in json.dumps(response.json())


def test_lists_of_other_values_read_other_rows(catalog, client_as) -> None:
    """A list asked again with other ``__in`` values (its SQL is kept per values) answers
    for the new values."""
    client = client_as("procurement")

    def skus(value: str) -> list[str]:
        body = client.get(URL, {"sku": value}).json()
        return [row["sku"] for row in body["results"]]

    assert skus("BF-001,BF-002") == ["BF-001", "BF-002"]
    assert skus("BF-003") == ["BF-003"]
    assert skus("BF-002,BF-001") == ["BF-001", "BF-002"]
    assert skus("BF-004,BF-005,BF-006") == ["BF-004", "BF-005", "BF-006"]
