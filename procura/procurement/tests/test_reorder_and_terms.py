"""Supplier terms on order lines (price, lead time, minimum order quantity, pack size), reorder
to order from the low-stock list, and supplier performance."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from procura.catalog.services.supplier_items import supplier_item_create
from procura.catalog.tests.factories import make_product
from procura.inventory.services import reorder_rule_set
from procura.procurement.models import PurchaseOrder, ReorderDraft
from procura.procurement.services.orders import purchase_order_create
from procura.procurement.services.reorder import reorder_policy_set, reorder_scheduled
from procura.procurement.services.supplier_terms import round_to_terms
from procura.procurement.tests.factories import (
    make_location,
    make_person,
    make_supplier_with_contact,
    order_line,
)

pytestmark = pytest.mark.django_db


def _item(supplier, product, price: str, *, moq: str = "0", pack: str = "0", lead: int = 0):
    return supplier_item_create(
        supplier=supplier,
        product=product,
        supplier_sku=f"S-{product.sku}-{supplier.pk}",
        price=Decimal(price),
        by=None,
        currency="USD",
        lead_time_days=lead,
        minimum_order_quantity=Decimal(moq),
        pack_size=Decimal(pack),
    )


def test_a_product_line_takes_the_supplier_price_and_the_order_its_lead_time(org, as_user):
    supplier = make_supplier_with_contact(currency="USD")
    beef = make_product(unit="lb")
    _item(supplier, beef, "3.7500", moq="500", pack="40", lead=6)
    buyer = make_person("procurement")

    order = purchase_order_create(
        by=buyer,
        supplier=supplier,
        ship_to=make_location(),
        currency="USD",
        lines=[{"product": beef, "quantity": Decimal("100")}],
    )

    line = order.lines.get()
    assert (line.unit_price, line.unit) == (Decimal("3.7500"), "lb")
    assert order.expected_date == timezone.localdate() + timedelta(days=6)
    detail = as_user(buyer).get(f"/api/v1/purchase-orders/{order.pk}/").json()
    assert detail["line_warnings"][str(line.pk)] == [
        f"Below {supplier.name}'s minimum order quantity of 500.000 lb.",
        f"{supplier.name} sells this in packs of 40.000 lb.",
    ]


def test_a_price_given_on_the_line_wins(org):
    supplier = make_supplier_with_contact(currency="USD")
    beef = make_product(unit="lb")
    _item(supplier, beef, "3.7500")
    order = purchase_order_create(
        by=make_person("procurement"),
        supplier=supplier,
        ship_to=make_location(),
        currency="USD",
        lines=[order_line(beef, "10", "3.5000")],
    )
    assert order.lines.get().unit_price == Decimal("3.5000")


@pytest.mark.parametrize(
    ("needed", "moq", "pack", "expected"),
    [
        ("10", "0", "0", "10.000"),
        ("10", "25", "0", "25.000"),
        ("30", "25", "12", "36.000"),
        ("36", "0", "12", "36.000"),
        ("0.5", "0", "0.25", "0.500"),
    ],
)
def test_round_to_terms(needed, moq, pack, expected):
    class Item:
        minimum_order_quantity = Decimal(moq)
        pack_size = Decimal(pack)

    assert round_to_terms(Decimal(needed), Item()) == Decimal(expected)  # type: ignore[arg-type]


def test_reorder_drafts_one_order_per_preferred_supplier_rounded_and_not_twice(org, as_user):
    location = make_location()
    cheap, dear = (
        make_supplier_with_contact(currency="USD"),
        make_supplier_with_contact(currency="USD"),
    )
    beef, pork, lamb = (make_product(unit="lb") for _ in range(3))
    _item(cheap, beef, "3.00", moq="100", pack="40", lead=4)
    _item(dear, beef, "3.50")
    _item(cheap, pork, "2.00", pack="25")
    _item(dear, lamb, "9.00", lead=10)
    no_supplier = make_product(unit="lb")
    for product in (beef, pork, lamb, no_supplier):
        reorder_rule_set(
            product=product, location=location, reorder_point=50, reorder_quantity=90, by=None
        )
    buyer = make_person("procurement")

    response = as_user(buyer).post("/api/v1/reorder-drafts/", {"kind": "order"}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["orders"]) == 2
    assert {row["reason"] for row in body["skipped"]} == {"no supplier item"}
    from_cheap = PurchaseOrder.objects.get(supplier=cheap)
    quantities = {line.product_id: line.quantity for line in from_cheap.lines.all()}
    assert quantities == {beef.pk: Decimal("120.000"), pork.pk: Decimal("100.000")}
    assert from_cheap.status == "draft"
    assert from_cheap.expected_date == timezone.localdate() + timedelta(days=4)
    again = as_user(buyer).post("/api/v1/reorder-drafts/", {}, format="json").json()
    assert again["orders"] == []
    assert {row["reason"] for row in again["skipped"]} == {"no supplier item", "already on order"}


def test_the_daily_job_drafts_per_rule_policy(org):
    location = make_location()
    supplier = make_supplier_with_contact(currency="USD")
    beef, pork = make_product(unit="lb"), make_product(unit="lb")
    _item(supplier, beef, "3.00")
    _item(supplier, pork, "2.00")
    auto = reorder_rule_set(
        product=beef, location=location, reorder_point=5, reorder_quantity=20, by=None
    )
    reorder_rule_set(product=pork, location=location, reorder_point=5, reorder_quantity=20, by=None)
    buyer = make_person("procurement")
    reorder_policy_set(rule=auto, auto_draft=ReorderDraft.ORDER, by=buyer)

    result = reorder_scheduled()

    [order] = result.orders
    assert [line.product_id for line in order.lines.all()] == [beef.pk]
    assert order.created_by == buyer
    assert reorder_scheduled().orders == []


def test_supplier_performance_from_receipts_and_invoices(org, as_user):
    from procura.procurement.services.receipts import goods_receipt_post
    from procura.procurement.tests.factories import make_order

    buyer = make_person("procurement", spending_limit=Decimal("100000"))
    supplier = make_supplier_with_contact()
    product = make_product()
    order = make_order(buyer, supplier=supplier, lines=[order_line(product, "10", "5.00")])
    PurchaseOrder.objects.filter(pk=order.pk).update(
        expected_date=timezone.localdate() + timedelta(days=1)
    )
    line = order.lines.get()
    goods_receipt_post(
        by=make_person("warehouse"),
        order=order,
        lines=[{"order_line": line, "quantity_received": Decimal("10")}],
    )

    body = as_user(buyer).get(f"/api/v1/supplier-performance/{supplier.pk}/").json()

    assert body["receipts"] == 1
    assert body["on_time_percent"] == "100.00"
    assert body["quantity_accuracy_percent"] == "100.00"
    assert body["price_accuracy_percent"] is None
    assert body["rating_percent"] == "100.00"
