"""A phone photo's page found on its desk and seen square-on (its perspective undone).

Pure Pillow (no numpy or OpenCV): the page is looked for on a copy a few hundred pixels wide,
where filters, a flood fill from the middle and the extreme points of the filled region are
cheap, and only the final warp works at full size.

A photo of a page lying on a desk shows a bright quadrilateral (the paper) on a darker
surround. With the text wiped out (a closing turns the paper uniformly bright), the paper's
border is a sharp step of brightness all round it; the shadow of the hand or phone and light
falling off towards a side change the brightness too, but gradually (a shadow's edge is soft),
and are no border. The paper is then the region around the middle of the picture that no sharp
step crosses; its corners are where lines through the ends of its four sides meet. The sheet is
warped to a rectangle (the perspective of a phone held at a tilt undone), and where its edges
still bow (a curled sheet, a lens that bends straight lines) the bow is straightened too,
blended across the sheet from its edges.
A scan, whose paper fills the picture, has no such region and is left as it is, and so is
anything whose region is not a plausible sheet (too small, too large, not brighter than what
surrounds it, a shape no sheet of paper makes). Where the paper's edge is blurred into the desk
and only a search over every step of brightness finds the sheet, its outline may cut into the
paper (a folded, dog-eared receipt); it is taken only when no text lies on paper just outside
it, for a picture read as it is loses less than one cropped through its heading.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from procura.documents.extraction.imaging import level_at

Point = tuple[float, float]

FIND_SIDE = 320  # the page is looked for on a copy this many pixels on its longer side
MIN_PAGE_SHARE = 0.12  # the page covers at least this share of the photo...
MAX_PAGE_SHARE = 0.97  # ...and leaves some surround (else it is a scan: nothing to do)
MIN_CONTRAST = 35  # grey levels between the paper and its surround, at its border
EDGE_STEP = 12  # grey levels from one pixel to the next (of the reduced copy) that mark a border
# A border is sharp: its step, seen through a blur of SOFT_BLUR pixels, is at most 1/SHARPNESS
# as steep. A shadow's edge, already soft, is hardly less steep blurred, and is no border.
SOFT_BLUR = 2.0
SHARPNESS = 1.5
MIN_CORNER_SHIFT = 0.015  # corners nearer the picture's own than this (share of side): as it is
MIN_PAPER_LIFT = 12  # the paper is brighter than the surround just outside it by this much
RIM_SHARE = 0.03  # the picture's rim: this share of its shorter side all round...
RIM_DARK_SHARE = 0.1  # ...of which at least this share is darker than the paper (the desk)
MAX_ASPECT = 3.0  # a sheet is at most this many times as long as it is wide (a till receipt)
MIN_SQUARENESS = 0.8  # the region fills at least this share of its corners' quadrilateral
# A sheet found only by the search over every step (its edge blurred into the desk) must keep
# the text around it: no more than LOST_INK dark marks (pixels of the reduced copy, INK_STEP
# darker than the closed paper around them, on ground as bright as paper) within NEAR_SHEET
# pixels outside its outline, else the picture is read as it is.
INK_STEP = 30
NEAR_SHEET = 12
LOST_INK = 12
# A side's straight line is fitted to the region's outermost pixels along the middle of that side
# (SIDE_MIDDLE of its length off each end) within SIDE_REACH of its length of the line between
# its corners, at least SIDE_POINTS of them, then moved out by BORDER_INSET pixels.
SIDE_MIDDLE = 0.1
SIDE_REACH = 0.04
SIDE_POINTS = 8
BORDER_INSET = 1.5
# An edge of the squared sheet bowing by MIN_BOW pixels to MAX_BOW of its length at its middle is
# straightened (more is no bow of paper but a region gone astray), by a mesh of squares
# MESH_STEP pixels wide, each warped on its own.
MIN_BOW = 2.0
MAX_BOW = 0.06
MESH_STEP = 32


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


def _steps(steep: Image.Image) -> Image.Image:
    return steep.point([255 if v >= EDGE_STEP else 0 for v in range(256)])


def _sharp_borders(paper: Image.Image, steep: Image.Image) -> Image.Image:
    """White where ``paper`` (the reduced photo, text wiped out; ``steep`` its gradient) steps
    sharply in brightness: the sheet's edges, not the soft edge of a shadow or light falling
    off."""
    blurred = _gradient(paper.filter(ImageFilter.GaussianBlur(SOFT_BLUR)))
    steep_enough = _steps(steep)
    # Sharp: steeper than SHARPNESS times the blurred step (the difference left is positive).
    scaled = blurred.point([min(255, round(SHARPNESS * v)) for v in range(256)])
    sharp = ImageChops.subtract(steep, scaled).point([255 if v > 0 else 0 for v in range(256)])
    return ImageChops.multiply(steep_enough, sharp)


def _open_point_near_middle(mask: Image.Image) -> tuple[int, int] | None:
    width, height = mask.size
    for radius in range(0, min(width, height) // 8, 2):
        for dx, dy in ((0, 0), (radius, 0), (-radius, 0), (0, radius), (0, -radius)):
            point = (width // 2 + dx, height // 2 + dy)
            if mask.getpixel(point) == 255:
                return point
    return None


def _extreme_corners(region: Image.Image) -> list[Point]:
    """The white region's points farthest towards each corner of the picture (top-left,
    top-right, bottom-right, bottom-left), from each row's first and last white pixel."""
    width, height = region.size
    data = region.tobytes()
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
    return [top_left, top_right, bottom_right, bottom_left]


def _boundary(region: Image.Image) -> list[Point]:
    """The region's outermost pixels: each row's first and last, each column's first and
    last."""
    points: list[Point] = []
    for image, flip in ((region, False), (region.transpose(Image.Transpose.TRANSPOSE), True)):
        width = image.width
        data = image.tobytes()
        for y in range(image.height):
            row = data[y * width : (y + 1) * width]
            first = row.find(255)
            if first < 0:
                continue
            for x in (first, row.rfind(255)):
                points.append((float(y), float(x)) if flip else (float(x), float(y)))
    return points


Line = tuple[float, float, float]  # a x + b y = c, with a^2 + b^2 = 1


def _solve3(m: list[list[float]], r: list[float]) -> list[float] | None:
    """The solution of the 3 x 3 system ``m`` x = ``r`` (Cramer's rule); None when singular."""

    def det(k: list[list[float]]) -> float:
        return (
            k[0][0] * (k[1][1] * k[2][2] - k[1][2] * k[2][1])
            - k[0][1] * (k[1][0] * k[2][2] - k[1][2] * k[2][0])
            + k[0][2] * (k[1][0] * k[2][1] - k[1][1] * k[2][0])
        )

    whole = det(m)
    if abs(whole) < 1e-9:
        return None
    out = []
    for col in range(3):
        swapped = [[r[i] if j == col else m[i][j] for j in range(3)] for i in range(3)]
        out.append(det(swapped) / whole)
    return out


def _side_line(points: Sequence[Point], start: Point, end: Point) -> Line | None:
    """The straight line through the ends of the edge that ``points`` (along the chord from
    ``start`` to ``end``) trace: the edge is fitted as a line plus a bow (a parabola, nothing
    at the ends), so that a bowed edge's ends, not its average, make the corners."""
    if len(points) < SIDE_POINTS:
        return None
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = uy, -ux
    # off = a + c t + b 4 t (1 - t), by least squares (normal equations).
    m = [[0.0] * 3 for _ in range(3)]
    r = [0.0] * 3
    for x, y in points:
        t = ((x - x0) * ux + (y - y0) * uy) / length
        off = (x - x0) * nx + (y - y0) * ny
        basis = (1.0, t, 4 * t * (1 - t))
        for i in range(3):
            r[i] += basis[i] * off
            for j in range(3):
                m[i][j] += basis[i] * basis[j]
    solved = _solve3(m, r)
    if solved is None:
        return None
    a, c, _bow = solved
    ex0, ey0 = x0 + nx * a, y0 + ny * a
    ex1, ey1 = x1 + nx * (a + c), y1 + ny * (a + c)
    span = math.hypot(ex1 - ex0, ey1 - ey0)
    if span < 1:
        return None
    la, lb = (ey1 - ey0) / span, -(ex1 - ex0) / span
    return la, lb, la * ex0 + lb * ey0


def _crossing(first: Line, second: Line) -> Point | None:
    a1, b1, c1 = first
    a2, b2, c2 = second
    det = a1 * b2 - a2 * b1
    if abs(det) < 0.1:  # nearly parallel: no corner
        return None
    return ((c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det)


def _refined_corners(
    region: Image.Image, quad: list[Point], sides: list[list[Point]]
) -> list[Point]:
    """The corners where the lines through the ends of the region's four sides meet: more
    exact than the extreme points (a side's pixels are many, a corner's few), and right where a
    corner is cut off or rounded (dog-eared, under a finger). ``quad`` (the extreme points)
    where a side cannot be fitted. The outermost pixels along each side (top, right, bottom,
    left) are put in ``sides``."""
    boundary = _boundary(region)
    cx = sum(x for x, _ in quad) / 4
    cy = sum(y for _, y in quad) / 4
    lines: list[Line] = []
    for i in range(4):
        (x0, y0), (x1, y1) = quad[i], quad[(i + 1) % 4]
        length = math.hypot(x1 - x0, y1 - y0)
        if length < 1:
            return quad
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        reach = SIDE_REACH * length + 2
        near = [
            (x, y)
            for x, y in boundary
            if SIDE_MIDDLE <= ((x - x0) * ux + (y - y0) * uy) / length <= 1 - SIDE_MIDDLE
            and abs((x - x0) * uy - (y - y0) * ux) <= reach
        ]
        sides.append(near)
        line = _side_line(near, quad[i], quad[(i + 1) % 4])
        if line is None:
            return quad
        a, b, c = line
        if a * cx + b * cy > c:  # the normal made to point outwards, away from the middle
            a, b, c = -a, -b, -c
        # The region stops short of the sheet's edge by about the border's half-width.
        lines.append((a, b, c + BORDER_INSET))
    corners: list[Point] = []
    for i in range(4):
        point = _crossing(lines[i - 1], lines[i])
        if point is None:
            return quad
        corners.append(point)
    return corners


def _convex(quad: Sequence[Point]) -> bool:
    """Whether the quadrilateral turns the same way at each corner (a sheet seen in
    perspective always does)."""
    turns = []
    for i in range(4):
        (x0, y0), (x1, y1), (x2, y2) = quad[i], quad[(i + 1) % 4], quad[(i + 2) % 4]
        turns.append((x1 - x0) * (y2 - y1) - (y1 - y0) * (x2 - x1))
    return all(t > 0 for t in turns) or all(t < 0 for t in turns)


def _brighter_than_surround(paper: Image.Image, region: Image.Image) -> bool:
    """Whether the region is brighter (median) than a band just outside it: paper on a
    desk, not a stretch of a page between two dark bands."""
    grown = region.filter(ImageFilter.MaxFilter(7))
    band = ImageChops.subtract(grown, region.filter(ImageFilter.MaxFilter(3)))
    if not band.getbbox():
        return False
    inside = ImageStat.Stat(paper, region.filter(ImageFilter.MinFilter(5))).median[0]
    outside = ImageStat.Stat(paper, band).median[0]
    return bool(inside - outside >= MIN_PAPER_LIFT)


def _level(image: Image.Image, share: float, mask: Image.Image | None = None) -> int:
    """The grey level below which ``share`` of the (masked) pixels lie."""
    return level_at(image.histogram(mask), share)


def _surrounded(paper: Image.Image) -> bool:
    """Whether a good part of the picture's rim is darker than the paper in its middle: a
    desk around a sheet. A scan's rim is paper as bright as its middle (the quick way out of
    the search, for the pictures that are scans)."""
    width, height = paper.size
    rim = Image.new("L", paper.size, 255)
    band = max(1, round(RIM_SHARE * min(width, height)))
    ImageDraw.Draw(rim).rectangle((band, band, width - 1 - band, height - 1 - band), fill=0)
    middle = Image.new("L", paper.size, 0)
    ImageDraw.Draw(middle).rectangle(
        (width // 4, height // 4, width - 1 - width // 4, height - 1 - height // 4), fill=255
    )
    return _level(paper, RIM_DARK_SHARE, rim) <= _level(paper, 0.5, middle) - MIN_PAPER_LIFT


def _sheet_within(
    paper: Image.Image, borders: Image.Image, sides: list[list[Point]]
) -> list[Point] | None:
    """The corners (in ``paper``'s pixels) of the region around the middle of ``paper`` that
    no ``borders`` (white) cross, when it is a plausible sheet; else None. The outermost
    pixels along its sides are put in ``sides``."""
    open_ground = ImageChops.invert(borders).filter(ImageFilter.MinFilter(3))
    width, height = open_ground.size
    seed = _open_point_near_middle(open_ground)
    if seed is None:
        return None
    ImageDraw.floodfill(open_ground, seed, 128)
    region = open_ground.point([255 if v == 128 else 0 for v in range(256)])
    # The region was shrunk by the borders' width (the MinFilter): grown back.
    region = region.filter(ImageFilter.MaxFilter(3))
    count = region.histogram()[255]
    if not MIN_PAGE_SHARE * width * height <= count <= MAX_PAGE_SHARE * width * height:
        return None
    quad = _extreme_corners(region)
    own = [(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)]
    reach = MIN_CORNER_SHIFT * max(width, height)
    if all(
        abs(a - c) <= reach and abs(b - d) <= reach
        for (a, b), (c, d) in zip(quad, own, strict=True)
    ):
        return None
    area = _area(quad)
    if area < MIN_PAGE_SHARE * width * height or count < MIN_SQUARENESS * area:
        return None
    if not _convex(quad) or not _brighter_than_surround(paper, region):
        return None
    quad = _refined_corners(region, quad, sides)
    if not _convex(quad):
        return None
    top_left, top_right, bottom_right, bottom_left = quad
    across = max(_distance(top_left, top_right), _distance(bottom_left, bottom_right))
    down = max(_distance(top_left, bottom_left), _distance(top_right, bottom_right))
    if max(across, down) > MAX_ASPECT * max(1.0, min(across, down)):
        return None
    return quad


def reduced(gray: Image.Image) -> tuple[float, Image.Image, Image.Image]:
    """The scale of the copy of ``gray`` the page is looked for on, that copy, and its paper:
    the copy with text and rules wiped out (a closing: thin dark marks vanish)."""
    scale = min(1.0, FIND_SIDE / max(gray.size))
    small = gray.resize(
        (max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
        Image.Resampling.BOX,
    )
    return scale, small, small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.MinFilter(5))


def lost_ink(small: Image.Image, paper: Image.Image, quad: Sequence[Point]) -> int:
    """How many marks of text (pixels of ``small``) lie on paper-bright ground just outside
    ``quad``: text an outline that cuts into the sheet would crop off."""
    outline = Image.new("L", small.size, 0)
    ImageDraw.Draw(outline).polygon([(round(x), round(y)) for x, y in quad], fill=255)
    inside = ImageStat.Stat(paper, outline).median[0]
    near = ImageChops.subtract(
        outline.filter(ImageFilter.MaxFilter(2 * NEAR_SHEET + 1)),
        outline.filter(ImageFilter.MaxFilter(5)),
    )
    ink = ImageChops.subtract(paper, small).point([255 if v >= INK_STEP else 0 for v in range(256)])
    ground = paper.point([255 if v >= inside - MIN_PAPER_LIFT else 0 for v in range(256)])
    lost = ImageChops.multiply(ImageChops.multiply(ink, ground), near)
    return lost.histogram()[255]


def locate_page(gray: Image.Image) -> tuple[list[Point], list[list[Point]]] | None:
    """The corners (top-left, top-right, bottom-right, bottom-left, in ``gray``'s pixels) of a
    sheet of paper photographed on a darker surround, and points along each of its edges (top,
    right, bottom, left); None when there is no such sheet."""
    scale, small, paper = reduced(gray)
    # The sheet's border found on the paper as a sharp step of brightness (see the module's
    # note).
    if not _surrounded(paper):
        return None
    edges = _gradient(paper)
    strongest = edges.getextrema()[1]
    if isinstance(strongest, (int, float)) and strongest < MIN_CONTRAST:
        return None  # nothing stands out from its surround
    # Only sharp steps first (a shadow's soft edge does not cut the sheet); where that finds
    # no plausible sheet (a blurred edge of the paper let the region out onto the desk),
    # every step.
    sides: list[list[Point]] = []
    quad = _sheet_within(paper, _sharp_borders(paper, edges), sides)
    if quad is None:
        sides = []
        quad = _sheet_within(paper, _steps(edges), sides)
        if quad is not None and lost_ink(small, paper, quad) > LOST_INK:
            return None
    if quad is None:
        return None

    def full(x: float, y: float) -> Point:
        # Half a small pixel outwards, as the pixel's middle is the edge's.
        return ((x + 0.5) / scale, (y + 0.5) / scale)

    return [full(*p) for p in quad], [[full(*p) for p in side] for side in sides]


def find_page(gray: Image.Image) -> list[Point] | None:
    """The corners (top-left, top-right, bottom-right, bottom-left, in ``gray``'s pixels) of a
    sheet of paper photographed on a darker surround, or None when there is no such sheet."""
    found = locate_page(gray)
    return found[0] if found else None


def _area(quad: Sequence[Point]) -> float:
    return 0.5 * abs(
        sum(
            x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(quad, [*quad[1:], quad[0]], strict=True)
        )
    )


def _distance(a: Point, b: Point) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


# A phone camera's focal length, as a share of the picture's longer side (a 26 mm lens on a
# 35 mm camera's 36 mm frame): what the sheet's aspect is worked out with when the picture
# itself cannot tell it (two of the sheet's edges parallel in the picture), or tells one no
# lens has (outside FOCAL_RANGE times the longer side: corners a little off, a sheet not flat).
PHONE_FOCAL = 0.72
FOCAL_RANGE = (0.4, 4.0)
# The aspect worked out through the camera differs from the sides' own by at most this share (a
# sheet seen at 30 degrees from straight above); more is an outline gone astray.
MAX_ASPECT_CHANGE = 0.3


def _cross(
    a: tuple[float, float, float], b: tuple[float, float, float]
) -> tuple[float, float, float]:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def true_aspect(quad: Sequence[Point], size: tuple[int, int]) -> float | None:
    """The width of the sheet whose corners (top-left, top-right, bottom-right, bottom-left)
    a photo of ``size`` pixels shows at ``quad``, over its height, as the sheet lies (not as
    the picture shows it: a sheet seen at a tilt looks shorter along the tilt than it is).

    The rectangle's aspect through a pinhole camera looking at the middle of the picture
    (Zhang and He, "Whiteboard scanning and image enhancement", 2007): the two vanishing
    points of the sheet's edges give the focal length, and with it the aspect; the focal
    length of a phone's lens when they cannot. None when the outline is no rectangle's."""
    u0, v0 = size[0] / 2, size[1] / 2
    top_left, top_right, bottom_right, bottom_left = quad
    m1, m2, m3, m4 = (
        (x - u0, y - v0, 1.0) for x, y in (top_left, top_right, bottom_left, bottom_right)
    )
    across, down = _dot(_cross(m2, m4), m3), _dot(_cross(m3, m4), m2)
    if abs(across) < 1e-9 or abs(down) < 1e-9:
        return None
    k2 = _dot(_cross(m1, m4), m3) / across
    k3 = _dot(_cross(m1, m4), m2) / down
    n2 = [k2 * a - b for a, b in zip(m2, m1, strict=True)]
    n3 = [k3 * a - b for a, b in zip(m3, m1, strict=True)]
    longer = max(size)
    focal = PHONE_FOCAL * longer
    depth = n2[2] * n3[2]
    if abs(depth) > 1e-12:
        squared = -(n2[0] * n3[0] + n2[1] * n3[1]) / depth
        if squared > 0 and FOCAL_RANGE[0] * longer <= math.sqrt(squared) <= FOCAL_RANGE[1] * longer:
            focal = math.sqrt(squared)
    wide = (n2[0] ** 2 + n2[1] ** 2) / focal**2 + n2[2] ** 2
    tall = (n3[0] ** 2 + n3[1] ** 2) / focal**2 + n3[2] ** 2
    if wide <= 0 or tall <= 0:
        return None
    return math.sqrt(wide / tall)


def squared_size(quad: Sequence[Point], size: tuple[int, int]) -> tuple[int, int]:
    """The width and height in pixels of the sheet at ``quad`` (in a photo of ``size``) seen
    square-on: as wide as its longer edge across and as tall as its longer edge down, the one
    of the two that the tilt foreshortened then lengthened to the sheet's true aspect (never
    shortened: no detail the photo has is thrown away)."""
    top_left, top_right, bottom_right, bottom_left = quad
    width = max(_distance(top_left, top_right), _distance(bottom_left, bottom_right))
    height = max(_distance(top_left, bottom_left), _distance(top_right, bottom_right))
    aspect = true_aspect(quad, size)
    seen = width / max(height, 1.0)
    if aspect is not None and abs(aspect / seen - 1) <= MAX_ASPECT_CHANGE:
        if aspect > seen:
            width = height * aspect
        else:
            height = width / aspect
    return round(width), round(height)


def _bows(
    sides: list[list[Point]], to_square: Sequence[float], width: int, height: int
) -> list[float]:
    """How far each edge of the squared sheet (top, right, bottom, left) still bows out from
    the straight line between its corners, at its middle (pixels, outwards or inwards; 0 when
    it cannot be told): a sheet that curls, seen through a lens that bends."""
    a, b, c, d, e, f, g, h = to_square
    bows = []
    for i, side in enumerate(sides):
        length = width if i % 2 == 0 else height
        fits = []
        for u, v in side:
            w = g * u + h * v + 1
            x, y = (a * u + b * v + c) / w, (d * u + e * v + f) / w
            t, off = (x / width, y - (height if i == 2 else 0)) if i % 2 == 0 else (
                y / height, x - (width if i == 1 else 0)
            )  # fmt: skip
            if SIDE_MIDDLE <= t <= 1 - SIDE_MIDDLE:
                fits.append((4 * t * (1 - t), off))
        # off = inset + bow 4 t (1 - t), by least squares: the region's edge lies a little
        # inside the sheet's all along, which is no bow.
        n = len(fits)
        ms, mo = sum(s for s, _ in fits) / max(n, 1), sum(o for _, o in fits) / max(n, 1)
        spread = sum((s - ms) ** 2 for s, _ in fits)
        if n < SIDE_POINTS or spread < 1e-9:
            bows.append(0.0)
            continue
        bow = sum((s - ms) * (o - mo) for s, o in fits) / spread
        bows.append(bow if MIN_BOW <= abs(bow) <= MAX_BOW * length else 0.0)
    return bows


def square_page(gray: Image.Image, notes: list[str]) -> Image.Image:
    """``gray`` with a photographed page cut out of its surround and seen square-on (its
    perspective undone, and the bow of its edges straightened); as it is when no page is
    found."""
    found = locate_page(gray)
    if found is None:
        return gray
    quad, sides = found
    width, height = squared_size(quad, gray.size)
    if width < 100 or height < 100:
        return gray
    output = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    try:
        coefficients = perspective_coefficients(output, quad)
        to_square = perspective_coefficients(quad, output)
    except ValueError:
        return gray
    notes.append("page found in the photo and squared (perspective)")
    bows = _bows(sides, to_square, width, height) if len(sides) == 4 else [0.0] * 4
    if not any(bows):
        return gray.transform(
            (width, height),
            Image.Transform.PERSPECTIVE,
            coefficients,
            Image.Resampling.BICUBIC,
            fillcolor=255,
        )
    notes.append("bowed edges straightened")
    top, right, bottom, left = bows
    a, b, c, d, e, f, g, h = coefficients

    def source(x: float, y: float) -> tuple[float, float]:
        # The bows blended across the sheet (each edge's towards the opposite edge), then the
        # perspective.
        u, v = x / width, y / height
        x += (1 - u) * left * 4 * v * (1 - v) + u * right * 4 * v * (1 - v)
        y += (1 - v) * top * 4 * u * (1 - u) + v * bottom * 4 * u * (1 - u)
        w = g * x + h * y + 1
        return (a * x + b * y + c) / w, (d * x + e * y + f) / w

    mesh = []
    for y0 in range(0, height, MESH_STEP):
        for x0 in range(0, width, MESH_STEP):
            x1, y1 = min(width, x0 + MESH_STEP), min(height, y0 + MESH_STEP)
            corners = (source(x0, y0), source(x0, y1), source(x1, y1), source(x1, y0))
            mesh.append(((x0, y0, x1, y1), tuple(v for p in corners for v in p)))
    return gray.transform(
        (width, height), Image.Transform.MESH, mesh, Image.Resampling.BICUBIC, fillcolor=255
    )
