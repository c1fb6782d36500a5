"""OCR of page images with Tesseract: orientation, deskew, then words with boxes.

Orientation comes from Tesseract's OSD when its ``osd`` data is installed; without it each quarter
turn is tried and the one Tesseract reads with the highest confidence wins. Small skew (a page fed
crookedly into a scanner) is measured with a projection profile: rotated by the right angle, text
rows line up and the row sums of ink vary the most.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pytesseract
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageMath, ImageOps

from procura.documents.extraction.geometry import square_page
from procura.documents.extraction.imaging import (
    INK_LEVEL,
    remove_rules,
    strengthen_faint,
    stretched,
    text_height,
)
from procura.documents.extraction.layout import Page, Word

logger = logging.getLogger(__name__)

# Tesseract's OpenMP threads fight each other (and the other worker processes) on small
# machines; one thread per page is faster overall. The cores are used by reading several pages
# at once instead (``ocr_pages``), and by more worker processes.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# The languages Tesseract reads with, those of them installed (English first, always). By
# default the Latin-script languages of the suppliers' invoices (the packs system-deps installs):
# English alone misreads names and words of the others ("Vleesgroothandel" as
# "Vieesgroothandel", "Hauptstraße", "Müller"), even on an invoice with English labels. Tesseract
# asks the further languages only about the words English reads poorly, so all eight cost about
# twice the CPU of English alone, not eight times (bench/ocr/run.py --only scan). A company that
# wants speed over names sets PROCURA_OCR_LANGUAGES=eng.
DEFAULT_LANGUAGES = "eng+deu+fra+nld+spa+ita+pol+por"
WANTED_LANGUAGES = os.environ.get("PROCURA_OCR_LANGUAGES", DEFAULT_LANGUAGES)
# Page segmentation: sparse text (11), every word found wherever it stands, not the automatic
# layout analysis (3) that joins an invoice's label and value columns into blocks and drops
# short words at the edge of a block; the layout is rebuilt from the word boxes (layout.py).
# Measured on both generated picture sets (bench/ocr/run.py --only scan): 95.4% -> 96.7% on
# ordinary scans, 81.7% -> 82.9% on the harsh set, slightly less CPU.
TESSERACT_CONFIG = "--oem 1 --psm 11"
MAX_SKEW_DEGREES = 5.0
PROFILE_WIDTH = 700
OSD_MAX_SIDE = 1400
# Images below this resolution are enlarged to about 300 dpi before OCR (96 dpi screenshots,
# 120-150 dpi phone pictures, which Tesseract reads as scraps as they are); without a stated
# resolution it is estimated from the width of a letter page. Ordinary 200-300 dpi scans are
# read as they are.
UPSCALE_BELOW_DPI = float(os.environ.get("PROCURA_OCR_UPSCALE_BELOW_DPI", "200"))
TARGET_DPI = 300
PAGE_WIDTH_INCHES = 8.5
MAX_UPSCALE = 4.0
# However small its text, an image is not enlarged past this many pixels (a letter page at
# 300 dpi is 8.4 million): a phone photo whose page was not found, desk and all, would
# otherwise be handed to Tesseract at tens of millions of pixels and read for many minutes.
MAX_OCR_PIXELS = 12_000_000


@functools.cache
def tesseract_languages() -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError):  # pragma: no cover - depends on the system
        return frozenset()


@functools.cache
def ocr_language() -> str:
    """The wanted languages that are installed, as Tesseract's ``lang`` argument."""
    installed = tesseract_languages()
    chosen = [lang for lang in WANTED_LANGUAGES.split("+") if lang and lang in installed]
    return "+".join(chosen) or "eng"


# Resolutions that image writers put in by default whatever the picture (JFIF's 72, Windows'
# 96): a phone photo 3,000 pixels wide "at 72 dpi" is a page at about 350 dpi.
DEFAULT_DPIS = (72.0, 96.0)
PHOTO_DPI = 72.0  # what phone cameras state, whatever the picture shows


def effective_dpi(width: int, dpi: float | None) -> float:
    """The page's resolution: as stated, unless missing or a writer's default that the
    picture's width belies (then estimated from the width of a letter page)."""
    estimate = width / PAGE_WIDTH_INCHES
    if not dpi:
        return estimate
    # PNG states pixels per metre, in whole numbers: its 300 dpi comes back as 299.9994.
    dpi = round(dpi, 1)
    if dpi in DEFAULT_DPIS:
        return max(dpi, estimate)
    return dpi


# Text lines lower than this many pixels are too small for Tesseract; they are enlarged to
# about TARGET_TEXT_HEIGHT (a line of 10-point text at 300 dpi).
MIN_TEXT_HEIGHT = 16
TARGET_TEXT_HEIGHT = 25


def upscale_factor(width: int, dpi: float | None, line_height: float | None = None) -> float:
    """How much to enlarge a page image so its text stands at about 300 dpi (1 = as it is).

    A resolution the file states is trusted. Without one (or with a writer's default), the
    picture may show a whole page or a small part of one (a till receipt, a cut-out): the
    height of its lines of text, when measured, says how large its letters are."""
    if (not dpi or round(dpi, 1) == PHOTO_DPI) and line_height:
        if line_height >= MIN_TEXT_HEIGHT:
            return 1.0
        return min(TARGET_TEXT_HEIGHT / line_height, MAX_UPSCALE)
    effective = effective_dpi(width, dpi)
    if effective <= 0 or effective >= UPSCALE_BELOW_DPI:
        return 1.0
    return min(TARGET_DPI / effective, MAX_UPSCALE)


def bounded_upscale(width: int, height: int, factor: float) -> float:
    """``factor``, lowered so the enlarged image has at most MAX_OCR_PIXELS pixels (never
    below 1: an image is not reduced for this)."""
    if factor <= 1.0 or width <= 0 or height <= 0:
        return factor
    return max(1.0, min(factor, (MAX_OCR_PIXELS / (width * height)) ** 0.5))


def _ink_profile_score(image: Image.Image) -> float:
    """How sharply ink is concentrated in rows: the sum of squared row-to-row changes."""
    rows = image.resize((1, image.height), Image.Resampling.BOX)
    values = rows.tobytes()  # one byte a row (grey levels)
    return float(sum((b - a) ** 2 for a, b in zip(values, values[1:], strict=False)))


def estimate_skew(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that straightens the text rows of ``image``."""
    gray = image.convert("L")
    scale = min(1.0, PROFILE_WIDTH / gray.width)
    small = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))
    ink = ImageOps.invert(small).point(lambda v: 255 if v > 100 else 0)

    def score(angle: float) -> float:
        # The ink image is black and white: nearest-neighbour turns it as well as bilinear
        # does, in a third of the time.
        return _ink_profile_score(ink.rotate(angle, resample=Image.Resampling.NEAREST))

    def best_of(angles: list[float]) -> float:
        return max(angles, key=lambda a: (score(a), -abs(a)))

    # Coarse to fine: whole degrees, then the half degrees beside the best, then tenths.
    best = best_of([float(a) for a in range(-5, 6)])
    best = best_of([best - 0.5, best, best + 0.5])
    return round(best_of([best + step / 10 for step in range(-4, 5)]), 2)


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    angle = estimate_skew(image)
    if abs(angle) < 0.15:
        return image, 0.0
    rotated = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return rotated, angle


def straightened(image: Image.Image, notes: list[str]) -> tuple[Image.Image, float]:
    """``image`` deskewed, and its table rules (now straight) wiped out."""
    image, angle = deskew(image)
    return remove_rules(image, notes), angle


def for_tesseract(image: Image.Image) -> Image.Image:
    """``image`` marked to reach Tesseract as an uncompressed PNM file: pytesseract writes PNG
    otherwise, whose compression (and Tesseract's decompression) costs about a third of a
    second of CPU per page, as much as half of the recognition itself."""
    image.format = "PPM"
    return image


def _mean_confidence(image: Image.Image) -> float:
    data = pytesseract.image_to_data(
        for_tesseract(image),
        lang=ocr_language(),
        config="--psm 3",
        output_type=pytesseract.Output.DICT,
    )
    confs = [float(c) for c, t in zip(data["conf"], data["text"], strict=False) if t.strip()]
    return sum(confs) / len(confs) if confs else 0.0


def detect_orientation(image: Image.Image, notes: list[str]) -> int:
    """Degrees (0, 90, 180, 270) to turn ``image`` counter-clockwise so that text stands upright."""
    if "osd" in tesseract_languages():
        small = image.copy()
        small.thumbnail((OSD_MAX_SIDE, OSD_MAX_SIDE))
        try:
            osd = pytesseract.image_to_osd(
                for_tesseract(small),
                config="--psm 0 -c min_characters_to_try=10",
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractError as exc:
            notes.append(f"orientation not detected ({str(exc).strip()[:80]}); assumed upright")
            return 0
        if float(osd.get("orientation_conf", 0)) < 1.0:
            return 0
        return int(osd.get("rotate", 0)) % 360
    small = image.copy()
    small.thumbnail((1000, 1000))
    scores = {
        angle: _mean_confidence(small.rotate(angle, expand=True)) for angle in (0, 90, 180, 270)
    }
    best = max(scores, key=lambda a: (scores[a], -a))
    notes.append("orientation by trial (osd data missing)")
    return best if scores[best] > scores[0] + 5 else 0


Reading = tuple[Image.Image, float, "list[Word]"]  # the image read, its deskew angle, words


def _read_turned(gray: Image.Image, upright: Reading, notes: list[str]) -> Reading:
    """The best reading of a page that did not read as upright: first turned as Tesseract's
    orientation detection says, then, while no reading looks upright, the other quarter turns
    (detection errs on noisy photos, taking an upside-down page for one on its side); the
    reading with the most confident words wins, the page as it is included."""
    found: list[str] = []
    first = detect_orientation(gray, found)
    best, best_turn = upright, 0
    for turn in dict.fromkeys(t for t in (first, 180, 90, 270) if t):
        # Tesseract reports the clockwise turn needed; PIL rotates counter-clockwise.
        prepared, angle = straightened(gray.rotate(-turn, expand=True, fillcolor=255), [])
        reading = (prepared, angle, _read_words(prepared))
        if _reading_score(reading[2]) > _reading_score(best[2]):
            best, best_turn = reading, turn
        if _looks_upright(reading[2]):
            break
    notes += found
    if best_turn:
        notes.append(f"rotated {best_turn} degrees")
    return best


# Tesseract reads a capital I next to other letters as "|" or "l|", and inside a code of capitals
# as "!" ("S!-46771" for "SI-46771"; an exclamation mark ends a word, it does not stand inside).
_PIPE_IN_WORD = re.compile(r"l?\|(?=[A-Za-z])|(?<=[A-Za-z])\||(?<=[A-Z])!(?=[-/A-Z0-9])")


_MOSTLY_DIGITS = re.compile(r"^[\d.,'§Oo|lI$€£()-]+$")
_DIGIT_LOOKALIKES = str.maketrans({"§": "5", "O": "0", "o": "0", "|": "1", "l": "1", "I": "1"})


def _fix_digits(text: str) -> str:
    """In a token that is mostly digits, letters Tesseract confuses with digits are digits."""
    digits = sum(c.isdigit() for c in text)
    if digits >= 2 and digits >= 0.6 * len(text) and _MOSTLY_DIGITS.match(text):
        return text.translate(_DIGIT_LOOKALIKES)
    return text


# A reading is trusted as upright when enough words of three or more characters were read with
# this mean confidence; a page on its side or upside down reads as a few low-confidence scraps.
UPRIGHT_MIN_WORDS = 15
UPRIGHT_MIN_CONFIDENCE = 0.6
# Pages scanned finer than this are reduced to it before OCR: Tesseract reads 300 dpi text as
# well as 600 dpi text, in a quarter of the time.
DOWNSCALE_ABOVE_DPI = 400


def clean_word(text: str) -> str:
    """A word as Tesseract gave it, with its usual confusions of I and of digits undone."""
    return _fix_digits(_PIPE_IN_WORD.sub("I", text.strip()))


def _looks_upright(words: list[Word]) -> bool:
    return _reading_score(words) >= UPRIGHT_MIN_CONFIDENCE


def _reading_score(words: list[Word]) -> float:
    """The mean confidence of the words of three or more characters, times the share of them
    lying flat (wider than tall): Tesseract also reads a page on its side, line by line turned,
    fairly confidently, but those words stand upright. 0 for fewer than a page's few words."""
    long = [w for w in words if len(w.text) >= 3]
    if len(long) < UPRIGHT_MIN_WORDS:
        return 0.0
    flat = sum(1 for w in long if w.x1 - w.x0 > w.bottom - w.top)
    return sum(w.confidence for w in long) / len(long) * flat / len(long)


def _read_words(image: Image.Image, config: str = TESSERACT_CONFIG) -> list[Word]:
    return _finished(_tesseract_words(image, config), image)


def _finished(words: list[Word], image: Image.Image) -> list[Word]:
    """Tesseract's words with the decimal points it left out put back, and currencies glued
    to amounts split off."""
    return split_currency_marks(join_dotted_decimals(words, image))


def _tesseract_words(image: Image.Image, config: str) -> list[Word]:
    """The words Tesseract reads in ``image``, cleaned, with underscores and decimals it set
    apart joined again."""
    data = pytesseract.image_to_data(
        for_tesseract(image),
        lang=ocr_language(),
        config=config,
        output_type=pytesseract.Output.DICT,
    )
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = clean_word(text)
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top, width, height = (
            data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        )  # fmt: skip
        words.append(
            Word(text, left, top, left + width, top + height, round(min(conf, 100.0) / 100, 3))
        )
    return join_decimals(join_underscores(words, image))


# An amount whose decimals Tesseract set apart after the separator ("300, 00" for "300,00"):
# the separator ends the first word and two digits, close after it, make the next.
_ENDS_IN_SEPARATOR = re.compile(r"\d[.,]$")
_TWO_DIGITS = re.compile(r"^\d{2}\b")


def join_decimals(words: list[Word]) -> list[Word]:
    """``words`` with each amount split after its decimal separator joined again."""
    out: list[Word] = []
    for word in words:
        last = out[-1] if out else None
        if (
            last is not None
            and _ENDS_IN_SEPARATOR.search(last.text)
            and _TWO_DIGITS.match(word.text)
            and abs(last.center_y - word.center_y) < last.height / 3
            # After it, or inside its box: Tesseract may box the whole amount as the first
            # word and give the decimals again as a word of their own ("50," "00").
            and last.x0 < word.x0
            and word.x0 - last.x1 < 0.6 * max(last.height, word.height)
        ):
            out[-1] = _joined(last, word, "")
        else:
            out.append(word)
    return out


# An amount whose decimal separator Tesseract dropped, setting its two sides apart ("$1.61" read
# as "$1" and "61", most of all in sparse-text mode and in a typewriter face, whose "." fills a
# whole letter's width): a number, then two digits after a gap of about a letter, and in that gap
# a single small blot of ink on the line's foot. A blot running below the foot is a comma.
_WHOLE_PART = re.compile(r"^\D{0,3}\d[\d.,' ]*(?<![.,]\d\d)$")
_CENTS = re.compile(r"^\d{2}$")
SEPARATOR_HEIGHT = 0.4  # the blot keeps below this share of the digits' height from their foot
COMMA_DROP = 0.12  # ...and is a comma when it runs this share of that height below the foot


def _separator(a: Word, b: Word, image: Image.Image) -> str | None:
    """The decimal separator ("." or ",") printed in the gap between ``a`` and ``b`` (two
    digits), judged from the ink there; None when the gap holds no such blot."""
    height = b.height
    if not (
        abs(a.bottom - b.bottom) < height / 4
        and a.height >= 0.8 * height
        and height / 8 <= b.x0 - a.x1 <= 1.5 * height
    ):
        return None
    top, foot = round(b.top), round(b.bottom + height / 2)
    rows = _inked(image, (round(a.x1) + 1, top, round(b.x0) - 1, foot))
    inked = [r for r, share in enumerate(rows) if share > 0]
    if not inked or inked[0] < (1 - SEPARATOR_HEIGHT) * height:
        return None  # nothing in the gap, or ink higher up (a colon, a letter, a dash)
    if inked[-1] - inked[0] + 1 != len(inked) or inked[-1] >= len(rows) - 1:
        return None  # not one blot (or one running on below)
    return "," if inked[-1] > (1 + COMMA_DROP) * height else "."


def join_dotted_decimals(words: list[Word], image: Image.Image) -> list[Word]:
    """``words`` with each amount whose decimal separator was left out, its ink still in the
    gap between the whole part and the two decimals, joined again with that separator (in the
    whole part's place: Tesseract may give the two parts in either order)."""
    order = sorted(range(len(words)), key=lambda i: words[i].bottom)
    bottoms = [words[i].bottom for i in order]
    joined: dict[int, Word] = {}
    dropped: set[int] = set()
    for j, cents in enumerate(words):
        if not _CENTS.match(cents.text) or j in joined:
            continue
        near = order[
            bisect.bisect_left(bottoms, cents.bottom - cents.height / 4) : bisect.bisect_right(
                bottoms, cents.bottom + cents.height / 4
            )
        ]
        before = [
            i for i in near
            if i != j and i not in dropped and i not in joined and words[i].x1 <= cents.x0
        ]  # fmt: skip
        if not before:
            continue
        i = max(before, key=lambda k: words[k].x1)
        whole = words[i]
        # Something just before the whole part (a mark read for its first digit, "> 30" for
        # "530") leaves it in doubt: it is not completed.
        crowded = any(
            words[k].x1 <= whole.x0 < words[k].x1 + whole.height / 2 for k in before if k != i
        )
        if (
            not crowded
            and _WHOLE_PART.match(whole.text)
            and (separator := _separator(whole, cents, image))
        ):
            joined[i] = _joined(whole, cents, separator)
            dropped.add(j)
    if not joined:
        return words
    return [joined.get(i, w) for i, w in enumerate(words) if i not in dropped]


def _joined(first: Word, second: Word, between: str) -> Word:
    return Word(
        f"{first.text}{between}{second.text}",
        first.x0,
        min(first.top, second.top),
        max(first.x1, second.x1),
        max(first.bottom, second.bottom),
        min(first.confidence, second.confidence),
    )


# Underscores: Tesseract often leaves out the low line between two words ("invoice_number_1"
# read as "invoice number 1"), most of all when several languages are read at once. A gap
# between two words of a line that a thin stroke of ink crosses at their foot, with nothing
# above it, is an underscore; an underline runs on under the words and is not one.
UNDERSCORE_INK = 0.85  # share of the gap's columns inked along the stroke
UNDERSCORE_CLEAR = 0.05  # at most this share of ink in the gap above the stroke


def _inked(image: Image.Image, box: tuple[int, int, int, int]) -> list[float]:
    """The share of ink (dark pixels) in each row of ``box`` of ``image``."""
    x0, y0, x1, y1 = box
    width = x1 - x0
    if width <= 0 or y1 <= y0:
        return []
    data = image.crop(box).point([1 if v < INK_LEVEL else 0 for v in range(256)]).tobytes()
    return [sum(data[r * width : (r + 1) * width]) / width for r in range(y1 - y0)]


def _underscored(a: Word, b: Word, image: Image.Image) -> bool:
    height = max(a.height, b.height)
    gap = b.x0 - a.x1
    if not (abs(a.center_y - b.center_y) < height / 3 and 2 <= gap <= 1.5 * height):
        return False
    top, foot = round(min(a.top, b.top)), round(max(a.bottom, b.bottom) + 0.3 * height)
    rows = _inked(image, (round(a.x1) + 1, top, round(b.x0) - 1, foot))
    stroke = [r for r, share in enumerate(rows) if share >= UNDERSCORE_INK]
    if not stroke or stroke[0] < 0.5 * height or len(stroke) > max(2, 0.2 * height):
        return False
    if max(rows[: stroke[0] - 1], default=1.0) > UNDERSCORE_CLEAR:
        return False
    # Not an underline: the stroke's rows are clear under the middle of the words.
    for word in (a, b):
        middle = round(word.x0 + (word.x1 - word.x0) / 4), round(word.x1 - (word.x1 - word.x0) / 4)
        below = _inked(image, (middle[0], top + stroke[0], middle[1], top + stroke[-1] + 1))
        if max(below, default=0.0) > 0.5:
            return False
    return True


def join_underscores(words: list[Word], image: Image.Image) -> list[Word]:
    """``words`` with each pair that an underscore links joined into one word."""
    out: list[Word] = []
    for word in words:
        last = out[-1] if out else None
        if last is not None and _underscored(last, word, image):
            out[-1] = _joined(last, word, "_")
        else:
            out.append(word)
    return out


# A currency written in letters that Tesseract glued to the amount after it ("Rs.1939",
# "EUR12,50", "R3 792.75" for "R 3 792.75"): a word that no amount pattern reads.
_GLUED_CURRENCY = re.compile(
    r"^(Rs\.?|INR|EUR|USD|GBP|CHF|CAD|AUD|PLN|SEK|NOK|DKK|ZAR|KES|kr\.?|zł|R)(\d[\d.,']*)$"
)
_DECIMALS = re.compile(r"[.,]\d{2}$")
_THOUSANDS_GROUP = re.compile(r"^\d{3}(?:[.,]\d{2})?$")


def _continues_number(word: Word, after: Word | None) -> bool:
    """Whether ``after`` is the next group of the number ``word`` begins ("3" "792.75")."""
    return (
        after is not None
        and bool(_THOUSANDS_GROUP.match(after.text))
        and abs(after.center_y - word.center_y) < word.height / 2
        and 0 <= after.x0 - word.x1 < word.height
    )


def split_currency_marks(words: list[Word]) -> list[Word]:
    """Each word made of a currency in letters and an amount ("Rs.1939") split in two words,
    the box shared by their lengths. A lone "R" (rand) is split only before what is plainly an
    amount (decimals, or a thousands group after it): "R2" may be a code."""
    out: list[Word] = []
    for i, word in enumerate(words):
        m = _GLUED_CURRENCY.match(word.text)
        after = words[i + 1] if i + 1 < len(words) else None
        if not m or (
            m.group(1) == "R"
            and not _DECIMALS.search(m.group(2))
            and not _continues_number(word, after)
        ):
            out.append(word)
            continue
        cut = word.x0 + (word.x1 - word.x0) * len(m.group(1)) / len(word.text)
        out.append(Word(m.group(1), word.x0, word.top, cut, word.bottom, word.confidence))
        out.append(Word(m.group(2), cut, word.top, word.x1, word.bottom, word.confidence))
    return out


# Background flattening: the paper's brightness is estimated on an eighth-size copy (the
# brightest pixel within BACKGROUND_WINDOW pixels, smoothed) and taken out; what is then nearly
# white is paper, not ink.
BACKGROUND_WINDOW = 5
PAPER_LEVEL = 215


def flatten_background(gray: Image.Image) -> Image.Image:
    """Uneven light (a phone photo darker towards a corner) and the grey speckle of a cheap
    camera removed: Tesseract otherwise takes the noisy page for a picture and reads scraps."""
    small = gray.resize((max(1, gray.width // 8), max(1, gray.height // 8)), Image.Resampling.BOX)
    paper = (
        small.filter(ImageFilter.MaxFilter(BACKGROUND_WINDOW))
        .filter(ImageFilter.GaussianBlur(3))
        .resize(gray.size, Image.Resampling.BILINEAR)
    )
    # Light multiplies: ink under a shadow is as much darker than its paper as ink in full
    # light, in proportion, so dividing by the paper's brightness restores the ink's contrast
    # (subtracting would leave text in a shadow pale grey).
    flat = ImageMath.lambda_eval(
        lambda m: m["convert"](m["min"](m["ink"] * 255 / (m["paper"] + 1), 255), "L"),
        ink=gray,
        paper=paper,
    )
    return flat.point(lambda v: 255 if v > PAPER_LEVEL else v)


# The paper's brightness varies by more than this many grey levels across the page (a shadow,
# light falling off towards an edge): the light is flattened before OCR.
UNEVEN_LIGHT = 40


def uneven_light(gray: Image.Image) -> bool:
    """Whether the paper is lit unevenly: the spread of its brightness, estimated as in
    ``flatten_background``, between its darkest and brightest twentieth."""
    small = gray.resize((max(1, gray.width // 16), max(1, gray.height // 16)), Image.Resampling.BOX)
    histogram = small.filter(ImageFilter.MaxFilter(BACKGROUND_WINDOW)).histogram()
    total = sum(histogram)
    seen, low, high = 0, None, 255
    for level, count in enumerate(histogram):
        seen += count
        if low is None and seen >= 0.05 * total:
            low = level
        if seen >= 0.95 * total:
            high = level
            break
    return high - (low or 0) > UNEVEN_LIGHT


BILEVEL_SMOOTHING = 0.6  # pixels of blur before a black-and-white page is enlarged


def bilevel(gray: Image.Image) -> bool:
    """Whether the page is black and white only (a fax, a bilevel scan)."""
    histogram = gray.histogram()
    return histogram[0] + histogram[255] >= 0.99 * gray.width * gray.height


def _resized(image: Image.Image, dpi: float | None, notes: list[str]) -> Image.Image:
    """``image`` at a resolution Tesseract reads well."""
    factor = bounded_upscale(
        image.width, image.height, upscale_factor(image.width, dpi, text_height(image))
    )
    if factor > 1.0:
        if bilevel(image):
            # A black-and-white fax: its letters' edges smoothed first, or enlarging turns
            # them into staircases Tesseract misreads.
            image = image.filter(ImageFilter.GaussianBlur(BILEVEL_SMOOTHING))
        # A low-resolution image is a screenshot or a phone photo: flatten its light first.
        notes.append(f"enlarged {factor:.1f}x for OCR (low resolution)")
        return flatten_background(image).resize(
            (int(image.width * factor), int(image.height * factor)), Image.Resampling.LANCZOS
        )
    if uneven_light(image):
        notes.append("uneven light (shadow) evened out")
        image = flatten_background(image)
    effective = effective_dpi(image.width, dpi)
    if dpi and effective > DOWNSCALE_ABOVE_DPI:
        factor = TARGET_DPI / effective
        notes.append(f"reduced to {TARGET_DPI} dpi for OCR")
        return image.resize(
            (int(image.width * factor), int(image.height * factor)), Image.Resampling.LANCZOS
        )
    return image


# A second look, by lines: sparse-text segmentation (psm 11) misreads lines set close together
# (a till receipt's "SUBTOTAL 27.60" over "SALES TAX 1.93" read as "SUBTO 60"), which Tesseract's
# line finding for a column of text (psm 4) reads whole. A page whose first reading has many
# doubtful words, or whose ink is in good part outside every word read, is read that way too, and each place of the page keeps the reading whose
# words there are the more confident; a clean page is read once.
SECOND_LOOK_CONFIG = "--oem 1 --psm 4"
DOUBTFUL_WORD = 0.6  # a word read with less confidence than this is doubtful...
WORTHLESS_WORD = 0.5  # ...and one read with less than this counts against its reading
SECOND_LOOK_SHARE = 0.12  # ...and a page with more than this share of such characters is reread,
SECOND_LOOK_UNREAD = 0.05  # as is one with more than this share of its text's ink in no word,
SECOND_LOOK_SPLIT_AMOUNTS = 2  # or with this many amounts read as two numbers ("12" "50")


def _doubtful_share(words: list[Word]) -> float:
    characters = sum(len(w.text) for w in words)
    doubtful = sum(len(w.text) for w in words if w.confidence < DOUBTFUL_WORD)
    return doubtful / characters if characters else 1.0


_DIGITS = re.compile(r"^\d+$")


def _split_amounts(words: list[Word]) -> int:
    """How many amounts seem read without their decimal point, as two words: digits, then
    two digits close after them on the line ("12" "50" for "12.50")."""
    return sum(
        1
        for a, b in itertools.pairwise(words)
        if _DIGITS.match(a.text)
        and len(b.text) == 2
        and b.text.isdigit()
        and abs(a.center_y - b.center_y) < a.height / 3
        and 0 <= b.x0 - a.x1 <= 1.2 * max(a.height, b.height)
    )


def _overlap(a: Word, b: Word) -> bool:
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    return across > 0 and down > 0.5 * min(a.height, b.height)


def _worth(words: list[Word]) -> float:
    """What a reading of a place is worth: its confident characters count for it, its doubtful
    ones (scraps read from a picture or from noise) against it."""
    return sum((w.confidence - WORTHLESS_WORD) * len(w.text) for w in words)


def merge_readings(first: list[Word], second: list[Word]) -> list[Word]:
    """The words of two readings of one page, place by place (words whose boxes overlap, of
    either reading, make a place) from the reading worth more there. A place only the second
    reading found keeps its words when they are worth something."""
    everything = [*first, *second]
    parent = list(range(len(everything)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Each word of the second reading against the words of the first (the readings' own
    # words do not overlap each other); sorted by top, only those near it are compared.
    order = sorted(range(len(first)), key=lambda i: first[i].top)
    tops = [first[i].top for i in order]
    for j, word in enumerate(second, start=len(first)):
        reach = bisect.bisect_right(tops, word.bottom)
        for k in range(reach - 1, -1, -1):
            i = order[k]
            if first[i].bottom < word.top - 4 * word.height:
                break
            if _overlap(first[i], word):
                parent[root(i)] = root(j)
    places: dict[int, tuple[list[Word], list[Word]]] = {}
    for i, word in enumerate(everything):
        place = places.setdefault(root(i), ([], []))
        place[i >= len(first)].append(word)
    kept: list[Word] = []
    for ones, others in places.values():
        if not ones:
            kept += others if _worth(others) > 0 else []
        elif _worth(others) > _worth(ones):
            kept += others
        else:
            kept += ones
    return sorted(kept, key=lambda w: (w.top, w.x0))


UNREAD_SCALE = 4  # ink is looked at on a copy this many times smaller
TEXT_SURROUND = 170  # around text the page is lighter than this on average
# Below this share of the page in text ink a page that did not read as upright is not turned:
# a line of 10 pt text across an A4 page is 0.08%, the sparsest sample invoice 0.6%.
TURN_MIN_TEXT_INK = 0.002


def _text_ink(image: Image.Image) -> Image.Image:
    """White where ``image``, on a copy UNREAD_SCALE times smaller, has the ink of text."""
    small = image.resize(
        (max(1, image.width // UNREAD_SCALE), max(1, image.height // UNREAD_SCALE)),
        Image.Resampling.BOX,
    )
    # Ink of text only: around a letter the page is mostly paper; a filled band (white letters
    # on a dark table header) or a photograph is dark all around.
    ink = ImageChops.multiply(
        small.point([255 if v < INK_LEVEL else 0 for v in range(256)]),
        small.filter(ImageFilter.BoxBlur(4)).point(
            [255 if v > TEXT_SURROUND else 0 for v in range(256)]
        ),
    )
    return ink


def unread_ink(image: Image.Image, words: list[Word]) -> float:
    """The share of the page's ink that no word's box covers: text the reading skipped (or a
    picture, a stamp)."""
    ink = _text_ink(image)
    total = ink.histogram()[255]
    if not total:
        return 0.0
    draw = ImageDraw.Draw(ink)
    for w in words:
        draw.rectangle(
            (w.x0 / UNREAD_SCALE - 1, w.top / UNREAD_SCALE - 1,
             w.x1 / UNREAD_SCALE + 1, w.bottom / UNREAD_SCALE + 1),
            fill=0,
        )  # fmt: skip
    return ink.histogram()[255] / total


def too_little_text(image: Image.Image) -> bool:
    """Whether ``image`` has too little ink of text to be worth turning: a blank page (a
    separator sheet, the back of a duplex scan) or one with a single line. Turned, such a page
    still holds too few words to read as upright (UPRIGHT_MIN_WORDS), and turning costs the
    orientation detection and up to three more readings of the whole page."""
    ink = _text_ink(image)
    return ink.histogram()[255] < TURN_MIN_TEXT_INK * ink.width * ink.height


def _read_closely(image: Image.Image, notes: list[str]) -> list[Word]:
    """The words of ``image`` (a straightened page), read a second time by lines when the
    first reading is doubtful."""
    read = _tesseract_words(image, TESSERACT_CONFIG)
    words = _finished(read, image)
    if _doubtful_share(words) > SECOND_LOOK_SHARE:
        notes.append("read again by lines (many doubtful words)")
    elif unread_ink(image, words) > SECOND_LOOK_UNREAD:
        notes.append("read again by lines (text left unread)")
    elif _split_amounts(read) >= SECOND_LOOK_SPLIT_AMOUNTS:
        # Counted as Tesseract gave them: a page that drops decimal points reads its tight
        # lines poorly too, even where the points are put back.
        notes.append("read again by lines (amounts without their decimal point)")
    else:
        return words
    return merge_readings(words, _read_words(image, SECOND_LOOK_CONFIG))


# Tall lines: a till receipt prints its TOTAL line twice as tall as the rest, an invoice its
# amount due in big condensed figures. Read at the page's scale, Tesseract misreads such a line
# (tall narrow letters, a dot-matrix head's dots twice as far apart down the letter); squashed to
# the page's text height and read as one line (psm 7) it reads as well as the rest. Only a tall
# line read doubtfully or holding figures is read again (all of a page's in one Tesseract run),
# and its new reading replaces the first where it is worth more (see ``merge_readings``).
TALL_LINE_CONFIG = "--oem 1 --psm 7"
TALL_LINE = 1.6  # a line whose letters are this many times the page's text height is tall
TALL_DOUBTFUL = 0.8  # ...and is read again when a word of it was read with less confidence
TALL_SCALE = 0.8  # ...squashed to this many times the text's height
TALL_MAX_LINES = 4  # at most this many tall lines a page are read again
TALL_ROW_INK = 0.02  # a row of the line's box with more than this share of ink is inked


def page_text_height(words: list[Word]) -> float | None:
    """The median height of the words of two or more characters read with confidence: the
    height of the page's ordinary text (Tesseract's box of a word is its letters' ink)."""
    heights = sorted(w.height for w in words if len(w.text) >= 2 and w.confidence >= 0.6)
    return heights[len(heights) // 2] if len(heights) >= UPRIGHT_MIN_WORDS else None


def _inked_run(image: Image.Image, box: tuple[int, int, int, int], centre: int) -> tuple[int, int]:
    """The rows (top, bottom, in the page) of the run of inked rows of ``box`` that holds row
    ``centre`` (or comes nearest to it): the height of the letters there, whatever box
    Tesseract gave their word."""
    rows = _inked(image, box)
    inked = [share > TALL_ROW_INK for share in rows]
    runs: list[tuple[int, int]] = []
    start = None
    for r, on in enumerate([*inked, False]):
        if on and start is None:
            start = r
        elif not on and start is not None:
            runs.append((start, r))
            start = None
    if not runs:
        return centre, centre
    at = centre - box[1]
    top, bottom = min(runs, key=lambda run: 0 if run[0] <= at < run[1] else min(
        abs(run[0] - at), abs(run[1] - at)))  # fmt: skip
    return box[1] + top, box[1] + bottom


def _tall_bands(
    image: Image.Image, words: list[Word], height: float
) -> list[tuple[int, int, int, int]]:
    """The boxes (x0, top, x1, bottom) of the tall lines read doubtfully: words at least
    TALL_LINE times the text's height, whose letters (the inked rows under them) are that tall
    too, grouped along their line."""
    tall = [w for w in words if w.height >= TALL_LINE * height]
    bands: list[tuple[int, int, int, int]] = []

    def letters(word: Word) -> tuple[int, int]:
        box = (max(0, round(word.x0)), max(0, round(word.top - height / 2)),
               min(image.width, round(word.x1)), min(image.height, round(word.bottom + height / 2)))  # fmt: skip
        return _inked_run(image, box, round(word.center_y))

    for word in sorted(tall, key=lambda w: -w.height):
        top, bottom = letters(word)
        if bottom - top < TALL_LINE * height or any(
            t <= (top + bottom) / 2 <= b and x0 <= (word.x0 + word.x1) / 2 <= x1
            for x0, t, x1, b in bands
        ):
            continue
        # The line's tall words: a till's TOTAL and its amount stand far apart.
        group = sorted((w for w in tall if top <= w.center_y <= bottom), key=lambda w: w.x0)
        # Read again when doubtful, or when it holds figures: an amount printed big is the one
        # the page wants read, and a tall "$" reads as a confident "5".
        if not group or (
            min(w.confidence for w in group) >= TALL_DOUBTFUL
            and not any(c.isdigit() for w in group for c in w.text)
        ):
            continue
        # The band holds every tall word's letters: a word of small letters (no capital, no
        # figure) is the tallest word's x-height, not the line's.
        for other in group:
            if other is not word:
                run = letters(other)
                if run[1] - run[0] >= TALL_LINE * height:
                    top, bottom = min(top, run[0]), max(bottom, run[1])
        margin = (bottom - top) / 2
        bands.append((max(0, round(group[0].x0 - margin)), top,
                      min(image.width, round(group[-1].x1 + margin)), bottom))  # fmt: skip
        if len(bands) >= TALL_MAX_LINES:
            break
    return bands


def _read_tall_bands(
    image: Image.Image, bands: list[tuple[int, int, int, int]], height: float
) -> list[list[list[Word]]]:
    """Two readings of each tall line (its words in the page's pixels): the line squashed to
    TALL_SCALE times the text's height (a till's double height: letters twice as tall, as
    wide as the rest), and the line scaled down whole to that height (double size: letters
    twice as tall and twice as wide, which squashed only downwards run into blots). Each is
    smoothed a little (a dot-matrix head's dots joined) and its contrast stretched; all are
    set side by side, far apart, and read in one run as one line (one Tesseract run a page,
    whatever the number of tall lines)."""
    target = max(MIN_TEXT_HEIGHT, round(TALL_SCALE * height))
    # (band, the piece, how much it was shrunk across, and down)
    pieces: list[tuple[int, Image.Image, float, float]] = []
    for k, (x0, top, x1, bottom) in enumerate(bands):
        crop = image.crop((x0, top, x1, bottom))
        factor = target / max(1, bottom - top)
        for across in (1.0, factor):
            width = max(1, round(crop.width * across))
            piece = crop.resize((width, target), Image.Resampling.BOX)
            pieces.append((k, stretched(piece.filter(ImageFilter.GaussianBlur(target / 30))),
                           across, factor))  # fmt: skip
    gap = 2 * target
    width = sum(p.width for _, p, _, _ in pieces) + gap * (len(pieces) + 1)
    strip = Image.new("L", (width, target + 2 * gap), 255)
    offsets = []
    x = gap
    for _, piece, _, _ in pieces:
        strip.paste(piece, (x, gap))
        offsets.append(x)
        x += piece.width + gap
    found = _read_words(strip, TALL_LINE_CONFIG)
    read: list[list[list[Word]]] = [[[], []] for _ in bands]
    for word in found:
        middle = (word.x0 + word.x1) / 2
        for n, (k, piece, across, down) in enumerate(pieces):
            if offsets[n] <= middle <= offsets[n] + piece.width:
                x0, top = bands[k][:2]
                read[k][n % 2].append(
                    Word(word.text, x0 + (word.x0 - offsets[n]) / across,
                         top + (word.top - gap) / down, x0 + (word.x1 - offsets[n]) / across,
                         top + (word.bottom - gap) / down, word.confidence)
                )  # fmt: skip
    return read


_TWO_DECIMALS = re.compile(r"^(\D{0,3}\d[\d.,' ]*?)([.,])(\d{2})$")


PAGE_SEPARATOR_SHARE = 0.8  # the page's amounts use one decimal separator this often or more


def page_separator(words: list[Word]) -> str | None:
    """The decimal separator the page's amounts are printed with ("." or ","), when nearly all
    of them (at least three) agree."""
    marks = [m.group(2) for w in words if (m := _TWO_DECIMALS.match(w.text))]
    for mark in ".,":
        if len(marks) >= 3 and marks.count(mark) >= PAGE_SEPARATOR_SHARE * len(marks):
            return mark
    return None


def _with_separator(word: Word, separator: str | None) -> Word:
    """``word``, when an amount with two decimals, with ``separator`` before them: a tall line
    squashed to be read shortens a comma's tail to a point's blot ("469,60" read "469.60"),
    and a page prints its amounts with one separator."""
    m = _TWO_DECIMALS.match(word.text)
    if m is None or separator is None:
        return word
    return Word(f"{m.group(1)}{separator}{m.group(3)}", word.x0, word.top, word.x1, word.bottom,
                word.confidence)  # fmt: skip


def reread_tall_lines(image: Image.Image, words: list[Word], notes: list[str]) -> list[Word]:
    """``words`` with each tall line read doubtfully (or holding figures) read again squashed
    to the text's height, its new reading taken where it is worth more than the first."""
    height = page_text_height(words)
    if height is None:
        return words
    bands = _tall_bands(image, words, height)
    if not bands:
        return words
    separator = page_separator(words)
    taken = 0
    for (x0, top, x1, bottom), readings in zip(
        bands, _read_tall_bands(image, bands, height), strict=True
    ):
        inside = [
            w for w in words
            if top <= w.center_y <= bottom and x0 <= (w.x0 + w.x1) / 2 <= x1
        ]  # fmt: skip
        found = max(([_with_separator(w, separator) for w in r] for r in readings), key=_worth)
        if _worth(found) > _worth(inside):
            kept = set(map(id, inside))
            words = [w for w in words if id(w) not in kept] + found
            taken += 1
    if taken:
        notes.append(f"{taken} tall line{'s' if taken > 1 else ''} read again at the text's height")
        words.sort(key=lambda w: (w.top, w.x0))
    return words


def ocr_page(image: Image.Image, *, number: int, dpi: float | None = None) -> Page:
    """Words with boxes (pixels of the prepared image) and confidences for one page image.

    One Tesseract pass for an upright page: the page is straightened and read; only when that
    reading is poor is the orientation asked for (OSD) and a turned page read again."""
    notes: list[str] = []
    gray = ImageOps.exif_transpose(image).convert("L")
    squared = square_page(gray, notes)
    if squared is not gray:
        # The page now fills the picture: its width tells the resolution.
        gray, dpi = squared, None
    gray = strengthen_faint(gray, effective_dpi(gray.width, dpi), notes)
    gray = _resized(gray, dpi, notes)
    prepared, angle = straightened(gray, notes)
    words = _read_closely(prepared, notes)
    if not _looks_upright(words) and not too_little_text(gray):
        prepared, angle, words = _read_turned(gray, (prepared, angle, words), notes)
    words = reread_tall_lines(prepared, words, notes)
    if angle:
        notes.append(f"deskewed {angle:+.1f} degrees")
    return Page(
        number=number,
        width=prepared.width,
        height=prepared.height,
        words=words,
        source="ocr",
        notes=notes,
    )


def ocr_workers() -> int:
    """How many pages of one document are read at once: $PROCURA_OCR_WORKERS, else one per
    core this process may run on."""
    configured = os.environ.get("PROCURA_OCR_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, len(os.sched_getaffinity(0)))


def ocr_pages(jobs: Iterable[tuple[Image.Image, int, float | None]]) -> Iterator[Page]:
    """``ocr_page`` of each (image, page number, dpi), in order, several pages at once: each
    Tesseract run is a process of its own and the image work releases the GIL, so threads keep
    every core busy. ``jobs`` is drawn in the calling thread (a PDF renderer need not be
    thread-safe) and at most one image more than there are workers waits in memory."""
    workers = ocr_workers()
    if workers == 1:
        for image, number, dpi in jobs:
            yield ocr_page(image, number=number, dpi=dpi)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr") as pool:
        pending: deque[Future[Page]] = deque()
        for image, number, dpi in jobs:
            pending.append(pool.submit(ocr_page, image, number=number, dpi=dpi))
            if len(pending) > workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
