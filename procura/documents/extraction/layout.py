"""Words with positions, grouped into lines and segments.

Every reader (PDF text layer, OCR) produces ``Word`` objects in the page's own unit (points for
PDF text, pixels for images). Grouping works with thresholds relative to the text height, so it
does not care which unit a page uses. Boxes handed to callers are normalised to fractions of the
page size, so a location means the same thing whatever the resolution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0  # 0..1; 1.0 for a PDF text layer

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    source: str  # "text" (PDF text layer) or "ocr"
    notes: list[str] = field(default_factory=list)

    def box(self, words: list[Word]) -> list[float]:
        """The normalised bounding box [x0, y0, x1, y1] (fractions of the page) of ``words``."""
        x0 = min(w.x0 for w in words) / self.width
        y0 = min(w.top for w in words) / self.height
        x1 = max(w.x1 for w in words) / self.width
        y1 = max(w.bottom for w in words) / self.height
        return [round(x0, 4), round(y0, 4), round(x1, 4), round(y1, 4)]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in lines_of(self))


@dataclass(slots=True)
class Segment:
    """Words on one line close enough to read as one phrase (a cell, a label and its value)."""

    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words)

    def span_words(self, start: int, end: int) -> list[Word]:
        """The words covering characters [start, end) of ``text``."""
        found: list[Word] = []
        pos = 0
        for word in self.words:
            w_start, w_end = pos, pos + len(word.text)
            if w_start < end and w_end > start:
                found.append(word)
            pos = w_end + 1
        return found or self.words


@dataclass(slots=True)
class Line:
    page: Page
    index: int
    segments: list[Segment]

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]

    @property
    def text(self) -> str:
        return "   ".join(s.text for s in self.segments)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)


_NOISE = re.compile(r"^[|_~`'\".,:;\-—–]+$")


def _is_noise(word: Word) -> bool:
    """A stray mark OCR read from specks and rules. A dash printed in a text layer is kept: it
    separates a name from its trade ("Camille Roux - Graphiste")."""
    if word.confidence >= 1.0 and word.text in {"-", "–", "—"}:
        return False
    return bool(_NOISE.match(word.text))


def _typical_height(words: list[Word]) -> float:
    return median(w.height for w in words) if words else 10.0


def lines_of(page: Page) -> list[Line]:
    """Group a page's words into lines (by vertical overlap) and lines into segments (by gaps).

    Cached on the page object: every extractor step reads the same grouping.
    """
    cached: list[Line] | None = getattr(page, "_lines", None)
    if cached is not None:
        return cached
    words = [w for w in page.words if w.text.strip() and not _is_noise(w)]
    height = _typical_height(words)
    rows = _bowed_rows(words, height) if page.source == "ocr" else _straight_rows(words, height)
    gap_limit = height * 1.25
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        segments: list[Segment] = [Segment([row[0]])]
        for word in row[1:]:
            if word.x0 - segments[-1].words[-1].x1 > gap_limit:
                segments.append(Segment([word]))
            else:
                segments[-1].words.append(word)
        lines.append(Line(page=page, index=len(lines), segments=segments))
    page._lines = lines  # type: ignore[attr-defined]
    return lines


def _straight_rows(words: list[Word], height: float) -> list[list[Word]]:
    """Words whose centres lie within a band around their row's middle: printed text."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.center_y, w.x0)):
        if rows:
            row = rows[-1]
            row_center = median(w.center_y for w in row)
            if abs(word.center_y - row_center) <= height * 0.45:
                row.append(word)
                continue
        rows.append([word])
    return rows


# How far (in heights per width) a photographed row may rise or fall across a gap: about half a degree.
BOW_PER_GAP = 0.01


def _bowed_rows(words: list[Word], height: float) -> list[list[Word]]:
    """Rows of a picture's words, followed from left to right: each word joins the row whose
    last word (to its left) is nearest in height, within the band of a straight row. A photo of
    a bowed or slanted sheet keeps a row's words together though its right end lies half a
    line above or below its left end (a row's middle would lose them to another row)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.x0, w.center_y)):
        best: list[Word] | None = None
        best_distance = float("inf")
        for row in rows:
            last = row[-1]
            distance = abs(word.center_y - last.center_y)
            # Across a wide gap (between table columns) a row drifts further.
            drift = min(max(word.x0 - last.x1, 0.0) * BOW_PER_GAP, height * 0.15)
            if distance <= height * 0.45 + drift and distance < best_distance:
                best, best_distance = row, distance
        if best is None:
            rows.append([word])
        else:
            best.append(word)
    rows.sort(key=lambda row: (median(w.center_y for w in row), row[0].x0))
    return rows
