"""A photographed sheet is found on its surround and squared; scans are left as they are."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFilter

from procura.documents.extraction.imaging import (
    find_page,
    perspective_coefficients,
    remove_rules,
    square_page,
)

SHEET = [(130.0, 90.0), (1010.0, 140.0), (1060.0, 1330.0), (90.0, 1290.0)]


def _photo(shadow: bool) -> Image.Image:
    """A sheet with lines of text lying on a grey desk, optionally half in a soft shadow."""
    photo = Image.new("L", (1150, 1420), 90)
    draw = ImageDraw.Draw(photo)
    draw.polygon(SHEET, fill=235)
    for row in range(12):
        y = 250 + row * 80
        draw.line((250, y, 850, y + 30), fill=20, width=6)
    if shadow:
        dark = Image.new("L", photo.size, 255)
        ImageDraw.Draw(dark).ellipse((500, 600, 1500, 1700), fill=140)
        dark = dark.filter(ImageFilter.GaussianBlur(40))
        photo = Image.composite(photo, Image.new("L", photo.size, 0), dark)
    return photo


@pytest.mark.parametrize("shadow", [False, True])
def test_the_corners_of_a_photographed_sheet_are_found(shadow: bool) -> None:
    corners = find_page(_photo(shadow))

    assert corners is not None
    for (x, y), (want_x, want_y) in zip(corners, SHEET, strict=True):
        assert abs(x - want_x) < 20
        assert abs(y - want_y) < 20


def test_the_sheet_is_squared_to_its_own_size() -> None:
    notes: list[str] = []

    squared = square_page(_photo(False), notes)

    assert notes == ["page found in the photo and squared (perspective)"]
    assert abs(squared.width - 920) < 30
    assert abs(squared.height - 1190) < 30
    # Nothing of the desk is left at the corners.
    corners = (squared.getpixel((5, 5)), squared.getpixel((squared.width - 6, 5)))
    assert all(isinstance(v, int) and v > 200 for v in corners)


def test_a_scan_whose_paper_fills_the_picture_is_left_as_it_is() -> None:
    scan = Image.new("L", (1000, 1400), 245)
    ImageDraw.Draw(scan).rectangle((100, 100, 900, 300), fill=10)
    notes: list[str] = []

    assert square_page(scan, notes) is scan
    assert notes == []


def test_perspective_coefficients_map_the_corners() -> None:
    square = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)]
    a, b, c, d, e, f, g, h = perspective_coefficients(square, SHEET)

    for (x, y), (u, v) in zip(square, SHEET, strict=True):
        w = g * x + h * y + 1
        assert abs((a * x + b * y + c) / w - u) < 1e-6
        assert abs((d * x + e * y + f) / w - v) < 1e-6


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
