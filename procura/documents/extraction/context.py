"""The document as the field extractors see it: lines in reading order, notation, helpers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from procura.documents.extraction.layout import Line, Page, Segment, Word, lines_of
from procura.documents.extraction.parsing import (
    Notation,
    date_order,
    date_order_cue,
    detect_notation,
)
from procura.documents.extraction.result import Location


@dataclass
class DocumentView:
    pages: list[Page]

    @cached_property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in lines_of(page)]

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def notation(self) -> Notation:
        return detect_notation(self.text)

    @cached_property
    def date_notation(self) -> Notation:
        """How numeric dates are ordered here, which may differ from the amounts' notation
        (an Indian invoice groups 1,23,456.00 as the US does but writes the day first)."""
        return date_order(self.text, self.notation)

    @cached_property
    def date_order_settled(self) -> bool:
        """Whether the page itself tells the order of day and month (not only the notation)."""
        return date_order_cue(self.text) is not None

    def location(self, line: Line, words: list[Word]) -> Location:
        return Location(page=line.page.number, box=line.page.box(words))

    def next_lines(self, line: Line, count: int) -> list[Line]:
        """Up to ``count`` lines below ``line`` on the same page."""
        page_lines = lines_of(line.page)
        return page_lines[line.index + 1 : line.index + 1 + count]

    def segments_below(
        self, line: Line, segment: Segment, count: int = 2
    ) -> list[tuple[Line, Segment]]:
        """Segments on the next lines that sit under ``segment`` (horizontal overlap)."""
        found: list[tuple[Line, Segment]] = []
        height = max(segment.bottom - segment.top, 1.0)
        previous_bottom = line.bottom
        for below in self.next_lines(line, count):
            if below.top - previous_bottom > height * 2.5:
                break
            for candidate in below.segments:
                overlap = min(candidate.x1, segment.x1 + height * 4) - max(
                    candidate.x0, segment.x0 - height
                )
                if overlap > 0:
                    found.append((below, candidate))
                    break
            previous_bottom = below.bottom
        return found


def words_confidence(words: list[Word]) -> float:
    return min((w.confidence for w in words), default=0.0)
