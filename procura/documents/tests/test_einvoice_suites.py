"""E-invoices from the public example suites (CEN's EN 16931 examples and the KoSIT XRechnung
test suite, see samples/einvoices/suites/NOTICE.md) uploaded through the API: each becomes a
draft supplier invoice whose header, lines and totals are what the XML says.

What they exercise: document allowances and charges, returned items on negative quantities,
an amount already paid (BT-113) and the amount due (BT-115), a tax currency (BT-6) besides the
invoice currency, dates written with a time zone, lines whose amount is not their quantity
times price, and VAT categories per line.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from procura.documents.tests.factories import processed_upload, upload

SUITES = Path(__file__).parent / "samples" / "einvoices" / "suites"
URL = "/api/v1/documents/"


def _upload(client: Any, name: str, capture: Any) -> dict[str, Any]:
    detail = processed_upload(client, capture, name, (SUITES / name).read_bytes())
    assert detail["extraction"]["einvoice"]["valid"] is True, detail["extraction"]["einvoice"]
    return dict(detail)


def _draft(detail: dict[str, Any]) -> Any:
    from procura.procurement.models import SupplierInvoice

    return SupplierInvoice.objects.get(source_document_id=detail["id"])


def _lines(invoice: Any) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    return [
        (line.description, line.quantity, line.unit_price, line.line_total)
        for line in invoice.lines.order_by("line_no")
    ]


@pytest.mark.django_db
def test_allowances_charges_returned_items_and_a_prepaid_amount_reach_the_draft(
    client_as, django_capture_on_commit_callbacks
) -> None:
    detail = _upload(
        client_as("finance"), "ubl-tc434-example2.xml", django_capture_on_commit_callbacks
    )

    invoice = _draft(detail)
    assert (invoice.kind, invoice.invoice_number, invoice.currency) == ("invoice", "TOSL108", "NOK")
    assert (str(invoice.invoice_date), str(invoice.due_date)) == ("2013-06-30", "2013-07-20")
    assert (invoice.subtotal, invoice.tax, invoice.total) == (
        Decimal("1436.50"),
        Decimal("365.28"),
        Decimal("1801.78"),
    )
    lines = _lines(invoice)
    assert lines == [
        # 2 laptops billed 1273.00 together: the line amount is what the totals add up
        ("Laptop computer", 2, Decimal("636.5"), Decimal("1273.00")),
        # returned items: -1 x 3.96 and -1 x 25.00 in the XML
        ('Returned "Advanced computing" book', 1, Decimal("-3.96"), Decimal("-3.96")),
        ('"Computing for dummies" book', 2, Decimal("2.48"), Decimal("4.96")),
        ("Returned IBM 5150 desktop", 1, Decimal("-25"), Decimal("-25.00")),
        ("Network cable", 250, Decimal("0.75"), Decimal("187.50")),
        ("Allowance: Promotion discount", 1, Decimal("-100"), Decimal("-100.00")),
        ("Charge: Freight", 1, Decimal("100"), Decimal("100.00")),
    ]  # fmt: skip
    assert sum(line[3] for line in lines) == invoice.subtotal
    extraction = detail["extraction"]
    assert extraction["einvoice"]["totals"]["prepaid"] == "1000.00"
    assert extraction["einvoice"]["totals"]["amount_due"] == "801.78"
    assert [item["tax_category"] for item in extraction["line_items"][:5]] == [
        "S",
        "S",
        "S",
        "E",
        "S",
    ]
    assert [item["quantity"] for item in extraction["line_items"][:5]] == [
        "2",
        "-1",
        "2",
        "-1",
        "250",
    ]


@pytest.mark.django_db
def test_the_tax_in_a_second_currency_does_not_replace_the_invoice_currency_tax(
    client_as, django_capture_on_commit_callbacks
) -> None:
    detail = _upload(
        client_as("finance"), "ubl-tc434-example5.xml", django_capture_on_commit_callbacks
    )

    invoice = _draft(detail)
    assert invoice.currency == "DKK"
    # BT-110 in DKK, not the 628.62 EUR the invoice states for the tax authority (BT-111)
    assert (invoice.subtotal, invoice.tax, invoice.total) == (
        Decimal("4000.00"),
        Decimal("675.00"),
        Decimal("4675.00"),
    )
    assert _lines(invoice) == [
        ("Printing paper", 1000, Decimal("1"), Decimal("1000.00")),
        ("Parker Pen", 100, Decimal("5"), Decimal("500.00")),
        ("American Cookies", 500, Decimal("5"), Decimal("2500.00")),
        ("Allowance: Loyal customer", 1, Decimal("-150"), Decimal("-150.00")),
        ("Charge: Packaging", 1, Decimal("150"), Decimal("150.00")),
    ]
    totals = detail["extraction"]["einvoice"]["totals"]
    assert (totals["prepaid"], totals["amount_due"]) == ("2337.50", "2337.50")


@pytest.mark.django_db
def test_dates_written_with_a_time_zone_are_read(
    client_as, django_capture_on_commit_callbacks
) -> None:
    detail = _upload(
        client_as("finance"), "01.01a-INVOICE_ubl.xml", django_capture_on_commit_callbacks
    )

    invoice = _draft(detail)
    assert (invoice.invoice_number, str(invoice.invoice_date)) == ("123456XX", "2016-04-04")
    assert (invoice.subtotal, invoice.tax, invoice.total) == (
        Decimal("314.86"),
        Decimal("22.04"),
        Decimal("336.90"),
    )
    assert _lines(invoice) == [
        ("Zeitschrift [...]", 1, Decimal("288.79"), Decimal("288.79")),
        ("Porto + Versandkosten", 1, Decimal("26.07"), Decimal("26.07")),
    ]
    assert detail["extraction"]["low_confidence_fields"] == []


@pytest.mark.django_db
def test_an_invoice_paid_in_advance_beyond_its_total_owes_the_difference_back(
    client_as, django_capture_on_commit_callbacks
) -> None:
    detail = _upload(
        client_as("finance"), "03.01a-INVOICE_ubl.xml", django_capture_on_commit_callbacks
    )

    invoice = _draft(detail)
    assert (invoice.kind, invoice.total, str(invoice.due_date)) == (
        "invoice",
        Decimal("804.86"),
        "2019-03-14",
    )
    totals = detail["extraction"]["einvoice"]["totals"]
    assert (totals["prepaid"], totals["amount_due"]) == ("1030.00", "-225.14")
    lines = _lines(invoice)
    assert len(lines) == 14
    # 245 days at 0.1299 would be 31.83; the supplier bills 25.05: the draft's price is that
    # amount over the quantity, to the four places a unit price has, and the line keeps the
    # amount itself (245 x 0.1022 would be 25.04)
    assert lines[2][1:] == (245, Decimal("0.1022"), Decimal("25.05"))
    assert sum(line[3] for line in lines) == invoice.subtotal


@pytest.mark.django_db
def test_a_credit_note_names_the_invoice_it_credits_from_its_preceding_invoice_reference(
    client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("finance")
    name = "peppol_credit_note.xml"  # BillingReference: invoice NF-2026-0412 (BT-25)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {"file": upload(name, (SUITES.parent / name).read_bytes())}, format="multipart"
        )
    detail = client.get(f"{URL}{response.json()['id']}/").json()

    extraction = detail["extraction"]
    assert extraction["kind"] == "credit_note"
    assert extraction["fields"]["credited_invoice_number"]["value"] == "NF-2026-0412"
    assert "credited_invoice_number" not in extraction["missing_fields"]
    assert _draft(detail).credited_invoice_reference == "NF-2026-0412"
