"""Turning a stored file into pages of positioned words.

PDF pages with a text layer are read directly (pdfplumber); pages without one are rendered at
300 dpi (pypdfium2) and OCR'd; images are OCR'd as they are (each TIFF frame is a page). Limits
guard the worker: a page limit, a pixel limit against decompression bombs, and a clear error for
encrypted or damaged PDFs instead of a crash.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pdfplumber
import pillow_heif
import pypdfium2
from PIL import Image, ImageSequence, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from procura.documents.extraction.layout import Page, Word
from procura.documents.extraction.ocr import ocr_language, ocr_pages
from procura.documents.extraction.result import InvoiceExtraction, required_fields
from procura.documents.extraction.text_layer import (
    COVERING_SHARE,
    SOUND_SAMPLES_TRUSTED,
    LayerVerdict,
    judge_layer,
    layer_hidden,
    merge_readings,
)

logger = logging.getLogger(__name__)

# Pillow reads WebP itself; HEIC/HEIF (phone photos) through libheif, registered once here.
pillow_heif.register_heif_opener()

RENDER_DPI = 300
MIN_TEXT_CHARS = 25  # fewer characters on a PDF page than this: treat it as a scan
DEFAULT_MAX_PAGES = 50
DEFAULT_MAX_PIXELS = 60_000_000


class ReadErrorCode(StrEnum):
    ENCRYPTED = "encrypted_pdf"
    BROKEN = "broken_file"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_MANY_PIXELS = "image_too_large"
    UNSUPPORTED = "unsupported_type"


class ReadError(Exception):
    """The file cannot be read; retrying will not help."""

    def __init__(self, code: ReadErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class ReadResult:
    pages: list[Page]
    notes: list[str] = field(default_factory=list)
    # PDF pages with a text layer that also carry a large picture (a scanned invoice pasted
    # into a generated page, a letterhead image): page number -> picture boxes in points.
    image_boxes: dict[int, list[tuple[float, float, float, float]]] = field(default_factory=dict)
    pictures_read: list[int] = field(default_factory=list)  # pages whose pictures were OCR'd
    # Pages (from 1) read from a scanner's text layer judged sound, with its verdict.
    kept_layers: dict[int, LayerVerdict] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)

    @property
    def used_ocr(self) -> bool:
        return bool(self.pictures_read) or any(page.source == "ocr" for page in self.pages)


@dataclass(frozen=True)
class ReadLimits:
    max_pages: int = DEFAULT_MAX_PAGES
    max_pixels: int = DEFAULT_MAX_PIXELS


ProgressCallback = Callable[[str, int, int], None]  # step, page number, page count


def _noop(step: str, page: int, count: int) -> None:
    return None


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF; ReadError when it is encrypted or cannot be parsed."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ReadError(
                ReadErrorCode.ENCRYPTED, "The PDF is encrypted; upload it without a password."
            )
        return len(reader.pages)
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ReadError(
            ReadErrorCode.BROKEN, f"The PDF is damaged and cannot be read ({exc})."
        ) from exc


def _without_space_chars(page: Any) -> Any:
    """The page without its space glyphs. Some producers draw a space glyph overlapping the
    next character, which splits a word in two ("4 71102"); the gaps between glyphs tell the
    words apart on their own."""
    return page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("text") != " ")


def _upright(obj: dict[str, Any]) -> bool:
    return obj.get("object_type") != "char" or bool(obj.get("upright", True))


def _turned_lines(page: Any, height: float) -> list[Word]:
    """Text printed turned a quarter along the page's edge (the legal line of many French
    invoices: "BOUYGUES TELECOM - Société Anonyme au capital de…"), read in its own direction
    and laid down as lines at the foot of the page, below everything else, so that the words of
    the upright text around it are not interleaved with its letters."""
    chars = [c for c in page.chars if not c.get("upright", True) and c.get("text", "").strip()]
    columns: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: float(c["x0"])):
        if columns and float(char["x0"]) - float(columns[-1][-1]["x0"]) < 2:
            columns[-1].append(char)
        else:
            columns.append([char])
    words: list[Word] = []
    for index, column in enumerate(columns):
        # Turned anticlockwise the text runs up the page; clockwise, down it.
        upward = float(column[0]["matrix"][1]) > 0
        run = sorted(column, key=lambda c: -float(c["top"]) if upward else float(c["top"]))
        size = max(float(c["x1"]) - float(c["x0"]) for c in run)
        top = height - size * (len(columns) - index) * 1.2
        position, text, start = 0.0, "", 0.0
        previous: dict[str, Any] | None = None
        for char in run:
            advance = float(char["bottom"]) - float(char["top"])
            if previous is not None:
                gap = (
                    float(previous["top"]) - float(char["bottom"])
                    if upward
                    else float(char["top"]) - float(previous["bottom"])
                )
                if gap > size * 0.15:
                    words.append(Word(text, start, top, position, top + size))
                    text, start = "", position + gap
                position += gap
            elif not text:
                start = position
            text += char["text"]
            position += advance
            previous = char
        if text:
            words.append(Word(text, start, top, position, top + size))
    return words


# A text layer is taken only when this share of its characters is readable; below it the page is
# rendered and OCR'd. Fonts without a Unicode map give "(cid:12)" glyph ids, private-use or control
# characters; UTF-8 read as Latin-1 gives "Ã¤"-pairs. Either is worse than reading the picture.
MIN_READABLE_SHARE = 0.85
_CID = re.compile(r"\(cid:\d+\)")
_MOJIBAKE = re.compile(r"[\u00c2\u00c3][\u0080-\u00bf]")
_UNREADABLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs"})


def readable_share(text: str) -> float:
    """The share of the non-space characters of ``text`` that are real text: a "(cid:NN)" marker
    counts as one unreadable character, a mojibake pair as two, and so do private-use, control,
    unassigned characters and U+FFFD."""
    text, cids = _CID.subn("\ufffd", text)
    text, pairs = _MOJIBAKE.subn("\ufffd\ufffd", text)
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 1.0
    bad = sum(
        1 for c in chars if c == "\ufffd" or unicodedata.category(c) in _UNREADABLE_CATEGORIES
    )
    return 1 - bad / len(chars)


def read_pdf(
    data: bytes, *, limits: ReadLimits = ReadLimits(), progress: ProgressCallback = _noop
) -> ReadResult:
    count = pdf_page_count(data)
    if count > limits.max_pages:
        raise ReadError(
            ReadErrorCode.TOO_MANY_PAGES,
            f"The PDF has {count} pages; at most {limits.max_pages} are accepted.",
        )
    # One pypdfium2 document serves the judging of scanner layers and the OCR of pages.
    layers = _ScannerLayers(data, limits)
    try:
        read, scanned = _text_layers(data, count, layers, progress)
        read.kept_layers = {index + 1: verdict for index, verdict in layers.sound.items()}
        if scanned:

            def rendered() -> Iterator[tuple[Image.Image, int, float | None]]:
                for index in scanned:
                    progress("ocr", index + 1, count)
                    # A poor scanner layer's page was rendered already, for its sample.
                    yield layers.render(index)[0], index + 1, None

            for page in ocr_pages(rendered()):
                read.pages[page.number - 1] = page
                read.notes.extend(f"page {page.number}: {note}" for note in page.notes)
    finally:
        layers.close()
    return read


def _text_layers(
    data: bytes, count: int, layers: _ScannerLayers, progress: ProgressCallback
) -> tuple[ReadResult, list[int]]:
    """The pages with their text layers, and the indexes of the pages to OCR instead (left
    empty): without text, with an unreadable layer, or with a scanner's poor one."""
    pages: list[Page] = []
    notes: list[str] = []
    image_boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    scanned: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, plumber_page in enumerate(pdf.pages):
                progress("text", index + 1, count)
                text_page = _without_space_chars(plumber_page)
                words = [
                    Word(
                        w["text"],
                        float(w["x0"]),
                        float(w["top"]),
                        float(w["x1"]),
                        float(w["bottom"]),
                    )
                    for w in text_page.filter(_upright).extract_words(
                        x_tolerance=1.5, y_tolerance=2
                    )
                ]
                words += _turned_lines(text_page, float(plumber_page.height))
                share = readable_share(" ".join(w.text for w in words))
                too_little = sum(len(w.text) for w in words) < MIN_TEXT_CHARS
                if not too_little and share < MIN_READABLE_SHARE:
                    notes.append(
                        f"page {index + 1}: text layer unreadable (only {share:.0%} of its"
                        " characters are text, e.g. a font without a Unicode map); read by OCR"
                    )
                poor_layer = (
                    not too_little
                    and share >= MIN_READABLE_SHARE
                    and layers.poor(plumber_page, index, words, notes)
                )
                if too_little or share < MIN_READABLE_SHARE or poor_layer:
                    scanned.append(index)
                    pages.append(
                        Page(
                            index + 1,
                            float(plumber_page.width),
                            float(plumber_page.height),
                            [],
                            "ocr",
                        )
                    )
                else:
                    pages.append(
                        Page(
                            index + 1,
                            float(plumber_page.width),
                            float(plumber_page.height),
                            words,
                            "text",
                        )
                    )
                    boxes = _large_images(plumber_page)
                    # A scanner's sound layer is already the reading of its page picture.
                    if boxes and index not in layers.sound:
                        image_boxes[index + 1] = boxes
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise ReadError(
            ReadErrorCode.BROKEN, f"The PDF is damaged and cannot be read ({exc})."
        ) from exc
    return ReadResult(pages=pages, notes=notes, image_boxes=image_boxes), scanned


# Pages rendered to judge a scanner's layer that are kept for their OCR (a poor layer's page is
# read from the same picture); more are rendered again (a 300 dpi A4 page in grey is 8.7 MB).
KEPT_RENDERS = 4


def _render(pdf_page: pypdfium2.PdfPage, limits: ReadLimits) -> tuple[Image.Image, float]:
    """The page in grey at 300 dpi (less when that would pass the pixel limit), and its pixels
    per point."""
    width, height = pdf_page.get_size()
    scale = RENDER_DPI / 72
    if width * scale * height * scale > limits.max_pixels:
        scale = (limits.max_pixels / (width * height)) ** 0.5
    return pdf_page.render(scale=scale, grayscale=True).to_pil(), scale


@dataclass
class _ScannerLayers:
    """The text layers scanners put under the page pictures of one PDF, judged page by page
    (see text_layer.py). Born-digital pages, with no picture covering them or with their text
    drawn visibly over it, are never judged. The PDF is opened once by pypdfium2 for judging
    and for rendering the pages to OCR, and a page rendered for its sample is not rendered
    again for its OCR."""

    data: bytes
    limits: ReadLimits = ReadLimits()
    document: pypdfium2.PdfDocument | None = None
    sound_samples: int = 0
    # Pages (from 0) with a sound hidden layer, and the verdict on it.
    sound: dict[int, LayerVerdict] = field(default_factory=dict)
    renders: dict[int, tuple[Image.Image, float]] = field(default_factory=dict)

    def page(self, index: int) -> pypdfium2.PdfPage:
        if self.document is None:
            self.document = pypdfium2.PdfDocument(self.data)
        return self.document[index]

    def render(self, index: int) -> tuple[Image.Image, float]:
        """The page rendered (taken from the kept renders, which it leaves)."""
        kept = self.renders.pop(index, None)
        return kept if kept is not None else _render(self.page(index), self.limits)

    def poor(self, plumber_page: Any, index: int, words: list[Word], notes: list[str]) -> bool:
        """Whether the page is a picture with a layer under it too poor to trust, so the
        picture is read by OCR instead (a note says why)."""
        if not _large_images(plumber_page, COVERING_SHARE):
            return False
        if not layer_hidden(self.page(index)):
            return False
        rendered: list[tuple[Image.Image, float]] = []

        def render() -> tuple[Image.Image, float]:
            rendered.append(self.render(index))
            return rendered[-1]

        # The sample is a quick look: the first language alone (English) reads it well enough.
        verdict = judge_layer(
            words,
            float(plumber_page.height),
            render,
            ocr_language().split("+")[0],
            sample=self.sound_samples < SOUND_SAMPLES_TRUSTED,
        )
        if not verdict.poor:
            self.sound[index] = verdict
            self.sound_samples += verdict.agreement is not None
        else:
            notes.append(
                f"page {index + 1}: the scanner's text layer under the page picture is poor"
                f" ({verdict.reason}); read by OCR"
            )
            if rendered and len(self.renders) < KEPT_RENDERS:
                self.renders[index] = rendered[-1]
        return verdict.poor

    def close(self) -> None:
        self.renders.clear()
        if self.document is not None:
            self.document.close()


# A picture covering at least this share of a page may hold text worth reading.
MIN_IMAGE_SHARE = 0.08


def _large_images(
    plumber_page: Any, share: float = MIN_IMAGE_SHARE
) -> list[tuple[float, float, float, float]]:
    """The boxes (points, from the top) of the pictures covering at least ``share`` of the
    page."""
    area = float(plumber_page.width) * float(plumber_page.height)
    boxes = []
    for image in plumber_page.images:
        x0, top, x1, bottom = (float(image[k]) for k in ("x0", "top", "x1", "bottom"))
        x0, top = max(x0, 0.0), max(top, 0.0)
        x1, bottom = min(x1, float(plumber_page.width)), min(bottom, float(plumber_page.height))
        if x1 > x0 and bottom > top and (x1 - x0) * (bottom - top) >= share * area:
            boxes.append((x0, top, x1, bottom))
    return boxes


def read_page_images(
    data: bytes, read: ReadResult, *, limits: ReadLimits = ReadLimits()
) -> list[int]:
    """OCR of the large pictures on PDF pages that have a text layer, for when that layer lacks
    what the page shows (the invoice itself is a picture). Their words join the page's words
    (in the page's points, confidence from OCR); the numbers of the pages read are returned."""
    if not read.image_boxes:
        return []
    pdf_doc = pypdfium2.PdfDocument(data)
    crops: list[tuple[int, tuple[float, float, float, float]]] = []

    def pictures() -> Iterator[tuple[Image.Image, int, float | None]]:
        for number, boxes in sorted(read.image_boxes.items()):
            rendered, scale = _render(pdf_doc[number - 1], limits)
            for box in boxes:
                x0, top, x1, bottom = box
                crops.append((number, box))
                crop = rendered.crop(
                    (int(x0 * scale), int(top * scale), int(x1 * scale), int(bottom * scale))
                )
                yield crop, number, float(RENDER_DPI)

    try:
        # The pictures are read several at once (see ``ocr_pages``), in the order drawn.
        found_pages = list(ocr_pages(pictures()))
    finally:
        pdf_doc.close()
    done: list[int] = []
    for (number, (x0, top, x1, bottom)), found in zip(crops, found_pages, strict=True):
        page = read.pages[number - 1]
        # Back from the (possibly turned, straightened) crop to page points: the crop's own
        # scale is kept, its offset added.
        sx = (x1 - x0) / max(found.width, 1)
        sy = (bottom - top) / max(found.height, 1)
        page.words.extend(
            Word(w.text, x0 + w.x0 * sx, top + w.top * sy, x0 + w.x1 * sx,
                 top + w.bottom * sy, w.confidence)
            for w in found.words
        )  # fmt: skip
        page.__dict__.pop("_lines", None)  # the line grouping is cached on the page
        if number not in done:
            page.notes.append("text of the pictures on the page read by OCR")
            read.notes.append(f"page {number}: text of its pictures read by OCR")
            done.append(number)
    read.pictures_read += done
    return done


# A kept layer's pages read again by OCR when the layer's reading lacks a key field or doubts
# it: at most this many (the first; an invoice's header and totals are on its first pages).
LAYER_PAGES_REREAD = 2


def reread_kept_layers(
    data: bytes,
    read: ReadResult,
    result: InvoiceExtraction,
    extract: Callable[[list[Page]], InvoiceExtraction],
    *,
    limits: ReadLimits = ReadLimits(),
) -> list[str]:
    """When fields read from a scanner's kept text layer are missing or doubtful, the pictures
    under that layer (its first pages) are read by OCR and the fields extracted again; for each
    such field OCR's reading is taken where it is surer (see ``merge_readings``), so that a
    layer judged sound near the line does not alone decide the fields it reads badly. Returns
    the names of the fields taken from OCR (``result`` is updated, with a note)."""
    wanted = set(result.missing_fields) | set(result.low_confidence_fields)
    numbers = sorted(read.kept_layers)[:LAYER_PAGES_REREAD]
    if not numbers or not wanted & set(required_fields(result.kind)):
        return []
    pdf_doc = pypdfium2.PdfDocument(data)
    try:
        rendered = [(_render(pdf_doc[n - 1], limits)[0], n, None) for n in numbers]
        pages = list(read.pages)
        for page in ocr_pages(iter(rendered)):
            pages[page.number - 1] = page
    finally:
        pdf_doc.close()
    taken = merge_readings(result, extract(pages), required_fields(result.kind))
    if taken:
        result.notes.append(
            f"{', '.join(taken)} read by OCR of the page picture under the scanner's text layer,"
            " which lacked or doubted them"
        )
    return taken


def _square_pixels(frame: Image.Image, dpi: Any) -> tuple[Image.Image, float | None]:
    """``frame`` with pixels as tall as wide, and its resolution. A fax in standard mode is
    204 x 98 dpi: read as it is, its letters are half as tall as they should be."""
    try:
        x_dpi, y_dpi = (float(value) for value in dpi)
    except (TypeError, ValueError):
        return frame, None
    if x_dpi > 0 and y_dpi > 0 and abs(x_dpi - y_dpi) > 0.1 * max(x_dpi, y_dpi):
        if y_dpi < x_dpi:
            size = (frame.width, round(frame.height * x_dpi / y_dpi))
        else:
            size = (round(frame.width * y_dpi / x_dpi), frame.height)
        return frame.convert("L").resize(size, Image.Resampling.BICUBIC), max(x_dpi, y_dpi)
    return frame, x_dpi or None


def read_image(
    data: bytes, *, limits: ReadLimits = ReadLimits(), progress: ProgressCallback = _noop
) -> ReadResult:
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > limits.max_pixels:
                raise ReadError(
                    ReadErrorCode.TOO_MANY_PIXELS,
                    f"The image has {width}x{height} pixels; at most {limits.max_pixels} are accepted.",
                )
            frame_count = getattr(image, "n_frames", 1)
            if frame_count > limits.max_pages:
                raise ReadError(
                    ReadErrorCode.TOO_MANY_PAGES,
                    f"The image has {frame_count} pages; at most {limits.max_pages} are accepted.",
                )
            pages: list[Page] = []
            notes: list[str] = []

            def frames() -> Iterator[tuple[Image.Image, int, float | None]]:
                for index, frame in enumerate(ImageSequence.Iterator(image)):
                    progress("ocr", index + 1, frame_count)
                    if frame.width * frame.height > limits.max_pixels:
                        raise ReadError(
                            ReadErrorCode.TOO_MANY_PIXELS, "An image page is too large."
                        )
                    page, dpi = _square_pixels(frame.copy(), frame.info.get("dpi"))
                    yield page, index + 1, dpi

            for page in ocr_pages(frames()):
                pages.append(page)
                notes.extend(f"page {page.number}: {note}" for note in page.notes)
    except ReadError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise ReadError(
            ReadErrorCode.BROKEN, f"The image is damaged and cannot be read ({exc})."
        ) from exc
    return ReadResult(pages=pages, notes=notes)


PDF = "application/pdf"
IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/tiff", "image/webp", "image/heic"})


def read_document(
    data: bytes,
    content_type: str,
    *,
    limits: ReadLimits = ReadLimits(),
    progress: ProgressCallback = _noop,
) -> ReadResult:
    if content_type == PDF:
        return read_pdf(data, limits=limits, progress=progress)
    if content_type in IMAGE_TYPES:
        return read_image(data, limits=limits, progress=progress)
    raise ReadError(ReadErrorCode.UNSUPPORTED, f"Files of type {content_type} cannot be read.")
