"""Catch-weight and lot settings are written through the product API like any other field, with
field errors for an incomplete setup and a 409 once stock would be reinterpreted."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from procura.catalog.models import Product
from procura.catalog.tests.factories import make_category, make_product, make_tax_category
from procura.inventory import services as inventory

pytestmark = pytest.mark.django_db

Client = Callable[..., APIClient]
PRODUCTS = "/api/v1/products/"


def payload(**fields: object) -> dict[str, object]:
    body: dict[str, object] = {
        "sku": "bf-brisket-cs",
        "name": "Beef brisket, case",
        "category": make_category().pk,
        "unit": "case",
        "list_price": "4.8500",
        "tax_category": make_tax_category().pk,
        "lot_tracked": True,
        "catch_weight": True,
        "weight_unit": "lb",
        "nominal_weight": "60.000",
        "weight_tolerance_percent": "8",
    }
    body.update(fields)
    return body


def test_buyer_creates_a_catch_weight_product(client_as: Client) -> None:
    response = client_as("procurement").post(PRODUCTS, payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["catch_weight"] is True
    assert body["lot_tracked"] is True
    assert body["weight_unit"] == "lb"
    assert body["nominal_weight"] == "60.000"
    assert body["weight_tolerance_percent"] == "8.00"
    product = Product.objects.get()
    assert product.nominal_weight == Decimal("60")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weight_unit": ""}, "weight_unit"),
        ({"nominal_weight": None}, "nominal_weight"),
        ({"nominal_weight": "0"}, "nominal_weight"),
        ({"weight_tolerance_percent": "101"}, "weight_tolerance_percent"),
        ({"unit": "lb"}, "unit"),
        ({"weight_unit": "oz"}, "weight_unit"),
    ],
)
def test_incomplete_catch_weight_setup_is_a_field_error(
    client_as: Client, fields: dict[str, object], field: str
) -> None:
    response = client_as("procurement").post(PRODUCTS, payload(**fields), format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]
    assert not Product.objects.exists()


def test_product_becomes_catch_weight_by_patch_and_the_change_is_audited(
    client_as: Client,
) -> None:
    product = make_product(unit="case")
    client = client_as("procurement")
    response = client.patch(
        f"{PRODUCTS}{product.pk}/",
        {"catch_weight": True, "weight_unit": "kg", "nominal_weight": "27.5"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    product.refresh_from_db()
    assert product.catch_weight
    assert product.weight_unit == "kg"
    assert product.nominal_weight == Decimal("27.5")
    history = client.get(f"{PRODUCTS}{product.pk}/history/").json()
    changes = history["results"][0]["changes"]
    assert "catch_weight" in changes


def test_catch_weight_cannot_change_under_stock(client_as: Client) -> None:
    product = make_product(unit="case")
    location = inventory.location_create(code="cs-1", name="Cold store", by=None)
    inventory.stock_receive(
        product=product, location=location, quantity="5", unit_cost="120", by=None
    )
    response = client_as("procurement").patch(
        f"{PRODUCTS}{product.pk}/",
        {"catch_weight": True, "weight_unit": "lb", "nominal_weight": "60"},
        format="json",
    )
    assert response.status_code == 409, response.json()
    body = response.json()
    assert body["code"] == "stock_shape_locked"
    assert "catch_weight" in body["errors"]
    product.refresh_from_db()
    assert not product.catch_weight
    # The nominal weight and tolerance stay editable: they do not reinterpret the ledger.
    response = client_as("procurement").patch(
        f"{PRODUCTS}{product.pk}/", {"weight_tolerance_percent": "5"}, format="json"
    )
    assert response.status_code == 200, response.json()
