"""A PDF page's text layer is taken only when it is readable, and a scanner's layer under a page
picture only when it reads like the picture; otherwise the page is OCR'd."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2
import pytesseract
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from procura.documents.extraction import extract_invoice, read_document, text_layer
from procura.documents.extraction.reading import (
    MIN_READABLE_SHARE,
    PDF,
    readable_share,
    reread_kept_layers,
)
from procura.documents.extraction.result import FieldValue, InvoiceExtraction
from procura.documents.extraction.text_layer import POOR_WORDLIKE, merge_readings, wordlike_share
from procura.documents.tests.factories import processed_upload
from procura.documents.tests.world import (
    WORLD,
    fax_layer,
    render_pdf,
    render_text,
    render_unreadable_pdf,
    scanned_page,
)


@pytest.mark.parametrize(
    "text",
    [
        "Rechnungsnummer 2026-114 Gesamtbetrag 1.810,00 €",
        "Facture n° F-2291 Total TTC 1 234,56 €",
        "Faktura VAT nr 12/2026 Razem do zapłaty 1 939 zł",
        "請求書 番号 2026-114 合計 ¥12,000",  # other scripts are text too
        "Hafenstra(cid:2)e 21 Regalsystem nach Ma(cid:2) 1.480,00 (cid:3)",  # a few glyphs lost
    ],
)
def test_real_text_is_readable(text: str) -> None:
    assert readable_share(text) >= MIN_READABLE_SHARE


@pytest.mark.parametrize(
    "text",
    [
        "(cid:1)(cid:2)(cid:3)(cid:4)(cid:5) (cid:12)(cid:13)(cid:12)(cid:14)",
        "\ue052\ue065\ue063\ue068\ue06e\ue075\ue06e\ue067 \ue032\ue030\ue032\ue036",
        "\x01\x02\x03\x04 \x05\x06\x07 \x0e\x0f\x10",
        "Rechnungsbetrag f\u00c3\u00bcr Gr\u00c3\u00b6\u00c3\u0178e \u00c3\u00a4\u00c3\u00b6\u00c3\u00bc",
        "\ufffd\ufffd\ufffd \ufffd\ufffd 2026",
    ],
    ids=["glyph-ids", "private-use", "control", "mojibake", "replacement"],
)
def test_garbage_is_not_readable(text: str) -> None:
    assert readable_share(text) < MIN_READABLE_SHARE


def test_a_readable_text_layer_is_taken_as_it_is() -> None:
    read = read_document(render_pdf("de-rechnung.txt"), "application/pdf")

    assert [page.source for page in read.pages] == ["text"]
    assert not any("unreadable" in note for note in read.notes)


@pytest.mark.parametrize("unicode_map", [True, False], ids=["private-use", "glyph-ids"])
def test_an_unreadable_text_layer_is_replaced_by_ocr(unicode_map: bool) -> None:
    read = read_document(
        render_unreadable_pdf("de-rechnung.txt", unicode_map=unicode_map), "application/pdf"
    )

    assert [page.source for page in read.pages] == ["ocr"]
    assert "Rechnungsnummer" in read.text
    assert "(cid:" not in read.text
    assert "\ue052" not in read.text
    assert any("page 1: text layer unreadable" in note for note in read.notes)


# A scanner's text layer under a page picture: used when sound, replaced by OCR when poor.

REAL = Path(__file__).parent / "samples" / "real"


@pytest.fixture(scope="module")
def rechnung() -> str:
    return (WORLD / "de-rechnung.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rechnung_scan(rechnung: str) -> Image.Image:
    return scanned_page(rechnung)


@pytest.mark.parametrize(
    "text",
    [
        "Rechnungsnummer 2026-114 Rechnungsdatum 03.12.2026 Gesamtbetrag 1.810,00 € MwSt. 19 %",
        "Facture n° F-2291 du 4 juillet 2026 Total TTC 1 234,56 € contact@atelier.example",
        "Invoice INV-0042 Subtotal $1,079.00 Sales tax 95.76 Total due 1,174.76 www.cold.example",
    ],
)
def test_ordinary_text_is_word_like(text: str) -> None:
    assert wordlike_share(text.split()) >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "PHILI P MORRIS 1NCOaronnTSo O N F U C M A B S E E R S NUMBEUR PITCEM BaANO 24'y000",
        "WIW[E6tl,NYN9lWEIXlIXMACWJMlSEHRHOFfhDEXCEPtdVOLNWAIRENORDFA.tp GROSSAMOUNT 4,759 .20",
        "R c c h n u n g s n u rn rn c r 2026-1|4 Gcsomtbctrog%~X 1.810 ,00",
    ],
)
def test_a_fax_programs_misreading_is_not(text: str) -> None:
    assert wordlike_share(text.split()) < POOR_WORDLIKE


def test_a_sound_invisible_layer_under_a_scan_is_used_as_it_is(
    rechnung: str, rechnung_scan: Image.Image
) -> None:
    pdf = render_text(rechnung, picture=rechnung_scan, layer="invisible")

    read = read_document(pdf, "application/pdf")

    assert [page.source for page in read.pages] == ["text"]
    assert not any("text layer" in note for note in read.notes)
    result = extract_invoice(read.pages)
    assert result.fields["total"].value == "1810.00"
    # The layer is the picture's reading: the picture is not offered for reading again.
    assert read.image_boxes == {}


def test_an_ocr_tools_layer_is_used_as_it_is(rechnung: str) -> None:
    # What ocrmypdf and Tesseract's own PDF output make: the scan with an invisible layer of
    # glyphless text, each word stretched over its place on the picture.
    scan = scanned_page(rechnung, dpi=300).convert("L")
    pdf = pytesseract.image_to_pdf_or_hocr(scan, extension="pdf", config="--dpi 300")

    read = read_document(pdf, PDF)

    assert [page.source for page in read.pages] == ["text"]
    assert not any("text layer" in note for note in read.notes)
    assert "Rechnungsbetrag" in read.text


def test_a_long_file_of_sound_layers_is_sampled_on_its_first_pages_and_doubtful_ones(
    rechnung: str, rechnung_scan: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = render_text(rechnung, picture=rechnung_scan, layer="invisible")
    poor = render_text(rechnung, picture=rechnung_scan, layer="invisible", encode=fax_layer)
    writer = PdfWriter()
    for data in (page, page, page, page, poor):
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    sampled: list[int] = []
    real_sample = text_layer.sample_agreement

    def counted(*args: Any, **kwargs: Any) -> float | None:
        sampled.append(1)
        return real_sample(*args, **kwargs)

    monkeypatch.setattr(text_layer, "sample_agreement", counted)

    read = read_document(out.getvalue(), PDF)

    # The first pages are sampled, then only a page whose text alone is doubtful: the last,
    # which is still read by OCR.
    assert len(sampled) == text_layer.SOUND_SAMPLES_TRUSTED + 1
    assert [page.source for page in read.pages] == ["text", "text", "text", "text", "ocr"]


@pytest.mark.parametrize("layer", ["invisible", "under"])
def test_a_poor_scanner_layer_is_replaced_by_reading_the_picture(
    rechnung: str, rechnung_scan: Image.Image, layer: str
) -> None:
    pdf = render_text(rechnung, picture=rechnung_scan, layer=layer, encode=fax_layer)
    assert "1.810 ,00" in read_document(render_text(rechnung, encode=fax_layer), PDF).text

    read = read_document(pdf, "application/pdf")

    assert [page.source for page in read.pages] == ["ocr"]
    assert any("page 1: the scanner's text layer" in note for note in read.notes)
    assert "Rechnungsnummer" in read.text
    result = extract_invoice(read.pages)
    assert result.fields["total"].value == "1810.00"


def test_a_born_digital_page_on_a_background_picture_keeps_its_text(
    rechnung: str, rechnung_scan: Image.Image
) -> None:
    # Printed visibly over a picture covering the page, the text is the page's own, however it
    # reads: it is never judged as a scanner's layer, nor the page read by OCR.
    pdf = render_text(rechnung, picture=rechnung_scan, layer="visible", encode=fax_layer)

    read = read_document(pdf, "application/pdf")

    assert [page.source for page in read.pages] == ["text"]
    assert "1.810 ,00" in read.text
    assert list(read.image_boxes) == [1]  # its picture may still be read when fields lack


def test_a_real_fax_scan_with_its_programs_poor_layer_is_read_by_ocr() -> None:
    read = read_document((REAL / "docile-fax-invoice.pdf").read_bytes(), PDF)

    assert [page.source for page in read.pages] == ["ocr"]
    assert any("the scanner's text layer" in note for note in read.notes)
    # The layer splits amounts at the decimal mark; the picture does not.
    assert "4,759 .20" not in read.text
    assert "4,759.20" in read.text


def test_a_poor_scanner_page_is_opened_and_rendered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real fax's layer is word-like enough to be sampled: its page is rendered for the
    # sample, and that picture is the one OCR reads; pypdfium2 opens the file once.
    opened: list[int] = []
    renders: list[int] = []
    real_document = pypdfium2.PdfDocument
    real_render = pypdfium2.PdfPage.render

    class Counted(real_document):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            opened.append(1)
            super().__init__(*args, **kwargs)

    def render(self: pypdfium2.PdfPage, *args: Any, **kwargs: Any) -> Any:
        renders.append(1)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(pypdfium2, "PdfDocument", Counted)
    monkeypatch.setattr(pypdfium2.PdfPage, "render", render)

    read = read_document((REAL / "docile-fax-invoice.pdf").read_bytes(), PDF)

    assert any("% of a sample read by OCR found in it" in note for note in read.notes)
    assert [page.source for page in read.pages] == ["ocr"]
    assert "4,759.20" in read.text
    assert (len(opened), len(renders)) == (1, 1)
    # Read by OCR, not from a kept layer: nothing to read again whatever its fields.
    assert read.kept_layers == {}
    assert reread_kept_layers(b"", read, extract_invoice(read.pages), extract_invoice) == []


# A kept layer's missing or doubtful fields: OCR of its picture is asked too, field by field.


def test_a_key_field_the_kept_layer_lacks_is_taken_from_ocr_of_its_picture(
    rechnung: str, rechnung_scan: Image.Image
) -> None:
    # The scanner's layer lost the invoice number's line (printed on a shaded band); the rest
    # of it reads like the picture, so it is kept.
    layer = rechnung.replace("Rechnungsnummer: 2026-114", " " * 25)
    pdf = render_text(layer, picture=rechnung_scan, layer="invisible")
    read = read_document(pdf, PDF)
    assert list(read.kept_layers) == [1]
    result = extract_invoice(read.pages)
    assert result.fields["invoice_number"].value != "2026-114"
    total = result.fields["total"]

    taken = reread_kept_layers(pdf, read, result, extract_invoice)

    assert "invoice_number" in taken
    assert result.fields["invoice_number"].value == "2026-114"
    assert "total" not in taken
    assert result.fields["total"] is total  # the layer's own reading stays
    assert any("under the scanner's text layer" in note for note in result.notes)


def _reading(**fields: tuple[str | None, float]) -> InvoiceExtraction:
    return InvoiceExtraction(
        fields={name: FieldValue(v, c) for name, (v, c) in fields.items()},
        line_items=[],
        notation="EU",
    )


def test_field_by_field_the_surer_of_the_layer_and_ocr_is_taken() -> None:
    layer = _reading(
        invoice_number=(None, 0.0),  # lacking: OCR's
        total=("1810.00", 0.45),  # doubted, OCR sure of another value: OCR's
        tax=("0.00", 0.55),  # doubted, OCR doubts another value too: the layer's
        invoice_date=("2026-12-07", 0.9),  # sure: the layer's, whatever OCR says
        currency=("EUR", 0.5),  # doubted, and OCR reads the same: the surer confidence
    )
    ocr = _reading(
        invoice_number=("2026-114", 0.8),
        total=("1.810", 0.85),
        tax=("19.00", 0.5),
        invoice_date=("2026-07-12", 0.95),
        currency=("EUR", 0.8),
    )

    taken = merge_readings(
        layer, ocr, ["invoice_number", "total", "tax", "invoice_date", "currency"]
    )

    assert taken == ["invoice_number", "total"]
    values = {name: (fv.value, fv.confidence) for name, fv in layer.fields.items()}
    assert values == {
        "invoice_number": ("2026-114", 0.8),
        "total": ("1.810", 0.85),
        "tax": ("0.00", 0.55),
        "invoice_date": ("2026-12-07", 0.9),
        "currency": ("EUR", 0.8),
    }


@pytest.mark.django_db
def test_an_uploaded_scan_whose_kept_layer_lacks_the_number_gets_it_from_ocr(
    rechnung: str,
    rechnung_scan: Image.Image,
    client_as: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    layer = rechnung.replace("Rechnungsnummer: 2026-114", " " * 25)
    pdf = render_text(layer, picture=rechnung_scan, layer="invisible")

    detail = processed_upload(
        client_as("finance"), django_capture_on_commit_callbacks, "scan.pdf", pdf
    )

    fields = detail["extraction"]["fields"]
    assert fields["invoice_number"]["value"] == "2026-114"
    assert fields["total"]["value"] == "1810.00"
    assert "invoice_number" not in detail["extraction"]["missing_fields"]
