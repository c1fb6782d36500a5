"""A photographed sheet is found on its desk and squared; scans are left as they are."""

from __future__ import annotations

import math
import random

import pytest
from PIL import Image, ImageDraw, ImageFilter

from procura.documents.extraction.geometry import (
    find_page,
    perspective_coefficients,
    square_page,
)
from procura.documents.tests.pictures import noise

# A sheet seen from a phone held at a tilt: the far (top) edge shorter, turned a little.
SHEET = [(101.0, 82.0), (372.0, 70.0), (418.0, 530.0), (62.0, 548.0)]
SIZE = (480, 620)


def _photo(shadow: str = "") -> Image.Image:
    """A light sheet with lines of text on a dark, grainy desk; ``shadow``: "soft" lays the
    soft-edged shadow of a hand across the sheet and the desk, "light" darkens the whole
    sheet towards one side."""
    rng = random.Random(7)
    desk = noise(SIZE, rng, 25).point(lambda v: v - 50)
    grain = noise((6, SIZE[1] // 4), rng, 60).resize(SIZE, Image.Resampling.BICUBIC)
    photo = Image.blend(desk, grain.point(lambda v: v // 2), 0.4)
    draw = ImageDraw.Draw(photo)
    draw.polygon(SHEET, fill=232)
    for row in range(14):
        y = 150 + row * 25
        draw.line((150, y, 300 + 4 * row, y + 2), fill=25, width=3)
    draw.rectangle((130, 470, 380, 486), fill=40)  # a dark band right across the table
    if shadow == "soft":
        dark = Image.new("L", SIZE, 255)
        ImageDraw.Draw(dark).ellipse((250, 330, 700, 800), fill=120)
        dark = dark.filter(ImageFilter.GaussianBlur(14))
        photo = Image.composite(photo, Image.new("L", SIZE, 0), dark)
    elif shadow == "light":
        light = Image.linear_gradient("L").rotate(90).resize(SIZE).point(lambda v: 255 - v // 3)
        photo = Image.composite(photo, Image.new("L", SIZE, 0), light)
    return photo


@pytest.mark.parametrize("shadow", ["", "soft", "light"])
def test_the_corners_of_a_photographed_sheet_are_found(shadow: str) -> None:
    corners = find_page(_photo(shadow))

    assert corners is not None
    for (x, y), (want_x, want_y) in zip(corners, SHEET, strict=True):
        assert abs(x - want_x) <= 4
        assert abs(y - want_y) <= 4


def test_the_sheet_is_squared_to_its_own_size() -> None:
    notes: list[str] = []

    squared = square_page(_photo("soft"), notes)

    assert notes == ["page found in the photo and squared (perspective)"]
    assert abs(squared.width - 356) < 8  # the longer of the top and bottom edges
    assert abs(squared.height - 468) < 8  # the longer of the left and right edges
    # Nothing of the desk is left along the edges.
    for x, y in [(3, 3), (squared.width - 4, 3), (3, squared.height - 4), (squared.width // 2, 2)]:
        value = squared.getpixel((x, y))
        assert isinstance(value, int)
        assert value > 120, (x, y, value)


def test_a_scan_whose_paper_fills_the_picture_is_left_as_it_is() -> None:
    scan = Image.new("L", (700, 980), 245)
    draw = ImageDraw.Draw(scan)
    for row in range(20):
        draw.line((60, 80 + row * 30, 500, 80 + row * 30), fill=30, width=3)
    # Dark bands right across the page (a table's header, a footer bar) cut it into stripes.
    draw.rectangle((0, 300, 699, 330), fill=40)
    draw.rectangle((0, 700, 699, 730), fill=40)
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


def test_a_sheet_whose_edges_bow_is_straightened() -> None:
    """A curled sheet: its top and bottom edges and its lines of text sag at the middle."""
    photo = Image.new("L", (450, 600), 50)
    draw = ImageDraw.Draw(photo)

    def row(y: float) -> list[tuple[float, float]]:
        return [(x, y + 12 * math.sin(math.pi * (x - 75) / 300)) for x in range(75, 376, 5)]

    draw.polygon(row(75) + row(525)[::-1], fill=230)
    for y in range(125, 500, 50):
        draw.line(row(y)[5:-5], fill=0, width=3)
    notes: list[str] = []

    squared = square_page(photo, notes)

    assert notes[-1] == "bowed edges straightened"
    # The first line of text: as high at the middle of the sheet as near its sides.
    pixels = squared.tobytes()
    heights = []
    for x in (squared.width // 5, squared.width // 2, 4 * squared.width // 5):
        heights.append(
            next(y for y in range(squared.height) if pixels[y * squared.width + x] < 100)
        )
    assert max(heights) - min(heights) <= 3, heights
