"""Receivables on fixed dates: aging buckets, balances, statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from procura.sales.receivables import (
    bucket_for,
    customer_statement,
    receivables_aging,
    receivables_balances,
)
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.payments import customer_payment_create
from procura.sales.services.shipments import shipment_create
from procura.sales.tests.factories import make_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-5, "current"),
        (0, "current"),
        (1, "1_30"),
        (30, "1_30"),
        (31, "31_60"),
        (60, "31_60"),
        (61, "61_90"),
        (90, "61_90"),
        (91, "over_90"),
    ],
)
def test_bucket_edges(days, bucket):
    assert bucket_for(days) == bucket


def _invoice(world, quantity: str, issued: date):
    order = make_order(
        customer=world.customer,
        location=world.location,
        lines=[(world.product, quantity)],
        order_date=issued,
    )
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None, ship_date=issued)
    return customer_invoice_create(order=order, by=None, issue_date=issued)


def test_aging_buckets_as_of_fixed_dates(world):
    # given invoices (net 30) issued so that on 2026-06-30 they are 0, 15, 45, 75 and 120
    # days past due, and a payment received on 2026-07-10 for the oldest
    due_offsets = {0: "1", 15: "2", 45: "3", 75: "4", 120: "5"}
    invoices = {}
    for days, qty in due_offsets.items():
        issued = date.fromordinal(date(2026, 6, 30).toordinal() - days - 30)
        invoices[days] = _invoice(world, qty, issued)
    customer_payment_create(
        customer=world.customer,
        amount=invoices[120].total,
        method="ach",
        by=None,
        received_on=date(2026, 7, 10),
        allocations=[{"invoice": invoices[120], "amount": invoices[120].total}],
    )
    # when
    (row,) = receivables_aging(as_of=date(2026, 6, 30))
    # then each sits in its bucket; the later payment does not count yet
    assert row.buckets == {
        "current": D("10.83"),
        "1_30": D("21.65"),
        "31_60": D("32.48"),
        "61_90": D("43.30"),
        "over_90": D("54.13"),
    }
    # and on 2026-07-10 the paid invoice is gone and the others have aged
    (later,) = receivables_aging(as_of=date(2026, 7, 10))
    assert later.buckets["over_90"] == D("0")
    assert later.buckets["1_30"] == D("10.83") + D("21.65")
    # and an invoice issued after the as-of date does not appear
    assert receivables_aging(as_of=date(2025, 1, 1)) == []


def test_balance_and_statement(world):
    invoice = _invoice(world, "10", date(2026, 3, 1))  # 108.25
    customer_payment_create(
        customer=world.customer,
        amount=D("150.00"),
        method="wire",
        by=None,
        received_on=date(2026, 3, 20),
    )
    # then the balance is a credit of 41.75
    (balance,) = receivables_balances()
    assert (balance.open_invoices, balance.unapplied_credit, balance.balance) == (
        D("0"),
        D("41.75"),
        D("-41.75"),
    )
    # and the statement runs from the opening balance
    statement = customer_statement(
        customer=world.customer, date_from=date(2026, 3, 2), date_to=date(2026, 3, 31)
    )
    assert statement.opening_balance == D("108.25")
    assert [(e.kind, e.amount, e.balance) for e in statement.entries] == [
        ("payment", D("-150.00"), D("-41.75"))
    ]
    assert invoice.number not in [e.number for e in statement.entries]
