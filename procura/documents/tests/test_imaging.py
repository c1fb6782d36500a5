"""A photographed sheet is found on its surround and squared; scans are left as they are."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFilter

from procura.documents.extraction.imaging import find_page, perspective_coefficients, square_page

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
