"""Which label a correction teaches, read from a stored layout (no PDF): the whole run of words
before the value, and never a reference code."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from procura.documents.extraction.context import DocumentView
from procura.documents.extraction.hints import hinted, layout_of, learn_hints, pages_of
from procura.documents.extraction.parsing import Notation

CHAR = 0.01  # width of a character, as a share of the page width
ROW = 0.02  # height of a line


def _layout(rows: list[str]) -> list[dict[str, Any]]:
    """A one-page stored layout of fixed-width text rows: phrases are split by two spaces."""
    lines = []
    for n, row in enumerate(rows):
        y0 = 0.05 + n * ROW * 1.5
        phrases = [
            {"text": m.group(), "box": [m.start() * CHAR, y0, m.end() * CHAR, y0 + ROW]}
            for m in re.finditer(r"\S+(?: \S+)*", row)
        ]
        lines.append(phrases)
    return [{"page": 1, "lines": lines}]


def _doc(rows: list[str]) -> DocumentView:
    # Stored and rebuilt, as a supplier's next invoice is read against what was learned.
    return DocumentView(pages_of(layout_of(pages_of(_layout(rows)))))


def test_a_label_of_several_words_before_a_colon_reads_the_next_invoices_value() -> None:
    first = ["Brenner Kuehlhaus GmbH", "", "Vorgang: BK/100200", "Erstellt am: 10.10.2026"]
    hints = learn_hints(_layout(first), {"invoice_date": date(2026, 10, 10)}, Notation.EU)
    assert hints.labels["invoice_date"] == ["Erstellt am"]

    found = hinted(
        _doc(["Brenner Kuehlhaus GmbH", "", "Erstellt am: 03.11.2026"]), "invoice_date", hints
    )

    assert found is not None
    candidate, by_label = found
    assert (candidate.value, candidate.source, by_label) == ("2026-11-03", "hint", True)
    assert candidate.confidence >= 0.8


def test_a_misread_label_of_several_words_still_reads_the_value_after_it() -> None:
    first = ["Erstellt am: 10.10.2026"]
    hints = learn_hints(_layout(first), {"invoice_date": date(2026, 10, 10)}, Notation.EU)

    found = hinted(_doc(["Erste1lt am: 03.11.2026"]), "invoice_date", hints)

    assert found is not None
    assert found[0].value == "2026-11-03"


def test_a_code_left_of_a_value_is_no_label_the_header_above_it_is() -> None:
    first = ["Slip                  Issued", "LF1234                12 Oct 2026"]
    hints = learn_hints(_layout(first), {"invoice_date": date(2026, 10, 12)}, Notation.US)

    example = hints.examples["invoice_date"][0]
    assert (example.label, example.at) == ("Issued", "below")


def test_a_rate_is_no_code_and_the_base_after_it_is_no_label() -> None:
    first = [
        "Positionen                        6.137,52",
        "MwSt.7% auf 6.137,52                429,63",
    ]
    hints = learn_hints(_layout(first), {"tax": Decimal("429.63")}, Notation.EU)

    example = hints.examples["tax"][0]
    assert (example.label, example.at) == ("MwSt.7% auf", "right")
    found = hinted(
        _doc(
            [
                "Positionen                        9.974,78",
                "MwSt.7% auf 9.974,78                698,23",
            ]
        ),
        "tax",
        hints,
    )
    assert found is not None
    assert found[0].value == "698.23"
