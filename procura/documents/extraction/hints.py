"""Learning from a person's corrections: where a supplier prints a field and under which label.

The stored layout (phrases with boxes, per page) of a corrected document is searched for the
corrected value; the phrase before it becomes a label hint and its box a region hint for that
supplier's next invoices.
"""

from __future__ import annotations

import re
from typing import Any

from procura.documents.extraction import fields as f
from procura.documents.extraction.invoice import ExtractionHints
from procura.documents.extraction.layout import Page, lines_of
from procura.documents.extraction.parsing import Notation

LEARNABLE_FIELDS = ("invoice_number", "invoice_date", "due_date", "subtotal", "tax", "total")


def layout_of(pages: list[Page]) -> list[dict[str, Any]]:
    """Phrases with normalised boxes, per page: what corrections are matched against later."""
    return [
        {
            "page": page.number,
            "lines": [
                [{"text": s.text, "box": page.box(s.words)} for s in line.segments]
                for line in lines_of(page)
            ],
        }
        for page in pages
    ]


def _parser(name: str, notation: Notation) -> f.ValueParser:
    if name == "invoice_number":
        return f.parse_identifier
    if name in {"invoice_date", "due_date"}:
        return f.date_parser(notation)
    return f.amount_parser(notation)


def _scan(text: str, parse: f.ValueParser) -> list[tuple[str, int]]:
    """Values found in ``text`` from each word start, with where they start."""
    found = []
    for m in re.finditer(r"\S+", text):
        parsed = parse(text[m.start() :])
        if parsed:
            found.append((parsed[0], m.start() + parsed[1]))
    return found


def learn_hints(
    layout: list[dict[str, Any]], corrections: dict[str, Any], notation: Notation
) -> ExtractionHints:
    hints = ExtractionHints()
    for name in LEARNABLE_FIELDS:
        wanted = corrections.get(name)
        if wanted in (None, ""):
            continue
        parse = _parser(name, notation)
        matches: list[tuple[int, list[float], str]] = []
        for page in layout:
            for line in page["lines"]:
                for index, segment in enumerate(line):
                    for value, start in _scan(segment["text"], parse):
                        if value != str(wanted):
                            continue
                        label = segment["text"][:start].strip(" :#.-")
                        if not label and index > 0:
                            label = line[index - 1]["text"].strip(" :#.-")
                        matches.append((page["page"], segment["box"], label))
                        break
        if not matches:
            continue
        page_no, box, label = matches[-1] if name in {"subtotal", "tax", "total"} else matches[0]
        hints.regions[name] = (page_no, box)
        if label and not re.search(r"\d", label) and len(label) <= 40:
            hints.labels[name] = [label]
    return hints


def remember(
    stored: dict[str, Any],
    layout: list[dict[str, Any]],
    corrections: dict[str, Any],
    notation: Notation,
    sources: dict[str, str] | None = None,
) -> dict[str, Any]:
    hints = learn_hints(layout, corrections, notation)
    return {
        "labels": {**stored.get("labels", {}), **hints.labels},
        "regions": {
            **stored.get("regions", {}),
            **{name: [page, box] for name, (page, box) in hints.regions.items()},
        },
    }


def hints_from(stored: dict[str, Any]) -> ExtractionHints:
    regions = {
        name: (int(page), list(box)) for name, (page, box) in stored.get("regions", {}).items()
    }
    return ExtractionHints(labels=dict(stored.get("labels", {})), regions=regions)
