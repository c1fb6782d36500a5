"""A photographed sheet is found on its desk and squared; scans are left as they are."""

from __future__ import annotations

import math
import random

import pytest
from PIL import Image, ImageDraw, ImageFilter

from procura.documents.extraction.geometry import (
    LOST_INK,
    find_page,
    lost_ink,
    perspective_coefficients,
    reduced,
    square_page,
    true_aspect,
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


def test_an_outline_that_cuts_text_off_the_sheet_is_told() -> None:
    scale, small, paper = reduced(_photo())
    whole = [(x * scale, y * scale) for x, y in SHEET]
    # The top-left corner cut off diagonally, through the start of the upper lines of text.
    cut = [(x * scale, y * scale) for x, y in [(260.0, 75.0), *SHEET[1:]]]

    assert lost_ink(small, paper, whole) <= LOST_INK
    assert lost_ink(small, paper, cut) > LOST_INK


def test_the_sheet_is_squared_to_its_own_size() -> None:
    notes: list[str] = []

    squared = square_page(_photo("soft"), notes)

    assert notes == ["page found in the photo and squared (perspective)"]
    assert abs(squared.width - 356) < 8  # the longer of the top and bottom edges
    # The sides converge towards the top: the sheet lies tilted away from the camera, and is
    # taller than the picture shows (the longer of the left and right edges is 468).
    assert squared.height > 468 + 8
    assert abs(squared.width / squared.height - (true_aspect(SHEET, SIZE) or 0)) < 0.01
    # Nothing of the desk is left along the edges.
    for x, y in [(3, 3), (squared.width - 4, 3), (3, squared.height - 4), (squared.width // 2, 2)]:
        value = squared.getpixel((x, y))
        assert isinstance(value, int)
        assert value > 120, (x, y, value)


def _seen_by_camera(
    pitch: float, yaw: float, turn: float, frame: tuple[int, int] = (900, 1200)
) -> list[tuple[float, float]]:
    """The corners of an A4 sheet (210 x 297) in the picture of a pinhole camera (focal length
    0.8 times the frame's longer side) tilted ``pitch`` degrees towards the sheet's top and
    ``yaw`` sideways, the sheet turned ``turn`` degrees on the desk."""
    focal = 0.8 * max(frame)
    scale = 2.6  # frame pixels per millimetre at the sheet's middle
    a, b, c = (math.radians(v) for v in (pitch, yaw, turn))
    corners = []
    for x, y in [(-105.0, -148.5), (105.0, -148.5), (105.0, 148.5), (-105.0, 148.5)]:
        x, y = (
            scale * (x * math.cos(c) - y * math.sin(c)),
            scale * (x * math.sin(c) + y * math.cos(c)),
        )
        y, z = y * math.cos(a), -y * math.sin(a)
        x, z = x * math.cos(b) + z * math.sin(b), z * math.cos(b) - x * math.sin(b)
        depth = focal + z
        corners.append((frame[0] / 2 + focal * x / depth, frame[1] / 2 + focal * y / depth))
    return corners


@pytest.mark.parametrize(
    ("pitch", "yaw", "turn"), [(5, 0, 0), (10, 3, -6), (15, -4, 8), (15, 0, 0), (0, 0, 4)]
)
def test_a_sheet_photographed_at_a_tilt_is_squared_to_its_true_aspect(
    pitch: float, yaw: float, turn: float
) -> None:
    """A phone held at a tilt shows the sheet shorter along the tilt than it is (by 2% at 5
    degrees, 11% at 15 with this lens): the squared page has the sheet's own aspect."""
    frame = (900, 1200)
    quad = _seen_by_camera(pitch, yaw, turn, frame)
    photo = Image.new("L", frame, 45)
    draw = ImageDraw.Draw(photo)
    draw.polygon(quad, fill=230)
    # Lines of text, seen through the same camera.
    to_photo = perspective_coefficients(
        [(0.0, 0.0), (210.0, 0.0), (210.0, 297.0), (0.0, 297.0)], quad
    )

    def seen(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f, g, h = to_photo
        w = g * x + h * y + 1
        return (a * x + b * y + c) / w, (d * x + e * y + f) / w

    for row in range(20):
        draw.line((seen(25, 30 + 12 * row), seen(150, 30 + 12 * row)), fill=30, width=3)
    notes: list[str] = []

    squared = square_page(photo.filter(ImageFilter.GaussianBlur(0.8)), notes)

    assert notes[0] == "page found in the photo and squared (perspective)"
    assert abs(squared.width / squared.height - 210 / 297) < 0.012, squared.size


def test_the_aspect_of_a_sheet_seen_square_on_is_its_outline_s() -> None:
    """Seen from straight above, and where two edges are parallel in the picture (the camera's
    focal length cannot be told from the outline), the aspect is still found."""
    assert abs((true_aspect(_seen_by_camera(0, 0, 0), (900, 1200)) or 0) - 210 / 297) < 1e-6
    keystone = _seen_by_camera(12, 0, 0)
    assert abs(keystone[0][1] - keystone[1][1]) < 1e-6  # top and bottom edges parallel
    # The lens assumed (a phone's) is not the one the picture was taken with: near enough.
    assert abs((true_aspect(keystone, (900, 1200)) or 0) - 210 / 297) < 0.015


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
