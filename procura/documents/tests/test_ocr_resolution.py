"""Low-resolution page images are enlarged to about 300 dpi before OCR; ordinary scans are not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.documents.extraction.layout import Page, Word
from procura.documents.extraction.ocr import (
    MAX_OCR_PIXELS,
    bounded_upscale,
    ocr_language,
    split_currency_marks,
    upscale_factor,
)
from procura.documents.extraction.parsing import Notation, find_amounts


@pytest.mark.parametrize(
    ("width", "dpi", "factor"),
    [
        (800, 96.0, 300 / 96),  # a 96 dpi screenshot
        (1000, None, 300 / (1000 / 8.5)),  # no stated resolution: a letter page 1000 px wide
        (400, 50.0, 4.0),  # never more than four times
        (1275, 150.0, 2.0),  # a 150 dpi phone photo
        (1700, 200.0, 1.0),  # an ordinary scan is read as it is
        (2480, None, 1.0),
    ],
)
def test_upscale_factor(width: int, dpi: float | None, factor: float) -> None:
    assert upscale_factor(width, dpi) == pytest.approx(factor)


def test_enlargement_is_bounded_in_pixels() -> None:
    # A whole phone frame whose page was not found, with small text: four times would make
    # 4800 x 6000 pixels; it is enlarged only up to the bound.
    factor = bounded_upscale(1200, 1500, upscale_factor(1200, 72.0, line_height=6))
    assert 1.0 < factor < 4.0
    assert int(1200 * factor) * int(1500 * factor) <= MAX_OCR_PIXELS
    # A 96 dpi letter page still comes out at 300 dpi; a large image is never reduced for it.
    assert bounded_upscale(816, 1056, 300 / 96) == pytest.approx(300 / 96)
    assert bounded_upscale(4000, 5000, 2.0) == 1.0
    assert bounded_upscale(4000, 5000, 1.0) == 1.0


def test_ocr_language_is_installed_and_includes_english() -> None:
    assert ocr_language().split("+")[0] == "eng"


def _phone_photo(pdf: bytes) -> bytes:
    """The page as a cheap phone photographs it: 96 dpi, darker towards the bottom, grey
    speckle (seeded, so the test is the same every run), JPEG."""
    import io
    import random

    import pypdfium2
    from PIL import Image, ImageChops

    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=96 / 72, grayscale=True).to_pil().convert("L")
    light = Image.linear_gradient("L").resize(image.size).point(lambda v: 255 - v // 4)
    image = ImageChops.multiply(image, light)
    rng = random.Random(7)
    noise = Image.frombytes(
        "L",
        image.size,
        bytes(max(0, min(255, int(rng.gauss(128, 18)))) for _ in range(image.width * image.height)),
    )
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, dpi=(96, 96))
    return out.getvalue()


def test_a_low_resolution_phone_photo_with_uneven_light_is_read() -> None:
    from procura.documents.extraction import extract_invoice, read_document
    from procura.documents.tests.factories import sample_bytes, sample_truth

    truth = sample_truth()["classic.pdf"]

    read = read_document(_phone_photo(sample_bytes("classic.pdf")), "image/jpeg")
    result = extract_invoice(read.pages)

    assert any("enlarged" in note for note in read.notes)
    assert (result.value("invoice_number"), result.value("total"), result.value("tax")) == (
        truth["invoice_number"],
        truth["total"],
        truth["tax"],
    )


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("S!-46771", "SI-46771"),  # an I inside a code of capitals
        ("|nvoice", "Invoice"),
        ("Thanks!", "Thanks!"),  # an exclamation mark that ends a word stays
        ("1O5,50", "105,50"),  # a letter O among digits
    ],
)
def test_tesseract_confusions_are_undone(read: str, meant: str) -> None:
    from procura.documents.extraction.ocr import clean_word

    assert clean_word(read) == meant


def test_black_and_white_pages_are_told_from_grey_ones() -> None:
    from PIL import Image, ImageDraw

    from procura.documents.extraction.ocr import bilevel

    page = Image.new("L", (200, 100), 255)
    ImageDraw.Draw(page).text((10, 10), "Invoice 4711", fill=0)
    assert bilevel(page.convert("1").convert("L"))
    assert not bilevel(page.resize((300, 150), Image.Resampling.LANCZOS))


@pytest.mark.parametrize(
    ("width", "dpi", "effective"),
    [
        (3024, 72.0, 3024 / 8.5),  # a phone photo tagged with JFIF's default 72 dpi
        (816, 96.0, 96.0),  # a real 96 dpi screenshot
        (612, 72.0, 72.0),
        (1700, 200.0, 200.0),
        (1700, None, 200.0),
    ],
)
def test_default_resolution_tags_are_not_trusted_over_the_pictures_size(
    width: int, dpi: float | None, effective: float
) -> None:
    from procura.documents.extraction.ocr import effective_dpi

    assert effective_dpi(width, dpi) == pytest.approx(effective)


def _word(text: str, x0: float, x1: float) -> Word:
    return Word(text, x0, 10, x1, 40)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([("Rs.1939", 0, 140)], ["Rs.", "1939"]),
        ([("EUR12,50", 0, 160)], ["EUR", "12,50"]),
        ([("R3", 0, 40), ("792.75", 50, 170)], ["R", "3", "792.75"]),  # R 3 792.75
        ([("R25.00", 0, 120)], ["R", "25.00"]),
        ([("R2", 0, 40), ("100.00", 300, 420)], ["R2", "100.00"]),  # a code, a price far off
        ([("INV2023", 0, 140)], ["INV2023"]),
    ],
)
def test_a_currency_glued_to_its_amount_is_split_off(
    words: list[tuple[str, float, float]], expected: list[str]
) -> None:
    split = split_currency_marks([_word(*w) for w in words])

    assert [w.text for w in split] == expected
    assert all(a.x1 <= b.x0 for a, b in zip(split, split[1:], strict=False))


def test_an_amount_split_from_its_currency_is_read_as_one() -> None:
    words = [_word(t, x0, x1) for t, x0, x1 in [("Total", 0, 100), ("VAT", 115, 180),
             ("R3", 400, 440), ("792.75", 450, 570)]]  # fmt: skip
    page = Page(1, 1000, 100, split_currency_marks(words), "ocr")

    assert [v for v, _, _ in find_amounts(page.text, Notation.US)] == [Decimal("3792.75")]
