"""Hard pictures through the API: a faint dot-matrix print, and a till receipt photographed close
up with its lines set tight. Each picture is made here, small, and read once for the module."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from procura.documents.tests.factories import processed_upload

pytestmark = pytest.mark.django_db

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(MONO, size)
    except OSError:  # pragma: no cover - the font comes with the system packages
        return ImageFont.load_default()


def _dot_matrix(lines: list[str], *, pitch: int = 4, ink: tuple[int, int, int]) -> Image.Image:
    """``lines`` printed by a dot-matrix printer with a worn ribbon: each letter a grid of
    separate dots ``pitch`` pixels apart, in a pale ``ink``, on paper with a grain."""
    rng = random.Random(7)
    cells = Image.new("1", (200, 4 + 12 * len(lines)), 0)
    draw = ImageDraw.Draw(cells)
    for row, text in enumerate(lines):
        draw.text((2, 2 + 12 * row), text, fill=1, font=_font(10))
    page = Image.new("RGB", (cells.width * pitch + 40, cells.height * pitch + 40), (248, 247, 244))
    paper = ImageDraw.Draw(page)
    for y in range(cells.height):
        for x in range(cells.width):
            if cells.getpixel((x, y)):
                cx, cy = 20 + x * pitch, 20 + y * pitch
                paper.ellipse((cx - 1, cy - 1, cx + 1, cy + 1), fill=ink)
    for _ in range(page.width * page.height // 12):
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        level = rng.randint(228, 246)
        paper.point((x, y), fill=(level, level, level - 2))
    return page.filter(ImageFilter.GaussianBlur(0.5))


def _jpeg(image: Image.Image, **extra: Any) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, **extra)
    return out.getvalue()


@pytest.fixture(scope="module")
def faint_print(django_db_blocker: Any) -> dict[str, Any]:
    lines = [
        "GARAGE DUPONT SARL",
        "12 rue des Lilas 75011 Paris",
        "",
        "Facture No 40213   le 03/11/2025",
        "",
        "Pneu avant         1   250,00",
        "",
        "Total HT :           250,00 EUR",
        "TVA 20% :             50,00 EUR",
        "Total TTC :          300,00 EUR",
    ]
    return {"data": _jpeg(_dot_matrix(lines, ink=(214, 206, 228)))}


def _read(client: Any, capture: Any, name: str, data: bytes) -> dict[str, Any]:
    detail = processed_upload(client, capture, name, data)
    assert detail["used_ocr"] is True
    return detail


def test_a_faint_dot_matrix_print_is_read(
    faint_print, client_as, django_capture_on_commit_callbacks
):
    detail = _read(
        client_as("finance"), django_capture_on_commit_callbacks, "facture.jpg", faint_print["data"]
    )

    fields = detail["extraction"]["fields"]
    assert any("faint ink" in note for note in detail["extraction"]["notes"])
    assert fields["invoice_number"]["value"] == "40213"
    assert fields["invoice_date"]["value"] == "2025-11-03"
    assert (fields["subtotal"]["value"], fields["tax"]["value"], fields["total"]["value"]) == (
        "250.00",
        "50.00",
        "300.00",
    )
