"""Supplier invoices, the three-way match, approval for payment and payments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from procura.catalog.tests.factories import make_product
from procura.core.errors import Conflict, DomainError, InvalidInput, NotAllowed
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.models import PurchaseOrderStatus, SupplierInvoiceStatus
from procura.procurement.services.invoices import (
    supplier_invoice_accept_exception,
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
    supplier_invoice_void,
    supplier_payment_create,
)
from procura.procurement.services.matching import MatchException
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "buyer": make_person("procurement"),
        "clerk": make_person("finance"),
        "controller": make_person("finance"),
        "treasurer": make_person("finance"),
    }


@pytest.fixture
def received_order(people):
    """100 lb ordered at 4.25, 60 received."""
    order = make_order(people["buyer"], lines=[order_line(make_product(), "100", "4.25")])
    goods_receipt_post(
        order=order,
        by=people["buyer"],
        lines=[{"order_line": order.lines.get(), "quantity_received": Decimal("60")}],
    )
    return order


def enter(people, order, *, quantity="60", price="4.25", number="INV-881", **fields):
    line = order.lines.get()
    amount = (Decimal(quantity) * Decimal(price)).quantize(Decimal("0.01"))
    values: dict[str, Any] = {
        "subtotal": amount,
        "tax": Decimal(0),
        "total": amount,
        "invoice_date": date(2026, 3, 1),
        "lines": [
            {"order_line": line, "quantity": Decimal(quantity), "unit_price": Decimal(price)}
        ],
    }
    values.update(fields)
    return supplier_invoice_create(
        by=people["clerk"], supplier=order.supplier, invoice_number=number, **values
    )


def codes(invoice):
    return sorted(issue["code"] for issue in invoice.match_exceptions)


def test_invoice_matching_order_and_receipt_is_matched(people, received_order):
    invoice = enter(people, received_order)
    assert invoice.due_date == date(2026, 3, 1) + timedelta(days=received_order.payment_terms_days)
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoiceStatus.MATCHED
    assert invoice.match_exceptions == []


def test_duplicate_invoice_number_is_refused_naming_the_existing_one(people, received_order):
    first = enter(people, received_order)
    with pytest.raises(Conflict) as exc:
        enter(people, received_order, number=" inv-881 ")
    assert exc.value.code == Code.DUPLICATE_INVOICE
    assert f"id {first.pk}" in exc.value.detail
    assert exc.value.data == {"existing_invoice": first.pk}


def test_price_within_tolerance_matches_and_above_is_an_exception(people, received_order):
    within = enter(people, received_order, quantity="10", price="4.30", number="A1")
    supplier_invoice_match(invoice=within, by=people["clerk"])
    within.refresh_from_db()
    assert within.status == SupplierInvoiceStatus.MATCHED  # 2% of 4.25 = 0.085

    above = enter(people, received_order, quantity="10", price="4.40", number="A2")
    supplier_invoice_match(invoice=above, by=people["clerk"])
    above.refresh_from_db()
    assert above.status == SupplierInvoiceStatus.EXCEPTION
    assert codes(above) == [MatchException.PRICE_OVER_TOLERANCE]


def test_quantity_not_received_counts_other_invoices(people, received_order):
    first = enter(people, received_order, quantity="50", number="B1")
    supplier_invoice_match(invoice=first, by=people["clerk"])
    second = enter(people, received_order, quantity="20", number="B2")
    supplier_invoice_match(invoice=second, by=people["clerk"])
    second.refresh_from_db()
    assert codes(second) == [MatchException.QUANTITY_NOT_RECEIVED]
    assert "70" in second.match_exceptions[0]["message"]


def test_every_exception_reason_is_listed(people, received_order):
    invoice = supplier_invoice_create(
        by=people["clerk"],
        supplier=received_order.supplier,
        invoice_number="C1",
        invoice_date=date(2026, 3, 1),
        subtotal=Decimal("1000.00"),
        tax=Decimal("10.00"),
        total=Decimal("1000.00"),
        lines=[
            {
                "order_line": received_order.lines.get(),
                "quantity": Decimal("80"),
                "unit_price": Decimal("5"),
            },
            {
                "description": "Fuel surcharge",
                "quantity": Decimal("1"),
                "unit_price": Decimal("35"),
            },
        ],
    )
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    invoice.refresh_from_db()
    assert codes(invoice) == sorted(
        [
            MatchException.PRICE_OVER_TOLERANCE,
            MatchException.QUANTITY_NOT_RECEIVED,
            MatchException.LINE_NOT_ON_ORDER,
            MatchException.TOTALS_DO_NOT_ADD_UP,
            MatchException.TOTALS_DO_NOT_ADD_UP,
        ]
    )


def test_exception_accepted_by_finance_with_comment(people, received_order):
    invoice = enter(people, received_order, quantity="10", price="4.60", number="D1")
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    with pytest.raises(InvalidInput):
        supplier_invoice_accept_exception(invoice=invoice, by=people["controller"], comment="")
    supplier_invoice_accept_exception(
        invoice=invoice, by=people["controller"], comment="Agreed price rise by phone"
    )
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoiceStatus.MATCHED
    assert invoice.exception_accepted_by == people["controller"]
    with pytest.raises(Conflict):
        supplier_invoice_accept_exception(invoice=invoice, by=people["controller"], comment="x")


def test_enterer_cannot_approve_or_pay(people, received_order):
    invoice = enter(people, received_order)
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    with pytest.raises(NotAllowed) as exc:
        supplier_invoice_approve(invoice=invoice, by=people["clerk"])
    assert exc.value.code == Code.SEGREGATION_OF_DUTIES
    supplier_invoice_approve(invoice=invoice, by=people["controller"])
    with pytest.raises(NotAllowed):
        supplier_payment_create(
            invoice=invoice,
            by=people["clerk"],
            amount=Decimal("1"),
            paid_on=date(2026, 3, 5),
            method="ach",
        )


def pay(invoice, by, amount="1"):
    return supplier_payment_create(
        invoice=invoice, by=by, amount=Decimal(amount), paid_on=date(2026, 3, 5), method="ach"
    )


def sod_refusal(call) -> str:
    with pytest.raises(NotAllowed) as exc:
        call()
    assert exc.value.code == Code.SEGREGATION_OF_DUTIES
    return str(exc.value.detail)


def test_enterer_cannot_accept_the_match_exception(people, received_order):
    invoice = enter(people, received_order, quantity="10", price="4.60", number="S1")
    supplier_invoice_match(invoice=invoice, by=people["clerk"])

    detail = sod_refusal(
        lambda: supplier_invoice_accept_exception(
            invoice=invoice, by=people["clerk"], comment="fine by me"
        )
    )

    assert detail == "You entered this invoice; someone else must accept its match exception."
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoiceStatus.EXCEPTION
    assert invoice.exception_accepted_by is None


def test_whoever_accepted_the_exception_neither_approves_nor_pays(people, received_order):
    invoice = enter(people, received_order, quantity="10", price="4.60", number="S2")
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_accept_exception(invoice=invoice, by=people["controller"], comment="Agreed")

    assert "You accepted the match exception of this invoice" in sod_refusal(
        lambda: supplier_invoice_approve(invoice=invoice, by=people["controller"])
    )
    supplier_invoice_approve(invoice=invoice, by=people["treasurer"])
    assert sod_refusal(lambda: pay(invoice, people["controller"])).startswith(
        "You accepted the match exception"
    )
    assert sod_refusal(lambda: pay(invoice, people["treasurer"])) == (
        "You approved this invoice; someone else must pay it."
    )
    pay(invoice, make_person("finance"))
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoiceStatus.PARTIALLY_PAID


def test_approver_cannot_pay_administrators_included(people, received_order):
    admin = make_person("admin")
    invoice = enter(people, received_order)
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_approve(invoice=invoice, by=admin)

    sod_refusal(lambda: pay(invoice, admin))

    invoice.refresh_from_db()
    assert invoice.amount_paid == 0
    assert invoice.payments.count() == 0
    pay(invoice, people["treasurer"])
    pay(invoice, people["treasurer"])  # the same payer pays the rest: one duty
    invoice.refresh_from_db()
    assert invoice.amount_paid == Decimal("2.00")


def test_unmatched_invoice_cannot_be_approved_or_paid(people, received_order):
    invoice = enter(people, received_order)
    with pytest.raises(Conflict):
        supplier_invoice_approve(invoice=invoice, by=people["controller"])
    with pytest.raises(Conflict):
        supplier_payment_create(
            invoice=invoice,
            by=people["treasurer"],
            amount=Decimal("1"),
            paid_on=date(2026, 3, 5),
            method="ach",
        )


def test_partial_then_full_payment_and_the_order_closes(people):
    order = make_order(people["buyer"], lines=[order_line(make_product(), "10", "10")])
    goods_receipt_post(
        order=order,
        by=people["buyer"],
        lines=[{"order_line": order.lines.get(), "quantity_received": Decimal("10")}],
    )
    invoice = enter(people, order, quantity="10", price="10")
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_approve(invoice=invoice, by=people["controller"])

    supplier_payment_create(
        invoice=invoice,
        by=people["treasurer"],
        amount=Decimal("40"),
        paid_on=date(2026, 3, 10),
        method="ach",
        reference="ACH-1",
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == (
        SupplierInvoiceStatus.PARTIALLY_PAID,
        Decimal("60"),
    )
    with pytest.raises(DomainError) as exc:
        supplier_payment_create(
            invoice=invoice,
            by=people["treasurer"],
            amount=Decimal("60.01"),
            paid_on=date(2026, 3, 11),
            method="ach",
        )
    assert exc.value.code == Code.OVERPAYMENT

    supplier_payment_create(
        invoice=invoice,
        by=people["treasurer"],
        amount=Decimal("60"),
        paid_on=date(2026, 3, 12),
        method="wire",
    )
    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == SupplierInvoiceStatus.PAID
    assert order.status == PurchaseOrderStatus.CLOSED
    assert order.lines.get().quantity_invoiced == Decimal("10")


def test_void_rules(people, received_order):
    invoice = enter(people, received_order)
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_approve(invoice=invoice, by=people["controller"])
    assert received_order.lines.get().quantity_invoiced == Decimal("60")
    supplier_invoice_void(invoice=invoice, by=people["controller"], reason="Sent twice")
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoiceStatus.VOID
    assert received_order.lines.get().quantity_invoiced == Decimal("0")
    with pytest.raises(Conflict):
        supplier_invoice_void(invoice=invoice, by=people["controller"], reason="again")

    paid = enter(people, received_order, quantity="10", number="E2")
    supplier_invoice_match(invoice=paid, by=people["clerk"])
    supplier_invoice_approve(invoice=paid, by=people["controller"])
    supplier_payment_create(
        invoice=paid,
        by=people["treasurer"],
        amount=Decimal("1"),
        paid_on=date(2026, 3, 5),
        method="check",
    )
    with pytest.raises(Conflict):
        supplier_invoice_void(invoice=paid, by=people["controller"], reason="x")


def test_line_of_another_suppliers_order_is_refused(people, received_order):
    other = make_order(people["buyer"])
    with pytest.raises(InvalidInput):
        enter(
            people,
            received_order,
            lines=[
                {"order_line": other.lines.get(), "quantity": Decimal(1), "unit_price": Decimal(1)}
            ],
        )
