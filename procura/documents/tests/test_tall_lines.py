"""Tall and tight print on receipts and invoices: a TOTAL line printed twice as tall as the rest,
a till's "$" signs stacked so their bars join into one upright run. Neither is a table rule,
and a tall line is read at the page's text height."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from procura.documents.extraction.imaging import INK_LEVEL, remove_rules
from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.layout import Page, Word
from procura.documents.extraction.ocr import (
    _read_words,
    _tall_bands,
    join_decimals,
    ocr_page,
    page_separator,
    page_text_height,
    reread_tall_lines,
)

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"


def _receipt(tall: float, total: str = "TOTAL        $30.98") -> Image.Image:
    """A till receipt in a typewriter face whose last amount line is printed ``tall`` times as
    tall as the others (its letters stretched upwards, as a till printer's double height)."""
    font = ImageFont.truetype(MONO, 26)
    lines = [
        "CORNER GROCERY", "12 Market Street", "Springfield", "Date: 03/14/2025", "",
        "Bananas                 2.49", "Milk 1 gal               4.19",
        "Bread whole wheat        3.99", "Eggs dozen               5.29",
        "Coffee beans            12.99", "", "SUBTOTAL                28.95",
        "SALES TAX                2.03",
    ]  # fmt: skip
    page = Image.new("L", (760, 120 + 39 * len(lines) + round(34 * tall)), 255)
    draw = ImageDraw.Draw(page)
    for row, text in enumerate(lines):
        draw.text((30, 40 + 39 * row), text, font=font, fill=0)
    line = Image.new("L", (700, 34), 255)
    ImageDraw.Draw(line).text((0, 0), total, font=font, fill=0)
    y = 50 + 39 * len(lines)
    page.paste(line.resize((700, round(34 * tall)), Image.Resampling.BICUBIC), (30, y))
    draw.text((30, y + round(34 * tall) + 20), "THANK YOU FOR SHOPPING", font=font, fill=0)
    return page


def _ink(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    return image.crop(box).point([255 if v < INK_LEVEL else 0 for v in range(256)]).histogram()[255]


def test_a_tall_lines_letters_are_no_table_rules() -> None:
    page = _receipt(tall=2.0)
    ImageDraw.Draw(page).line((745, 20, 745, page.height - 20), fill=0, width=3)  # a rule
    notes: list[str] = []

    cleaned = remove_rules(page, notes)

    tall_line = (20, 555, 740, 640)
    assert _ink(cleaned, tall_line) == _ink(page, tall_line)  # the stems of T and L, the $ bar
    assert cleaned.getpixel((745, 300)) == 255  # the rule beside the text is gone
    assert notes == ["table rules removed"]


def test_stacked_dollar_signs_are_no_table_rule() -> None:
    # Lines set so tight that each "$" bar runs into the next one's: one long upright run of
    # ink, crossed by an S at every line; a rule beside a table's text is not.
    font = ImageFont.truetype(MONO_BOLD, 40)
    page = Image.new("L", (1000, 900), 255)
    draw = ImageDraw.Draw(page)
    for row, price in enumerate(["$1.61", "$2.29", "$3.49", "$5.99", "$0.25", "$6.79", "$1.29"]):
        draw.text((60, 100 + 40 * row), "ITEM", fill=0, font=font)
        draw.text((700, 100 + 40 * row), price, fill=0, font=font)
    draw.line((960, 80, 960, 500), fill=0, width=3)
    notes: list[str] = []

    cleaned = remove_rules(page, notes)

    column = (690, 90, 740, 420)
    assert _ink(cleaned, column) == _ink(page, column)
    assert cleaned.getpixel((960, 300)) == 255


def test_a_double_height_total_is_read_at_the_text_height() -> None:
    # Read at the page's scale, the tall "$30.98" reads as a confident "530.98" (or the line
    # as scraps); squashed to the text's height it reads as printed.
    page = ocr_page(_receipt(tall=2.5), number=1, dpi=300)

    result = extract_invoice([page])

    assert any("tall line" in note for note in page.notes), page.notes
    assert (result.fields["subtotal"].value, result.fields["total"].value) == ("28.95", "30.98")


def test_a_receipt_without_tall_lines_is_not_read_again() -> None:
    page = ocr_page(_receipt(tall=1.0), number=1, dpi=300)

    assert not any("tall line" in note for note in page.notes), page.notes
    assert extract_invoice([page]).fields["total"].value == "30.98"


def test_decimals_given_again_inside_the_amounts_box_are_joined() -> None:
    # Tesseract boxed "50,00" whole as "50," and gave "00" again as a word of its own.
    words = [Word("50,", 557, 421, 676, 459, 0.87), Word("00", 640, 417, 678, 467, 0.91)]

    assert [w.text for w in join_decimals(words)] == ["50,00"]
    apart = [Word("50,", 557, 421, 676, 459, 0.87), Word("00", 540, 417, 570, 467, 0.91)]
    assert [w.text for w in join_decimals(apart)] == ["50,", "00"]  # not before its start


def test_the_pages_decimal_separator_is_the_one_nearly_all_its_amounts_use() -> None:
    def words(*texts: str) -> list[Word]:
        return [Word(t, 0, 10 * i, 50, 10 * i + 8, 0.9) for i, t in enumerate(texts)]

    assert page_separator(words("392,64", "98,16", "76,96", "EUR")) == ","
    assert page_separator(words("$1.61", "2.29", "3.49", "0,25", "6.79")) == "."
    assert page_separator(words("1.61", "2,29", "3.49")) is None
    assert page_separator(words("1.61", "2.29")) is None  # too few to tell


def test_a_total_with_tax_whose_second_t_lost_its_bar_is_the_total() -> None:
    lines = [("Tot HT :", "392,64 EUR"), ("Tot TIC :", "469,60 EUR"), ("Tot Remise ht :", "98,16")]
    words = []
    for row, (label, value) in enumerate(lines):
        y = 400 + 60 * row
        words += [Word(label, 1100, y, 1300, y + 40, 0.9), Word(value, 1500, y, 1750, y + 40, 0.9)]
    page = Page(1, 2000, 3000, words, "ocr")

    assert extract_invoice([page]).fields["total"].value == "469.60"


def _double_size_receipt() -> Image.Image:
    """A till receipt whose total line is printed double size: letters twice as tall and twice
    as wide as the rest (a till printer's double-width, double-height mode)."""
    font = ImageFont.truetype(MONO_BOLD, 26)
    lines = [
        "CORNER GROCERY", "12 Market Street", "Date: 03/14/2025", "",
        "Bananas                 2,49", "Milk 1 l                 4,19",
        "Bread whole wheat        3,99", "Eggs dozen               5,29",
        "Coffee beans             7,98", "", "SUBTOTAL                23,94",
        "VAT 21%                  4,15",
    ]  # fmt: skip
    page = Image.new("L", (1040, 240 + 39 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for row, text in enumerate(lines):
        draw.text((30, 40 + 39 * row), text, font=font, fill=0)
    _, _, right, bottom = draw.textbbox((0, 0), "TOTAL   23,94", font=font)
    line = Image.new("L", (round(right) + 4, round(bottom) + 4), 255)
    ImageDraw.Draw(line).text((0, 0), "TOTAL   23,94", font=font, fill=0)
    y = 50 + 39 * len(lines)
    page.paste(line.resize((2 * line.width, 2 * line.height), Image.Resampling.BICUBIC), (30, y))
    draw.text((30, y + 104), "THANK YOU", font=font, fill=0)
    return page


def test_a_double_size_line_read_doubtfully_is_read_scaled_down_whole() -> None:
    # Squashed only downwards, letters twice as wide as the rest run together ("25,94"); scaled
    # down whole they read as printed.
    page = _double_size_receipt()
    words = _read_words(page, "--oem 1 --psm 6")
    height = page_text_height(words)
    assert height is not None
    tall = [w for w in words if w.height >= 1.6 * height]
    assert tall  # the total line
    # The first reading of the line: doubtful scraps (as a worn thermal print reads).
    first = [w for w in words if w not in tall] + [
        Word("2 3", w.x0, w.top, w.x1, w.bottom, 0.5) for w in tall
    ]
    notes: list[str] = []

    read = reread_tall_lines(page, first, notes)

    assert [w.text for w in read if w.height >= 1.6 * height] == ["TOTAL", "23,94"]
    assert notes == ["1 tall line read again at the text's height"]


def test_a_tall_lines_crop_holds_all_its_tall_words_letters() -> None:
    # The figures stand above the small letters' x-height, "y" and "g" hang below the figures'
    # foot: the line's crop is neither word's letters alone.
    page = _receipt(tall=2.0, total="your savings       3,79")
    words = _read_words(page, "--oem 1 --psm 6")
    height = page_text_height(words)
    assert height is not None
    tall = [w for w in words if w.height >= 1.6 * height]
    assert len(tall) == 3

    [(_, top, _, bottom)] = _tall_bands(page, words, height)

    assert top <= min(w.top for w in tall)
    assert bottom >= max(w.bottom for w in tall)
