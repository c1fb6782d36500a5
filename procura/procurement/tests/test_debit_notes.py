"""Returns to the supplier by lot and catch weight raise debit notes; a debit note reduces what
is owed on the supplier's invoice and the payables aging (on approval, or applied by finance)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.catalog.models import Product
from procura.catalog.tests.factories import make_product
from procura.inventory.models import LotStock, StockLevel, StockMovement
from procura.procurement.models import (
    SupplierDebitNote,
    SupplierInvoice,
    SupplierPayment,
)
from procura.procurement.services.invoices import (
    supplier_invoice_accept_exception,
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
)
from procura.procurement.services.receipts import goods_receipt_post, goods_receipt_return
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db

RECEIPTS = "/api/v1/goods-receipts/"
NOTES = "/api/v1/supplier-debit-notes/"
AGING = "/api/v1/reports/ap-aging/"


@pytest.fixture
def people():
    return {
        "buyer": make_person("procurement"),
        "clerk": make_person("finance"),
        "controller": make_person("finance"),
        "approver": make_person("finance"),
    }


def ribeye() -> Product:
    product = make_product(sku="BEEF-RIBEYE-RET", unit="case", list_price=D("9.5000"))
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
def received(people):
    """4 cases at 150.00 a case: lot RB-A (2 cases, 121.000 lb) and lot RB-B (2, 119.000 lb)."""
    product = ribeye()
    order = make_order(people["buyer"], lines=[order_line(product, "4", "150.00")])
    line = order.lines.get()
    use_by = timezone.localdate() + timedelta(days=20)
    receipt = goods_receipt_post(
        order=order,
        by=people["buyer"],
        lines=[
            {
                "order_line": line,
                "quantity_received": D(2),
                "net_weight": D(weight),
                "lot_code": code,
                "use_by": use_by,
            }
            for code, weight in (("RB-A", "121"), ("RB-B", "119"))
        ],
    )
    return {"product": product, "order": order, "receipt": receipt}


def receipt_lines(received):
    return {rl.lot.code: rl for rl in received["receipt"].lines.select_related("lot")}


def return_body(received, lot="RB-A", quantity="1", weight="61.2", reason="Off colour"):
    entry = {"receipt_line": receipt_lines(received)[lot].pk, "quantity": quantity}
    if weight is not None:
        entry["weight"] = weight
    return {"reason": reason, "lines": [entry]}


def send_back(client, received, **kwargs):
    return client.post(
        f"{RECEIPTS}{received['receipt'].pk}/return/",
        return_body(received, **kwargs),
        format="json",
    )


def enter_invoice(people, order, *, cases="4", number="RB-INV-1"):
    line = order.lines.get()
    amount = (D(cases) * line.unit_price).quantize(D("0.01"))
    return supplier_invoice_create(
        by=people["clerk"],
        supplier=order.supplier,
        invoice_number=number,
        invoice_date=timezone.localdate(),
        subtotal=amount,
        tax=D(0),
        total=amount,
        purchase_order=order,
        lines=[{"order_line": line, "quantity": D(cases), "unit_price": line.unit_price}],
    )


def aging_total(client, supplier_id):
    rows = client.get(AGING).json()["rows"]
    return sum(D(row["total"]) for row in rows if row["supplier_id"] == supplier_id)


def test_a_return_by_lot_with_its_weight_raises_a_debit_note(received, client_as):
    response = send_back(client_as("warehouse"), received)

    assert response.status_code == 200, response.json()
    body = response.json()
    [summary] = body["debit_notes"]
    assert (summary["total"], summary["status"]) == ("150.00", "open")
    # The case left its own lot with its actual weight.
    lot_a = LotStock.objects.get(lot__code="RB-A")
    assert (lot_a.on_hand, lot_a.weight_on_hand) == (D("1.000"), D("59.800"))
    assert LotStock.objects.get(lot__code="RB-B").on_hand == D("2.000")
    movement = StockMovement.objects.select_related("lot").get(kind="return")
    assert movement.lot is not None
    assert (movement.lot.code, movement.quantity, movement.weight) == (
        "RB-A",
        D("-1.000"),
        D("-61.200"),
    )
    note = client_as("finance").get(f"{NOTES}{summary['id']}/").json()
    assert note["number"].startswith("SDN-")
    assert (note["order_number"], note["receipt_number"]) == (
        received["order"].number,
        received["receipt"].number,
    )
    assert (note["open_amount"], note["reason"]) == ("150.00", "Off colour")
    [line] = note["lines"]
    assert (line["lot_code"], line["quantity"], line["weight"], line["weight_unit"]) == (
        "RB-A",
        "1.000",
        "61.200",
        "lb",
    )
    assert (line["unit_price"], line["amount"]) == ("150.0000", "150.00")


def test_without_a_weight_the_case_takes_its_share_of_the_lot(received, client_as):
    response = send_back(client_as("warehouse"), received, lot="RB-B", quantity="2", weight=None)

    assert response.status_code == 200, response.json()
    note = SupplierDebitNote.objects.get()
    assert note.total == D("300.00")
    assert note.lines.get().weight == D("119.000")
    assert not LotStock.objects.get(lot__code="RB-B").on_hand


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight": "90"}, "lines.0.weight", "tolerance"),
        ({"quantity": "3"}, "lines.0.quantity", "Only 2.000"),
        ({"weight": "-1"}, "lines.0.weight", ""),
        ({"reason": " "}, "reason", ""),
    ],
)
def test_a_bad_return_is_a_field_error_and_changes_nothing(
    received, client_as, changes, field, message
):
    level_before = StockLevel.objects.get(product=received["product"])

    response = send_back(client_as("warehouse"), received, **changes)

    assert 400 <= response.status_code < 500, response.json()
    errors = response.json()["errors"]
    assert field in errors, errors
    assert message in errors[field][0]
    assert not SupplierDebitNote.objects.exists()
    assert not StockMovement.objects.filter(kind="return").exists()
    level = StockLevel.objects.get(product=received["product"])
    assert (level.on_hand, level.weight_on_hand) == (
        level_before.on_hand,
        level_before.weight_on_hand,
    )
    assert received["order"].lines.get().quantity_received == D("4.000")


def test_a_weight_on_a_product_not_sold_by_weight_is_refused(people, client_as):
    order = make_order(people["buyer"], lines=[order_line(make_product(), "10", "3")])
    receipt = goods_receipt_post(
        order=order,
        by=people["buyer"],
        lines=[{"order_line": order.lines.get(), "quantity_received": D(10)}],
    )

    response = client_as("warehouse").post(
        f"{RECEIPTS}{receipt.pk}/return/",
        {
            "reason": "Damaged",
            "lines": [{"receipt_line": receipt.lines.get().pk, "quantity": "1", "weight": "5"}],
        },
        format="json",
    )

    assert response.status_code == 400
    assert "not sold by catch weight" in response.json()["errors"]["lines.0.weight"][0]
    assert not SupplierDebitNote.objects.exists()


def test_credit_expected_is_taken_off_the_invoice_when_it_is_approved(people, received, client_as):
    send_back(client_as("warehouse"), received)
    # The supplier invoices all four cases; the match flags the returned one.
    invoice = enter_invoice(people, received["order"])
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_accept_exception(
        invoice=invoice, by=people["controller"], comment="Debit note covers the returned case"
    )

    supplier_invoice_approve(invoice=invoice, by=people["approver"])

    invoice.refresh_from_db()
    assert (invoice.total, invoice.balance, invoice.status) == (
        D("600.00"),
        D("450.00"),
        "partially_paid",
    )
    note = SupplierDebitNote.objects.get()
    assert (note.status, note.amount_applied) == ("applied", D("150.00"))
    settlement = SupplierPayment.objects.get()
    assert (settlement.method, settlement.reference, settlement.debit_note) == (
        "debit_note",
        note.number,
        note,
    )
    finance = client_as("finance")
    assert aging_total(finance, received["order"].supplier_id) == D("450.00")
    listed = finance.get(NOTES, {"status": "applied"}).json()["results"]
    assert [n["applications"][0]["invoice_number"] for n in listed] == ["RB-INV-1"]


def test_finance_applies_a_debit_note_to_an_approved_invoice_and_the_aging_drops(
    people, received, client_as
):
    invoice = enter_invoice(people, received["order"], cases="4")
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_approve(invoice=invoice, by=people["controller"])
    finance = client_as("finance")
    assert aging_total(finance, received["order"].supplier_id) == D("600.00")
    send_back(client_as("warehouse"), received, quantity="2", weight="120")
    note = SupplierDebitNote.objects.get()
    assert (note.total, note.status) == (D("300.00"), "open")

    refused = client_as("warehouse").post(
        f"{NOTES}{note.pk}/apply/", {"invoice": invoice.pk}, format="json"
    )
    too_much = finance.post(
        f"{NOTES}{note.pk}/apply/", {"invoice": invoice.pk, "amount": "300.01"}, format="json"
    )
    part = finance.post(
        f"{NOTES}{note.pk}/apply/", {"invoice": invoice.pk, "amount": "100.00"}, format="json"
    )
    rest = finance.post(f"{NOTES}{note.pk}/apply/", {"invoice": invoice.pk}, format="json")
    again = finance.post(f"{NOTES}{note.pk}/apply/", {"invoice": invoice.pk}, format="json")

    assert refused.status_code == 403
    assert too_much.status_code == 422
    assert "300.01" in too_much.json()["errors"]["amount"][0]
    assert part.status_code == 200, part.json()
    assert (part.json()["status"], part.json()["open_amount"]) == ("partially_applied", "200.00")
    assert rest.status_code == 200, rest.json()
    assert (rest.json()["status"], rest.json()["open_amount"]) == ("applied", "0.00")
    assert [a["amount"] for a in rest.json()["applications"]] == ["100.00", "200.00"]
    assert again.status_code == 409
    invoice.refresh_from_db()
    assert (invoice.balance, invoice.status) == (D("300.00"), "partially_paid")
    assert aging_total(finance, received["order"].supplier_id) == D("300.00")
    payments = finance.get("/api/v1/supplier-payments/", {"invoice": invoice.pk}).json()
    assert {p["method"] for p in payments["results"]} == {"debit_note"}


def test_a_debit_note_applies_only_to_its_suppliers_payable_invoices(people, received, client_as):
    send_back(client_as("warehouse"), received)
    note = SupplierDebitNote.objects.get()
    other = make_order(people["buyer"], lines=[order_line(make_product(), "1", "500")])
    goods_receipt_post(
        order=other,
        by=people["buyer"],
        lines=[{"order_line": other.lines.get(), "quantity_received": D(1)}],
    )
    stranger = enter_invoice(people, other, cases="1", number="OTHER-1")
    supplier_invoice_match(invoice=stranger, by=people["clerk"])
    supplier_invoice_approve(invoice=stranger, by=people["controller"])
    draft = enter_invoice(people, received["order"], number="RB-DRAFT")
    finance = client_as("finance")

    wrong_supplier = finance.post(
        f"{NOTES}{note.pk}/apply/", {"invoice": stranger.pk}, format="json"
    )
    not_approved = finance.post(f"{NOTES}{note.pk}/apply/", {"invoice": draft.pk}, format="json")
    unknown = finance.post(f"{NOTES}{note.pk}/apply/", {"invoice": 999999}, format="json")
    not_a_number = finance.post(
        f"{NOTES}{note.pk}/apply/", {"invoice": draft.pk, "amount": "lots"}, format="json"
    )

    assert wrong_supplier.status_code == 422
    assert "is for" in wrong_supplier.json()["errors"]["invoice"][0]
    assert not_approved.status_code == 409
    assert "approved for payment" in not_approved.json()["detail"]
    assert unknown.status_code == 400
    assert "invoice" in unknown.json()["errors"]
    assert not_a_number.status_code == 400
    assert "amount" in not_a_number.json()["errors"]
    assert not SupplierPayment.objects.exists()
    note.refresh_from_db()
    assert note.status == "open"
    assert SupplierInvoice.objects.get(pk=stranger.pk).amount_paid == 0


def test_debit_note_list_keeps_a_constant_query_count(people, client_as):
    client = client_as("auditor")

    def count() -> int:
        client.get(NOTES)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(NOTES, {"page_size": 50})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    def note() -> None:
        product = make_product()
        order = make_order(people["buyer"], lines=[order_line(product, "5", "10")])
        receipt = goods_receipt_post(
            order=order,
            by=people["buyer"],
            lines=[{"order_line": order.lines.get(), "quantity_received": D(5)}],
        )
        goods_receipt_return(
            receipt=receipt,
            by=people["buyer"],
            lines=[{"receipt_line": receipt.lines.get(), "quantity": D(1)}],
            reason="Short dated",
        )

    note()
    few = count()
    for _ in range(4):
        note()
    assert count() == few
    assert client.get(NOTES).json()["count"] == 5
