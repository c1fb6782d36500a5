"""Italian FatturaPA uploads: the first invoice of the file read into the same extraction as the
EN 16931 syntaxes (source "e-invoice"), with the exchange system's (SdI) arithmetic controls
00421-00423 reported by code and place.

The samples are official FatturaPA examples from the ZUGFeRD corpus (Apache-2.0, see
samples/einvoices/NOTICE.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from procura.documents.extraction.einvoice import einvoice_extraction, parse_einvoice_xml
from procura.documents.models import DocumentStatus
from procura.documents.sniffing import sniff_content_type
from procura.documents.tests.factories import upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"
FPA02 = (SAMPLES / "IT01234567890_FPA02.xml").read_bytes()
URL = "/api/v1/documents/"


def _errors(xml: bytes) -> dict[str, str]:
    return {f.where: f.message for f in parse_einvoice_xml(xml).findings if f.severity == "error"}


def test_a_fatturapa_maps_header_parties_lines_and_totals() -> None:
    outcome = parse_einvoice_xml(FPA02)

    assert outcome.valid, outcome.findings
    assert outcome.invoice is not None
    assert (outcome.invoice.syntax, outcome.invoice.profile) == ("FatturaPA", "FPA12")
    result = einvoice_extraction(outcome)
    assert result.source == "e-invoice"
    assert {
        key: result.value(key)
        for key in (
            "supplier_name",
            "supplier_tax_id",
            "invoice_number",
            "invoice_date",
            "due_date",
            "po_number",
            "currency",
            "subtotal",
            "tax",
            "total",
        )
    } == {
        "supplier_name": "ALPHA SRL",
        "supplier_tax_id": "IT01234567890",  # the partita IVA with its country
        "invoice_number": "123",
        "invoice_date": "2017-01-18",
        "due_date": "2017-03-30",
        "po_number": "66685",
        "currency": "EUR",
        "subtotal": "25.00",
        "tax": "5.50",
        "total": "30.50",
    }
    assert all(fv.confidence == 1.0 for fv in result.fields.values() if fv.value is not None)
    assert result.parties["supplier"]["address"] == "VIALE ROMA 543, 07100 SASSARI, IT"
    assert result.parties["buyer"]["name"] == "AMMINISTRAZIONE BETA"
    assert result.parties["buyer"]["tax_id"] == "09876543210"
    assert [
        (line.description, line.quantity, line.unit_price, line.amount, line.tax_rate)
        for line in result.line_items[1:]
    ] == [("FORNITURE VARIE PER UFFICIO", "10.00", "2.00", "20.00", "22.00")]


def test_a_discounted_line_is_priced_after_its_discount() -> None:
    # Line 2 at 2.00 less 10 % is 1.80 a piece: 18.00, and the 22 % summary follows.
    discounted = (
        FPA02.replace(
            b"<PrezzoUnitario>2.00</PrezzoUnitario>\n        <PrezzoTotale>20.00</PrezzoTotale>",
            b"<PrezzoUnitario>2.00</PrezzoUnitario>\n        <ScontoMaggiorazione><Tipo>SC</Tipo>"
            b"<Percentuale>10.00</Percentuale></ScontoMaggiorazione>\n"
            b"        <PrezzoTotale>18.00</PrezzoTotale>",
        )
        .replace(b"<ImponibileImporto>25.00<", b"<ImponibileImporto>23.00<")
        .replace(b"<Imposta>5.50<", b"<Imposta>5.06<")
    )
    assert discounted.count(b"ScontoMaggiorazione") == 2

    assert _errors(discounted) == {}


def test_sdi_arithmetic_controls_are_errors_with_their_code_and_place() -> None:
    wrong_line = FPA02.replace(b"<PrezzoTotale>20.00<", b"<PrezzoTotale>21.00<")
    wrong_tax = FPA02.replace(b"<Imposta>5.50<", b"<Imposta>5.70<")

    assert _errors(wrong_line) == {
        "00423 line 2": "Line 2: unit price 2.00 x quantity 10.00 after discounts and "
        "surcharges is 20.00, not the total price 21.00."
    }
    assert _errors(wrong_tax) == {"00421 rate 22.00": "Tax 5.70 at 22.00% of 25.00 should be 5.50."}


def test_a_summary_that_does_not_match_its_lines_is_reported_and_still_read() -> None:
    # An official sample whose 22 % taxable amount (27.00) is two euros off its lines (25.00);
    # SdI allows one euro.
    outcome = parse_einvoice_xml((SAMPLES / "IT01234567890_FPR02.xml").read_bytes())

    assert not outcome.valid
    assert [f.where for f in outcome.findings if f.severity == "error"] == ["00422 rate 22.00"]
    assert einvoice_extraction(outcome).value("subtotal") == "27.00"


def test_missing_mandatory_terms_are_errors_not_crashes() -> None:
    stripped = FPA02.replace(b"<Numero>123</Numero>", b"").replace(b"<Divisa>EUR</Divisa>", b"")

    assert set(_errors(stripped)) == {"2.1.1.4 Numero", "2.1.1.2 Divisa"}
    assert parse_einvoice_xml(b"<FatturaElettronica/>").valid is False


def test_a_fatturapa_is_accepted_as_an_xml_upload() -> None:
    assert sniff_content_type(FPA02[:65536]) == "application/xml"


@pytest.mark.django_db
def test_an_uploaded_fatturapa_becomes_a_draft_invoice_of_the_matched_supplier(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.partners.tests.factories import make_supplier
    from procura.procurement.models import SupplierInvoice

    supplier = make_supplier(name="Alpha", tax_id="IT01234567890", currency="EUR")
    client = client_as("finance")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("fattura.xml", FPA02)}, format="multipart")

    assert response.status_code == 202, response.content
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    assert detail["extraction"]["source"] == "e-invoice"
    assert detail["extraction"]["einvoice"]["syntax"] == "FatturaPA"
    assert detail["extraction"]["supplier"]["supplier_id"] == supplier.pk
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    assert invoice.supplier_id == supplier.pk
    assert (invoice.invoice_number, str(invoice.invoice_date)) == ("123", "2017-01-18")
    assert (str(invoice.subtotal), str(invoice.tax), str(invoice.total)) == (
        "25.00",
        "5.50",
        "30.50",
    )
    assert [str(line.line_total) for line in invoice.lines.order_by("line_no")] == [
        "5.00",
        "20.00",
    ]


def test_the_nature_of_a_zero_rate_and_the_summary_of_every_rate_are_checked() -> None:
    # A 22 % line that names a nature (only a zero rate may), and a line at 10 % that no
    # summary covers (which also leaves the 22 % summary five euros above its lines).
    natured = FPA02.replace(
        b"<AliquotaIVA>22.00</AliquotaIVA>\n      </DettaglioLinee>",
        b"<AliquotaIVA>22.00</AliquotaIVA>\n        <Natura>N2.2</Natura>\n      </DettaglioLinee>",
        1,
    )
    unsummarised = FPA02.replace(
        b"<PrezzoTotale>5.00</PrezzoTotale>\n        <AliquotaIVA>22.00</AliquotaIVA>",
        b"<PrezzoTotale>5.00</PrezzoTotale>\n        <AliquotaIVA>10.00</AliquotaIVA>",
    )
    assert natured != FPA02
    assert unsummarised != FPA02

    assert list(_errors(natured)) == ["00401 line 1"]
    assert set(_errors(unsummarised)) == {"00419 rate 10.00", "00422 rate 22.00"}


def test_a_partita_iva_that_fails_its_check_digit_is_a_warning() -> None:
    # The official example's 01234567890 is a placeholder whose check digit fails;
    # 02241740360 is a well-formed partita IVA.
    placeholder = parse_einvoice_xml(FPA02)
    well_formed = parse_einvoice_xml(FPA02.replace(b"01234567890", b"02241740360"))

    assert placeholder.valid
    warnings = {f.where: f.message for f in placeholder.findings if f.severity == "warning"}
    assert warnings["CedentePrestatore IdFiscaleIVA"] == (
        "The partita IVA 01234567890 fails its check digit."
    )
    assert not [f for f in well_formed.findings if "IdFiscaleIVA" in f.where]
