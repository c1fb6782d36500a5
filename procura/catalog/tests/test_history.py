"""``GET /api/v1/<catalog resource>/{id}/history/``: the object's audit events, for staff."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from procura.accounts.tests.history import history_query_counts, history_url
from procura.catalog.services.products import product_deactivate, product_update
from procura.catalog.services.supplier_items import supplier_item_create
from procura.catalog.services.taxes import tax_rate_create
from procura.catalog.tests.factories import make_category, make_product, make_tax_category
from procura.partners.tests.factories import make_supplier

pytestmark = pytest.mark.django_db

Client = Callable[..., Any]  # an APIClient with the signed-in user on .user


def test_product_change_shows_in_its_history_with_before_and_after(client_as: Client) -> None:
    product = make_product(list_price=Decimal("10.00"))
    buyer = client_as("procurement")
    patched = buyer.patch(f"/api/v1/products/{product.pk}/", {"list_price": "12.50"}, format="json")
    assert patched.status_code == 200, patched.json()

    response = client_as("sales").get(history_url("products", product.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    newest = body["results"][0]
    assert newest["action"] == "product.updated"
    assert newest["actor_email"] == buyer.user.email
    assert newest["object_type"] == "catalog.product"
    assert newest["object_id"] == str(product.pk)
    assert newest["changes"]["list_price"] == {"before": "10.0000", "after": "12.5000"}
    assert body["results"][1]["action"] == "product.created"


def test_product_history_leaves_out_other_products(client_as: Client) -> None:
    product, other = make_product(), make_product()
    product_deactivate(product=other, by=None)

    results = client_as("auditor").get(history_url("products", product.pk)).json()["results"]

    assert [event["action"] for event in results] == ["product.created"]


def test_customer_cannot_read_product_history(client_as: Client) -> None:
    product = make_product()

    customer = client_as("customer")

    assert customer.get(f"/api/v1/products/{product.pk}/").status_code == 200
    assert customer.get(history_url("products", product.pk)).status_code == 403


def test_unknown_or_hidden_object_has_no_history(client_as: Client) -> None:
    hidden = make_product()
    product_deactivate(product=hidden, by=None)

    assert client_as("procurement").get(history_url("products", 999_999)).status_code == 404
    assert client_as("customer").get(history_url("products", hidden.pk)).status_code in {403, 404}


def test_supplier_items_history_is_staff_only_like_the_item(client_as: Client) -> None:
    item = supplier_item_create(
        supplier=make_supplier(),
        product=make_product(),
        supplier_sku="PP-112A",
        price=Decimal("7.25"),
        by=None,
    )

    staff = client_as("procurement").get(history_url("supplier-items", item.pk))

    assert staff.status_code == 200
    assert [e["action"] for e in staff.json()["results"]] == ["supplier_item.created"]
    assert client_as("customer").get(history_url("supplier-items", item.pk)).status_code == 403


def test_categories_and_tax_data_have_a_history(client_as: Client) -> None:
    category = make_category("Beef")
    tax_category = make_tax_category()
    rate = tax_rate_create(
        tax_category=tax_category,
        region="US-TX",
        rate_percent=Decimal("6.25"),
        valid_from=date(2026, 1, 1),
        by=None,
    )
    auditor = client_as("auditor")

    for resource, pk, action in [
        ("categories", category.pk, "category.created"),
        ("tax-categories", tax_category.pk, "tax_category.created"),
        ("tax-rates", rate.pk, "tax_rate.created"),
    ]:
        response = auditor.get(history_url(resource, pk))
        assert response.status_code == 200, resource
        assert [e["action"] for e in response.json()["results"]] == [action]


def test_history_query_count_does_not_grow_with_events(client_as: Client) -> None:
    few, many = make_product(), make_product()
    product_update(product=few, data={"name": "Few changes 1"}, by=None)
    for n in range(20):
        product_update(product=many, data={"name": f"Many changes {n}"}, by=None)

    small, large = history_query_counts(client_as("procurement"), "products", few.pk, many.pk)

    assert large == small
