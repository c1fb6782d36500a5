"""Hand-written supplier invoices from several countries (samples/world), drawn as PDF pages.

Used by the API tests and by the reading benchmark (``bench/ocr/run.py --only world``): a set the
reader was not developed against and that the invoice generator does not make.
"""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import Image, ImageChops, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

WORLD = Path(__file__).resolve().parent / "samples" / "world"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BODY = 8.5
COLUMN = 5.45  # points per character column of the fixed-width source
MARGIN = 36.0


def _fonts() -> tuple[str, str]:
    """DejaVu Sans (it has ₹, ł, ę…) where the system has it, Helvetica otherwise."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "WorldSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WorldSans", str(regular)))
        pdfmetrics.registerFont(TTFont("WorldSans-Bold", str(bold)))
    return "WorldSans", "WorldSans-Bold"


def names() -> list[str]:
    return sorted(truth())


def truth() -> dict[str, dict[str, Any]]:
    return json.loads((WORLD / "truth.json").read_text(encoding="utf-8"))


PAGE_BREAK = "<<page>>"


def render_pdf(name: str) -> bytes:
    """The invoice ``name`` (a .txt in samples/world) as an A4 PDF with a text layer; a line
    ``<<page>>`` starts a new page."""
    return render_text((WORLD / name).read_text(encoding="utf-8"))


def render_text(text: str) -> bytes:
    """Fixed-width text written as the samples are (see samples/world/README.md) as a PDF."""
    regular, bold = _fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    width, height = A4
    y = height - MARGIN
    for raw in text.splitlines():
        if raw.strip() == PAGE_BREAK:
            canvas.showPage()
            y = height - MARGIN
            continue
        cells = []
        for m in re.finditer(r"\S+(?: \S+)*", raw):
            size, font, text = BODY, regular, m.group(0)
            if text.startswith("# "):
                size, font, text = 16.0, bold, text[2:]
            elif text.startswith("## "):
                size, font, text = 11.5, bold, text[3:]
            cells.append((m.start(), size, font, text))
        y -= max((size for _, size, _, _ in cells), default=BODY) * 1.45
        for column, size, font, text in cells:
            canvas.setFont(font, size)
            canvas.drawString(MARGIN + column * COLUMN, y, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def photograph(pdf: bytes, dpi: int, seed: int) -> bytes:
    """The first page as a phone photographs it: rendered at ``dpi`` in grey, turned a few degrees,
    darker towards one edge, with grey speckle (seeded: the same every run), soft, as a JPEG."""
    rng = random.Random(seed)
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(rng.uniform(-4, 4), Image.Resampling.BICUBIC, expand=True, fillcolor=240)
    light = Image.linear_gradient("L").resize(image.size).point(lambda v: 255 - v // 4)
    image = ImageChops.multiply(image, light)
    speckle = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    image = ImageChops.add(image, speckle.point(lambda v: 128 + (v - 128) // 6), offset=-128)
    image = image.filter(ImageFilter.GaussianBlur(0.5))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, dpi=(dpi, dpi))
    return out.getvalue()
