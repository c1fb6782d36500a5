"""The receivables aging speaks in cents, whatever the database sums with."""

from __future__ import annotations

import re
from datetime import date

import pytest

from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.shipments import shipment_create
from procura.sales.tests.factories import make_order

pytestmark = pytest.mark.django_db
CENTS = re.compile(r"^-?\d+\.\d{2}$")


def test_every_aging_amount_has_exactly_two_decimals(world, client_as):
    for quantity in ("1.333", "2.5"):
        order = make_order(
            customer=world.customer,
            location=world.location,
            lines=[(world.product, quantity)],
            order_date=date(2026, 3, 1),
        )
        sales_order_confirm(order=order, by=None)
        shipment_create(order=order, by=None, ship_date=date(2026, 3, 1))
        customer_invoice_create(order=order, by=None, issue_date=date(2026, 3, 1))

    body = client_as("finance").get("/api/v1/receivables/aging/?as_of=2026-06-30").json()

    (row,) = body["rows"]
    amounts = {k: v for k, v in row.items() if k not in {"customer", "customer_code"}}
    amounts.pop("customer_name")
    amounts.pop("currency")
    assert amounts, row
    for key, value in amounts.items():
        assert CENTS.match(value), (key, value)
    assert row["current"] == "0.00"
