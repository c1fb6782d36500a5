"""Whether the text layer a scanner put under a page picture can be trusted.

Scanners, fax-to-PDF programs and OCR tools (ocrmypdf, the scanner's own software) store a page
as one picture covering the page with their own reading of it underneath: text drawn invisible
(render mode 3) or hidden under the picture. A good layer (ocrmypdf, a clean scanner reading)
is faster and usually better than reading the picture again; a poor one (a fax program's
"PHILI P MORRIS 1NCOaronnTSo", words split letter by letter, long runs of junk) is worse than
nothing, because the reader trusts it. Born-digital pages draw their text visibly, so they are
never judged here, whatever pictures they carry.

The layer is judged in two steps, the second unless the first settles it:

1. how much of its text looks like text: words of letters with an ordinary case pattern (lower,
   upper, capitalised) and a vowel, numbers, amounts, dates and reference codes count as
   word-like; runs of mixed letters, digits and symbols, and single letters standing alone (a
   word split in pieces) do not. Counted in characters, so a long run of junk weighs what it
   covers.
2. a quick Tesseract reading (first language only) of a band of the page (the fifth of its
   height with the most text): the share of the words Tesseract reads confidently that the layer has at the same
   place, spelled nearly the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytesseract
from PIL import Image
from rapidfuzz import fuzz

from procura.documents.extraction.layout import Word
from procura.documents.extraction.result import LOW_CONFIDENCE, InvoiceExtraction

# A picture covering this share of the page makes it a scanned page.
COVERING_SHARE = 0.75
# This share of the page's text objects invisible or under the picture makes its layer hidden.
HIDDEN_SHARE = 0.8
# Below this share of word-like characters a layer is poor without further look (born-digital
# pages score 0.9-1.0); when the sample read gives no verdict, below FAIR_WORDLIKE.
POOR_WORDLIKE = 0.6
FAIR_WORDLIKE = 0.8
# Below this share of Tesseract's confident words found in the layer, the layer is poor. A
# fax program's layer that splits amounts ("132 .20") and glues or splits words agrees on about
# three words in four; a sound layer on nearly all of them. Reading a sound layer's page again
# costs time and little else; trusting a poor one loses the fields, hence the high line.
MIN_AGREEMENT = 0.85
SAMPLE_BAND = 0.2  # of the page's height
# After this many pages of one file whose sample agreed, the layers of its further pages are
# judged by their text alone (one program made them all; a long ocrmypdf file is not read twice).
SOUND_SAMPLES_TRUSTED = 2
SAMPLE_MIN_WORDS = 8  # fewer confident words in the band: no verdict from the sample
SAMPLE_CONFIDENCE = 70
SAMPLE_CONFIG = "--oem 1 --psm 11"
SAME_WORD = 75  # rapidfuzz ratio of a sample word and the layer's word at its place

_LETTERS_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]+)(?:['’.-][A-Za-zÀ-ÖØ-öø-ÿ]+)*\.?$"
)
_NUMBER = re.compile(r"^[-+(]?[$€£¥₹]?\d+(?:[.,' /:-]\d+)*[-)%]?[$€£¥₹]?$")
_CODE = re.compile(
    r"^[A-Z]{1,6}[-/#.]?\d[\d/.-]*[A-Z]?$|^\d+[A-Za-z]{1,3}$|^[A-Z]{1,4}\d{1,4}[A-Z]{1,4}$"
)
_ADDRESS = re.compile(r"^\S+@\S+\.\w+$|^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/?\S*$")
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ")
_SINGLE_LETTERS = frozenset("aAIyYeEoOàÀ&xX")
_EDGE_PUNCTUATION = ".,:;()[]{}\"'!?*«»„“”‘’"


def _word_like(token: str) -> bool | None:
    """True for a word, number, amount, date, code, e-mail or web address; False for junk;
    None for punctuation alone (it says nothing either way)."""
    token = token.strip(_EDGE_PUNCTUATION)
    if not any(c.isalnum() for c in token):
        return None
    if _NUMBER.match(token) or _CODE.match(token) or _ADDRESS.match(token):
        return True
    if len(token) == 1:
        return token in _SINGLE_LETTERS or token.isdigit()
    if not _LETTERS_WORD.match(token) or len(token) > 24:
        return False
    return len(token) <= 3 or bool(_VOWELS & set(token.lower()))


def wordlike_share(words: Sequence[str]) -> float:
    """The share of the letters and digits of ``words`` that stand in word-like tokens."""
    good = total = 0
    for text in words:
        verdict = _word_like(text)
        if verdict is None:
            continue
        weight = sum(1 for c in text if c.isalnum())
        total += weight
        good += weight if verdict else 0
    return good / total if total else 1.0


def layer_hidden(pdf_page: pypdfium2.PdfPage) -> bool:
    """Whether the page's text is a layer under its covering picture: drawn invisible (render
    mode 3), or drawn before a picture that covers the page and lies under it. A born-digital
    page with a background picture draws its text visibly on top of it, and a caption printed
    beside a pasted picture is not under it."""
    width, height = pdf_page.get_size()
    objects = list(pdf_page.get_objects(max_depth=4))
    covering: list[tuple[int, tuple[float, float, float, float]]] = []
    for order, obj in enumerate(objects):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            if (right - left) * (top - bottom) >= COVERING_SHARE * width * height:
                covering.append((order, (left, bottom, right, top)))
    if not covering:
        return False
    hidden = visible = 0
    for order, obj in enumerate(objects):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
        left, bottom, right, top = obj.get_bounds()
        x, y = (left + right) / 2, (bottom + top) / 2
        under = any(
            order < drawn and box[0] <= x <= box[2] and box[1] <= y <= box[3]
            for drawn, box in covering
        )
        if mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE or under:
            hidden += 1
        else:
            visible += 1
    return hidden > 0 and hidden >= HIDDEN_SHARE * (hidden + visible)


def _sample_band(words: Sequence[Word], height: float) -> tuple[float, float]:
    """The band of the page (top, bottom in points), a fifth of its height, with the most
    characters of the layer."""
    band = height * SAMPLE_BAND
    tops = sorted(w.top for w in words)
    best, best_top = -1, 0.0
    for start in tops:
        count = sum(len(w.text) for w in words if start <= w.top and w.bottom <= start + band)
        if count > best:
            best, best_top = count, start
    top = max(0.0, min(best_top - 4, height - band))
    return top, top + band


def _plain(text: str) -> str:
    return text.strip(_EDGE_PUNCTUATION).casefold()


def sample_agreement(
    page_image: Image.Image, scale: float, words: Sequence[Word], height: float, language: str
) -> float | None:
    """The share of the words Tesseract reads confidently in the band of the page with the most
    text that the layer has at the same place; None when the band gives too few such words.
    ``page_image`` is the page rendered at ``scale`` pixels per point."""
    top, bottom = _sample_band(words, height)
    crop = page_image.crop((0, int(top * scale), page_image.width, int(bottom * scale)))
    data = pytesseract.image_to_data(
        crop, lang=language, config=SAMPLE_CONFIG, output_type=pytesseract.Output.DICT
    )
    band_words = [w for w in words if w.bottom > top and w.top < bottom]
    read = found = 0
    for index, text in enumerate(data["text"]):
        plain = _plain(text)
        if float(data["conf"][index]) < SAMPLE_CONFIDENCE or sum(c.isalnum() for c in plain) < 3:
            continue
        x0 = data["left"][index] / scale
        y0 = top + data["top"][index] / scale
        x1 = x0 + data["width"][index] / scale
        y1 = y0 + data["height"][index] / scale
        read += 1
        slack = (y1 - y0) * 0.5
        near = [
            w
            for w in band_words
            if w.x0 < x1 + slack and w.x1 > x0 - slack and w.top < y1 and w.bottom > y0
        ]
        if any(fuzz.ratio(plain, _plain(w.text)) >= SAME_WORD for w in near):
            found += 1
    if read < SAMPLE_MIN_WORDS:
        return None
    return found / read


@dataclass(frozen=True)
class LayerVerdict:
    poor: bool
    wordlike: float
    agreement: float | None = None

    @property
    def reason(self) -> str:
        said = f"{self.wordlike:.0%} of its text word-like"
        if self.agreement is not None:
            said += f", {self.agreement:.0%} of a sample read by OCR found in it"
        return said


def judge_layer(
    words: Sequence[Word],
    height: float,
    render: Callable[[], tuple[Image.Image, float]],
    language: str,
    *,
    sample: bool = True,
) -> LayerVerdict:
    """The verdict on a hidden text layer ``words`` of a page ``height`` points tall;
    ``render()`` gives the page's picture and its pixels per point, asked for unless the text
    alone settles it: poor enough, or fair enough when ``sample`` is false (the same program's
    layers on earlier pages of the file proved sound)."""
    wordlike = wordlike_share([w.text for w in words])
    if wordlike < POOR_WORDLIKE:
        return LayerVerdict(True, wordlike)
    if not sample and wordlike >= FAIR_WORDLIKE:
        return LayerVerdict(False, wordlike)
    image, scale = render()
    agreement = sample_agreement(image, scale, words, height, language)
    if agreement is None:
        return LayerVerdict(wordlike < FAIR_WORDLIKE, wordlike)
    return LayerVerdict(agreement < MIN_AGREEMENT, wordlike, agreement)


def merge_readings(
    layer: InvoiceExtraction, ocr: InvoiceExtraction, names: Sequence[str]
) -> list[str]:
    """Field by field, the reading of a page from its scanner's layer (``layer``, updated) and
    from OCR of its picture (``ocr``): where the layer lacks a field, or doubts it (below the
    low-confidence line) and OCR reads it above the line, OCR's reading is taken; where both
    read the same value, the surer confidence stands, two sources agreeing. Returns the names
    of the fields taken from OCR."""
    taken = []
    for name in names:
        mine, theirs = layer.fields.get(name), ocr.fields.get(name)
        if theirs is None or theirs.value is None:
            continue
        if mine is not None and mine.value == theirs.value:
            mine.confidence = max(mine.confidence, theirs.confidence)
            continue
        if (
            mine is None
            or mine.value is None
            or (mine.confidence < LOW_CONFIDENCE <= theirs.confidence)
        ):
            layer.fields[name] = theirs
            taken.append(name)
            if name == "supplier_name" and ocr.supplier is not None:
                layer.supplier = ocr.supplier
    return taken
