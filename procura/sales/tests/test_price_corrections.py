"""Price corrections of an issued invoice, which is never edited: a lowered price is a credit
note, a raised one a debit note (a supplementary invoice) that adds to the balance and aging."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from procura.notifications.models import NotificationLog
from procura.sales.models import CreditNote, CustomerInvoice
from procura.sales.receivables import receivables_aging
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.orders import sales_order_create
from procura.sales.services.shipments import shipment_create
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
INVOICES = "/api/v1/customer-invoices/"


@pytest.fixture
def invoice() -> CustomerInvoice:
    """10 units at 10.00 and 5 at 4.00, no tax, invoiced 45 days ago (30-day terms)."""
    location = make_location()
    first = make_stocked_product(location, price="10.00")
    second = make_stocked_product(location, price="4.00", tax_category=first.tax_category)
    make_tax_rate(first.tax_category, rate="0")
    order = sales_order_create(
        customer=make_sales_customer(),
        location=location,
        lines=[{"product": first, "quantity": D(10)}, {"product": second, "quantity": D(5)}],
        by=None,
    )
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None)
    return customer_invoice_create(order=order, by=None, issue_date=TODAY - timedelta(days=45))


def correct(client, invoice, lines, reason="Agreed price per contract"):
    return client.post(
        f"{INVOICES}{invoice.pk}/price-corrections/",
        {"reason_text": reason, "lines": lines},
        format="json",
    )


def lines_of(invoice):
    return list(invoice.lines.order_by("order_line__line_no"))


def test_a_lowered_price_is_a_credit_note(invoice, client_as):
    finance = client_as("finance")
    first, _ = lines_of(invoice)
    assert invoice.total == D("120.00")

    response = correct(finance, invoice, [{"invoice_line": first.pk, "unit_price": "9.25"}])

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["document_type"], body["total"]) == ("credit_note", "7.50")
    assert body["number"].startswith("CN-")
    note = CreditNote.objects.get(pk=body["id"])
    assert (note.reason, note.reason_text) == ("price_correction", "Agreed price per contract")
    invoice.refresh_from_db()
    assert invoice.balance == D("112.50")
    assert invoice.total == D("120.00")  # the invoice itself is never edited
    prices = finance.get(f"{INVOICES}{invoice.pk}/prices/").json()
    assert (prices[0]["invoiced_unit_price"], prices[0]["current_unit_price"]) == (
        "10.0000",
        "9.2500",
    )


def test_a_raised_price_is_a_debit_note_that_adds_to_balance_and_aging(
    invoice, client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")
    _, second = lines_of(invoice)
    aging_before = receivables_aging(as_of=TODAY)[0]

    with django_capture_on_commit_callbacks(execute=True):
        response = correct(finance, invoice, [{"invoice_line": second.pk, "unit_price": "4.60"}])

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["document_type"], body["total"]) == ("debit_note", "3.00")
    assert body["number"].startswith("DN-")
    debit = finance.get(f"{INVOICES}{body['id']}/").json()
    assert (debit["kind"], debit["corrects"], debit["status"]) == ("debit_note", invoice.pk, "open")
    assert debit["due_date"] == (TODAY + timedelta(days=30)).isoformat()
    assert debit["lines"][0]["corrects_line"] == second.pk
    assert debit["lines"][0]["unit_price"] == "0.6000"
    assert "4.0000 -> 4.6000" in debit["lines"][0]["description"]
    invoice.refresh_from_db()
    assert invoice.total == D("120.00")
    aging_after = receivables_aging(as_of=TODAY)[0]
    assert aging_after.total == aging_before.total + D("3.00")
    assert NotificationLog.objects.filter(
        template="sales/invoice_issued", object_id=str(body["id"])
    ).exists()
    listed = finance.get(INVOICES, {"kind": "debit_note"}).json()
    assert [row["number"] for row in listed["results"]] == [body["number"]]
    prices = finance.get(f"{INVOICES}{invoice.pk}/prices/").json()
    assert prices[1]["current_unit_price"] == "4.6000"
    # a further correction starts from the raised price
    down = correct(finance, invoice, [{"invoice_line": second.pk, "unit_price": "4.50"}])
    assert (down.json()["document_type"], down.json()["total"]) == ("credit_note", "0.50")


def test_a_correction_after_a_return_reprices_only_what_was_kept(invoice, client_as):
    finance = client_as("finance")
    first, _ = lines_of(invoice)
    finance.post(
        "/api/v1/credit-notes/",
        {
            "invoice": invoice.pk,
            "reason": "return",
            "lines": [{"invoice_line": first.pk, "quantity": "4"}],
        },
        format="json",
    )
    response = correct(finance, invoice, [{"invoice_line": first.pk, "unit_price": "9.00"}])
    assert response.json()["total"] == "6.00"  # 6 kept x 1.00
    # goods credited afterwards go back at the corrected price
    back = finance.post(
        "/api/v1/credit-notes/",
        {
            "invoice": invoice.pk,
            "reason": "return",
            "lines": [{"invoice_line": first.pk, "quantity": "2"}],
        },
        format="json",
    )
    assert back.status_code == 201, back.json()
    assert back.json()["total"] == "18.00"


@pytest.mark.parametrize(
    ("lines", "field", "fragment"),
    [
        ([{"line": 0, "unit_price": "10.00"}], "lines.0.unit_price", "already 10.0000"),
        ([{"line": 0, "unit_price": "-1"}], "lines.0.unit_price", ""),
        ([{"line": 0, "unit_price": "ten"}], "lines.0.unit_price", ""),
        ([{"line": 0}], "lines.0.unit_price", ""),
        ([{"invoice_line": 999999, "unit_price": "1"}], "lines.0.invoice_line", ""),
        (
            [{"line": 0, "unit_price": "9"}, {"line": 1, "unit_price": "5"}],
            "lines",
            "separate corrections",
        ),
        (
            [{"line": 0, "unit_price": "9"}, {"line": 0, "unit_price": "8"}],
            "lines.1.invoice_line",
            "twice",
        ),
        ([], "lines", ""),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(invoice, client_as, lines, field, fragment):
    ids = [line.pk for line in lines_of(invoice)]
    body = [
        {"invoice_line": ids[entry.pop("line")], **entry} if "line" in entry else entry
        for entry in [dict(e) for e in lines]
    ]
    response = correct(client_as("finance"), invoice, body)
    assert response.status_code == 400, response.json()
    assert fragment in response.json()["errors"][field][0]
    assert CreditNote.objects.count() == 0
    assert CustomerInvoice.objects.count() == 1


def test_a_correction_needs_a_reason_and_finance(invoice, client_as):
    line = lines_of(invoice)[0].pk
    blank = correct(client_as("finance"), invoice, [{"invoice_line": line, "unit_price": "9"}], "")
    assert "reason_text" in blank.json()["errors"]
    denied = correct(client_as("sales"), invoice, [{"invoice_line": line, "unit_price": "9"}])
    assert denied.status_code == 403
    assert CreditNote.objects.count() == 0


def test_a_debit_note_itself_is_not_corrected_or_returned_against(invoice, client_as):
    finance = client_as("finance")
    line = lines_of(invoice)[0].pk
    debit_id = correct(finance, invoice, [{"invoice_line": line, "unit_price": "11"}]).json()["id"]
    debit = CustomerInvoice.objects.get(pk=debit_id)
    again = correct(finance, debit, [{"invoice_line": debit.lines.get().pk, "unit_price": "2"}])
    assert again.status_code == 409
    assert "debit note" in again.json()["errors"]["invoice"][0]
