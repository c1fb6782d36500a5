"""A supplier's credit note is posted by finance without a three-way match and applied to the
supplier's open invoices as a ``credit_note`` settlement: the invoice balance, the work queue's
invoices to pay and the payables aging drop; credit left shows in the aging as negative."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.conf import settings
from django.utils import timezone

from procura.audit.models import AuditChainHead, AuditEvent
from procura.catalog.tests.factories import make_product
from procura.core.errors import DomainError
from procura.core.testing import run_concurrently
from procura.procurement.models import SupplierInvoice, SupplierPayment
from procura.procurement.services.credit_notes import credit_note_apply, credit_note_post
from procura.procurement.services.invoices import (
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
)
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db

INVOICES = "/api/v1/supplier-invoices/"
AGING = "/api/v1/reports/ap-aging/"


@pytest.fixture
def people():
    return {
        "buyer": make_person("procurement"),
        "clerk": make_person("finance"),
        "controller": make_person("finance"),
    }


@pytest.fixture
def order(people):
    """10 cases at 50.00, all received."""
    order = make_order(people["buyer"], lines=[order_line(make_product(), "10", "50.00")])
    goods_receipt_post(
        order=order,
        by=people["buyer"],
        lines=[{"order_line": order.lines.get(), "quantity_received": D(10)}],
    )
    return order


def approved_invoice(people, order, number="INV-100", cases="10"):
    line = order.lines.get()
    amount = (D(cases) * line.unit_price).quantize(D("0.01"))
    invoice = supplier_invoice_create(
        by=people["clerk"],
        supplier=order.supplier,
        invoice_number=number,
        invoice_date=timezone.localdate(),
        subtotal=amount,
        total=amount,
        purchase_order=order,
        lines=[{"order_line": line, "quantity": D(cases), "unit_price": line.unit_price}],
    )
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    return supplier_invoice_approve(invoice=invoice, by=people["controller"])


def credit_note_body(order, *, number="CN-7", amount="120.00", tax="0.00", **extra):
    subtotal = D(amount)
    return {
        "kind": "credit_note",
        "supplier": order.supplier_id,
        "invoice_number": number,
        "invoice_date": timezone.localdate().isoformat(),
        "subtotal": str(subtotal),
        "tax": tax,
        "total": str(subtotal + D(tax)),
        "lines": [{"description": "Price correction", "quantity": "1", "unit_price": amount}],
        **extra,
    }


def enter_credit_note(client, order, **kwargs):
    response = client.post(INVOICES, credit_note_body(order, **kwargs), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def current_step(body):
    return next(s["label"] for s in body["workflow"]["steps"] if s["state"] == "current")


def aging_total(client, supplier_id):
    rows = client.get(AGING).json()["rows"]
    return sum(D(row["total"]) for row in rows if row["supplier_id"] == supplier_id)


def test_posting_a_credit_note_naming_an_open_invoice_applies_it(people, order, client_as):
    invoice = approved_invoice(people, order)
    clerk = client_as(user=people["clerk"])
    note = enter_credit_note(clerk, order, credited_invoice=invoice.pk)
    assert (note["kind"], note["status"], note["credited_invoice_number"]) == (
        "credit_note",
        "draft",
        "INV-100",
    )
    actions = {a["action"]: a for a in note["available_actions"]}
    assert "supplier_invoice.match" not in actions
    # whoever entered it does not post it
    assert actions["supplier_invoice.post_credit_note"]["allowed"] is False
    assert clerk.post(f"{INVOICES}{note['id']}/post-credit-note/").status_code == 403
    finance = client_as(user=people["controller"])
    assert aging_total(finance, order.supplier_id) == D("500.00")

    posted = finance.post(f"{INVOICES}{note['id']}/post-credit-note/", {}, format="json")

    assert posted.status_code == 200, posted.json()
    body = posted.json()
    assert (body["status"], body["balance"], body["amount_paid"]) == ("paid", "0.00", "120.00")
    assert [(a["invoice_number"], a["amount"]) for a in body["credit_applications"]] == [
        ("INV-100", "120.00")
    ]
    assert current_step(body) == "Applied"
    assert "INV-100" in [d["number"] for d in body["related_documents"]]
    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (D("380.00"), "partially_paid")
    settlement = SupplierPayment.objects.get(invoice=invoice)
    assert (settlement.method, settlement.reference, settlement.credit_note_id) == (
        "credit_note",
        "CN-7",
        note["id"],
    )
    assert aging_total(finance, order.supplier_id) == D("380.00")
    shown = finance.get(f"{INVOICES}{invoice.pk}/").json()
    assert [p["method"] for p in shown["payments"]] == ["credit_note"]
    assert "CN-7" in [d["number"] for d in shown["related_documents"]]
    assert (
        AuditEvent.objects.filter(
            action__in=[
                "supplier_invoice.credit_note_posted",
                "supplier_invoice.credit_note_applied",
            ],
            object_id=str(note["id"]),
        ).count()
        == 2
    )
    # nothing is paid on a credit note
    paid = finance.post(
        "/api/v1/supplier-payments/",
        {"invoice": note["id"], "amount": "1.00", "paid_on": "2026-01-01", "method": "wire"},
        format="json",
    )
    assert paid.status_code == 409


def test_credit_left_is_negative_in_the_aging_until_applied_by_hand(people, order, client_as):
    note = enter_credit_note(client_as(user=people["clerk"]), order, amount="700.00")
    finance = client_as(user=people["controller"])
    posted = finance.post(f"{INVOICES}{note['id']}/post-credit-note/", {}, format="json")
    assert posted.status_code == 200, posted.json()
    assert (posted.json()["status"], posted.json()["balance"]) == ("approved", "700.00")
    assert current_step(posted.json()) == "Posted"
    assert aging_total(finance, order.supplier_id) == D("-700.00")

    invoice = approved_invoice(people, order)
    assert aging_total(finance, order.supplier_id) == D("-200.00")
    url = f"{INVOICES}{note['id']}/apply-credit-note/"
    too_much = finance.post(url, {"invoice": invoice.pk, "amount": "500.01"}, format="json")
    part = finance.post(url, {"invoice": invoice.pk, "amount": "200.00"}, format="json")
    rest = finance.post(url, {"invoice": invoice.pk}, format="json")
    nothing_left = finance.post(url, {"invoice": invoice.pk}, format="json")

    assert too_much.status_code == 409
    assert too_much["Content-Type"].startswith("application/problem+json")
    assert "500.01" in too_much.json()["errors"]["amount"][0]
    assert part.status_code == 200, part.json()
    assert (part.json()["status"], part.json()["balance"]) == ("partially_paid", "500.00")
    assert current_step(part.json()) == "Partly applied"
    # the rest: up to the invoice's balance of 300.00
    assert rest.status_code == 200, rest.json()
    assert (rest.json()["status"], rest.json()["balance"]) == ("partially_paid", "200.00")
    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (D("0.00"), "paid")
    assert nothing_left.status_code == 409  # the invoice is paid
    assert aging_total(finance, order.supplier_id) == D("-200.00")


def test_a_credit_note_applies_only_to_its_suppliers_open_invoices(people, order, client_as):
    clerk = client_as(user=people["clerk"])
    finance = client_as(user=people["controller"])
    note = enter_credit_note(clerk, order)
    url = f"{INVOICES}{note['id']}/apply-credit-note/"
    invoice = approved_invoice(people, order)
    draft = finance.post(url, {"invoice": invoice.pk}, format="json")
    assert draft.status_code == 409  # not posted yet
    finance.post(f"{INVOICES}{note['id']}/post-credit-note/", {}, format="json")

    other = make_order(people["buyer"], lines=[order_line(make_product(), "1", "500")])
    goods_receipt_post(
        order=other,
        by=people["buyer"],
        lines=[{"order_line": other.lines.get(), "quantity_received": D(1)}],
    )
    stranger = approved_invoice(people, other, number="OTHER-1", cases="1")
    unmatched = supplier_invoice_create(
        by=people["clerk"],
        supplier=order.supplier,
        invoice_number="INV-DRAFT",
        invoice_date=timezone.localdate(),
        subtotal=D("50.00"),
        total=D("50.00"),
        lines=[{"description": "Freight", "quantity": D(1), "unit_price": D("50.00")}],
    )
    other_supplier = finance.post(url, {"invoice": stranger.pk}, format="json")
    not_approved = finance.post(url, {"invoice": unmatched.pk}, format="json")
    itself = finance.post(url, {"invoice": note["id"]}, format="json")
    buyer = client_as("procurement").post(url, {"invoice": invoice.pk}, format="json")

    assert other_supplier.status_code == 400
    assert "OTHER-1" in other_supplier.json()["errors"]["invoice"][0]
    assert not_approved.status_code == 409
    assert itself.status_code == 400
    assert buyer.status_code == 403
    assert not SupplierPayment.objects.exists()
    assert aging_total(finance, order.supplier_id) == D("380.00")


def test_a_buyer_cannot_post_and_bad_amounts_are_refused(people, order, client_as):
    note = enter_credit_note(client_as(user=people["clerk"]), order)
    url = f"{INVOICES}{note['id']}/post-credit-note/"
    assert client_as("procurement").post(url, {}, format="json").status_code == 403

    SupplierInvoice.objects.filter(pk=note["id"]).update(total=D("121.00"))
    finance = client_as(user=people["controller"])
    wrong = finance.post(url, {}, format="json")
    assert wrong.status_code == 400
    assert wrong["Content-Type"].startswith("application/problem+json")
    assert "121.00" in wrong.json()["errors"]["total"][0]
    SupplierInvoice.objects.filter(pk=note["id"]).update(total=D("120.00"), subtotal=D("100.00"))
    lines = finance.post(url, {}, format="json")
    assert lines.status_code == 400
    assert "subtotal" in lines.json()["errors"]
    assert SupplierInvoice.objects.get(pk=note["id"]).status == "draft"
    # the match is still refused, as before
    assert finance.post(f"{INVOICES}{note['id']}/match/").status_code == 409


def test_a_draft_without_supplier_is_not_posted(people, order, client_as):
    note = enter_credit_note(client_as(user=people["clerk"]), order)
    SupplierInvoice.objects.filter(pk=note["id"]).update(supplier=None)
    response = client_as(user=people["controller"]).post(
        f"{INVOICES}{note['id']}/post-credit-note/", {}, format="json"
    )
    assert response.status_code == 409
    assert "supplier" in response.json()["detail"]


def test_naming_another_suppliers_invoice_is_a_field_error(people, order, client_as):
    other = make_order(people["buyer"], lines=[order_line(make_product(), "1", "500")])
    goods_receipt_post(
        order=other,
        by=people["buyer"],
        lines=[{"order_line": other.lines.get(), "quantity_received": D(1)}],
    )
    stranger = approved_invoice(people, other, number="OTHER-1", cases="1")
    response = client_as(user=people["clerk"]).post(
        INVOICES, credit_note_body(order, credited_invoice=stranger.pk), format="json"
    )
    assert response.status_code == 400
    assert "credited_invoice" in response.json()["errors"]


def test_a_credit_note_posted_before_its_invoice_is_approved_applies_on_approval(
    people, order, client_as
):
    line = order.lines.get()
    invoice = supplier_invoice_create(
        by=people["clerk"],
        supplier=order.supplier,
        invoice_number="INV-100",
        invoice_date=timezone.localdate(),
        subtotal=D("500.00"),
        total=D("500.00"),
        purchase_order=order,
        lines=[{"order_line": line, "quantity": D(10), "unit_price": line.unit_price}],
    )
    note = enter_credit_note(
        client_as(user=people["clerk"]), order, credited_invoice=invoice.pk, amount="50.00"
    )
    finance = client_as(user=people["controller"])
    posted = finance.post(f"{INVOICES}{note['id']}/post-credit-note/", {}, format="json")
    assert posted.json()["status"] == "approved"  # the invoice is not approved yet

    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_approve(invoice=invoice, by=people["controller"])

    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (D("450.00"), "partially_paid")
    assert SupplierInvoice.objects.get(pk=note["id"]).status == "paid"
    assert aging_total(finance, order.supplier_id) == D("450.00")


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_applications_of_one_credit_note_never_over_apply(people, order):
    AuditChainHead.objects.get_or_create(id=1)
    first = approved_invoice(people, order, number="INV-1", cases="6")
    second = approved_invoice(people, order, number="INV-2", cases="4")
    note = supplier_invoice_create(
        by=people["clerk"],
        supplier=order.supplier,
        invoice_number="CN-RACE",
        invoice_date=timezone.localdate(),
        subtotal=D("150.00"),
        total=D("150.00"),
        lines=[{"description": "Rebate", "quantity": D(1), "unit_price": D("150.00")}],
        kind="credit_note",
    )
    credit_note_post(note=note, by=people["controller"])

    results = run_concurrently(
        [
            lambda: credit_note_apply(
                note=note, invoice=first, amount=D("100.00"), by=people["controller"]
            ),
            lambda: credit_note_apply(
                note=note, invoice=second, amount=D("100.00"), by=people["controller"]
            ),
        ]
    )

    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1, results
    assert isinstance(failures[0], DomainError)
    assert failures[0].status_code == 409
    note.refresh_from_db()
    assert (note.amount_paid, note.balance, note.status) == (
        D("100.00"),
        D("50.00"),
        "partially_paid",
    )
    applied = SupplierPayment.objects.filter(credit_note=note)
    assert [p.amount for p in applied] == [D("100.00")]
    balances = sorted(
        SupplierInvoice.objects.filter(kind="invoice").values_list("amount_paid", flat=True)
    )
    assert balances == [D("0.00"), D("100.00")]
