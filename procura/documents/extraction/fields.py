"""Scalar invoice fields found next to (or under) their labels.

Each field has label patterns with a weight (how specific the label is). A value is looked for
after the label in the same phrase, then in the next phrase on the line, then under the label.
All candidates are kept; the invoice extractor picks among them (and lets consistency checks
decide between competing totals).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from procura.documents.extraction.context import DocumentView, words_confidence
from procura.documents.extraction.layout import Line, Word
from procura.documents.extraction.parsing import (
    CURRENCY_CODES,
    Notation,
    currency_votes,
    find_amounts,
    find_dates,
)
from procura.documents.extraction.result import FieldValue, Location

ParsedValue = tuple[str, int, int]  # normalised value, start and end in the parsed text
ValueParser = Callable[[str], ParsedValue | None]
LabelSpec = Sequence[tuple[str, float]]


@dataclass
class Candidate:
    value: str
    confidence: float
    location: Location | None
    source: str
    order: int

    def as_field(self) -> FieldValue:
        return FieldValue(
            self.value, round(min(self.confidence, 0.99), 3), self.location, self.source
        )


def _compile(spec: LabelSpec) -> list[tuple[re.Pattern[str], float]]:
    return [(re.compile(pattern, re.I), weight) for pattern, weight in spec]


_NO = r"\s*(?:no\.?|number|num\.?|nr\.?|#|n°|no:)?\s*[:#.]?"
INVOICE_NUMBER_LABELS = _compile(
    [
        (rf"\binvoice{_NO}(?!\s*date)", 0.9),
        (rf"\binv\.?\s*(?:no\.?|#|number){_NO}", 0.9),
        (rf"\bbill{_NO}(?=\s*\S*\d)", 0.75),
        (r"\bdocument\s*(?:no\.?|number|#)\s*[:#.]?", 0.75),
        (r"\breference\s*(?:no\.?|number|#)?\s*[:#.]?", 0.55),
    ]
)
INVOICE_NUMBER_EXCLUDE = re.compile(r"\bdate\b|\btotal\b|\bdue\b|\bto\b\s*:", re.I)

INVOICE_DATE_LABELS = _compile(
    [
        (r"\binvoice\s*date\s*[:.]?", 0.95),
        (r"\b(?:date\s*of\s*issue|issue\s*date|issued(?:\s*on)?|billing\s*date)\s*[:.]?", 0.9),
        (r"(?<!due )(?<!delivery )(?<!order )\bdate\s*[:.]?", 0.7),
    ]
)
INVOICE_DATE_EXCLUDE = re.compile(r"\b(due|delivery|ship|order|payment|pay by|service)\b", re.I)

DUE_DATE_LABELS = _compile(
    [
        (
            r"\b(?:due\s*date|payment\s*due(?:\s*date)?|date\s*due|due\s*on|pay(?:able)?\s*by)\s*[:.]?",
            0.95,
        ),
        (r"\bdue\s*[:.]?", 0.75),
    ]
)
TERMS_NET = re.compile(r"\bnet\s*(\d{1,3})\b(?:\s*days)?|\b(\d{1,3})\s*days\s*net\b", re.I)

SUBTOTAL_LABELS = _compile(
    [
        (r"\bsub[\s-]?total\b", 0.95),
        (
            r"\b(?:net\s*(?:amount|total|value)|total\s*(?:net|before\s*tax|excl\.?(?:uding)?\s*(?:vat|tax))|amount\s*before\s*tax)\b",
            0.9,
        ),
    ]
)
TAX_LABELS = _compile(
    [
        (
            r"\b(?:total\s*)?(?:sales\s*tax|vat|gst|hst|tax)\b(?!\s*(?:id|no|number|reg|registration|#|\d{3}))",
            0.9,
        ),
    ]
)
TAX_EXCLUDE = re.compile(
    r"\b(sub[\s-]?total|excl|before|incl|including|grand|net\s*amount|amount\s*due|balance)\b|\b(?:tax|vat)\s*(?:id|no|number|reg)",
    re.I,
)
TOTAL_LABELS = _compile(
    [
        (
            r"\b(?:grand\s*total|total\s*due|amount\s*due|balance\s*due|amount\s*payable|total\s*payable|total\s*amount|invoice\s*total|total\s*(?:incl\.?|including)\s*(?:vat|tax))\b",
            0.95,
        ),
        (r"(?<!sub)(?<!sub-)(?<!sub )\btotal\b", 0.8),
    ]
)
TOTAL_EXCLUDE = re.compile(
    r"sub[\s-]?total|total\s*(net|before|excl|tax|vat|qty|quantity|weight)|\bnet\s*(amount|total)|page",
    re.I,
)

CURRENCY_LABEL = re.compile(r"\bcurrency\s*[:.]?\s*([A-Z]{3})\b", re.I)
PO_RE = re.compile(r"\bP\s?[O0]\s?[-–]\s?(\d{4})\s?[-–]\s?(\d{6})\b")
PO_LABEL = re.compile(r"\b(?:p\.?o\.?|purchase\s*order|your\s*order|order\s*ref)", re.I)


# What may stand between a label and its value: a rate ("VAT 20%", "(8.25 %)") or a currency.
_RATE_OR_CODE = re.compile(r"\(?\s*\d{1,2}(?:[.,]\d{1,3})?\s*%\s*\)?|\(?\b[A-Z]{3}\b\)?|[$€£]")


def labelled(
    doc: DocumentView,
    labels: list[tuple[re.Pattern[str], float]],
    parse: ValueParser,
    *,
    exclude: re.Pattern[str] | None = None,
    look_below: bool = True,
) -> list[Candidate]:
    """Values next to or under any of ``labels``, in document order."""
    found: list[Candidate] = []
    for order, line in enumerate(doc.lines):
        for si, segment in enumerate(line.segments):
            text = segment.text
            for pattern, weight in labels:
                m = pattern.search(text)
                if not m or (exclude and exclude.search(text[: m.end() + 12])):
                    continue
                after = text[m.end() :]
                parsed = parse(after)
                if parsed:
                    value, start, end = parsed
                    words = segment.span_words(m.end() + start, m.end() + end)
                    found.append(_candidate(doc, line, words, value, weight, order))
                    break
                if _RATE_OR_CODE.sub("", after).strip(" :#.-"):
                    # The label phrase goes on with something that is not a value: not our label.
                    break
                for right in line.segments[si + 1 : si + 2]:
                    parsed = parse(right.text)
                    if parsed:
                        value, start, end = parsed
                        words = right.span_words(start, end)
                        found.append(_candidate(doc, line, words, value, weight * 0.97, order))
                        break
                else:
                    if look_below:
                        for below_line, below in doc.segments_below(line, segment, 2):
                            parsed = parse(below.text)
                            if parsed:
                                value, start, end = parsed
                                words = below.span_words(start, end)
                                found.append(
                                    _candidate(doc, below_line, words, value, weight * 0.93, order)
                                )
                                break
                break
    return found


def _candidate(
    doc: DocumentView, line: Line, words: list[Word], value: str, weight: float, order: int
) -> Candidate:
    conf = weight * (0.55 + 0.45 * words_confidence(words))
    return Candidate(value, conf, doc.location(line, words), "label", order)


# --- value parsers ------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/_.]*[A-Za-z0-9]|[0-9]")


def parse_identifier(text: str) -> ParsedValue | None:
    """An invoice number: the first token holding a digit that is not a date or a PO number."""
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if m.start() > 0 and text[: m.start()].strip(" :#.-").strip():
            skipped = text[: m.start()].strip(" :#.-").lower()
            if skipped not in {"no", "nr", "number", "num", "n°"}:
                return None
        if not any(c.isdigit() for c in token):
            if token.lower() in {"no", "nr", "number", "num"}:
                continue
            return None
        if len(token) < 3 or PO_RE.fullmatch(token) or find_dates(token, Notation.US):
            return None
        return token, m.start(), m.end()
    return None


def date_parser(notation: Notation) -> ValueParser:
    def parse(text: str) -> ParsedValue | None:
        dates = find_dates(text, notation)
        if not dates or text[: dates[0][1]].strip(" :.-"):
            return None
        value, start, end = dates[0]
        return value.isoformat(), start, end

    return parse


def amount_parser(notation: Notation) -> ValueParser:
    def parse(text: str) -> ParsedValue | None:
        amounts = [
            a for a in find_amounts(text, notation) if re.search(r"[.,]\d{2}$", text[a[1] : a[2]])
        ]
        if not amounts:
            return None
        value, start, end = amounts[-1]
        return f"{value:.2f}", start, end

    return parse


# --- fields ---------------------------------------------------------------------------------------


def invoice_number(doc: DocumentView) -> list[Candidate]:
    return labelled(doc, INVOICE_NUMBER_LABELS, parse_identifier, exclude=INVOICE_NUMBER_EXCLUDE)


def invoice_date(doc: DocumentView) -> list[Candidate]:
    return labelled(
        doc, INVOICE_DATE_LABELS, date_parser(doc.notation), exclude=INVOICE_DATE_EXCLUDE
    )


def due_date(doc: DocumentView, issued: str | None) -> list[Candidate]:
    found = labelled(doc, DUE_DATE_LABELS, date_parser(doc.notation))
    if found or not issued:
        return found
    for order, line in enumerate(doc.lines):
        m = TERMS_NET.search(line.text)
        if m:
            days = int(m.group(1) or m.group(2))
            due = date.fromisoformat(issued) + timedelta(days=days)
            words = line.words
            return [Candidate(due.isoformat(), 0.6, doc.location(line, words), "derived", order)]
    return []


def amounts(doc: DocumentView) -> dict[str, list[Candidate]]:
    parse = amount_parser(doc.notation)
    return {
        "subtotal": labelled(doc, SUBTOTAL_LABELS, parse, look_below=False),
        "tax": labelled(doc, TAX_LABELS, parse, exclude=TAX_EXCLUDE, look_below=False),
        "total": labelled(doc, TOTAL_LABELS, parse, exclude=TOTAL_EXCLUDE, look_below=False),
    }


def po_number(doc: DocumentView) -> list[Candidate]:
    found: list[Candidate] = []
    for order, line in enumerate(doc.lines):
        for segment in line.segments:
            for m in PO_RE.finditer(segment.text):
                value = f"PO-{m.group(1)}-{m.group(2)}"
                words = segment.span_words(m.start(), m.end())
                labelled_here = bool(PO_LABEL.search(line.text[: line.text.find(m.group(0))] or ""))
                weight = 0.95 if labelled_here else 0.85
                conf = weight * (0.55 + 0.45 * words_confidence(words))
                found.append(Candidate(value, conf, doc.location(line, words), "pattern", order))
    return found


def currency(doc: DocumentView, amount_lines: list[int]) -> Candidate | None:
    for order, line in enumerate(doc.lines):
        m = CURRENCY_LABEL.search(line.text)
        if m and m.group(1).upper() in CURRENCY_CODES:
            return Candidate(
                m.group(1).upper(), 0.95, doc.location(line, line.words), "label", order
            )
    near = "\n".join(doc.lines[i].text for i in amount_lines)
    votes = currency_votes(near) + currency_votes(doc.text)
    if not votes:
        return None
    ranked = votes.most_common()
    code, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    confidence = 0.9 if runner_up == 0 else 0.9 * count / (count + runner_up)
    return Candidate(code, confidence, None, "pattern", 0)


def best(candidates: list[Candidate], *, prefer_last: bool = False) -> Candidate | None:
    if not candidates:
        return None
    ranked = sorted(
        candidates,
        key=lambda c: (round(c.confidence, 2), c.order if prefer_last else -c.order),
        reverse=True,
    )
    return ranked[0]


def decimal_of(candidate: Candidate | None) -> Decimal | None:
    return Decimal(candidate.value) if candidate else None
