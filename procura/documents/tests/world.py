"""Hand-written supplier invoices from several countries (samples/world), drawn as PDF pages.

Used by the API tests and by the reading benchmark (``bench/ocr/run.py --only world``): a set the
reader was not developed against and that the invoice generator does not make.
"""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import Image, ImageChops, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
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


PRIVATE_USE = 0xE000


def _private_use_fonts() -> tuple[str, str]:
    """DejaVu Sans whose glyphs are reached by private-use code points (U+E000 + the character),
    as in fonts of some invoicing programs: the page shows the letters, its text layer holds
    private-use characters, and without the ToUnicode map only glyph ids ("(cid:12)")."""
    if "PrivateSans" not in pdfmetrics.getRegisteredFontNames():
        for name, file in (
            ("PrivateSans", "DejaVuSans.ttf"),
            ("PrivateSans-Bold", "DejaVuSans-Bold.ttf"),
        ):
            font = TTFont(name, str(FONT_DIR / file))
            face = font.face
            # Its own face name: reportlab shares one font object among fonts of one face.
            face.name = name.encode()
            for code, glyph in list(face.charToGlyph.items()):
                if 32 < code < 0x2500:
                    face.charToGlyph[PRIVATE_USE + code] = glyph
                    face.charWidths[PRIVATE_USE + code] = face.charWidths.get(code, 0)
            pdfmetrics.registerFont(font)
    return "PrivateSans", "PrivateSans-Bold"


def render_unreadable_pdf(name: str, *, unicode_map: bool) -> bytes:
    """The invoice ``name`` drawn right but with a text layer that is garbage: private-use
    characters, or with ``unicode_map`` false (the font's ToUnicode map dropped) glyph ids."""
    text = (WORLD / name).read_text(encoding="utf-8")
    pdf = render_text(text, fonts=_private_use_fonts(), encode=_to_private_use)
    # Same length, so the cross-reference offsets stay right.
    return pdf if unicode_map else pdf.replace(b"/ToUnicode", b"/NoUnicode")


def _to_private_use(text: str) -> str:
    return "".join(c if c == " " else chr(PRIVATE_USE + ord(c)) for c in text)


def render_text(
    text: str,
    *,
    fonts: tuple[str, str] | None = None,
    encode: Callable[[str], str] | None = None,
    picture: Image.Image | None = None,
    layer: str = "visible",
) -> bytes:
    """Fixed-width text written as the samples are (see samples/world/README.md) as a PDF.

    With ``picture`` (one page only) the page is that picture, covering it, and the text goes
    with it as ``layer`` says: "visible" printed over the picture (a born-digital page on a
    background picture); a scanner's layer "invisible" (render mode 3) over the picture or
    "under" it, drawn before the picture, which hides it."""
    regular, bold = fonts or _fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    width, height = A4
    y = height - MARGIN
    if picture is not None and layer in ("visible", "invisible"):
        canvas.drawImage(ImageReader(picture), 0, 0, width, height)
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
            if picture is not None and layer == "invisible":
                written = canvas.beginText(MARGIN + column * COLUMN, y)
                written.setFont(font, size)
                written.setTextRenderMode(3)
                written.textOut(encode(text) if encode else text)
                canvas.drawText(written)
            else:
                canvas.drawString(MARGIN + column * COLUMN, y, encode(text) if encode else text)
    if picture is not None and layer == "under":
        canvas.drawImage(ImageReader(picture), 0, 0, width, height)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def scanned_page(text: str, dpi: int = 200) -> Image.Image:
    """The page ``text`` draws, as a black-and-white scanner sees it at ``dpi``."""
    document = pypdfium2.PdfDocument(render_text(text))
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    return image.point(lambda v: 0 if v < 160 else 255).convert("1")


def fax_layer(text: str) -> str:
    """``text`` as a fax program's OCR misreads it (seeded by the text: the same every run):
    letters swapped for look-alikes, words split letter by letter or glued to the next, amounts
    split at their decimal mark, runs of junk."""
    rng = random.Random(text)
    swaps = {"o": "0", "l": "1", "e": "c", "a": "o", "i": "l", "n": "rn", "S": "5", "B": "8"}
    words = []
    for word in text.split(" "):
        roll = rng.random()
        if re.fullmatch(r"[\d.,]+[.,]\d\d", word):
            word = f"{word[:-3]} {word[-3:]}"
        elif roll < 0.3:
            word = "".join(swaps.get(c, c) for c in word)
        elif roll < 0.45:
            word = " ".join(word)
        elif roll < 0.55:
            word = word + "".join(rng.choice("~%[xX1lI|") for _ in range(rng.randint(3, 9)))
        words.append(word)
    return " ".join(words)


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
