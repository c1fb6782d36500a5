"""The extraction engine on the fixed sample (3 digital PDFs, 2 scans) and on parsing rules."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from procura.documents.extraction import (
    CandidateSupplierMatcher,
    ExtractionHints,
    ReadError,
    ReadErrorCode,
    ReadLimits,
    SupplierCandidate,
    extract_invoice,
    read_document,
)
from procura.documents.extraction.hints import Example, layout_of, learn_hints
from procura.documents.extraction.parsing import (
    Notation,
    currency_votes,
    detect_notation,
    find_amounts,
    parse_date,
    parse_number,
)
from procura.documents.extraction.reading import read_page_images
from procura.documents.tests.factories import (
    CONTENT_TYPES,
    blank_pdf,
    encrypted_pdf,
    pdf_with_picture,
    png_bytes,
    sample_bytes,
    sample_truth,
)

SCALARS = ["supplier_name", "invoice_number", "invoice_date", "due_date", "po_number", "currency",
           "subtotal", "tax", "total"]  # fmt: skip
DIGITAL = ["classic.pdf", "european.pdf", "modern.pdf"]
SCANS = ["compact-scan.png", "swiss-scan.jpeg"]


def _extract(name: str):
    read = read_document(sample_bytes(name), CONTENT_TYPES[Path(name).suffix])
    return read, extract_invoice(read.pages)


def _lines(items):
    return [
        (i["description"], Decimal(i["quantity"]), Decimal(i["unit_price"]), Decimal(i["amount"]))
        for i in items
    ]


@pytest.mark.parametrize("name", DIGITAL)
def test_digital_invoice_fields_and_lines_are_extracted_exactly(name: str) -> None:
    truth = sample_truth()[name]

    read, result = _extract(name)

    assert not read.used_ocr
    assert {field: result.value(field) for field in SCALARS} == {
        field: truth[field] for field in SCALARS
    }
    assert _lines([i.as_json() for i in result.line_items]) == _lines(truth["line_items"])
    assert result.checks == {"lines_sum_to_subtotal": True, "subtotal_plus_tax_is_total": True}
    total = result.fields["total"]
    assert total.confidence >= 0.9
    assert total.location is not None
    assert total.location.page == 1
    assert all(0 <= v <= 1 for v in total.location.box)


@pytest.mark.parametrize("name", SCANS)
def test_scanned_invoice_header_fields_are_read_by_ocr(name: str) -> None:
    truth = sample_truth()[name]

    read, result = _extract(name)

    assert read.used_ocr
    assert any("deskewed" in note for note in read.notes)
    assert {field: result.value(field) for field in SCALARS} == {
        field: truth[field] for field in SCALARS
    }
    assert _lines([i.as_json() for i in result.line_items]) == _lines(truth["line_items"])
    assert result.checks == {"lines_sum_to_subtotal": True, "subtotal_plus_tax_is_total": True}


def test_extraction_is_deterministic() -> None:
    first = _extract("european.pdf")[1].as_json()
    second = _extract("european.pdf")[1].as_json()
    assert first == second


def test_supplier_is_matched_by_tax_id_before_name() -> None:
    read, result = _extract("classic.pdf")
    printed_name = result.value("supplier_name")
    printed_tax_id = result.value("supplier_tax_id")
    assert printed_name
    assert printed_tax_id
    matcher = CandidateSupplierMatcher(
        [
            SupplierCandidate(1, printed_name),
            SupplierCandidate(2, "Other Name", tax_ids=[printed_tax_id]),
        ]
    )

    matched = extract_invoice(read.pages, matcher=matcher).supplier

    assert matched is not None
    assert (matched.supplier_id, matched.matched_by) == (2, "tax_id")


def test_supplier_is_matched_by_name_without_legal_suffix() -> None:
    read, result = _extract("modern.pdf")
    printed_name = result.value("supplier_name") or ""
    bare = printed_name.replace(" Ltd", "").replace(" Inc.", "").replace(" GmbH", "").upper()
    matcher = CandidateSupplierMatcher(
        [SupplierCandidate(7, bare), SupplierCandidate(8, "Unrelated Foods")]
    )

    matched = extract_invoice(read.pages, matcher=matcher).supplier

    assert matched is not None
    assert (matched.supplier_id, matched.matched_by) == (7, "name")


def test_corrections_teach_label_and_position_hints() -> None:
    read, result = _extract("european.pdf")
    number = sample_truth()["european.pdf"]["invoice_number"]

    hints = learn_hints(layout_of(read.pages), {"invoice_number": number}, Notation.EU)
    hinted = extract_invoice(read.pages, hints=hints)

    assert hints.labels["invoice_number"] == ["Invoice Number"]
    assert hints.examples["invoice_number"][0].page == 1
    assert hinted.value("invoice_number") == number
    assert hinted.fields["invoice_number"].source == "hint"


def test_region_hint_finds_a_value_the_labels_miss() -> None:
    read, result = _extract("classic.pdf")
    location = result.fields["invoice_number"].location
    assert location is not None

    hints = ExtractionHints({"invoice_number": [Example(page=location.page, box=location.box)]})
    hinted = extract_invoice(read.pages, hints=hints)

    assert hinted.value("invoice_number") == result.value("invoice_number")


@pytest.mark.parametrize(
    ("text", "notation", "expected"),
    [
        ("2026-03-04", Notation.US, date(2026, 3, 4)),
        ("03/04/2026", Notation.US, date(2026, 3, 4)),
        ("03/04/2026", Notation.EU, date(2026, 4, 3)),
        ("13/04/2026", Notation.US, date(2026, 4, 13)),
        ("4 Mar 2026", Notation.US, date(2026, 3, 4)),
        ("March 4, 2026", Notation.EU, date(2026, 3, 4)),
        ("04.03.2026", Notation.US, date(2026, 3, 4)),
    ],
)
def test_dates_in_the_usual_formats(text: str, notation: Notation, expected: date) -> None:
    assert parse_date(text, notation) == expected


@pytest.mark.parametrize(
    ("text", "notation", "expected"),
    [
        ("1,234.56", Notation.US, Decimal("1234.56")),
        ("1.234,56", Notation.EU, Decimal("1234.56")),
        ("1'234.56", Notation.US, Decimal("1234.56")),
        ("(12.50)", Notation.US, Decimal("-12.50")),
        ("1,23,4.5", Notation.US, None),
    ],
)
def test_amounts_in_us_and_european_notation(
    text: str, notation: Notation, expected: Decimal | None
) -> None:
    assert parse_number(text, notation) == expected


def test_notation_of_ocr_text_with_rules_read_as_bars() -> None:
    # OCR reads a table's rules as "|" beside the amounts.
    assert detect_notation("| 12,50 | 1.250,00 || 3,00 |") is Notation.EU
    assert detect_notation("Total | 1,250.00 |") is Notation.US


def test_percentages_are_not_amounts() -> None:
    assert [v for v, _, _ in find_amounts("VAT 20 % 1,200.00", Notation.US)] == [Decimal("1200.00")]


def test_currency_from_codes_and_symbols() -> None:
    assert currency_votes("Total € 12,00").most_common(1)[0][0] == "EUR"
    assert currency_votes("CA$ 15.00 and CAD").most_common(1)[0][0] == "CAD"


def test_encrypted_pdf_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_document(encrypted_pdf(), "application/pdf")
    assert caught.value.code == ReadErrorCode.ENCRYPTED


def test_damaged_pdf_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_document(b"%PDF-1.7\n garbage without objects", "application/pdf")
    assert caught.value.code == ReadErrorCode.BROKEN


def test_page_and_pixel_limits() -> None:
    with pytest.raises(ReadError) as pages:
        read_document(blank_pdf(3), "application/pdf", limits=ReadLimits(max_pages=2))
    with pytest.raises(ReadError) as pixels:
        read_document(png_bytes(400, 400), "image/png", limits=ReadLimits(max_pixels=100_000))
    assert pages.value.code == ReadErrorCode.TOO_MANY_PAGES
    assert pixels.value.code == ReadErrorCode.TOO_MANY_PIXELS


def _image_bytes(image, fmt: str = "PNG", dpi: int = 200) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, dpi=(dpi, dpi))
    return out.getvalue()


def test_an_upside_down_scan_is_turned_and_read() -> None:
    truth = sample_truth()["compact-scan.png"]
    upright = Image.open(io.BytesIO(sample_bytes("compact-scan.png")))

    read = read_document(_image_bytes(upright.rotate(180, expand=True)), "image/png")
    result = extract_invoice(read.pages)

    assert any("rotated 180 degrees" in note for note in read.notes)
    assert (result.value("invoice_number"), result.value("total")) == (
        truth["invoice_number"],
        truth["total"],
    )


def _counting_tesseract(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the OCR asks Tesseract for words and for a page's orientation."""
    import pytesseract

    from procura.documents.extraction import ocr

    calls = {"image_to_data": 0, "image_to_osd": 0}
    for name in calls:
        real = getattr(pytesseract, name)

        def counted(*args: object, _name: str = name, _real=real, **kwargs: object) -> object:
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(ocr.pytesseract, name, counted)
    return calls


def _sheet(*lines: str) -> Image.Image:
    """An A4 page at 300 dpi with ``lines`` of 10 pt text near its top."""
    from PIL import ImageDraw, ImageFont

    sheet = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(sheet)
    for i, line in enumerate(lines):
        draw.text((200, 200 + 60 * i), line, fill=0, font=ImageFont.load_default(size=42))
    return sheet


@pytest.mark.parametrize(
    "lines", [(), ("Page intentionally left blank",)], ids=["blank", "one-line"]
)
def test_a_page_with_next_to_no_text_is_read_once_not_turned(
    monkeypatch: pytest.MonkeyPatch, lines: tuple[str, ...]
) -> None:
    from procura.documents.extraction.ocr import ocr_page

    calls = _counting_tesseract(monkeypatch)

    page = ocr_page(_sheet(*lines), number=1, dpi=300)

    assert calls["image_to_osd"] == 0
    assert calls["image_to_data"] <= 2  # read, and at most read again by lines
    assert not any("rotated" in note for note in page.notes)


def test_an_upright_scan_is_read_without_asking_for_its_orientation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from procura.documents.extraction import ocr

    def no_orientation(*args: object, **kwargs: object) -> int:
        raise AssertionError("orientation asked for an upright page")

    monkeypatch.setattr(ocr, "detect_orientation", no_orientation)

    read = read_document(sample_bytes("compact-scan.png"), "image/png")

    assert extract_invoice(read.pages).value("total") == sample_truth()["compact-scan.png"]["total"]


def test_a_pdf_whose_invoice_is_a_picture_beside_its_text_is_read_from_the_picture() -> None:
    truth = sample_truth()["compact-scan.png"]
    picture = Image.open(io.BytesIO(sample_bytes("compact-scan.png")))
    data = pdf_with_picture(picture, "Scanned by the mail room, attached for your records")

    read = read_document(data, "application/pdf")
    before = extract_invoice(read.pages)
    assert not read.used_ocr
    assert {"invoice_number", "total"} <= set(before.missing_fields)
    assert list(read.image_boxes) == [1]

    assert read_page_images(data, read) == [1]
    after = extract_invoice(read.pages)

    assert read.used_ocr
    assert (after.value("invoice_number"), after.value("total"), after.value("tax")) == (
        truth["invoice_number"],
        truth["total"],
        truth["tax"],
    )
    assert after.fields["total"].location is not None
    assert after.fields["total"].location.page == 1


def test_a_pdf_with_a_small_logo_has_no_picture_to_read() -> None:
    logo = Image.new("L", (60, 30), 0)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawString(40, 800, "Invoice 123 of Example Ltd")
    canvas.drawImage(ImageReader(logo), 40, 760, width=60, height=30)
    canvas.save()

    read = read_document(out.getvalue(), "application/pdf")

    assert read.image_boxes == {}
    assert read_page_images(out.getvalue(), read) == []


def _german_sectioned_invoice() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica", 7)
    canvas.drawString(57, 720, "Bergmann Fleischwaren GmbH · Hauptstraße 12 · 10115 Berlin")
    canvas.setFont("Helvetica", 10)
    for i, text in enumerate(["Westgate Retail Group", "88 Westgate Avenue", "Chicago, IL 60607"]):
        canvas.drawString(57, 700 - 13 * i, text)
    canvas.drawString(360, 700, "Rechnungsnummer")
    canvas.drawRightString(545, 700, "175951")
    canvas.drawString(360, 687, "Rechnungsdatum")
    canvas.drawRightString(545, 687, "23.03.2026")
    y = 600.0
    for x, head in ((60, "Artikel"), (345, "Menge"), (435, "Einzelpreis"), (535, "Betrag")):
        (canvas.drawString if x == 60 else canvas.drawRightString)(x, y, head)
    sections = [
        [("Cold storage fee", "8", "411,78", "3.294,24"), ("Ground beef", "10", "43,30", "433,00")],
        [("Lamb leg bone-in", "2", "109,32", "218,64")],
    ]
    for number, rows in enumerate(sections, start=1):
        y -= 18
        canvas.drawString(60, y, f"Lieferung {number} vom 23.03.2026")
        for row in rows:
            y -= 15
            canvas.drawString(60, y, row[0])
            for x, value in zip((345, 435, 535), row[1:], strict=True):
                canvas.drawRightString(x, y, value)
        y -= 15
        canvas.drawRightString(420, y, f"Zwischensumme Lieferung {number}")
        canvas.drawRightString(535, y, "3.727,24" if number == 1 else "218,64")
    y -= 30
    for x, head, value in (
        (325, "Nettobetrag", "3.945,88 EUR"),
        (435, "MwSt. 19%", "749,72 EUR"),
        (545, "Gesamtbetrag", "4.695,60 EUR"),
    ):
        canvas.drawRightString(x, y, head)
        canvas.drawRightString(x, y - 14, value)
    canvas.save()
    return out.getvalue()


def test_german_table_in_delivery_sections_and_totals_under_column_headers() -> None:
    read = read_document(_german_sectioned_invoice(), "application/pdf")
    result = extract_invoice(read.pages)

    assert [(i.description, i.amount) for i in result.line_items] == [
        ("Cold storage fee", "3294.24"),
        ("Ground beef", "433.00"),
        ("Lamb leg bone-in", "218.64"),
    ]
    assert (result.value("subtotal"), result.value("tax"), result.value("total")) == (
        "3945.88",
        "749.72",
        "4695.60",
    )
    assert result.checks == {"lines_sum_to_subtotal": True, "subtotal_plus_tax_is_total": True}
    assert (result.value("invoice_number"), result.value("invoice_date")) == (
        "175951",
        "2026-03-23",
    )
    # The sender line above the address window names the supplier, not the buyer below it.
    assert result.value("supplier_name") == "Bergmann Fleischwaren GmbH"


@pytest.mark.parametrize(
    ("text", "code"),
    [("Grand Total Rs 1939", "INR"), ("Grand Total Rs.1939", "INR"), ("Razem 120,00 zł", "PLN")],
)
def test_currency_written_as_an_abbreviation(text: str, code: str) -> None:
    assert currency_votes(text).most_common(1)[0][0] == code


def _pdf_of_lines(lines: list[str]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for i, text in enumerate(lines):
        canvas.drawString(60, 780 - 14 * i, text)
    canvas.save()
    return out.getvalue()


def test_document_type_code_is_not_the_number_and_a_heading_date_on_the_next_line_is_read() -> None:
    data = _pdf_of_lines(
        [
            "Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 471102",
            "vom 05.03.2018",
            "Leistungszeitraum vom 01.02.2018 bis 28.02.2018",
        ]
    )

    result = extract_invoice(read_document(data, "application/pdf").pages)

    assert result.value("invoice_number") == "471102"
    assert result.value("invoice_date") == "2018-03-05"
