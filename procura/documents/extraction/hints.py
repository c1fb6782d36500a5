"""Learning from a person's corrections: under which label, and where, a supplier prints a field.

The stored layout (phrases with boxes, per page) of a corrected document is searched for the
corrected value. What is learned is anchored on the label first: the phrase before the value on
its line (all its words up to the value or its colon; a reference mixing letters and digits,
"LF1234", is no label), or the column header above it, and which of the two it was. The value's box (with its
page counted from the end too, for totals that move to a later page) is the fallback when the
label is not found. A date remembers which way round its day and month were.

A supplier's next invoices are not copies of the corrected one: more lines push the totals down
or onto another page, values have other lengths, a scan or photo shifts everything and OCR
misreads a letter of the label or splits it in two. So labels are matched letter-tolerant and
wherever they are on the page, and the value is taken where it stands from the label.

Each correction adds an example per corrected field in front of the earlier ones (the latest
correction is tried first). A value a person confirmed (left as read when the invoice was
approved) teaches the same way: the reader was right but unsure, and the label it stood under
reads the next invoice's value with the confidence of a learned label. Each example keeps where
it came from (the value, the document, when and by whom, corrected or confirmed) so a person can
see what was learned and forget it. An earlier example that reads another value than the corrected one on
the corrected document is dropped: a wrong correction is undone by the next right one. A value
read by a label wins over the reader's own; one read only in a learned region (the label not on
the page) fills a missing or less sure one; a label found with nothing beside or under it reads
nothing. Amounts the hints read that break subtotal + tax = total, when the amount that keeps it
is printed, are not taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from rapidfuzz.distance import Levenshtein

from procura.documents.extraction import fields as f
from procura.documents.extraction.context import DocumentView
from procura.documents.extraction.fields import Candidate
from procura.documents.extraction.layout import Line, Page, Word, lines_of
from procura.documents.extraction.parsing import Notation, find_amounts
from procura.documents.extraction.result import FieldValue

LEARNABLE_FIELDS = ("invoice_number", "invoice_date", "due_date", "subtotal", "tax", "total")
AMOUNTS = frozenset({"subtotal", "tax", "total"})
DATES = frozenset({"invoice_date", "due_date"})
KEPT_EXAMPLES = 3  # per field: the latest corrections'
MAX_LABEL = 40
# How much a value found by a learned label is trusted (times the words' OCR confidence), when
# the label was found letter for letter or with a letter or two misread; and a value found only
# in the learned region.
EXACT_LABEL = 0.9
FUZZY_LABEL = 0.8
REGION_ONLY = 0.6


@dataclass
class Example:
    """Where one corrected document printed a field."""

    label: str = ""  # the phrase naming it, as printed ("" when none was found)
    at: str = ""  # where the value is from the label: "same" phrase, "right", "below"
    page: int = 1
    from_end: int = 0  # pages after the value's page (0: the last page)
    box: list[float] = field(default_factory=list)  # the value's normalised box
    order: str = ""  # dates: the notation that reads them right ("eu": day first)
    seen: int = 1  # corrections and confirmations that taught it
    # Where it was learned: the value, the document, when (ISO 8601), by whom (a user id), and
    # how (CORRECTED: a person typed the value; CONFIRMED: a person approved the value as read).
    value: str = ""
    document: int | None = None
    learned_at: str = ""
    learned_by: int | None = None
    how: str = ""

    @classmethod
    def of(cls, data: dict[str, Any]) -> Example:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


CORRECTED = "corrected"
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Origin:
    """Who taught the examples of one document, when, and how."""

    document: int | None = None
    at: str = ""
    by: int | None = None
    how: str = CORRECTED

    def stamp(self, example: Example, value: Any) -> None:
        example.value = str(value)
        example.document, example.learned_at = self.document, self.at
        example.learned_by, example.how = self.by, self.how


def _carry_origin(into: Example, source: Example) -> None:
    into.value, into.document, into.learned_at = source.value, source.document, source.learned_at
    into.learned_by, into.how = source.learned_by, source.how


@dataclass
class ExtractionHints:
    """What earlier corrections taught about one supplier's invoices: per field, the examples
    to try in turn (the latest correction's first)."""

    examples: dict[str, list[Example]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.examples.values())

    @property
    def labels(self) -> dict[str, list[str]]:
        return {
            name: [e.label for e in examples if e.label]
            for name, examples in self.examples.items()
            if any(e.label for e in examples)
        }


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


def pages_of(layout: list[dict[str, Any]]) -> list[Page]:
    """Pages rebuilt from a stored layout (each phrase's words spread over its box), to read a
    corrected document again with what was learned."""
    pages = []
    for stored in layout:
        words = []
        for line in stored["lines"]:
            for segment in line:
                x0, y0, x1, y1 = segment["box"]
                text = segment["text"]
                step = (x1 - x0) / max(len(text), 1)
                pos = 0
                for token in text.split(" "):
                    if token:
                        start = x0 + pos * step
                        words.append(Word(token, start, y0, start + len(token) * step, y1))
                    pos += len(token) + 1
        pages.append(Page(int(stored["page"]), 1.0, 1.0, words, "text"))
    return pages


def _notation_of(order: str, default: Notation) -> Notation:
    return {"eu": Notation.EU, "us": Notation.US}.get(order, default)


def _parser(name: str, notation: Notation) -> f.ValueParser:
    if name == "invoice_number":
        return f.parse_identifier
    if name in DATES:
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


_RATE_OR_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def normalise_label(text: str) -> str:
    """Lower case, numbers (a tax rate) as one mark, no spaces or punctuation: "VAT 20 %" and
    "vat 7,7%" are the same label, and so are "Voucher ref" and "Voucher   ref"."""
    return re.sub(r"[\W_]+", "", _RATE_OR_NUMBER.sub("#", text.lower()))


# A cell printed between a label and its value: a currency code or symbol, a rate.
_RATE = re.compile(r"\d{1,2}(?:[.,]\d{1,3})?\s*%")
_BETWEEN = re.compile(rf"[A-Z]{{3}}|[$€£¥₹]|(?i:rs\.?|kr\.?|zł)|{_RATE.pattern}")
# Amounts (and their currency) ending a phrase: a base the label's rate is charged on.
_TRAILING = re.compile(
    r"(?:\s*(?:[A-Z]{3}|[$€£¥₹])?\s*\d[\d.,' ]*(?:[.,]\d{1,2})?\s*(?:[A-Z]{3}|[$€£¥₹])?)+$"
)
# Dotted leaders between a label and its value ("Total ........ 12.00").
_LEADER = re.compile(r"[.…·_:,'`\-]{2,}")


def _is_label(text: str) -> bool:
    """Mostly letters (a rate in it counts for nothing), and short."""
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in _RATE.sub("", text))
    return letters >= 2 and digits * 2 <= letters and len(text) <= MAX_LABEL


def _is_code(word: str) -> bool:
    """A word mixing letters and digits ("LF1234", "PA-959726"): a reference, never part of a
    label. A rate in it counts for nothing ("MwSt.19%" is a label), nor does one digit among
    letters (OCR reads "Total" as "Tota1")."""
    word = _RATE.sub("", word)
    return any(c.isalpha() for c in word) and sum(c.isdigit() for c in word) >= 2


def _label_text(text: str) -> str:
    """``text`` as a label: without a currency or amounts after it ("Tax 15% on 112.90" is
    "Tax 15% on", a base it is charged on), or "" when it is no label."""
    words = text.split()
    codes = [i for i, word in enumerate(words) if _is_code(word)]
    if codes:
        text = " ".join(words[codes[-1] + 1 :])
    text = _TRAILING.sub("", text).strip(" :#.-")
    if _BETWEEN.fullmatch(text) or not _is_label(text):
        return ""
    return text


def _label_of(lines: list[list[dict[str, Any]]], li: int, si: int, start: int) -> tuple[str, str]:
    """The label of the value starting at ``start`` in segment ``si`` of line ``li``: the text
    before it in its phrase, the phrase before it on the line (past a currency or rate cell),
    or the phrase above it."""
    segment = lines[li][si]
    before = segment["text"][:start].strip(" :#.-")
    if before and not _BETWEEN.fullmatch(before):
        label = _label_text(before)
        return (label, "same") if label else ("", "")
    left = si - 1
    while left > 0 and _BETWEEN.fullmatch(lines[li][left]["text"].strip()):
        left -= 1
    label = _label_text(lines[li][left]["text"]) if left >= 0 else ""
    if label:
        return label, "right"
    x0, _, x1, _ = segment["box"]
    for above in reversed(lines[max(0, li - 2) : li]):
        over = [
            s
            for s in above
            if min(s["box"][2], x1) - max(s["box"][0], x0) > -0.01 and _label_text(s["text"])
        ]
        if over:
            best = max(over, key=lambda s: min(s["box"][2], x1) - max(s["box"][0], x0))
            return _label_text(best["text"]), "below"
    return "", ""


def learn_example(
    layout: list[dict[str, Any]], name: str, wanted: Any, notation: Notation
) -> Example | None:
    """Where ``layout`` prints the value ``wanted`` of field ``name``, and under which label.
    A date also tells which way round the supplier writes day and month, unless both read it
    the same ("05/05/2026")."""
    if name not in DATES:
        return _where(layout, name, wanted, _parser(name, notation), "")
    own = "eu" if notation == Notation.EU else "us"
    other = "us" if own == "eu" else "eu"
    found = [
        _where(layout, name, wanted, _parser(name, _notation_of(order, notation)), order)
        for order in (own, other)
    ]
    if found[0] and found[1] and found[0].box == found[1].box:
        found[0].order = ""  # the date does not tell the order
    return found[0] or found[1]


def _where(
    layout: list[dict[str, Any]], name: str, wanted: Any, parse: f.ValueParser, order: str
) -> Example | None:
    matches: list[Example] = []
    for number, page in enumerate(layout):
        lines = page["lines"]
        for li, line in enumerate(lines):
            for si, segment in enumerate(line):
                for value, start in _scan(segment["text"], parse):
                    if not _same_value(value, wanted):
                        continue
                    label, at = _label_of(lines, li, si, start)
                    matches.append(
                        Example(
                            label=label,
                            at=at,
                            page=int(page["page"]),
                            from_end=len(layout) - number - 1,
                            box=list(segment["box"]),
                            order=order,
                        )
                    )
                    break
    if not matches:
        return None
    labelled = [m for m in matches if m.label] or matches
    return labelled[-1] if name in AMOUNTS else labelled[0]


def learn_hints(
    layout: list[dict[str, Any]], corrections: dict[str, Any], notation: Notation
) -> ExtractionHints:
    """The examples one corrected document teaches, per corrected field found on it."""
    hints = ExtractionHints()
    for name in LEARNABLE_FIELDS:
        wanted = corrections.get(name)
        if wanted in (None, ""):
            continue
        example = learn_example(layout, name, wanted, notation)
        if example is not None:
            example.value = str(wanted)
            hints.examples[name] = [example]
    return hints


def hints_from(stored: dict[str, Any]) -> ExtractionHints:
    """The hints kept for a supplier (field -> list of examples as dicts)."""
    return ExtractionHints(
        {name: [Example.of(e) for e in examples] for name, examples in stored.items()}
    )


def remember(
    stored: dict[str, Any],
    layout: list[dict[str, Any]],
    corrections: dict[str, Any],
    notation: Notation,
    origin: Origin | None = None,
) -> dict[str, Any]:
    """The supplier's kept examples after a correction of one of its documents (or a
    confirmation of values read right: ``origin.how``): per field, what this document teaches
    first; then the earlier examples that read the value here too (counted once more) or nothing
    at all. Those that read another value here are dropped, when the value is printed here (a
    value typed with a typo proves no example wrong). An example taught again keeps the origin
    of the correction that first taught it over a later confirmation's."""
    kept = hints_from(stored)
    learned = learn_hints(layout, corrections, notation)
    if origin is not None:
        for name, fresh_examples in learned.examples.items():
            for example in fresh_examples:
                origin.stamp(example, corrections[name])
    doc = DocumentView(pages_of(layout))
    order = _date_order(kept)
    out = {name: [asdict(e) for e in examples] for name, examples in kept.examples.items()}
    for name in LEARNABLE_FIELDS:
        wanted = corrections.get(name)
        if wanted in (None, ""):
            continue
        fresh = learned.examples.get(name, [])
        examples: list[Example] = list(fresh)
        for old in kept.examples.get(name, []):
            found = find(doc, name, old, order)
            if fresh and found is not None and not _same_value(found[0].value, wanted):
                continue  # it misread this document
            twin = next((e for e in examples if _same_anchor(e, old)), None)
            if twin is not None:
                twin.seen += old.seen
                if twin.how == CONFIRMED and old.how != CONFIRMED:
                    _carry_origin(twin, old)
            else:
                examples.append(old)
        out[name] = [asdict(e) for e in examples[:KEPT_EXAMPLES]]
        if not out[name]:
            del out[name]
    printed = _printed_order(s["text"] for page in layout for line in page["lines"] for s in line)
    if printed and not _date_order(hints_from(out)):
        # No corrected date told the order, the document's own dates do ("28-07-2026"): kept
        # as an example with no label or place, for the reader's dates of the next invoices.
        told = Example(order=printed)
        if origin is not None:
            origin.stamp(told, "")
        out.setdefault("invoice_date", []).append(asdict(told))
    return out


# A value read this sure or surer teaches nothing when approved as read: it needs no lesson.
SURE = 0.9


def confirmed_values(
    read: dict[str, dict[str, Any]], approved: dict[str, str], corrected: Iterable[str] = ()
) -> dict[str, str]:
    """The learnable fields a person approved as the reader read them (``read``: field ->
    value, confidence, source as stored) that teach: read without being sure, or through a
    hint (confirmed once more). A corrected field taught already; one changed since teaches
    nothing (a person's edit elsewhere is no proof of where it is printed)."""
    out = {}
    skip = set(corrected)
    for name in LEARNABLE_FIELDS:
        wanted, fv = approved.get(name) or "", read.get(name) or {}
        if not wanted or name in skip or not _same_value(str(fv.get("value") or ""), wanted):
            continue
        if fv.get("source") == "hint" or float(fv.get("confidence") or 0) < SURE:
            out[name] = wanted
    return out


def forget(stored: dict[str, Any], name: str | None = None) -> tuple[dict[str, Any], list[str]]:
    """The kept examples without those of field ``name`` (all of them when None), and the fields
    forgotten."""
    if name is None:
        return {}, sorted(n for n, examples in stored.items() if examples)
    if not stored.get(name):
        return dict(stored), []
    return {n: e for n, e in stored.items() if n != name}, [name]


_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})[./-](\d{1,2})[./-](?:\d{4}|\d{2})(?![\d])")


def _printed_order(texts: Iterable[str]) -> str:
    """Which way round a document writes day and month, when a date of it tells ("eu": a
    first part over 12) and none says otherwise."""
    orders = set()
    for text in texts:
        for m in _NUMERIC_DATE.finditer(text):
            first, second = int(m.group(1)), int(m.group(2))
            if first > 12 >= second:
                orders.add("eu")
            elif second > 12 >= first:
                orders.add("us")
    return orders.pop() if len(orders) == 1 else ""


def _same_value(read: str, wanted: Any) -> bool:
    """A value read is the corrected one (an invoice number whatever its case and spaces)."""
    return "".join(read.split()).casefold() == "".join(str(wanted).split()).casefold()


def _date_order(hints: ExtractionHints) -> str:
    """The day/month order the supplier's dates were learned in ("" when none told)."""
    return next((e.order for n in DATES for e in hints.examples.get(n, []) if e.order), "")


def _same_anchor(a: Example, b: Example) -> bool:

    if a.label or b.label:
        return a.at == b.at and normalise_label(a.label) == normalise_label(b.label)
    return a.page == b.page and a.box == b.box


# --- reading with the hints ---------------------------------------------------------------------


def _allowed_edits(label: str) -> int:
    """Letters OCR may misread in a label of this length and it still be that label."""
    return 0 if len(label) < 4 else 1 if len(label) < 7 else 2 if len(label) < 16 else 3


Span = tuple[int, Line, int, int, int]


def _label_spans(doc: DocumentView, label: str) -> list[Span]:
    """Where ``label`` is printed: (line order, line, first word, word after the label, letters
    misread), the label starting a phrase and maybe split over several phrases (a wide gap read
    by OCR). Of the runs of words read as the label, the closest to it: "Erstellt" is within
    two letters of "Erstellt am" too, and the value comes after "am"."""
    wanted = normalise_label(label)
    if not wanted:
        return []
    limit = _allowed_edits(wanted)
    spans = []
    for order, line in enumerate(doc.lines):
        words = line.words
        starts = {id(s.words[0]) for s in line.segments}
        for i, word in enumerate(words):
            if id(word) not in starts:
                continue
            text = ""
            best: tuple[int, int] | None = None  # (word after the label, letters misread)
            for j in range(i, min(len(words), i + 8)):
                text += normalise_label(words[j].text)
                if len(text) > len(wanted) + limit:
                    break
                if len(text) < len(wanted) - limit:
                    continue
                distance = Levenshtein.distance(text, wanted, score_cutoff=limit)
                if distance <= limit and (best is None or distance < best[1]):
                    best = (j + 1, distance)
                    if distance == 0:
                        break
            if best is not None:
                spans.append((order, line, i, best[0], best[1]))
    return spans


def _value_after(
    doc: DocumentView,
    order: int,
    line: Line,
    end: int,
    parse: f.ValueParser,
    example: Example,
) -> Candidate | None:
    """The value to the right of the label's words: the rest of its phrase or the phrase after
    it, in the order the example learned ("right": a phrase of its own, the rest of the label's
    phrase being a base or a rate); of several (amount columns), the one nearest the learned
    column."""
    after = {id(w) for w in line.words[end:]}
    last = line.words[end - 1]
    own: list[Word] = []
    others: list[list[Word]] = []
    for segment in line.segments:
        cell = [w for w in segment.words if id(w) in after]
        if any(w is last for w in segment.words):
            own = [w for w in cell if not _LEADER.fullmatch(w.text)]
        elif cell:
            others.append(cell)
    if example.at == "right":
        return _value_right(doc, order, line, others, parse, example) or _value_in_phrase(
            doc, order, line, own, parse, example
        )
    return _value_in_phrase(doc, order, line, own, parse, example) or _value_right(
        doc, order, line, others, parse, example
    )


def _value_in_phrase(
    doc: DocumentView,
    order: int,
    line: Line,
    own: list[Word],
    parse: f.ValueParser,
    example: Example,
) -> Candidate | None:
    """The value in the rest of the label's phrase; words OCR read from dotted leaders before
    the learned value's place are passed over."""
    for k in range(len(own)):
        if k and not (example.box and own[k - 1].x1 / line.page.width < example.box[0] + 0.02):
            break
        if parsed := parse(" ".join(w.text for w in own[k:])):
            return _candidate(doc, order, line, own[k:], parsed, 1.0)
    return None


def _value_right(
    doc: DocumentView,
    order: int,
    line: Line,
    cells: list[list[Word]],
    parse: f.ValueParser,
    example: Example,
) -> Candidate | None:
    """The value in a phrase right of the label: of several, the one nearest the learned
    column."""
    found = [(c, p) for c in cells if (p := parse(" ".join(w.text for w in c)))]
    if not found:
        return None
    cell, parsed = found[0]
    if example.box and len(found) > 1:
        centre = (example.box[0] + example.box[2]) / 2
        cell, parsed = min(found, key=lambda cp: abs(sum(line.page.box(cp[0])[0::2]) / 2 - centre))
    return _candidate(doc, order, line, cell, parsed, 0.97)


def _value_below(
    doc: DocumentView, order: int, line: Line, first: int, end: int, parse: f.ValueParser
) -> Candidate | None:
    """The value under the label (a column header), on the next two lines."""
    label_words = line.words[first:end]
    x0, x1 = label_words[0].x0, label_words[-1].x1
    height = max(w.height for w in label_words)
    for below in doc.next_lines(line, 2):
        over = [
            s for s in below.segments if min(s.x1, x1 + height * 4) - max(s.x0, x0 - height) > 0
        ]
        for segment in over:
            parsed = parse(segment.text)
            if parsed:
                below_order = doc.lines.index(below)
                return _candidate(doc, below_order, below, segment.words, parsed, 0.97)
    return None


def _candidate(
    doc: DocumentView,
    order: int,
    line: Line,
    cell: list[Word],
    parsed: f.ParsedValue,
    weight: float,
) -> Candidate:
    value, start, end = parsed
    pos, words = 0, []
    for word in cell:
        if pos < end and pos + len(word.text) > start:
            words.append(word)
        pos += len(word.text) + 1
    words = words or cell
    confidence = weight * (0.55 + 0.45 * min(w.confidence for w in words))
    return Candidate(value, confidence, doc.location(line, words), "hint", order)


def _by_label(
    doc: DocumentView, name: str, example: Example, parse: f.ValueParser, spans: list[Span]
) -> Candidate | None:
    """The value beside or under the label: where it is printed letter for letter, else where
    it is printed with a letter or two misread."""
    for exact, weight in ((True, EXACT_LABEL), (False, FUZZY_LABEL)):
        found = []
        for order, line, first, end, distance in spans:
            if (distance == 0) != exact:
                continue

            right = _value_after(doc, order, line, end, parse, example)
            below = _value_below(doc, order, line, first, end, parse)
            candidate = (below or right) if example.at == "below" else (right or below)
            if candidate is not None:
                candidate.confidence *= weight
                found.append(candidate)
        if found:
            return found[-1] if name in AMOUNTS else found[0]
    return None


def _by_region(doc: DocumentView, example: Example, parse: f.ValueParser) -> Candidate | None:
    if not example.box:
        return None
    pages = doc.pages
    number = example.page
    if example.from_end == 0 and example.page > 1:
        number = pages[-1].number  # the last page, however many there are
    x0, y0, x1, y1 = example.box
    found = []
    for order, line in enumerate(doc.lines):
        if line.page.number != number:
            continue
        for segment in line.segments:
            sx0, sy0, sx1, sy1 = line.page.box(segment.words)
            if sx0 < x1 and sx1 > x0 and sy0 < y1 + 0.01 and sy1 > y0 - 0.01:
                parsed = parse(segment.text)
                if parsed:
                    off = abs(sy0 + sy1 - y0 - y1) + abs(sx0 + sx1 - x0 - x1) / 4
                    found.append((off, order, line, segment, parsed))
    if not found:
        return None
    _, order, line, segment, parsed = min(found, key=lambda item: item[0])
    return _candidate(doc, order, line, segment.words, parsed, REGION_ONLY)


def find(
    doc: DocumentView, name: str, example: Example, order: str = ""
) -> tuple[Candidate, bool] | None:
    """The value of field ``name`` where ``example`` says it is, and whether its label found
    it: by its label; when no label was learned, or the label is not on this page, in its
    region. A label found with no value beside or under it reads nothing (the region then
    holds something else)."""
    if name not in DATES:
        parse = _parser(name, doc.notation)
    else:
        parse = _parser(name, _notation_of(example.order or order, doc.date_notation))
    spans = _label_spans(doc, example.label) if example.label else []
    if spans:
        found = _by_label(doc, name, example, parse, spans)
        return (found, True) if found is not None else None
    found = _by_region(doc, example, parse)
    return (found, False) if found is not None else None


def hinted(doc: DocumentView, name: str, hints: ExtractionHints) -> tuple[Candidate, bool] | None:
    """The value of ``name`` by the first of the supplier's examples that reads one. A date
    example that does not know its day/month order takes the one another date example of the
    supplier learned."""
    order = _date_order(hints)
    for example in hints.examples.get(name, []):
        found = find(doc, name, example, order)
        if found is not None:
            return found
    return None


def _taken(
    found: tuple[Candidate, bool] | None, own: Candidate | FieldValue | None
) -> Candidate | None:
    """A value read by a learned label wins over the reader's own; one read only in a learned
    region fills a missing or less sure one."""
    if found is None:
        return None
    candidate, by_label = found
    if by_label or own is None or own.value is None or own.confidence < candidate.confidence:
        return candidate
    return None


AddsUp = Callable[[Decimal, Decimal, Decimal], bool]


def hinted_amounts(
    doc: DocumentView,
    chosen: dict[str, Candidate | None],
    hints: ExtractionHints,
    notes: list[str],
    adds_up: AddsUp,
) -> None:
    """The subtotal, tax and total the supplier's hints read, in place of the reader's printed
    ones (``chosen``), before any missing one is derived. A hinted amount that breaks subtotal +
    tax = total, when the amount that keeps it is printed on the page, is not taken (a region
    now holding another amount; a wrong correction learned)."""
    taken = {}
    for name in ("subtotal", "tax", "total"):
        candidate = _taken(hinted(doc, name, hints), chosen[name])
        if candidate is not None:
            taken[name] = candidate

    printed = {value for value, _, _ in find_amounts(doc.text, doc.notation)}
    for name in ("total", "tax", "subtotal"):
        merged = {n: taken.get(n) or chosen[n] for n in ("subtotal", "tax", "total")}
        if name not in taken or any(c is None for c in merged.values()):
            continue
        sub, tax, total = (Decimal(c.value) for c in merged.values() if c is not None)
        if adds_up(sub, tax, total):
            break
        keeps = {"total": sub + tax, "tax": total - sub, "subtotal": total - tax}[name]
        if keeps in printed:
            del taken[name]
            notes.append(f"{name}: the supplier's hint breaks the page's own sums")
    for name, candidate in taken.items():
        chosen[name] = candidate
        notes.append(f"{name} taken from the supplier's correction hints")


def hinted_fields(
    doc: DocumentView, out: dict[str, FieldValue], hints: ExtractionHints, notes: list[str]
) -> None:
    """The invoice number and dates the supplier's hints read, in place of the reader's. The
    reader's own dates are read again the way round the supplier writes day and month, when its
    hints know it and no date of the page tells (a currency or an address only guesses)."""
    order = _date_order(hints)
    told = _printed_order([doc.text])
    for name in ("invoice_number", "invoice_date", "due_date"):
        candidate = _taken(hinted(doc, name, hints), out[name])
        if candidate is not None:
            out[name] = candidate.as_field()
            notes.append(f"{name} taken from the supplier's correction hints")
        elif name in DATES and order and not told:
            again = _reread(doc, out[name], _notation_of(order, doc.date_notation))
            if again is not None:
                out[name] = FieldValue(again, out[name].confidence, out[name].location, "hint")
                notes.append(f"{name}: day and month the way round the supplier writes them")


def _reread(doc: DocumentView, own: FieldValue, order: Notation) -> str | None:
    """The reader's date ``own`` read again, where it is printed, with day and month in
    ``order``; None when that reads it the same."""
    if own.value is None or own.location is None or order == doc.date_notation:
        return None
    as_read, as_written = f.date_parser(doc.date_notation), f.date_parser(order)
    x0, y0, x1, y1 = own.location.box
    for line in doc.lines:
        if line.page.number != own.location.page:
            continue
        for segment in line.segments:
            sx0, sy0, sx1, sy1 = line.page.box(segment.words)
            if not (sx0 < x1 and sx1 > x0 and sy0 < y1 and sy1 > y0):
                continue
            text = segment.text
            for m in re.finditer(r"\S+", text):
                read, written = as_read(text[m.start() :]), as_written(text[m.start() :])
                if read and written and read[0] == own.value and written[0] != read[0]:
                    return written[0]
    return None
