"""Pictures of pages as they arrive: phone photos at an angle on a desk, faxes, stamped and
written-on scans. Used by the tests of scanned invoices and by the OCR benchmark's ``--harsh``
set (bench/ocr/generate.py); seeded, so each picture is the same every run."""

from __future__ import annotations

import random
from pathlib import Path

import pypdfium2
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from procura.documents.extraction.geometry import perspective_coefficients


def noise(size: tuple[int, int], rng: random.Random, sigma: float) -> Image.Image:
    """Grey noise around 128 with about ``sigma`` spread, from the seeded generator (PIL's own
    effect_noise cannot be seeded, and the bench must give the same images every run)."""
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    scale = sigma / 74  # a uniform byte has a standard deviation of about 74
    return raw.point(lambda v: max(0, min(255, int(128 + (v - 128) * scale))))


STAMP_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
INKS = {"red": (200, 40, 45), "blue": (35, 60, 170), "green": (30, 120, 60)}


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if STAMP_FONT.exists():
        return ImageFont.truetype(str(STAMP_FONT), size)
    return ImageFont.load_default()


def _rendered(pdf: bytes, dpi: float, *, colour: bool) -> list[Image.Image]:
    pdf_doc = pypdfium2.PdfDocument(pdf)
    try:
        return [
            page.render(scale=dpi / 72, grayscale=not colour)
            .to_pil()
            .convert("RGB" if colour else "L")
            for page in pdf_doc
        ]
    finally:
        pdf_doc.close()


def _ink_over(page: Image.Image, ink: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """``ink`` (white ground, dark marks) printed over ``page`` in ``colour``, as ink on paper
    darkens what is under it without hiding it (multiply)."""
    tinted = Image.composite(
        Image.new("RGB", page.size, colour), Image.new("RGB", page.size, "white"),
        ink.point(lambda v: 255 - v),
    )  # fmt: skip
    return ImageChops.multiply(page, tinted)


def _stamp(page: Image.Image, rng: random.Random) -> Image.Image:
    """A rubber stamp (a framed word and a date, turned, in red, blue or green) somewhere on
    the page, often over text."""
    words = rng.choice(["PAID", "RECEIVED", "GEBUCHT", "ENTRATA", "BETAALD", "REÇU", "COPY"])
    size = max(12, page.width // 22)
    font, small = _font(size), _font(max(8, size // 2))
    stamp = Image.new("L", (size * (len(words) + 2), size * 3), 255)
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((2, 2, stamp.width - 3, stamp.height - 3), outline=0, width=max(2, size // 8))
    draw.text((size // 2, size // 3), words, font=font, fill=0)
    draw.text((size // 2, int(size * 1.7)), f"{rng.randint(1, 28):02d}.0{rng.randint(1, 9)}.2026",
              font=small, fill=0)  # fmt: skip
    stamp = stamp.rotate(rng.uniform(-25, 25), expand=True, fillcolor=255)
    # Worn ink: parts of the stamp print faintly.
    stamp = ImageChops.lighter(stamp, noise(stamp.size, rng, 60).point(lambda v: max(0, v - 90)))
    layer = Image.new("L", page.size, 255)
    x = rng.randint(0, max(0, page.width - stamp.width))
    y = rng.randint(page.height // 6, max(page.height // 6, page.height - stamp.height))
    layer.paste(stamp, (x, y))
    return _ink_over(page, layer, INKS[rng.choice(list(INKS))])


def _handwriting(page: Image.Image, rng: random.Random) -> Image.Image:
    """Pen marks: a tick and a scribbled signature or note, in blue or black ballpoint."""
    layer = Image.new("L", page.size, 255)
    draw = ImageDraw.Draw(layer)
    pen = max(2, page.width // 600)
    for _ in range(rng.randint(1, 3)):
        x = rng.uniform(0.05, 0.7) * page.width
        y = rng.uniform(0.15, 0.9) * page.height
        points = []
        for step in range(rng.randint(12, 30)):
            x += rng.uniform(2, 9) * pen
            y += rng.uniform(-6, 6) * pen + (8 * pen if step % 7 == 3 else 0)
            points.append((x, y))
        draw.line(points, fill=0, width=pen, joint="curve")
    colour = INKS["blue"] if rng.random() < 0.6 else (30, 30, 30)
    return _ink_over(page, layer, colour)


def _coffee(page: Image.Image, rng: random.Random) -> Image.Image:
    """A coffee cup's ring and a faint brown blot."""
    layer = Image.new("L", page.size, 255)
    draw = ImageDraw.Draw(layer)
    radius = rng.uniform(0.08, 0.14) * page.width
    cx, cy = rng.uniform(0.1, 0.9) * page.width, rng.uniform(0.1, 0.9) * page.height
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=225)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=150,
                 width=max(2, int(radius / 14)))  # fmt: skip
    layer = layer.filter(ImageFilter.GaussianBlur(radius / 25))
    return _ink_over(page, layer, (150, 95, 45))


def _desk(size: tuple[int, int], rng: random.Random) -> Image.Image:
    base = rng.choice([(70, 55, 45), (110, 110, 115), (40, 40, 45), (150, 120, 90)])
    desk = Image.new("RGB", size, base)
    grain = noise(size, rng, 25).convert("RGB")
    return ImageChops.add(desk, grain, scale=1.0, offset=-128)


def _angled_photo(page: Image.Image, rng: random.Random) -> Image.Image:
    """The page lying on a desk, photographed from above at an angle: the sheet a
    quadrilateral on the desk, a soft shadow of the phone or hand across it, light falling
    off to one side, sensor noise."""
    width, height = page.size
    margin = int(0.1 * max(width, height))
    canvas = (width + 2 * margin, height + 2 * margin)
    jitter = 0.05 * width
    quad = [
        (margin + rng.uniform(-jitter, jitter), margin + rng.uniform(-jitter, jitter)),
        (margin + width + rng.uniform(-jitter, jitter), margin + rng.uniform(-jitter, jitter)),
        (margin + width + rng.uniform(-jitter, jitter),
         margin + height + rng.uniform(-jitter, jitter)),
        (margin + rng.uniform(-jitter, jitter), margin + height + rng.uniform(-jitter, jitter)),
    ]  # fmt: skip
    own = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    coefficients = perspective_coefficients(quad, own)
    warped = page.transform(
        canvas, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", page.size, 255).transform(
        canvas, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    photo = Image.composite(warped, _desk(canvas, rng), mask)
    # Light: falling off towards one side, and a soft shadow over part of the sheet.
    gradient = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270]))
    light = gradient.resize(canvas).point(lambda v: 255 - v // 3)
    shadow = Image.new("L", canvas, 255)
    sx, sy = rng.uniform(0.3, 1.0) * canvas[0], rng.uniform(0.4, 1.0) * canvas[1]
    ImageDraw.Draw(shadow).ellipse(
        (sx - canvas[0] * 0.45, sy - canvas[1] * 0.2, sx + canvas[0] * 0.25, sy + canvas[1] * 0.5),
        fill=rng.randint(130, 175),
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(canvas[0] / 25))
    light = ImageChops.multiply(light, shadow).convert("RGB")
    photo = ImageChops.multiply(photo, light)
    speckle = noise(canvas, rng, rng.uniform(8, 16)).convert("RGB")
    photo = ImageChops.add(photo, speckle, scale=1.0, offset=-128)
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    if rng.random() < 0.25:  # held sideways
        photo = photo.rotate(90, expand=True)
    return photo


def marked(page: Image.Image, rng: random.Random) -> Image.Image:
    """What a page picks up on its way: a stamp, pen marks, sometimes coffee."""
    page = _stamp(page, rng)
    page = _handwriting(page, rng)
    if rng.random() < 0.5:
        page = _coffee(page, rng)
    return page


def angled_photo(pdf: bytes, *, seed: int) -> tuple[list[Image.Image], int]:
    """Colour phone photos of each page at 110-150 dpi, at an angle (perspective), on a desk,
    shadowed, stamped and written on; saved as a rough JPEG by the caller."""
    rng = random.Random(seed)
    dpi = rng.choice([110, 120, 135, 150])
    pages = [_angled_photo(marked(page, rng), rng) for page in _rendered(pdf, dpi, colour=True)]
    return pages, dpi


def fax(
    pdf: bytes, *, seed: int, resolution: tuple[int, int] | None = None
) -> tuple[list[Image.Image], tuple[int, int]]:
    """Fax pages: black and white, 96-150 dpi or the standard mode's 204 x 98 dpi (pixels twice
    as tall as wide), skewed, with speckle and dropped lines."""
    rng = random.Random(seed)
    dpi = rng.choice([(96, 96), (100, 100), (150, 150), (204, 98)])
    dpi = resolution or dpi
    out = []
    for page in _rendered(pdf, dpi[0], colour=False):
        page = page.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC,
                           expand=True, fillcolor=255)  # fmt: skip
        if dpi[1] != dpi[0]:
            page = page.resize((page.width, round(page.height * dpi[1] / dpi[0])),
                               Image.Resampling.BOX)  # fmt: skip
        noisy = ImageChops.add(page, noise(page.size, rng, 30), scale=1.0, offset=-128)
        cut = rng.randint(120, 160)
        bw = noisy.point(lambda v, cut=cut: 255 if v > cut else 0)
        draw = ImageDraw.Draw(bw)
        for _ in range(rng.randint(1, 4)):  # a line the machine dropped
            y = rng.randint(0, bw.height - 1)
            draw.line((0, y, bw.width, y), fill=255)
        out.append(bw.convert("1"))
    return out, dpi


def stamped_scan(pdf: bytes, *, seed: int) -> list[Image.Image]:
    """Colour office-scanner pages at 150-200 dpi, stamped, written on, sometimes stained."""
    rng = random.Random(seed)
    dpi = rng.choice([150, 200])
    out = []
    for page in _rendered(pdf, dpi, colour=True):
        page = marked(page, rng)
        page = page.rotate(rng.uniform(-2, 2), resample=Image.Resampling.BICUBIC, expand=True,
                           fillcolor=(255, 255, 255))  # fmt: skip
        speckle = noise(page.size, rng, rng.uniform(8, 18)).convert("RGB")
        out.append(ImageChops.add(page, speckle, scale=1.0, offset=-128))
    return out
