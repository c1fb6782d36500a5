"""Adjusting catch-weight stock by lot: cases and their actual net weight, through the API."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from procura.catalog.models import Product
from procura.inventory.models import Lot, LotStock, StockLevel, StockMovement
from procura.inventory.tests.factories import LocationFactory, ProductFactory

pytestmark = pytest.mark.django_db

ADJUSTMENTS = "/api/v1/stock/adjustments/"


@pytest.fixture
def ribeye() -> Product:
    product = ProductFactory.create(sku="BEEF-RIBEYE-ADJ", unit="case")
    Product.objects.filter(pk=product.pk).update(
        lot_tracked=True,
        catch_weight=True,
        weight_unit="lb",
        nominal_weight=D("60"),
        weight_tolerance_percent=D("10"),
    )
    product.refresh_from_db()
    return product


@pytest.fixture
def cold():
    return LocationFactory.create()


def adjust(client, product, location, **fields):
    body = {"product": str(product.pk), "location": location.pk, "reason": "Found in cold store"}
    return client.post(ADJUSTMENTS, {**body, **fields}, format="json")


def test_found_cases_of_a_new_lot_come_in_with_their_weight_and_leave_by_lot(
    client_as, ribeye, cold
):
    client = client_as("warehouse")
    use_by = (timezone.localdate() + timedelta(days=30)).isoformat()

    added = adjust(
        client, ribeye, cold, quantity="2", lot_code="aj-1", weight="121.4", use_by=use_by
    )

    assert added.status_code == 201, added.json()
    [movement] = added.json()["movements"]
    assert (movement["kind"], movement["quantity"]) == ("adjustment", "2.000")
    lot = Lot.objects.get(product=ribeye)
    assert StockMovement.objects.get(pk=movement["id"]).weight == D("121.400")
    assert lot.use_by is not None
    assert (lot.code, lot.use_by.isoformat()) == ("AJ-1", use_by)
    stock = LotStock.objects.get(lot=lot, location=cold)
    assert (stock.on_hand, stock.weight_on_hand) == (D("2.000"), D("121.400"))

    removed = adjust(
        client, ribeye, cold, quantity="-1", lot_code="AJ-1", weight="59.9", reason="Torn bag"
    )

    assert removed.status_code == 201, removed.json()
    stock.refresh_from_db()
    assert (stock.on_hand, stock.weight_on_hand) == (D("1.000"), D("61.500"))
    level = client.get("/api/v1/stock-levels/", {"product": str(ribeye.pk)}).json()["results"][0]
    assert (level["catch_weight"], level["lot_tracked"], level["weight_unit"]) == (True, True, "lb")
    assert (level["on_hand"], level["weight_on_hand"]) == ("1.000", "61.500")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"quantity": "2", "weight": "120"}, "lot_code", "lot-tracked"),
        ({"quantity": "2", "lot_code": "AJ-2"}, "weight", "actual net weight"),
        ({"quantity": "2", "lot_code": "AJ-2", "weight": "150"}, "weight", "tolerance"),
        ({"quantity": "-1", "lot_code": "NOPE", "weight": "60"}, "lot_code", "no lot NOPE"),
        ({"quantity": "1", "lot_code": "AJ-2", "weight": "abc"}, "weight", ""),
        ({"quantity": "1", "lot_code": "AJ-2", "weight": "60", "use_by": "31/12"}, "use_by", ""),
    ],
)
def test_bad_catch_weight_adjustments_are_field_errors_and_change_nothing(
    client_as, ribeye, cold, fields, field, message
):
    response = adjust(client_as("warehouse"), ribeye, cold, **fields)

    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert field in errors, errors
    assert message in errors[field][0]
    assert not StockMovement.objects.exists()
    assert not StockLevel.objects.filter(on_hand__gt=0).exists()
    assert not Lot.objects.filter(code="AJ-2").exists()


def test_a_lot_on_a_product_not_tracked_by_lot_is_refused(client_as, cold):
    product = ProductFactory.create(sku="TWINE-ADJ", unit="each")

    response = adjust(client_as("warehouse"), product, cold, quantity="5", lot_code="X1")

    assert response.status_code == 400
    assert "not tracked by lot" in response.json()["errors"]["lot_code"][0]
    assert not StockMovement.objects.exists()
