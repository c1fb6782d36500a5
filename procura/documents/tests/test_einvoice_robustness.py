"""Malformed and hostile e-invoices never crash the reader: truncated XML, entity expansion and
external entities, deep nesting, wrong namespaces, damaged signed envelopes, PDFs with several
attachments. Each gives a structured finding (or the page's reading), never an exception, and an
upload of one ends as a failed document with its reason, never a 500."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procura.documents.extraction.einvoice import parse_einvoice_xml, read_einvoice
from procura.documents.models import Document, DocumentStatus
from procura.documents.sniffing import sniff_content_type
from procura.documents.tests.factories import upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"
URL = "/api/v1/documents/"
UBL = (SAMPLES / "EN16931_Einfach.ubl.xml").read_bytes()
CII = (SAMPLES / "XRECHNUNG_Einfach.cii.xml").read_bytes()
FATTURA = (SAMPLES / "IT01234567890_FPA02.xml").read_bytes()


def _errors(data: bytes) -> list[str]:
    outcome = parse_einvoice_xml(data)
    assert not outcome.valid
    return [f.where for f in outcome.findings if f.severity == "error"]


@pytest.mark.parametrize("sample", [UBL, CII, FATTURA], ids=["ubl", "cii", "fatturapa"])
@pytest.mark.parametrize("share", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_einvoice_is_reported_as_not_well_formed(sample: bytes, share: float) -> None:
    assert _errors(sample[: int(len(sample) * share)]) == ["xml"]


def test_internal_entities_are_neither_expanded_nor_accepted() -> None:
    laughs = "".join(
        f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY l0 "lol">{laughs}]>'
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
        "<ID>&l9;</ID></Invoice>"
    ).encode()

    outcome = parse_einvoice_xml(bomb)

    assert not outcome.valid
    assert outcome.invoice is None
    assert outcome.findings[0].where == "xml"  # refused by the parser's limits or as a DOCTYPE
    assert "lollollol" not in repr(outcome.report())


@pytest.mark.parametrize(
    "system", ["file:///etc/passwd", "http://127.0.0.1:9/invoice.dtd", "/etc/hostname"]
)
def test_external_entities_and_dtds_are_not_fetched(system: str) -> None:
    hostile = UBL.replace(
        b"<Invoice ",
        f'<!DOCTYPE Invoice [<!ENTITY x SYSTEM "{system}">]><Invoice '.encode(),
        1,
    ).replace(b"<cbc:ID>471102</cbc:ID>", b"<cbc:ID>&x;</cbc:ID>", 1)
    assert b"&x;" in hostile

    outcome = parse_einvoice_xml(hostile)

    assert not outcome.valid
    assert outcome.invoice is None
    assert "root:" not in repr(outcome.report())


def test_deep_nesting_is_refused_by_the_parser_limits() -> None:
    deep = (
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
        + b"<a>" * 20000
        + b"</a>" * 20000
        + b"</Invoice>"
    )
    assert _errors(deep) == ["xml"]


@pytest.mark.parametrize(
    "xml",
    [
        # an invoice's content under a namespace of no e-invoice syntax
        UBL.replace(
            b"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", b"urn:example:invoice"
        ),
        # UBL content under the CII root namespace
        UBL.replace(
            b"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
            b"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
        ),
        b"<Invoice/>",
        b"<CrossIndustryInvoice/>",
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
    ],
    ids=["unknown-namespace", "ubl-in-cii-namespace", "bare", "bare-cii", "empty-ubl"],
)
def test_wrong_or_missing_namespaces_are_reported_not_raised(xml: bytes) -> None:
    outcome = parse_einvoice_xml(xml)

    assert not outcome.valid
    assert any(f.severity == "error" for f in outcome.findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from([UBL, CII, FATTURA]),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=12)), min_size=1, max_size=4),
)
def test_damaged_einvoices_never_raise(sample: bytes, cuts: list[tuple[float, bytes]]) -> None:
    data = bytearray(sample)
    for where, junk in cuts:
        at = int(where * len(data))
        data[at : at + len(junk)] = junk
    outcome = parse_einvoice_xml(bytes(data))
    assert outcome.findings or outcome.valid


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0, max_value=4000), junk=st.binary(min_size=1, max_size=8))
def test_a_damaged_signed_envelope_never_raises(cut: int, junk: bytes) -> None:
    envelope = bytearray(_SIGNED)
    envelope[cut : cut + len(junk)] = junk

    outcome = read_einvoice(bytes(envelope), "application/pkcs7-mime")

    assert outcome is not None
    assert outcome.findings or outcome.valid


def _signed_sample() -> bytes:
    from procura.documents.tests.test_fatturapa import _signed

    return _signed(FATTURA)


_SIGNED = _signed_sample()


def _pdf_with(attachments: list[tuple[str, bytes]]) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    for name, data in attachments:
        writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_of_two_attachments_the_standard_named_invoice_is_read() -> None:
    pdf = _pdf_with([("a-notes.xml", b"<notes>not an invoice</notes>"), ("factur-x.xml", CII)])

    outcome = read_einvoice(pdf, "application/pdf")

    assert outcome is not None
    assert outcome.attachment == "factur-x.xml"
    assert outcome.invoice is not None
    assert outcome.invoice.number == "471102"


def test_a_pdf_whose_only_xml_attachment_is_not_an_invoice_is_reported() -> None:
    pdf = _pdf_with(
        [("delivery.xml", b"<Delivery><ID>1</ID></Delivery>"), ("logo.png", b"\x89PNG")]
    )

    outcome = read_einvoice(pdf, "application/pdf")

    assert outcome is not None
    assert not outcome.valid
    assert outcome.findings[0].where == "profile"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("truncated.xml", UBL[: len(UBL) // 2], DocumentStatus.FAILED),
        ("truncated.xml.p7m", _SIGNED[: len(_SIGNED) // 2], DocumentStatus.FAILED),
        (
            "two-attachments.pdf",
            _pdf_with([("other.xml", b"<x/>"), ("factur-x.xml", CII[:500])]),
            DocumentStatus.PROCESSED,
        ),
    ],
    ids=["truncated-xml", "truncated-p7m", "pdf-broken-attachment"],
)
def test_malformed_uploads_end_with_a_reason_never_a_server_error(
    client_as, django_capture_on_commit_callbacks, name: str, data: bytes, status: str
) -> None:
    client = client_as("finance")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload(name, data)}, format="multipart")

    assert response.status_code == 202, response.content
    document = Document.objects.get(pk=response.json()["id"])
    assert document.status == status
    if status == DocumentStatus.FAILED:
        assert document.error_code == "broken_file"
        assert document.error
    else:
        extraction = document.extraction or {}
        assert extraction["source"] == "visual"  # the page, the XML being unusable
        assert extraction["einvoice"]["valid"] is False
    assert client.get(f"{URL}{document.pk}/").status_code == 200


def test_a_signed_envelope_of_something_else_is_not_accepted_as_an_upload() -> None:
    from procura.documents.tests.test_fatturapa import _signed

    assert sniff_content_type(_signed(b"<Delivery/>")[:65536]) is None
