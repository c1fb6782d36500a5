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


FPR03 = (SAMPLES / "IT01234567890_FPR03.xml").read_bytes()  # a batch: one header, two bodies


def _signed(content: bytes, *, encoding: str = "der") -> bytes:
    """A CAdES-BES-like attached signature (PKCS#7 SignedData) over ``content``, as the signing
    tools Italian suppliers use produce it, with a throwaway self-signed certificate."""
    import base64
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Mario Rossi"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
        ]
    )
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(4711)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    der = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )
    return base64.encodebytes(der) if encoding == "base64" else der


@pytest.mark.parametrize("encoding", ["der", "base64"])
def test_a_signed_fatturapa_is_taken_out_of_its_envelope_and_read(encoding: str) -> None:
    from procura.documents.extraction.einvoice import read_einvoice

    signed = _signed(FPA02, encoding=encoding)
    assert sniff_content_type(signed[:65536]) == "application/pkcs7-mime"

    outcome = read_einvoice(signed, "application/pkcs7-mime")

    assert outcome is not None
    assert outcome.valid, outcome.findings
    assert outcome.xml == FPA02
    assert einvoice_extraction(outcome).value("invoice_number") == "123"
    assert outcome.signature == {
        "signer": "Common Name: Mario Rossi, Country: IT",
        "intact": True,
        "verified": False,
        "problems": [],
    }
    (finding,) = [f for f in outcome.findings if f.where == "signature"]
    assert finding.severity == "warning"
    assert "not verified" in finding.message


def test_a_signed_fatturapa_changed_after_signing_is_an_error() -> None:
    from procura.documents.extraction.einvoice import read_einvoice

    tampered = _signed(FPA02).replace(b"<Numero>123</Numero>", b"<Numero>124</Numero>")

    outcome = read_einvoice(tampered, "application/pkcs7-mime")

    assert outcome is not None
    assert not outcome.valid
    assert outcome.signature is not None
    assert outcome.signature["intact"] is False
    assert any(
        f.where == "signature" and f.severity == "error" and "not what was signed" in f.message
        for f in outcome.findings
    )


def test_signed_content_that_is_not_an_einvoice_is_not_accepted() -> None:
    assert sniff_content_type(_signed(b"<html><body>hello</body></html>")[:65536]) is None


@pytest.mark.django_db
def test_an_uploaded_signed_fatturapa_becomes_a_draft_with_its_signature_reported(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.partners.tests.factories import make_supplier
    from procura.procurement.models import SupplierInvoice

    supplier = make_supplier(name="Alpha", tax_id="IT01234567890", currency="EUR")
    client = client_as("finance")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {"file": upload("IT01234567890_FPA02.xml.p7m", _signed(FPA02))}, format="multipart"
        )

    assert response.status_code == 202, response.content
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED, detail["error"]
    assert detail["content_type"] == "application/pkcs7-mime"
    assert "<Numero>123</Numero>" in detail["text"]  # the XML, not the envelope's bytes
    einvoice = detail["extraction"]["einvoice"]
    assert (einvoice["syntax"], einvoice["valid"]) == ("FatturaPA", True)
    assert einvoice["signature"]["verified"] is False
    assert einvoice["signature"]["intact"] is True
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    assert (invoice.supplier_id, invoice.invoice_number, str(invoice.total)) == (
        supplier.pk,
        "123",
        "30.50",
    )
    assert invoice.low_confidence_fields == ["po_number"]  # an order number not ours


@pytest.mark.django_db
def test_each_invoice_of_an_uploaded_batch_becomes_its_own_draft(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.documents.models import Document
    from procura.partners.tests.factories import make_supplier
    from procura.procurement.models import SupplierInvoice

    supplier = make_supplier(name="Alpha", tax_id="IT01234567890", currency="EUR")
    client = client_as("finance")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {"file": upload("lotto.xml", _signed(FPR03))}, format="multipart"
        )

    assert response.status_code == 202, response.content
    first = Document.objects.get(pk=response.json()["id"])
    assert first.extraction is not None
    assert first.extraction["einvoice"]["batch"] == 2
    second = Document.objects.exclude(pk=first.pk).get()
    assert second.original_name == "lotto (invoice 2 of 2).xml"
    assert second.status == DocumentStatus.PROCESSED
    assert second.uploaded_by_id == first.uploaded_by_id
    drafts = {
        invoice.invoice_number: invoice
        for invoice in SupplierInvoice.objects.filter(supplier=supplier).prefetch_related("lines")
    }
    assert set(drafts) == {"123", "456"}
    assert drafts["123"].source_document_id == first.pk
    assert drafts["456"].source_document_id == second.pk
    assert (str(drafts["456"].invoice_date), str(drafts["456"].due_date)) == (
        "2014-12-20",
        "2015-01-28",
    )
    assert (str(drafts["456"].subtotal), str(drafts["456"].tax), str(drafts["456"].total)) == (
        "2000.00",
        "440.00",
        "2440.00",
    )
    assert drafts["456"].low_confidence_fields == ["po_number"]  # an order number not ours
    # The first body's summary states 27.00 where its lines add up to 25.00 (SdI 00422): its
    # values are kept, each marked for a person to check.
    assert "total" in drafts["123"].low_confidence_fields
    assert [str(line.line_total) for line in drafts["123"].lines.all()] == ["5.00", "20.00"]

    # Processing the batch again finds the same documents and drafts.
    from procura.documents.services.processing import document_process

    with django_capture_on_commit_callbacks(execute=True):
        document_process(document_id=first.pk, progress=lambda *_: None)
    assert Document.objects.count() == 2
    assert SupplierInvoice.objects.count() == 2


def test_a_streamed_ber_envelope_from_openssl_is_read() -> None:
    from procura.documents.extraction.einvoice import read_einvoice

    signed = (SAMPLES / "IT01234567890_FPA02.xml.p7m").read_bytes()
    assert signed[:2] == b"\x30\x80"  # indefinite length
    assert sniff_content_type(signed[:65536]) == "application/pkcs7-mime"

    outcome = read_einvoice(signed, "application/pkcs7-mime")

    assert outcome is not None
    assert outcome.valid
    assert outcome.xml == FPA02
    assert outcome.signature is not None
    assert outcome.signature["signer"] == "Common Name: Test Signer, Country: IT"
    assert outcome.signature["intact"] is True


def test_a_fatturapa_credit_note_and_its_vat_exemptions_and_terms_are_read() -> None:
    credit = FPA02.replace(
        b"<TipoDocumento>TD01</TipoDocumento>", b"<TipoDocumento>TD04</TipoDocumento>"
    )
    assert credit != FPA02
    exempt = FPA02.replace(
        b"<AliquotaIVA>22.00</AliquotaIVA>\n        <ImponibileImporto>",
        b"<AliquotaIVA>22.00</AliquotaIVA>\n        <RiferimentoNormativo>Art. 10 DPR 633/72"
        b"</RiferimentoNormativo>\n        <ImponibileImporto>",
    )

    assert einvoice_extraction(parse_einvoice_xml(credit)).kind == "credit_note"
    result = einvoice_extraction(parse_einvoice_xml(exempt))
    assert result.kind == "invoice"
    assert result.einvoice is not None
    rows = result.einvoice["tax_breakdown"]
    assert rows[0]["rate"] == "22.00"
    assert rows[0]["exemption_reason"] == "Art. 10 DPR 633/72"
    assert result.einvoice["payment_terms"] == "Payment in instalments"  # TP01
