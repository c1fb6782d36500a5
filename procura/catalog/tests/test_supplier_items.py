from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from procura.catalog.services.products import product_deactivate
from procura.catalog.services.supplier_items import supplier_item_create, supplier_item_update
from procura.catalog.tests.factories import make_product
from procura.core.errors import Conflict
from procura.partners.tests.factories import make_supplier

pytestmark = pytest.mark.django_db

Client = Callable[..., APIClient]
URL = "/api/v1/supplier-items/"


def test_supplier_sku_is_unique_per_supplier() -> None:
    supplier, other = make_supplier(), make_supplier()
    product = make_product()
    item = supplier_item_create(
        supplier=supplier, product=product, supplier_sku=" x-1 ", price=Decimal("5"), by=None
    )
    assert item.supplier_sku == "X-1"
    with pytest.raises(Conflict):
        supplier_item_create(
            supplier=supplier,
            product=make_product(),
            supplier_sku="X-1",
            price=Decimal("1"),
            by=None,
        )
    supplier_item_create(
        supplier=other, product=product, supplier_sku="X-1", price=Decimal("5"), by=None
    )


def test_inactive_product_cannot_get_new_supplier_items() -> None:
    product = make_product()
    product_deactivate(product=product, by=None)
    with pytest.raises(Conflict):
        supplier_item_create(
            supplier=make_supplier(), product=product, supplier_sku="X", price=Decimal("1"), by=None
        )


def test_update_changes_price_and_lead_time() -> None:
    item = supplier_item_create(
        supplier=make_supplier(),
        product=make_product(),
        supplier_sku="X",
        price=Decimal("1"),
        by=None,
    )
    item = supplier_item_update(
        item=item, data={"price": Decimal("2.5"), "lead_time_days": 4}, by=None
    )
    assert item.price == Decimal("2.5")
    assert item.lead_time_days == 4


def test_api_staff_read_buyers_write_customers_see_nothing(client_as: Client) -> None:
    supplier, product = make_supplier(), make_product()
    payload = {
        "supplier": supplier.pk,
        "product": str(product.pk),
        "supplier_sku": "ac-112a",
        "price": "7.2500",
        "lead_time_days": 3,
        "minimum_order_quantity": "40.000",
    }
    assert client_as("sales").post(URL, payload, format="json").status_code == 403
    created = client_as("procurement").post(URL, payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["supplier_sku"] == "AC-112A"
    assert created.json()["product_sku"] == product.sku
    assert client_as("customer").get(URL).status_code == 403
    listing = client_as("sales").get(f"{URL}?product={product.pk}")
    assert listing.json()["count"] == 1


def test_list_query_count_does_not_grow(client_as: Client) -> None:
    client = client_as("procurement")

    def count() -> int:
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    for i in range(2):
        supplier_item_create(
            supplier=make_supplier(),
            product=make_product(),
            supplier_sku=f"S{i}",
            price=Decimal(1),
            by=None,
        )
    small = count()
    for i in range(20):
        supplier_item_create(
            supplier=make_supplier(),
            product=make_product(),
            supplier_sku=f"T{i}",
            price=Decimal(1),
            by=None,
        )
    assert count() == small
