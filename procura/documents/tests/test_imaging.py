"""Table rules and boxes are wiped out of a page before OCR; its text is kept."""

from __future__ import annotations

from PIL import Image, ImageDraw

from procura.documents.extraction.imaging import remove_rules


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
