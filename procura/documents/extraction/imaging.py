"""Page images before OCR: a phone photo's page found and squared (perspective), uneven light.

Pure Pillow (no numpy or OpenCV): the page is looked for on a copy a few hundred pixels wide,
where a flood fill from the middle and the extreme points of the filled region are cheap, and
only the final warp works at full size.

A photo of a page lying on a desk shows a bright quadrilateral (the paper) on a darker
surround. With the text wiped out (a maximum filter turns the paper uniformly bright), the paper
is the bright region around the middle of the picture; its corners are the region's points
farthest towards each corner of the picture. A scan, whose paper fills the picture, has no
such region and is left as it is, and so is anything whose region is not a plausible page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter

Point = tuple[float, float]

FIND_SIDE = 320  # the page is looked for on a copy this many pixels on its longer side
MIN_PAGE_SHARE = 0.25  # the page covers at least this share of the photo...
MAX_PAGE_SHARE = 0.97  # ...and leaves some surround (else it is a scan: nothing to do)
MIN_CONTRAST = 35  # grey levels between the paper and its surround, at its border
EDGE_STEP = 12  # grey levels from one pixel to the next (of the reduced copy) that mark a border
MIN_CORNER_SHIFT = 0.015  # corners nearer the picture's own than this (share of side): as it is


def perspective_coefficients(output: Sequence[Point], source: Sequence[Point]) -> list[float]:
    """The eight coefficients of Pillow's PERSPECTIVE transform that take each point of
    ``output`` (in the new image) from the matching point of ``source`` (in the old one)."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(output, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    # Gauss-Jordan elimination with partial pivoting on the 8 x 9 augmented matrix.
    for col in range(8):
        pivot = max(range(col, 8), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < 1e-12:
            raise ValueError("degenerate quadrilateral")
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [value / lead for value in rows[col]]
        for r in range(8):
            if r != col and rows[r][col]:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[r][8] for r in range(8)]


_SOBEL_X = ImageFilter.Kernel((3, 3), [-1, 0, 1, -2, 0, 2, -1, 0, 1], scale=8, offset=128)
_SOBEL_Y = ImageFilter.Kernel((3, 3), [-1, -2, -1, 0, 0, 0, 1, 2, 1], scale=8, offset=128)


def _gradient(gray: Image.Image) -> Image.Image:
    """The brightness step at each pixel (Sobel, |dx| + |dy|, in grey levels per pixel)."""
    middle = Image.new("L", gray.size, 128)
    dx = ImageChops.difference(gray.filter(_SOBEL_X), middle)
    dy = ImageChops.difference(gray.filter(_SOBEL_Y), middle)
    return ImageChops.add(dx, dy, scale=0.5)


def _open_point_near_middle(mask: Image.Image) -> tuple[int, int] | None:
    width, height = mask.size
    for radius in range(0, min(width, height) // 8, 2):
        for dx, dy in ((0, 0), (radius, 0), (-radius, 0), (0, radius), (0, -radius)):
            point = (width // 2 + dx, height // 2 + dy)
            if mask.getpixel(point) == 255:
                return point
    return None


def find_page(gray: Image.Image) -> list[Point] | None:
    """The corners (top-left, top-right, bottom-right, bottom-left, in ``gray``'s pixels) of a
    sheet of paper photographed on a darker surround, or None when there is no such sheet."""
    scale = FIND_SIDE / max(gray.size)
    if scale >= 1:
        scale = 1.0
    small = gray.resize(
        (max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
        Image.Resampling.BOX,
    )
    # Text and rules wiped out (a closing: thin dark marks vanish), then the sheet's border
    # found as a sharp step of brightness: a shadow or light falling off changes slowly and is
    # no border, so the sheet is the region around the middle that no sharp step crosses.
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))
    edges = _gradient(paper)
    open_ground = edges.point(lambda v: 255 if v < EDGE_STEP else 0).filter(
        ImageFilter.MinFilter(3)
    )
    width, height = open_ground.size
    seed = _open_point_near_middle(open_ground)
    if seed is None:
        return None
    # The sheet must stand out from its surround somewhere: a border of real contrast.
    strongest = edges.getextrema()[1]
    if isinstance(strongest, (int, float)) and strongest < MIN_CONTRAST:
        return None
    ImageDraw.floodfill(open_ground, seed, 128)
    region = open_ground.point(lambda v: 255 if v == 128 else 0)
    data = region.tobytes()
    count = data.count(255)
    if not MIN_PAGE_SHARE * width * height <= count <= MAX_PAGE_SHARE * width * height:
        return None
    # The region's extreme points towards each corner, from each row's first and last pixel.
    nowhere: Point = (0.0, 0.0)
    corners: list[tuple[float, Point]] = [(float("inf"), nowhere)] * 2
    corners += [(float("-inf"), nowhere)] * 2
    for y in range(height):
        row = data[y * width : (y + 1) * width]
        first = row.find(255)
        if first < 0:
            continue
        last = row.rfind(255)
        for x in (first, last):
            total, diff = x + y, x - y
            if total < corners[0][0]:
                corners[0] = (total, (x, y))  # top-left: smallest x + y
            if diff < corners[1][0]:
                corners[1] = (diff, (x, y))  # bottom-left: smallest x - y
            if total > corners[2][0]:
                corners[2] = (total, (x, y))  # bottom-right: largest x + y
            if diff > corners[3][0]:
                corners[3] = (diff, (x, y))  # top-right: largest x - y
    top_left, bottom_left, bottom_right, top_right = (point for _, point in corners)
    quad = [top_left, top_right, bottom_right, bottom_left]
    own = [(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)]
    reach = MIN_CORNER_SHIFT * max(width, height)
    if all(
        abs(a - c) <= reach and abs(b - d) <= reach
        for (a, b), (c, d) in zip(quad, own, strict=True)
    ):
        return None
    if _area(quad) < MIN_PAGE_SHARE * width * height:
        return None
    # Back to full size; half a small pixel outwards, as the pixel's middle is the edge's.
    return [((x + 0.5) / scale, (y + 0.5) / scale) for x, y in quad]


def _area(quad: Sequence[Point]) -> float:
    return 0.5 * abs(
        sum(
            x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(quad, [*quad[1:], quad[0]], strict=True)
        )
    )


def _distance(a: Point, b: Point) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


def square_page(gray: Image.Image, notes: list[str]) -> Image.Image:
    """``gray`` with a photographed page cut out of its surround and seen square-on (its
    perspective undone); as it is when no page is found."""
    quad = find_page(gray)
    if quad is None:
        return gray
    top_left, top_right, bottom_right, bottom_left = quad
    width = round(max(_distance(top_left, top_right), _distance(bottom_left, bottom_right)))
    height = round(max(_distance(top_left, bottom_left), _distance(top_right, bottom_right)))
    if width < 100 or height < 100:
        return gray
    output = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    try:
        coefficients = perspective_coefficients(output, quad)
    except ValueError:
        return gray
    notes.append("page found in the photo and squared (perspective)")
    return gray.transform(
        (width, height),
        Image.Transform.PERSPECTIVE,
        coefficients,
        Image.Resampling.BICUBIC,
        fillcolor=255,
    )


# Table rules and boxes: a run of ink at least this share of the page's shorter side long,
# straight across or straight down, is a rule, not a letter (the bar of a heading's capital T is
# a fortieth of an A4 page at most) -- unless it is thicker than a rule: a filled band (a dark
# table header with white letters) is kept.
RULE_SHARE = 0.05
RULE_THICKNESS = 0.004  # share of the shorter side: thicker than this is a band, not a rule
INK_LEVEL = 140  # darker than this is ink
RULE_FILL = 0.92  # share of a run's pixels that are ink for it to be a rule
OPEN_INK = 0.4  # at most this share of ink along a run: paper, or lines of ordinary text


def _at_least(image: Image.Image, share: float) -> Image.Image:
    level = 255 * share
    return image.point([255 if v >= level else 0 for v in range(256)])


def _within(mask: Image.Image, reach: int, direction: int) -> Image.Image:
    """White where ``mask`` is white somewhere 1..``reach`` pixels above (``direction`` -1) or
    below (+1)."""
    radius = max(1, reach // 2)
    spread = _at_least(mask.filter(ImageFilter.BoxBlur((0, radius))), 0.001)
    # The window [y - radius, y + radius] moved to [y + 1, y + 2 * radius + 1] (or above);
    # what the move wraps round from the far edge is cleared.
    moved = ImageChops.offset(spread, 0, -direction * (radius + 1))
    edge = (0, 0, mask.width, radius + 1) if direction < 0 else (
        0, mask.height - radius - 1, mask.width, mask.height
    )  # fmt: skip
    moved.paste(0, edge)
    return moved


def _horizontal_rules(ink: Image.Image, length: int, thickness: int) -> Image.Image:
    """White where ``ink`` (white = ink) has a horizontal run ``length`` pixels long with open
    paper (or ordinary text) within ``thickness`` pixels above and below it: a rule, not the
    edge of a filled band (a dark table header with white letters, which stays)."""
    radius = length // 2
    share = ink.filter(ImageFilter.BoxBlur((radius, 0)))
    cores = _at_least(share, RULE_FILL)
    if not cores.getbbox():
        return cores  # no rule: most pages, one way or the other
    open_rows = share.point([255 if v <= 255 * OPEN_INK else 0 for v in range(256)])
    cores = ImageChops.multiply(
        cores,
        ImageChops.multiply(_within(open_rows, thickness, -1), _within(open_rows, thickness, 1)),
    )
    # Grown back to the run's ends (a core is the middle of its run), and by half a rule's
    # thickness across: the grey fringe of a rule drawn or scanned soft, or enlarged from a
    # low-resolution picture, that OCR would read as dashes.
    return _at_least(cores.filter(ImageFilter.BoxBlur((radius + 1, max(1, thickness // 2)))), 0.001)


def _box_sides(ink: Image.Image, across: Image.Image, length: int, fringe: int) -> Image.Image:
    """White on the short upright sides of boxes: vertical runs of ink too short to be rules by
    themselves (a box round one line of text) that touch a horizontal rule; a letter inside a
    ruled cell stands off the rules by the cell's padding."""
    radius = max(4, length // 6)
    cores = _at_least(
        ink.transpose(Image.Transpose.TRANSPOSE).filter(ImageFilter.BoxBlur((radius, 0))),
        RULE_FILL,
    ).transpose(Image.Transpose.TRANSPOSE)
    if not cores.getbbox():
        return cores
    runs = ImageChops.multiply(
        _at_least(cores.filter(ImageFilter.BoxBlur((0, radius))), 0.001), ink
    )
    touching = ImageChops.multiply(
        runs, _at_least(across.filter(ImageFilter.BoxBlur((0, 2))), 0.001)
    )
    # From where a run touches a rule, along that run (straight up or down, its own column).
    sides = ImageChops.multiply(
        runs, _at_least(touching.filter(ImageFilter.BoxBlur((0, length))), 0.001)
    )
    return _at_least(sides.filter(ImageFilter.BoxBlur((fringe, 1))), 0.001)


def remove_rules(gray: Image.Image, notes: list[str]) -> Image.Image:
    """``gray`` with the straight rules of tables and boxes wiped out (of a page already
    straightened). Tesseract reads a rule touching a value as part of it ("|34,73|" as
    "134,731"), or the value in a box as scraps; the words' own columns keep the table's shape."""
    side = min(gray.size)
    length = max(15, round(RULE_SHARE * side))
    thickness = max(3, round(RULE_THICKNESS * side))
    ink = gray.point([255 if v < INK_LEVEL else 0 for v in range(256)])
    across = _horizontal_rules(ink, length, thickness)
    down = _horizontal_rules(ink.transpose(Image.Transpose.TRANSPOSE), length, thickness)
    rules = ImageChops.lighter(across, down.transpose(Image.Transpose.TRANSPOSE))
    if not rules.getbbox():
        return gray
    if across.getbbox():
        sides = _box_sides(ink, across, length, max(1, thickness // 2))
        rules = ImageChops.lighter(rules, sides)
    notes.append("table rules removed")
    return ImageChops.lighter(gray, rules)


# Faint ink: a worn dot-matrix ribbon, a faded thermal receipt, a light colour scan. The darkest
# ink is then hardly darker than the paper, and Tesseract's own threshold (Otsu) splits the
# paper's grain instead of the letters: the page reads as scraps. Between the paper (the middle
# grey level: most of a page is paper) and the darkest ink (the darkest FAINT_INK_SHARE of the
# pixels), fewer than FAINT_CONTRAST grey levels make a faint page.
FAINT_CONTRAST = 100
FAINT_INK_SHARE = 0.002
# The faint page is smoothed before its contrast is stretched: a blur about as wide as the dots
# of a dot-matrix printer (a hundredth of an inch) joins each letter's dots into strokes and
# averages the paper's grain away; the ink is then the darkest STRETCH_INK_SHARE of the pixels.
FAINT_BLUR_INCHES = 0.01
FAINT_DOTS_PER_LINE = 16
STRETCH_INK_SHARE = 0.005


def _level_at(histogram: Sequence[int], share: float) -> int:
    """The grey level below which ``share`` of the pixels lie."""
    wanted, seen = share * sum(histogram), 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= wanted:
            return level
    return 255


def faint(gray: Image.Image) -> bool:
    """Whether the ink of ``gray`` is faint: hardly darker than its paper."""
    histogram = gray.histogram()
    paper, ink = _level_at(histogram, 0.5), _level_at(histogram, FAINT_INK_SHARE)
    return paper - ink < FAINT_CONTRAST


def _stretched(gray: Image.Image) -> Image.Image:
    """``gray`` with its darkest ink black and its paper white."""
    histogram = gray.histogram()
    ink, paper = _level_at(histogram, STRETCH_INK_SHARE), _level_at(histogram, 0.5)
    span = max(1, paper - ink)
    return gray.point([min(255, max(0, round((v - ink) * 255 / span))) for v in range(256)])


def strengthen_faint(gray: Image.Image, dpi: float, notes: list[str]) -> Image.Image:
    """``gray`` as it is, or, when its ink is faint, smoothed (dots joined, grain averaged
    away) and stretched so that the ink is black and the paper white. The smoothing is as
    wide as a twelfth of the text's lines (a dot-matrix letter is 7 to 12 dots high), or,
    when the lines cannot be told, a hundredth of an inch."""
    if not faint(gray):
        return gray
    lines = text_height(_stretched(gray.filter(ImageFilter.GaussianBlur(1.5))))
    radius = lines / FAINT_DOTS_PER_LINE if lines else FAINT_BLUR_INCHES * dpi
    notes.append("faint ink darkened")
    return _stretched(gray.filter(ImageFilter.GaussianBlur(max(1.0, radius))))


# The height of the text's lines, measured in upright strips of the page (a strip, narrower
# than the page, keeps a slightly skewed line apart from the next): a row is inked when more
# than TEXT_ROW_INK of its pixels are ink, and a line is a run of at least MIN_LINE_PIXELS
# inked rows.
TEXT_STRIPS = 6
TEXT_ROW_INK = 0.02
MIN_LINE_PIXELS = 4
MIN_LINES = 5


def text_height(gray: Image.Image) -> float | None:
    """The median height in pixels of the page's lines of text (from the top of the capitals
    to the foot of the descenders), or None when too few lines are seen to tell."""
    ink = gray.point([255 if v < INK_LEVEL else 0 for v in range(256)])
    strip = gray.width // TEXT_STRIPS
    if strip < 1:
        return None
    level = 255 * TEXT_ROW_INK
    runs: list[int] = []
    for k in range(TEXT_STRIPS):
        rows = ink.crop((k * strip, 0, (k + 1) * strip, gray.height)).resize(
            (1, gray.height), Image.Resampling.BOX
        )
        run = 0
        for value in [*rows.tobytes(), 0]:
            if value > level:
                run += 1
                continue
            if run >= MIN_LINE_PIXELS:
                runs.append(run)
            run = 0
    if len(runs) < MIN_LINES:
        return None
    runs.sort()
    return float(runs[len(runs) // 2])
