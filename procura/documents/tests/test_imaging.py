"""Table rules and boxes are wiped out of a page before OCR; its text is kept. An amount whose
decimal point Tesseract left out is joined again."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from procura.documents.extraction.imaging import remove_rules
from procura.documents.extraction.layout import Word
from procura.documents.extraction.ocr import join_dotted_decimals, ocr_page


def _boxed_total() -> Image.Image:
    """The top of an A4 page at 200 dpi: an amount in a ruled box, a dark header band with white
    letters, a column rule, and ordinary text."""
    page = Image.new("L", (1650, 2340), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((900, 100, 1500, 160), outline=0, width=3)  # the box around the total
    draw.line((100, 250, 100, 550), fill=0, width=2)  # a column rule down the table
    draw.rectangle((200, 300, 1400, 360), fill=30)  # a dark header band...
    draw.rectangle((300, 315, 330, 345), fill=255)  # ...with a white letter in it
    draw.rectangle((1300, 115, 1306, 145), fill=0)  # a digit's upright stroke inside the box
    draw.rectangle((1000, 400, 1400, 480), outline=0, width=3)  # a ruled cell...
    draw.rectangle((1100, 415, 1106, 465), fill=0)  # ...with a tall letter in it
    draw.rectangle((400, 450, 430, 458), fill=0)  # a letter's bar
    return page


def test_table_rules_and_boxes_are_wiped_out_and_text_kept() -> None:
    notes: list[str] = []
    cleaned = remove_rules(_boxed_total(), notes)

    for x, y in [(1000, 100), (1000, 160), (1400, 100), (100, 400), (900, 130), (1500, 130)]:
        assert cleaned.getpixel((x, y)) == 255, (x, y)  # rules gone
    assert cleaned.getpixel((1303, 130)) == 0  # the digit stays
    assert cleaned.getpixel((1103, 440)) == 0  # the letter in the cell stays
    assert cleaned.getpixel((415, 454)) == 0  # the letter stays
    assert cleaned.getpixel((250, 330)) == 30  # the band stays dark...
    assert cleaned.getpixel((315, 330)) == 255  # ...around its white letter
    assert notes == ["table rules removed"]


def test_a_page_without_rules_is_left_as_it_is() -> None:
    page = Image.new("L", (1650, 2340), 255)
    ImageDraw.Draw(page).rectangle((400, 450, 430, 458), fill=0)
    notes: list[str] = []

    assert remove_rules(page, notes) is page
    assert notes == []


def _receipt_column(pitch: int) -> Image.Image:
    """A till receipt's amounts in a bold typewriter face, ``pitch`` pixels from line to line,
    under a rule and beside one."""
    font = ImageFont.truetype(MONO_BOLD, 40)
    page = Image.new("L", (1000, 1400), 255)
    draw = ImageDraw.Draw(page)
    for row, (item, price) in enumerate(RECEIPT):
        draw.text((40, 100 + row * pitch), item, fill=0, font=font)
        draw.text((700, 100 + row * pitch), price, fill=0, font=font)
    draw.line((40, 80, 960, 80), fill=0, width=3)
    draw.line((960, 80, 960, 100 + len(RECEIPT) * pitch), fill=0, width=3)
    return page


MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
RECEIPT = [
    ("BANANA EACH", "$1.61"), ("CHOCOLATE BAR", "$2.29"), ("CREAMY CRISP", "$2.29"),
    ("GREEK SALAD", "$3.49"), ("COBB SALAD", "$5.99"), ("BAG FEE", "$0.25"),
    ("MILK GALLON", "$6.79"), ("PEPPER RED", "$1.29"), ("SPARKLING WATER", "$7.49"),
    ("BOTTLE DEPOSIT", "$0.40"),
]  # fmt: skip


def test_an_amount_whose_decimal_point_was_left_out_is_joined_again() -> None:
    # Sparse-text reading sets "$1.61" apart at its point in a typewriter face ("$1" "61"),
    # whose "." fills a letter's width; the point's ink is still there between the two.
    page = _receipt_column(pitch=60)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(MONO_BOLD, 40)
    draw.text((40, 760), "OPEN 08:00 TO 21 00", fill=0, font=font)  # a colon, and no mark

    words = [w.text for w in ocr_page(page, number=1, dpi=300).words]

    assert [w for w in words if w.startswith("$")] == [price for _, price in RECEIPT], words
    assert "08:00" in words  # a colon is no decimal point
    assert {"21", "00"} <= set(words)  # nor is a gap without a mark


def _gap_with_mark(drop: int) -> Image.Image:
    """A line whose digits stand 40 pixels high on their foot at y 140, with a blot in the gap
    between x 160 and 190, running ``drop`` pixels below the foot."""
    page = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(page).rectangle((170, 130, 178, 140 + drop), fill=0)
    return page


def test_the_blot_in_the_gap_tells_a_point_from_a_comma_and_a_crowded_whole_part_stays() -> None:
    whole, cents = Word("30", 100, 100, 160, 140, 0.9), Word("00", 190, 100, 250, 140, 0.9)
    mark = Word(">", 80, 104, 96, 140, 0.4)  # a first digit misread as a mark, just before

    assert [w.text for w in join_dotted_decimals([whole, cents], _gap_with_mark(0))] == ["30.00"]
    assert [w.text for w in join_dotted_decimals([cents, whole], _gap_with_mark(8))] == ["30,00"]
    blank = Image.new("L", (400, 200), 255)  # no mark in the gap
    assert [w.text for w in join_dotted_decimals([whole, cents], blank)] == ["30", "00"]
    crowded = join_dotted_decimals([mark, whole, cents], _gap_with_mark(0))
    assert [w.text for w in crowded] == [">", "30", "00"]
