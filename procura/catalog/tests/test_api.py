from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from procura.catalog.models import Category, Product
from procura.catalog.services.products import product_deactivate
from procura.catalog.tests.factories import make_category, make_product, make_tax_category

pytestmark = pytest.mark.django_db

Client = Callable[..., APIClient]
PRODUCTS = "/api/v1/products/"
CATEGORIES = "/api/v1/categories/"


def csv_text(response: Any) -> str:
    return b"".join(response.streaming_content).decode()


def product_payload(**fields: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "sku": " bf-rib-112a-cs ",
        "name": "Beef rib, 112A, case",
        "category": make_category().pk,
        "unit": "case",
        "list_price": "189.50",
        "standard_cost": "150.00",
        "tax_category": make_tax_category().pk,
        "gtin": "",
    }
    payload.update(fields)
    return payload


def test_buyer_creates_product_with_normalised_sku(client_as: Client) -> None:
    response = client_as("procurement").post(PRODUCTS, product_payload(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["sku"] == "BF-RIB-112A-CS"
    assert response.json()["standard_cost"] == "150.0000"
    assert response.has_header("ETag")


def test_sku_collision_is_409_naming_the_existing_product(client_as: Client) -> None:
    make_product(sku="BF-RIB-112A-CS", name="Ribeye case")
    response = client_as("procurement").post(PRODUCTS, product_payload(), format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "sku_taken"
    assert "Ribeye case" in body["detail"]
    assert body["existing_product"]["sku"] == "BF-RIB-112A-CS"


@pytest.mark.parametrize(
    ("field", "value"),
    [("list_price", "0"), ("list_price", "-3"), ("gtin", "4006381333932"), ("unit", "ton")],
)
def test_bad_product_input_is_400(client_as: Client, field: str, value: str) -> None:
    response = client_as("procurement").post(
        PRODUCTS, product_payload(**{field: value}), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Product.objects.exists()


@pytest.mark.parametrize("role", ["customer", "sales", "warehouse", "auditor"])
def test_only_buyers_and_admins_write_products(client_as: Client, role: str) -> None:
    response = client_as(role).post(PRODUCTS, product_payload(), format="json")
    assert response.status_code == 403
    assert client_as("admin").post(PRODUCTS, product_payload(), format="json").status_code == 201


def test_customer_sees_active_products_without_costs(client_as: Client) -> None:
    active = make_product(sku="A-1")
    hidden = make_product(sku="A-2")
    product_deactivate(product=hidden, by=None)
    customer = client_as("customer")
    listing = customer.get(PRODUCTS).json()
    assert [row["sku"] for row in listing["results"]] == ["A-1"]
    assert "standard_cost" not in listing["results"][0]
    detail = customer.get(f"{PRODUCTS}{active.pk}/")
    assert detail.status_code == 200
    assert "standard_cost" not in detail.json()
    assert customer.get(f"{PRODUCTS}{hidden.pk}/").status_code == 404
    export = customer.get(f"{PRODUCTS}export/")
    text = csv_text(export)
    assert "standard_cost" not in text.splitlines()[0]
    assert "A-2" not in text
    staff = client_as("sales").get(PRODUCTS).json()
    assert staff["count"] == 2
    assert "standard_cost" in staff["results"][0]


def test_customer_cannot_write_categories(client_as: Client) -> None:
    assert client_as("customer").post(CATEGORIES, {"name": "X"}, format="json").status_code == 403
    assert client_as("customer").get(f"{CATEGORIES}tree/").status_code == 200


def test_patch_honours_if_match(client_as: Client) -> None:
    product = make_product()
    client = client_as("procurement")
    first = client.get(f"{PRODUCTS}{product.pk}/")
    etag = first["ETag"]
    assert client.get(f"{PRODUCTS}{product.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    changed = client.patch(
        f"{PRODUCTS}{product.pk}/", {"name": "New name"}, format="json", HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    stale = client.patch(
        f"{PRODUCTS}{product.pk}/", {"name": "Other"}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412
    product.refresh_from_db()
    assert product.name == "New name"
    assert product.standard_cost == Decimal("6.50")  # a PATCH leaves unsent fields alone


def test_deactivate_action(client_as: Client) -> None:
    product = make_product()
    response = client_as("procurement").post(f"{PRODUCTS}{product.pk}/deactivate/")
    assert response.status_code == 200
    assert response.json()["is_active"] is False


def test_filters_search_and_ordering(client_as: Client) -> None:
    beef = make_category("Beef")
    rib = make_category("Rib", beef)
    pork = make_category("Pork")
    make_product(sku="BF-1", name="Ribeye", category=rib, list_price=Decimal("30"))
    make_product(sku="BF-2", name="Brisket", category=beef, list_price=Decimal("12"))
    make_product(sku="PK-1", name="Loin", category=pork, list_price=Decimal("8"), unit="case")
    client = client_as("sales")

    def skus(query: str) -> list[str]:
        return [row["sku"] for row in client.get(f"{PRODUCTS}?{query}").json()["results"]]

    assert skus(f"category={beef.pk}") == ["BF-2"]
    assert skus(f"category={beef.pk}&include_descendants=true") == ["BF-1", "BF-2"]
    assert skus("min_price=10&max_price=20") == ["BF-2"]
    assert skus("unit=case") == ["PK-1"]
    assert skus("search=rib") == ["BF-1"]
    assert skus("ordering=-list_price") == ["BF-1", "BF-2", "PK-1"]
    assert skus("active=true&ordering=name") == ["BF-2", "PK-1", "BF-1"]
    assert skus("sku=PK-1,BF-1,NO-SUCH&ordering=sku") == ["BF-1", "PK-1"]
    export = client.get(f"{PRODUCTS}export/?category={beef.pk}&include_descendants=true")
    assert export["Content-Type"].startswith("text/csv")
    lines = csv_text(export).splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("BF-1,Ribeye,,Beef > Rib,")


def _count_queries(client: APIClient, url: str) -> int:
    client.get(url)  # warm up: the user's roles are read once per user object
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_product_list_query_count_does_not_grow(client_as: Client) -> None:
    client = client_as("procurement")
    category = make_category()
    for _ in range(2):
        make_product(category=category)
    small = _count_queries(client, f"{PRODUCTS}?page_size=50")
    for _ in range(20):
        make_product(category=make_category())
    assert _count_queries(client, f"{PRODUCTS}?page_size=50") == small


def test_category_list_and_tree_query_counts_do_not_grow(client_as: Client) -> None:
    client = client_as("customer")
    root = make_category("Root")
    make_product(category=make_category("Leaf", root))
    urls = [CATEGORIES, f"{CATEGORIES}tree/", f"{CATEGORIES}{root.pk}/descendants/"]
    small = [_count_queries(client, url) for url in urls]
    for i in range(20):
        make_product(category=make_category(f"Leaf {i}", root))
    assert [_count_queries(client, url) for url in urls] == small


def test_category_api_tree_move_and_delete(client_as: Client) -> None:
    client = client_as("procurement")
    beef = client.post(CATEGORIES, {"name": "Beef"}, format="json").json()
    primal = client.post(CATEGORIES, {"name": "Primal cuts", "parent": beef["id"]}, format="json")
    assert primal.status_code == 201
    rib = client.post(
        CATEGORIES, {"name": "Rib", "parent": primal.json()["id"]}, format="json"
    ).json()
    assert rib["level"] == 2
    pork = client.post(CATEGORIES, {"name": "Pork"}, format="json").json()
    make_product(category=Category.objects.get(pk=rib["id"]))

    tree = client.get(f"{CATEGORIES}tree/").json()
    assert [node["name"] for node in tree] == ["Beef", "Pork"]
    assert tree[0]["product_count"] == 1
    assert tree[0]["children"][0]["children"][0]["name"] == "Rib"

    refused = client.post(f"{CATEGORIES}{beef['id']}/move/", {"parent": rib["id"]}, format="json")
    assert refused.status_code == 409
    moved = client.post(
        f"{CATEGORIES}{primal.json()['id']}/move/", {"parent": pork["id"]}, format="json"
    )
    assert moved.status_code == 200
    ancestors = client.get(f"{CATEGORIES}{rib['id']}/ancestors/").json()
    assert [c["name"] for c in ancestors] == ["Pork", "Primal cuts"]
    descendants = client.get(f"{CATEGORIES}{pork['id']}/descendants/").json()
    assert [c["name"] for c in descendants] == ["Primal cuts", "Rib"]
    assert client.get(f"{CATEGORIES}{pork['id']}/").json()["product_count"] == 1

    not_empty = client.delete(f"{CATEGORIES}{primal.json()['id']}/")
    assert not_empty.status_code == 409
    assert (
        not_empty.json()["detail"] == "Category 'Primal cuts' cannot be deleted: has 1 subcategory."
    )
    assert not_empty.json()["reasons"] == ["has 1 subcategory"]
    assert client.get(f"{CATEGORIES}{primal.json()['id']}/").status_code == 200
    assert client.delete(f"{CATEGORIES}{beef['id']}/").status_code == 204


def test_tax_rates_are_written_by_finance_and_looked_up(client_as: Client) -> None:
    standard = make_tax_category()
    payload = {
        "tax_category": standard.pk,
        "region": "us-tx",
        "rate_percent": "6.2500",
        "valid_from": "2026-01-01",
    }
    assert client_as("procurement").post("/api/v1/tax-rates/", payload).status_code == 403
    created = client_as("finance").post("/api/v1/tax-rates/", payload)
    assert created.status_code == 201
    assert created.json()["region"] == "US-TX"
    assert client_as("finance").post("/api/v1/tax-rates/", payload).status_code == 409
    found = client_as("customer").get(
        f"/api/v1/tax-rates/lookup/?tax_category={standard.pk}&region=US-TX&on=2026-03-01"
    )
    assert found.status_code == 200
    assert found.json()["rate_percent"] == "6.2500"
    missing = client_as("sales").get(
        f"/api/v1/tax-rates/lookup/?tax_category={standard.pk}&region=US-TX&on=2025-03-01"
    )
    assert missing.status_code == 422


@pytest.mark.parametrize("url", ["/api/v1/tax-categories/", "/api/v1/tax-rates/"])
def test_tax_list_query_counts_do_not_grow(client_as: Client, url: str) -> None:
    from datetime import date, timedelta

    from procura.catalog.services.taxes import tax_rate_create

    client = client_as("sales")

    def add(n: int) -> None:
        for i in range(n):
            tax_category = make_tax_category(f"tc-{url[-5:-1]}-{i}-{n}", f"Tax {i}")
            tax_rate_create(
                tax_category=tax_category,
                region="US-TX",
                rate_percent=Decimal("1"),
                valid_from=date(2026, 1, 1) + timedelta(days=i),
                by=None,
            )

    add(2)
    small = _count_queries(client, url)
    add(20)
    assert _count_queries(client, url) == small
