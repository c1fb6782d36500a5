"""PEPPOL BIS Billing 3.0 uploads through the API: an invoice in Norwegian kroner with line and
document allowances and charges, an exempt line, payment terms and the order number sent as the
buyer reference; and a credit note of the same supplier. Every header field and line of the
draft supplier invoice is checked.

The samples (samples/einvoices/peppol_invoice.xml, peppol_credit_note.xml) were written for
these tests; their supplier and buyer are made up.
"""

from __future__ import annotations

import base64
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from procura.documents.extraction.einvoice import parse_einvoice_xml, party_tax_ids
from procura.documents.tests.factories import processed_upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"
URL = "/api/v1/documents/"


def _sample(name: str, po_number: str = "PO-NOT-OURS") -> bytes:
    return (SAMPLES / name).read_bytes().replace(b"PO-REFERENCE", po_number.encode())


def _upload(client: Any, name: str, data: bytes, capture: Any) -> dict[str, Any]:
    return processed_upload(client, capture, name, data)


@pytest.fixture
def nordfisk_order(db: Any) -> Any:
    from procura.procurement.tests.factories import make_order, make_person, order_line

    supplier = _nordfisk()
    buyer = make_person("procurement")
    return make_order(
        buyer,
        supplier=supplier,
        lines=[
            order_line(None, "100", "120.00", description="Salmon fillet, fresh", unit="kg"),
            order_line(None, "10", "50.00", description="Insulated box", unit="each"),
        ],
    )


def _nordfisk() -> Any:
    from procura.partners.models import Supplier
    from procura.partners.tests.factories import make_supplier

    found = Supplier.objects.filter(name="Nordfisk AS").first()
    return found or make_supplier(name="Nordfisk AS", tax_id="NO 974 760 673 MVA", currency="NOK")


@pytest.mark.django_db
def test_a_peppol_invoice_becomes_a_draft_with_every_field_and_line_right(
    client_as, django_capture_on_commit_callbacks, nordfisk_order
) -> None:
    from procura.procurement.models import SupplierInvoice

    client = client_as("finance")
    data = _sample("peppol_invoice.xml", po_number=nordfisk_order.number)

    detail = _upload(client, "NF-2026-0412.xml", data, django_capture_on_commit_callbacks)

    extraction = detail["extraction"]
    assert extraction["kind"] == "invoice"
    assert extraction["einvoice"]["valid"] is True, extraction["einvoice"]["findings"]
    assert extraction["einvoice"]["payment_terms"] == "Net 30 days, 2% late interest a month"
    exempt = [row for row in extraction["einvoice"]["tax_breakdown"] if row["category"] == "E"]
    assert exempt == [
        {
            "category": "E",
            "rate": "0",
            "basis": "250.00",
            "tax": "0.00",
            "exemption_reason": "Exempt: veterinary certificate fee",
            "exemption_code": None,
        }
    ]
    supplier = extraction["parties"]["supplier"]
    assert (supplier["endpoint_scheme"], supplier["endpoint"]) == ("0192", "974760673")
    assert extraction["fields"]["supplier_email"]["value"] == "faktura@nordfisk.example"
    assert extraction["fields"]["supplier_iban"]["value"] == "NO9386011117947"

    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    assert invoice.kind == "invoice"
    assert invoice.supplier_id == nordfisk_order.supplier_id
    assert invoice.purchase_order_id == nordfisk_order.pk  # by the buyer reference
    assert (invoice.invoice_number, str(invoice.invoice_date), str(invoice.due_date)) == (
        "NF-2026-0412",
        "2026-12-01",
        "2026-12-31",
    )
    assert invoice.currency == "NOK"
    assert (invoice.subtotal, invoice.tax, invoice.total) == (
        Decimal("12350.00"),
        Decimal("1895.00"),
        Decimal("14245.00"),
    )
    assert invoice.low_confidence_fields == []
    order_lines = {line.description: line.pk for line in nordfisk_order.lines.all()}
    lines = [
        (line.description, line.quantity, line.unit_price, line.line_total, line.order_line_id)
        for line in invoice.lines.order_by("line_no")
    ]
    assert lines == [
        # 100 kg at 120.00 less a 500.00 line discount: billed at 115.00
        ("Salmon fillet, fresh", 100, Decimal("115"), Decimal("11500.00"),
         order_lines["Salmon fillet, fresh"]),
        ("Insulated box", 10, Decimal("50"), Decimal("500.00"), order_lines["Insulated box"]),
        ("Veterinary certificate", 1, Decimal("250"), Decimal("250.00"), None),
        ("Allowance: Volume discount", 1, Decimal("-200"), Decimal("-200.00"), None),
        ("Charge: Freight", 1, Decimal("300"), Decimal("300.00"), None),
    ]  # fmt: skip
    assert sum(line[3] for line in lines) == invoice.subtotal


@pytest.mark.django_db
def test_a_peppol_credit_note_becomes_a_credit_note_draft_that_is_not_matched_as_an_invoice(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.procurement.models import SupplierInvoice

    supplier = _nordfisk()
    client = client_as("finance")

    detail = _upload(
        client,
        "NF-CN-2026-0031.xml",
        _sample("peppol_credit_note.xml"),
        django_capture_on_commit_callbacks,
    )

    assert detail["extraction"]["kind"] == "credit_note"
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    assert (invoice.kind, invoice.supplier_id, invoice.invoice_number) == (
        "credit_note",
        supplier.pk,
        "NF-CN-2026-0031",
    )
    assert (invoice.subtotal, invoice.tax, invoice.total, str(invoice.due_date)) == (
        Decimal("1200.00"),
        Decimal("180.00"),
        Decimal("1380.00"),
        "2026-12-31",
    )
    shown = client.get(f"/api/v1/supplier-invoices/{invoice.pk}/").json()
    assert shown["kind"] == "credit_note"
    listed = client.get("/api/v1/supplier-invoices/?kind=credit_note").json()["results"]
    assert [(row["id"], row["kind"]) for row in listed] == [(invoice.pk, "credit_note")]
    assert invoice.pk not in [
        row["id"] for row in client.get("/api/v1/supplier-invoices/?kind=invoice").json()["results"]
    ]

    response = client.post(f"/api/v1/supplier-invoices/{invoice.pk}/match/")

    assert response.status_code == 409
    assert "credit note" in response.json()["detail"]
    invoice.refresh_from_db()
    assert invoice.status == "draft"


@pytest.mark.parametrize(
    ("type_code", "total", "kind", "stated_total"),
    [
        ("381", "100.00", "credit_note", "100.00"),  # CII credit note
        ("380", "-100.00", "credit_note", "100.00"),  # an invoice of a negative amount
        ("380", "100.00", "invoice", "100.00"),
        ("389", "100.00", "invoice", "100.00"),  # self-billed invoice (German "Gutschrift")
    ],
)
def test_the_kind_of_a_cii_document_follows_its_type_code_and_sign(
    type_code: str, total: str, kind: str, stated_total: str
) -> None:
    from procura.documents.extraction.einvoice import einvoice_extraction

    xml = (SAMPLES / "XRECHNUNG_Einfach.cii.xml").read_bytes()
    outcome = parse_einvoice_xml(xml)
    assert outcome.invoice is not None
    outcome.invoice.type_code = type_code
    sign = Decimal(-1) if total.startswith("-") else Decimal(1)
    outcome.invoice.grand_total = Decimal(total)
    outcome.invoice.tax_basis = (outcome.invoice.tax_basis or Decimal(0)) * sign
    outcome.invoice.tax_total = outcome.invoice.grand_total - outcome.invoice.tax_basis

    result = einvoice_extraction(outcome)

    assert result.kind == kind
    assert result.value("total") == stated_total


def test_a_peppol_endpoint_or_registration_id_gives_the_vat_id_a_supplier_is_matched_by() -> None:
    assert party_tax_ids({"endpoint": "974760673", "endpoint_scheme": "0192"}) == ["NO974760673MVA"]
    assert party_tax_ids({"legal_id": "732 829 320 00074", "legal_id_scheme": "0009"}) == [
        "FR44732829320"
    ]
    assert party_tax_ids(
        {"vat_id": "DE123456789", "endpoint": "DE123456789", "endpoint_scheme": "9930"}
    ) == ["DE123456789"]
    assert party_tax_ids({"endpoint": "7300010000001", "endpoint_scheme": "0088"}) == []


@pytest.mark.django_db
def test_the_pdf_an_einvoice_carries_is_served_as_its_picture(
    client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("finance")
    data = _sample("peppol_invoice.xml")
    detail = _upload(client, "NF-2026-0412.xml", data, django_capture_on_commit_callbacks)

    rendering = detail["rendering"]
    assert rendering["filename"] == "NF-2026-0412.pdf"
    assert rendering["mime_type"] == "application/pdf"
    response = client.get(rendering["url"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF-")
    embedded = re.search(rb"<cbc:EmbeddedDocumentBinaryObject[^>]*>([^<]+)<", data)
    assert embedded is not None
    assert response.content == base64.b64decode(embedded.group(1))


@pytest.mark.django_db
def test_an_einvoice_without_a_picture_has_none(
    client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("finance")
    data = (SAMPLES / "EN16931_Einfach.ubl.xml").read_bytes()
    detail = _upload(client, "plain.xml", data, django_capture_on_commit_callbacks)

    assert detail["rendering"] is None
    response = client.get(f"{URL}{detail['id']}/rendering/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_an_attachment_whose_bytes_are_not_what_its_type_says_is_not_a_picture() -> None:
    from lxml import etree

    from procura.documents.extraction.einvoice import attached_rendering

    xml = _sample("peppol_invoice.xml")
    root = etree.fromstring(xml)
    node = root.xpath("//*[local-name()='EmbeddedDocumentBinaryObject']")[0]
    assert attached_rendering(root) is not None
    node.text = "PGh0bWw+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0PjwvaHRtbD4="  # HTML, not a PDF
    assert attached_rendering(root) is None


def test_peppol_endpoints_are_checked_as_peppol_asks_warnings_only() -> None:
    clean = parse_einvoice_xml(_sample("peppol_invoice.xml"))
    assert [f.where for f in clean.findings] == []

    no_seller_endpoint = _sample("peppol_invoice.xml").replace(
        b'<cbc:EndpointID schemeID="0192">974760673</cbc:EndpointID>', b"", 1
    )
    bad_scheme = _sample("peppol_invoice.xml").replace(b'schemeID="0088"', b'schemeID="GLN"', 1)

    missing = parse_einvoice_xml(no_seller_endpoint)
    unknown = parse_einvoice_xml(bad_scheme)

    assert missing.valid
    assert [(f.where, f.severity) for f in missing.findings] == [("PEPPOL-EN16931-R020", "warning")]
    assert unknown.valid  # CEN's code-list rule names the scheme, as a warning
    assert [(f.where.split()[0], f.severity) for f in unknown.findings] == [("BR-CL-25", "warning")]


@pytest.mark.django_db
def test_a_foreign_currency_draft_of_an_unknown_supplier_keeps_its_dates_rate(
    client_as, django_capture_on_commit_callbacks, settings
) -> None:
    from datetime import date

    from procura.currency.models import ExchangeRate
    from procura.procurement.models import SupplierInvoice

    settings.COMPANY_CURRENCY = "EUR"
    ExchangeRate.objects.create(
        base="EUR", currency="NOK", rate_date=date(2026, 12, 1), rate="11.5"
    )
    client = client_as("finance")

    detail = _upload(
        client, "NF.xml", _sample("peppol_invoice.xml"), django_capture_on_commit_callbacks
    )

    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    assert invoice.supplier_id is None  # nobody registered Nordfisk yet
    assert invoice.currency == "NOK"
    assert invoice.exchange_rate is not None
    assert str(invoice.exchange_rate_date) == "2026-12-01"
