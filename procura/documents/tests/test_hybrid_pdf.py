"""The PDF that carries a Factur-X / ZUGFeRD invoice: its XMP metadata and attachment are
checked as the standards require, on real corpus files (samples/einvoices, Apache-2.0) and on
copies of them with one thing changed."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from procura.documents.extraction.einvoice import read_einvoice
from procura.documents.models import Document, DocumentStatus
from procura.documents.tests.factories import upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"
URL = "/api/v1/documents/"
FACTURX = "Facture_FR_MINIMUM.pdf"  # Factur-X 1.0, MINIMUM, fx: metadata, /Data
CORRECT = (FACTURX, "zugferd_2p0_EN16931_Einfach.pdf", "ZUGFeRD_1p0_COMFORT_Einfach.pdf")


def _rewrite(name: str, change: Callable[[Any], None]) -> bytes:
    """The sample with ``change(writer)`` applied, written out as a new PDF."""
    writer = PdfWriter(clone_from=PdfReader(SAMPLES / name))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _xmp(old: bytes, new: bytes) -> Callable[[Any], None]:
    def change(writer: Any) -> None:
        stream = writer._root_object["/Metadata"].get_object()
        packet = stream.get_data()
        assert old in packet
        stream.set_data(packet.replace(old, new))

    return change


def _invoice_spec(writer: Any) -> Any:
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    return names[1].get_object()


def _errors(data: bytes) -> dict[str, str]:
    outcome = read_einvoice(data, "application/pdf")
    assert outcome is not None
    assert outcome.invoice is not None
    return {f.where: f.message for f in outcome.findings if f.severity == "error"}


@pytest.mark.parametrize("name", CORRECT)
def test_correct_hybrid_pdfs_pass_the_pdf_checks(name: str) -> None:
    outcome = read_einvoice((SAMPLES / name).read_bytes(), "application/pdf")

    assert outcome is not None
    assert outcome.valid, outcome.findings
    assert not [f for f in outcome.findings if f.where.startswith(("XMP", "attachment"))]


def test_a_profile_in_the_metadata_other_than_the_xmls_is_an_error() -> None:
    data = _rewrite(
        FACTURX,
        _xmp(b"<fx:ConformanceLevel>MINIMUM<", b"<fx:ConformanceLevel>EN 16931<"),
    )

    errors = _errors(data)

    assert list(errors) == ["XMP fx:ConformanceLevel"]
    assert errors["XMP fx:ConformanceLevel"] == (
        "The metadata declares the EN 16931 profile, but the XML is MINIMUM "
        "(its guideline id urn:factur-x.eu:1p0:minimum)."
    )


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        (
            b"<fx:DocumentFileName>factur-x.xml<",
            b"<fx:DocumentFileName>invoice.xml<",
            "XMP fx:DocumentFileName",
            "names the invoice file invoice.xml, but the invoice is attached as factur-x.xml",
        ),
        (
            b"<fx:DocumentType>INVOICE<",
            b"<fx:DocumentType>ORDER<",
            "XMP fx:DocumentType",
            "DocumentType is ORDER, not INVOICE.",
        ),
        (b"<pdfaid:part>3<", b"<pdfaid:part>1<", "XMP pdfaid:part", "PDF/A part 1"),
        (
            b"<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#<",
            b"<pdfaSchema:namespaceURI>urn:example:other#<",
            "XMP pdfaExtension",
            "not declared by a PDF/A extension schema",
        ),
    ],
)
def test_metadata_that_contradicts_the_invoice_is_an_error(
    old: bytes, new: bytes, where: str, says: str
) -> None:
    errors = _errors(_rewrite(FACTURX, _xmp(old, new)))

    assert list(errors) == [where]
    assert says in errors[where]


def test_a_pdf_without_xmp_metadata_is_not_a_hybrid_invoice() -> None:
    def drop(writer: Any) -> None:
        del writer._root_object["/Metadata"]

    errors = _errors(_rewrite(FACTURX, drop))

    assert list(errors) == ["XMP"]


def test_the_attachment_must_declare_its_relationship_and_xml_type() -> None:
    def change(writer: Any) -> None:
        spec = _invoice_spec(writer)
        spec[NameObject("/AFRelationship")] = NameObject("/Unspecified")
        stream = spec["/EF"]["/F"].get_object()
        stream[NameObject("/Subtype")] = NameObject("/application#2Foctet-stream")

    errors = _errors(_rewrite(FACTURX, change))

    assert set(errors) == {"attachment /AFRelationship", "attachment /Subtype"}
    assert "is /Unspecified" in errors["attachment /AFRelationship"]
    assert "application/octet-stream, not text/xml" in errors["attachment /Subtype"]


def test_an_attachment_the_pdf_does_not_associate_with_itself_is_an_error() -> None:
    def detach(writer: Any) -> None:
        del writer._root_object["/AF"]

    errors = _errors(_rewrite(FACTURX, detach))

    assert list(errors) == ["attachment /AF"]
    # The same fault in a real file: python-factur-x's sample lists its XML only by name.
    real = _errors((SAMPLES / "fail" / "python-factur-x.pdf").read_bytes())
    assert real["attachment /AF"] == (
        "factur-x.xml is not associated with the document (/AF), as PDF/A-3 requires of every "
        "embedded file."
    )


@pytest.mark.django_db
def test_an_uploaded_pdf_whose_metadata_contradicts_its_xml_is_read_from_the_page(
    client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("finance")
    data = _rewrite(
        FACTURX,
        _xmp(b"<fx:ConformanceLevel>MINIMUM<", b"<fx:ConformanceLevel>BASIC<"),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("invoice.pdf", data)}, format="multipart")

    assert response.status_code == 202, response.content
    document = Document.objects.get(pk=response.json()["id"])
    assert document.status == DocumentStatus.PROCESSED
    extraction = document.extraction or {}
    assert extraction["source"] == "visual"
    report = extraction["einvoice"]
    assert (report["valid"], report["attachment"]) == (False, "factur-x.xml")
    errors = [f["where"] for f in report["findings"] if f["severity"] == "error"]
    assert errors == ["XMP fx:ConformanceLevel"]
