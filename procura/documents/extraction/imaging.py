"""Page images before OCR: table rules wiped out, faint ink strengthened, the text's line height.

Pure Pillow (no numpy or OpenCV). A photographed page is found on its desk and squared first,
in geometry.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageChops, ImageFilter

# Table rules and boxes: a run of ink at least this share of the page's shorter side long,
# straight across or straight down, is a rule, not a letter (the bar of a heading's capital T is
# a fortieth of an A4 page at most) -- unless it is thicker than a rule: a filled band (a dark
# table header with white letters) is kept.
RULE_SHARE = 0.05
RULE_THICKNESS = 0.004  # share of the shorter side: thicker than this is a band, not a rule
# An upright rule is also longer than this many of the page's lines of text are tall: on a
# narrow till receipt a twentieth of the width is less than the stem of a letter printed twice
# as tall as the rest (a TOTAL line), or a "$" whose bar runs from one line into the next.
RULE_TEXT_LINES = 4.0
INK_LEVEL = 140  # darker than this is ink
RULE_FILL = 0.92  # share of a run's pixels that are ink for it to be a rule
OPEN_INK = 0.4  # at most this share of ink along a run: paper, or lines of ordinary text
# Beside an upright rule there is less: a table's cells keep their text off the rule, while the
# "$" signs of a till receipt's stacked amounts, whose bars join into one long upright run, are
# crossed by their S at every line.
OPEN_INK_UPRIGHT = 0.15


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


def _horizontal_rules(
    ink: Image.Image, length: int, thickness: int, open_ink: float = OPEN_INK
) -> Image.Image:
    """White where ``ink`` (white = ink) has a horizontal run ``length`` pixels long with open
    paper (or ordinary text) within ``thickness`` pixels above and below it: a rule, not the
    edge of a filled band (a dark table header with white letters, which stays)."""
    radius = length // 2
    share = ink.filter(ImageFilter.BoxBlur((radius, 0)))
    cores = _at_least(share, RULE_FILL)
    if not cores.getbbox():
        return cores  # no rule: most pages, one way or the other
    open_rows = share.point([255 if v <= 255 * open_ink else 0 for v in range(256)])
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
    lines = text_height(gray)
    upright = max(length, round(RULE_TEXT_LINES * lines)) if lines else length
    ink = gray.point([255 if v < INK_LEVEL else 0 for v in range(256)])
    across = _horizontal_rules(ink, length, thickness)
    down = _horizontal_rules(
        ink.transpose(Image.Transpose.TRANSPOSE), upright, thickness, OPEN_INK_UPRIGHT
    )
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


def level_at(histogram: Sequence[int], share: float) -> int:
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
    paper, ink = level_at(histogram, 0.5), level_at(histogram, FAINT_INK_SHARE)
    return paper - ink < FAINT_CONTRAST


def stretched(gray: Image.Image) -> Image.Image:
    """``gray`` with its darkest ink black and its paper white."""
    histogram = gray.histogram()
    ink, paper = level_at(histogram, STRETCH_INK_SHARE), level_at(histogram, 0.5)
    span = max(1, paper - ink)
    return gray.point([min(255, max(0, round((v - ink) * 255 / span))) for v in range(256)])


def strengthen_faint(gray: Image.Image, dpi: float, notes: list[str]) -> Image.Image:
    """``gray`` as it is, or, when its ink is faint, smoothed (dots joined, grain averaged
    away) and stretched so that the ink is black and the paper white. The smoothing is as
    wide as a twelfth of the text's lines (a dot-matrix letter is 7 to 12 dots high), or,
    when the lines cannot be told, a hundredth of an inch."""
    if not faint(gray):
        return gray
    lines = text_height(stretched(gray.filter(ImageFilter.GaussianBlur(1.5))))
    radius = lines / FAINT_DOTS_PER_LINE if lines else FAINT_BLUR_INCHES * dpi
    notes.append("faint ink darkened")
    return stretched(gray.filter(ImageFilter.GaussianBlur(max(1.0, radius))))


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
