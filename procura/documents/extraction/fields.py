"""Scalar invoice fields found next to (or under) their labels.

Each field has label patterns with a weight (how specific the label is). A value is looked for
after the label in the same phrase, then in the next phrase on the line, then under the label.
All candidates are kept; the invoice extractor picks among them (and lets consistency checks
decide between competing totals).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from procura.documents.extraction import vocabulary
from procura.documents.extraction.context import DocumentView, words_confidence
from procura.documents.extraction.layout import Line, Segment, Word
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


INVOICE_NUMBER_LABELS = _compile(vocabulary.INVOICE_NUMBER)
INVOICE_NUMBER_EXCLUDE = re.compile(vocabulary.INVOICE_NUMBER_EXCLUDE, re.I)
INVOICE_DATE_LABELS = _compile(vocabulary.INVOICE_DATE)
INVOICE_DATE_EXCLUDE = re.compile(vocabulary.INVOICE_DATE_EXCLUDE, re.I)
DUE_DATE_LABELS = _compile(vocabulary.DUE_DATE)
TERMS_NET = re.compile(
    r"\bnet\s*(\d{1,3})\b(?:\s*days)?|\b(\d{1,3})\s*(?:days|tage[n]?|jours|dagen|días|giorni|dni)"
    r"(?:\s*(?:net|netto|nets?))?\b",
    re.I,
)
SUBTOTAL_LABELS = _compile(vocabulary.SUBTOTAL)
TAX_LABELS = _compile(vocabulary.TAX)
TAX_EXCLUDE = re.compile(vocabulary.TAX_EXCLUDE, re.I)
TOTAL_LABELS = _compile(vocabulary.TOTAL)
TOTAL_EXCLUDE = re.compile(vocabulary.TOTAL_EXCLUDE, re.I)
CURRENCY_LABEL = re.compile(vocabulary.CURRENCY_LABEL + r"([A-Z]{3})\b", re.I)
PO_RE = re.compile(r"\bP\s?[O0]\s?[-–]\s?(\d{4})\s?[-–]\s?(\d{6})\b")
PO_LABEL = re.compile(r"\b(?:p\.?o\.?|purchase\s*order|your\s*order|order\s*ref)", re.I)


# What may stand between a label and its value: a rate ("VAT 20%", "(8.25 %)", "IGST @ 18%") or
# a currency ("EUR", "€", "Rs.", "kr").
_RATE_OR_CODE = re.compile(
    # "@" as OCR may read it on a till receipt: "SGST © 9%".
    r"[@©®]?\s*\(?\s*\d{1,2}(?:[.,]\d{1,3})?\s*%\s*\)?|\(?\b[A-Z]{3}\b\)?|[$€£₹]"
    r"|\b(?i:rs\.?|kr\.?|zł)(?!\w)"
)


# A rate and the base it applies to, printed between a tax label and the tax: "Sales Tax
# (7.625% on $1,218.00)", "BTW 9% over € 625,60", "MwSt. 19 % auf 100,00"; or the base alone
# when the rate came before the label ("10 % USt von 415,20"). The base is not the tax.
_RATE_ON_BASE = re.compile(
    r"\(?\s*(?:\d{1,2}(?:[.,]\d{1,3})?\s*%\s*(?:on|of|over|auf|von|über|sur|de|op|su|sobre|od|na|em|di)"
    r"|^\s*(?:on|over|auf|von|über|sur|op|sobre|su|od|på|av))"
    r"\s*(?:[$€£₹]|rs\.?|zł|[A-Z]{3}\b)?\s*\d[\d.,' ]*\d\s*(?:[$€£₹]|zł|[A-Z]{3}\b)?\s*\)?",
    re.I,
)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with ``pattern``'s matches turned to spaces (offsets stay the same)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


# A footnote mark or a remark in brackets after a label: "Tax *", "Netto (excl. USt.)".
_MARK = re.compile(r"\(\s*\S\s*\)")
_NOTE = re.compile(r"\([^)]{0,40}\)|\[[^\]]{0,40}\]|[*†¹²³]+|\b[A-Z]\s?=")  # "TAX A=9.625%"
# At most three more words (no digits) that a label may carry before its value.
_FEW_WORDS = re.compile(r"(?:[^\W\d_][\w.'’-]*\s*){1,3}")


# A number mark and its colon right after a value: the value is a label's word ("Bill No:").
_OWN_NUMBER_LABEL = re.compile(r"\s*(?:n[or]|n[°º]|nr|number|#)\.?\s*[:#]", re.I)


def _unaccented(text: str) -> str:
    """``text`` with the accents taken off its letters, one character for one."""
    plain = "".join(
        "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        or char
        for char in text
    )
    return plain if len(plain) == len(text) else text


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
            # OCR puts the wrong accent on a letter ("emisiön" for "emisión"): its labels are
            # matched without their accents too.
            plain = _unaccented(text) if line.page.source == "ocr" else text
            for pattern, weight in labels:
                m = pattern.search(text) or pattern.search(plain)
                if not m or (exclude and exclude.search(text[: m.end() + 12])):
                    continue
                after = _blank(_RATE_ON_BASE, text[m.end() :])
                parsed = parse(after)
                if parsed:
                    value, start, end = parsed
                    words = segment.span_words(m.end() + start, m.end() + end)
                    found.append(_candidate(doc, line, words, value, weight, order))
                    break
                trailing = _RATE_OR_CODE.sub("", _NOTE.sub("", after)).strip(" :#.-")
                if trailing and not _FEW_WORDS.fullmatch(trailing):
                    # The label phrase goes on with something that is not a value: not this
                    # label; a longer one may still fit the phrase.
                    continue
                if trailing:
                    # "Total for this invoice", "Tax (see note)": a few words of the label's own.
                    weight *= 0.95
                for right, prefix in _next_value_segments(line, si):
                    # A currency cell before the value ("Rs. | 9,000") is read with it.
                    parsed = parse(prefix + right.text)
                    if parsed and parsed[1] >= len(prefix):
                        value, start, end = parsed
                        words = right.span_words(start - len(prefix), end - len(prefix))
                        later = _rate_of_base(line, right, text, value, parse)
                        if later is not None:
                            (value, words) = later
                        found.append(_candidate(doc, line, words, value, weight * 0.97, order))
                        break
                else:
                    if look_below:
                        for below_line, below in doc.segments_below(line, segment, 2):
                            parsed = parse(below.text)
                            if parsed and _OWN_NUMBER_LABEL.match(below.text, parsed[2]):
                                # "8111 NO: S137482": a misread word heading a number label of
                                # its own, not a value under this label.
                                break
                            if parsed:
                                value, start, end = parsed
                                words = below.span_words(start, end)
                                found.append(
                                    _candidate(doc, below_line, words, value, weight * 0.93, order)
                                )
                                break
                break
    return found


_RATE = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s*%")


def _rate_of_base(
    line: Line, right: Segment, label: str, value: str, parse: ValueParser
) -> tuple[str, list[Word]] | None:
    """A rate's row in a tax breakdown ("IVA 10% | 40,36 | 4,04", "VAT 20% | 150.00 | 30.00"):
    the first amount after the label is the base, and a later one that is the rate of it is
    the tax. Returns that later amount and its words."""
    rate = _RATE.search(label)
    if rate is None or not value.replace(".", "").isdigit():
        return None
    share = Decimal(rate.group(1).replace(",", ".")) / 100
    if not 0 < share < 1:
        return None
    expected = Decimal(value) * share
    for later in line.segments[line.segments.index(right) + 1 :]:
        parsed = parse(later.text)
        if parsed and abs(Decimal(parsed[0]) - expected) <= Decimal("0.01"):
            return parsed[0], later.span_words(parsed[1], parsed[2])
    return None


# A quantity with its unit: "460 nos", "12 pcs", "3.5 kg", "60 rolls".
_QUANTITY = re.compile(r"\d+(?:[.,]\d+)?\s*[^\W\d_]{1,6}\.?")


def _next_value_segments(line: Line, si: int) -> list[tuple[Segment, str]]:
    """The segment right of segment ``si``, or the one after it when the first holds only a
    rate or a currency ("Steuerbetrag in | EUR | 56,87", "VAT | 20 % | 12.00"), each with the
    text to read before it (that currency)."""
    following = line.segments[si + 1 : si + 3]
    if len(following) == 2 and _QUANTITY.fullmatch(following[0].text.strip()):
        # "Total | 460 nos | ₹ 2,27,740.00": the quantity's total before the amount.
        return [(following[1], "")]
    if len(following) == 2 and _RATE_OR_CODE.fullmatch(following[0].text.strip()):
        return [(following[0], ""), (following[1], following[0].text + " ")]
    return [(segment, "") for segment in following[:1]]


def _candidate(
    doc: DocumentView, line: Line, words: list[Word], value: str, weight: float, order: int
) -> Candidate:
    conf = weight * (0.55 + 0.45 * words_confidence(words))
    return Candidate(value, conf, doc.location(line, words), "label", order)


# --- value parsers ------------------------------------------------------------------------------

NUMBER_WORDS = frozenset(
    {"no", "nr", "number", "num", "n°", "nº", "no.", "nr.", "nummer", "numéro", "numero",
     "número", "numer", "n", "de", "du"}
)  # fmt: skip
# A document type or series before the number: Portuguese "FT 2026/1207", "FR A/88", Polish
# "FV 2026/12/0148".
_PT_DOCUMENT_TYPE = re.compile(r"(?:FT|FR|FS|NC|ND|VD|FV|FVS|FK|FA)\s+(?=\S*/\S*\d)")
# What may follow a short number in its cell: "FATTURA n. 94 del 02/12/2026", "Nr. 12 vom".
_AFTER_SHORT_NUMBER = re.compile(r"\s*(?:$|(?:del|de|du|vom|dated|z\s*dnia|of)\b)", re.I)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/_.]*[A-Za-z0-9]|[0-9]")
# A number printed in groups of digits with single spaces, up to the end of its cell or the next
# word: "Factura 1 24 0005 0001201345", "Invoice No. 204 771 903".
_DIGIT_GROUPS = re.compile(r"\d{1,10}(?: \d{2,10}){1,5}(?=\s*$|\s+[^\W\d_])")


# A card or account number masked but for its last digits ("XXXXXXXXXXXX0041", "****1234"): the
# payment's, never the invoice's number.
_MASKED = re.compile(r"[Xx*•]{4,}")


# A series' letters before a number that holds a date: "FV/12/03/2025", "INV-2025-03-14".
_SERIES = re.compile(r"[A-Za-z]{1,5}[/_.-]")


def _is_date(token: str) -> bool:
    """A date, not a number that holds one after its series' letters."""
    dates = find_dates(token, Notation.US)
    return bool(dates) and not _SERIES.fullmatch(token[: dates[0][1]])


def parse_identifier(text: str) -> ParsedValue | None:
    """An invoice number: the first token holding a digit that is not a date or a PO number."""
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        typed = _PT_DOCUMENT_TYPE.match(text, m.start())
        if typed and not text[: m.start()].strip(" :#.-()"):
            rest = _TOKEN.match(text, typed.end())
            if rest:
                return text[m.start() : rest.end()], m.start(), rest.end()
        if re.fullmatch(r"\d{3}", token) and text[m.start() - 1 : m.end() + 1] == f"({token})":
            continue  # a document type code: "Rechnung (380) Nr.", "Gutschrift (389) Nr."
        if m.start() > 0 and text[: m.start()].strip(" :#.-()").strip():
            skipped = text[: m.start()].strip(" :#.-()").lower()
            if skipped not in NUMBER_WORDS:
                return None
        if not any(c.isdigit() for c in token):
            if token.lower().rstrip(".") in NUMBER_WORDS:
                continue
            return None
        grouped = _DIGIT_GROUPS.match(text, m.start()) if token.isdigit() else None
        if grouped and sum(c.isdigit() for c in grouped.group(0)) >= 6:
            return grouped.group(0), m.start(), grouped.end()
        if len(token) < 3 and not (
            # Small businesses number from 1: "Invoice No. 58", "Fakturanr. 12", alone in
            # their cell or before the date.
            len(token) == 2 and token.isdigit() and _AFTER_SHORT_NUMBER.match(text, m.end())
        ):
            return None
        if PO_RE.fullmatch(token) or _is_date(token) or _MASKED.search(token):
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


_MONEY_MARK = re.compile(r"[$€£¥₹]|\b(?:rs\.?|inr|zł|pln|kr|chf|eur|usd|gbp|sek|nok|dkk)\b", re.I)


def _is_money(text: str, start: int, end: int) -> bool:
    """Two decimals, or a whole number with a currency mark right beside it ("Rs 1939")."""
    if re.search(r"[.,]\d{2}$", text[start:end]):
        return True
    if text[max(0, start - 1) : start] == "%" and end - start >= 3:
        # "%106396": a rupee sign read by the OCR as a percent sign, which never stands before a
        # number of three or more digits (a Turkish rate is written "%18").
        return True
    return bool(
        _MONEY_MARK.search(text[max(0, start - 5) : start])
        or _MONEY_MARK.search(text[end : end + 5])
    )


def amount_parser(notation: Notation) -> ValueParser:
    def parse(text: str) -> ParsedValue | None:
        amounts = [a for a in find_amounts(text, notation) if _is_money(text, a[1], a[2])]
        if not amounts:
            return None
        value, start, end = amounts[-1]
        return f"{value:.2f}", start, end

    return parse


# --- fields ---------------------------------------------------------------------------------------


BOOKING_NUMBER_LABELS = _compile(vocabulary.BOOKING_NUMBER)


# Labels that name the invoice number for sure ("Invoice No:", "INVOICE NUMBER"): after them a
# one-digit number ("Invoice No: 1", a small business's first invoice) is the number too. Not a
# document's bare name ("Invoice"), which may stand over a table's first row.
_NUMBER_WORD_AHEAD = (
    r"(?=.{0,25}?(?:n[or]\b|\bn\.\s|n[°º]|numb|numm|num[eé]r|númer|numer|#|:|č\.|číslo|nro))"
)
_SURE_NUMBER_LABELS = [
    (re.compile(_NUMBER_WORD_AHEAD + p.pattern, re.I), w)
    for p, w in INVOICE_NUMBER_LABELS
    if w >= 0.85
]
ONE_DIGIT_NUMBER = 0.65
# Alone in its cell or before the date: "Fattura n. 7 del 15 gennaio 2025".
_ONE_DIGIT = re.compile(r"\s*[:#.]?\s*(\d)(?=" + _AFTER_SHORT_NUMBER.pattern + ")", re.I)


def _one_digit(text: str) -> ParsedValue | None:
    m = _ONE_DIGIT.match(text)
    return (m.group(1), m.start(1), m.end(1)) if m else None


def invoice_number(doc: DocumentView) -> list[Candidate]:
    found = labelled(doc, INVOICE_NUMBER_LABELS, parse_identifier, exclude=INVOICE_NUMBER_EXCLUDE)
    for candidate in labelled(doc, _SURE_NUMBER_LABELS, _one_digit, exclude=INVOICE_NUMBER_EXCLUDE):
        # One digit may be all that is left of a longer number the OCR misread: doubtful.
        candidate.confidence *= ONE_DIGIT_NUMBER
        found.append(candidate)
    # A hotel's payment receipt or a ticket: its booking reference is the only number it has.
    return found or labelled(doc, BOOKING_NUMBER_LABELS, parse_identifier)


def invoice_date(doc: DocumentView) -> list[Candidate]:
    return labelled(
        doc, INVOICE_DATE_LABELS, date_parser(doc.date_notation), exclude=INVOICE_DATE_EXCLUDE
    )


# A date that is not the document's: a credit's or an offer's expiry.
_EXPIRY = re.compile(r"\bexpir\w*|\bvalid\s+(?:until|till|through)\b", re.I)
_ORDER_DATE = re.compile(r"\border\s*date\b", re.I)


def first_date(doc: DocumentView) -> Candidate | None:
    """Without a dated label, the first date at the top of page 1 that is not another date
    ("Nantes, le 3 décembre 2026", a receipt's "Nov 28, 2026 10:42 AM"). Doubtful by nature.
    A web shop's order date stands for it when the page prints no other date; an expiry never."""
    if not doc.pages:
        return None
    page = doc.pages[0]
    for allow_order in (False, True):
        for order, line in enumerate(doc.lines):
            if line.page is not page or line.top > page.height * 0.5:
                break
            for segment in line.segments:
                text = segment.text
                if allow_order:
                    text = _ORDER_DATE.sub(" ", text)
                if INVOICE_DATE_EXCLUDE.search(text) or _EXPIRY.search(text):
                    continue
                dates = find_dates(segment.text, doc.date_notation)
                if dates:
                    value, start, end = dates[0]
                    words = segment.span_words(start, end)
                    location = doc.location(line, words)
                    return Candidate(value.isoformat(), 0.5, location, "layout", order)
    return _date_at_foot(doc)


# What a date at a receipt's foot may belong to other than the sale: a return policy's last day,
# a coupon's or a product's expiry.
_NOT_THE_SALE = re.compile(
    r"\bexpir\w*|\bvalid\b|\breturn|\bpolic(?:y|ies)\b|\bbest\s*before\b|\bexp\b|\buse\s*by\b"
    r"|\bcoupon|\bredeem|\boffer\b",
    re.I,
)


def _date_at_foot(doc: DocumentView) -> Candidate | None:
    """A till receipt prints the sale's date and time at its foot ("05/07/26 6:42 PM ST 0417"):
    the first date of page 1 below its middle, not under a return policy or an offer. Less sure
    than a date at the top."""
    page = doc.pages[0]
    for order, line in enumerate(doc.lines):
        if line.page is not page:
            break
        if line.top <= page.height * 0.5:
            continue
        context = " ".join(other.text for other in doc.lines[max(0, order - 1) : order + 1])
        if INVOICE_DATE_EXCLUDE.search(line.text) or _NOT_THE_SALE.search(context):
            continue
        for segment in line.segments:
            dates = find_dates(segment.text, doc.date_notation)
            if dates:
                value, start, end = dates[0]
                location = doc.location(line, segment.span_words(start, end))
                return Candidate(value.isoformat(), 0.45, location, "layout", order)
    return None


def due_date(doc: DocumentView, issued: str | None) -> list[Candidate]:
    found = labelled(doc, DUE_DATE_LABELS, date_parser(doc.date_notation))
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


DUE_BOX_LABELS = _compile(vocabulary.DUE_BOX)
AMOUNT_LABELS = {
    "subtotal": (SUBTOTAL_LABELS, None),
    "tax": (TAX_LABELS, TAX_EXCLUDE),
    "total": (TOTAL_LABELS, TOTAL_EXCLUDE),
}
COLUMN_HEADERS = {name: _compile(spec) for name, spec in vocabulary.COLUMN_HEADERS.items()}


def amounts(doc: DocumentView) -> dict[str, list[Candidate]]:
    parse = amount_parser(doc.notation)
    found = {
        name: labelled(doc, labels, parse, exclude=exclude, look_below=False)
        for name, (labels, exclude) in AMOUNT_LABELS.items()
    }
    # Two tax lines side by side on one line ("CGST @ 9% | 810.00 | SGST @ 9% | 810.00"): the
    # tax is their sum.
    by_line: dict[int, list[Candidate]] = {}
    for c in found["tax"]:
        by_line.setdefault(c.order, []).append(c)
    for order, same_line in by_line.items():
        if len(same_line) > 1:
            value = sum((Decimal(c.value) for c in same_line), Decimal(0))
            conf = min(c.confidence for c in same_line) * 0.95
            found["tax"].append(
                Candidate(f"{value:.2f}", conf, same_line[0].location, "sum", order)
            )
    found["tax"] += _twinless_halves(doc, found["tax"])
    # A statement's or a remittance stub's "AMOUNT DUE" box with the amount under it.
    found["total"] += [
        c
        for c in labelled(doc, DUE_BOX_LABELS, parse, exclude=TOTAL_EXCLUDE)
        if c.order not in {t.order for t in found["total"]}
    ]
    _net_payable(doc, found)
    _balance_after_payment(doc, found, parse)
    labelled_rows: dict[int, set[str]] = {}
    for name, candidates in found.items():
        for c in candidates:
            labelled_rows.setdefault(c.order, set()).add(name)
    columns = column_amounts(doc, labelled_rows)
    column_rows: dict[int, int] = {}
    for candidates in columns.values():
        for c in candidates:
            column_rows[c.order] = column_rows.get(c.order, 0) + 1
    for name, candidates in columns.items():
        # "TOTAL | 23.75 | 2.25 | 26.00" under "NET | VAT | TOTAL": the row's label names the
        # row, its columns name the amounts; the first amount after the label is not the total.
        found[name] = [c for c in found[name] if column_rows.get(c.order, 0) < 2] + candidates
    return found


HALF_TAX = re.compile(vocabulary.HALF_TAX, re.I)
# How much a half tax doubled (its twin unread) is trusted before the sums confirm it: below
# the low line.
DOUBLED_HALF = 0.55


def _twinless_halves(doc: DocumentView, taxes: list[Candidate]) -> list[Candidate]:
    """India's GST within a state is charged in two equal halves, CGST and SGST (or UTGST): a
    half read without its twin (the OCR lost the other line) is half the tax. Each such half
    doubled, as a candidate for the tax that only the sums can confirm."""
    halves: dict[int, list[tuple[str, Candidate]]] = {}
    for c in taxes:
        if c.source != "label":
            continue
        kinds = {m.group(1).upper() for m in HALF_TAX.finditer(doc.lines[c.order].text)}
        if len(kinds) == 1:
            halves.setdefault(c.order, []).append((kinds.pop(), c))
    doubled = []
    for order, read in halves.items():
        kind, half = read[0]
        twins = [
            other
            for near in range(order - 3, order + 4)
            for other_kind, other in halves.get(near, [])
            if other_kind != kind
        ]
        if len(read) == 1 and not twins:
            value = Decimal(half.value) * 2
            doubled.append(
                Candidate(f"{value:.2f}", DOUBLED_HALF, half.location, "sum", half.order)
            )
    return doubled


_NET_PAYABLE = re.compile(vocabulary.NET_PAYABLE, re.I)
_GROSS_BEFORE_DISCOUNT = re.compile(vocabulary.GROSS_BEFORE_DISCOUNT, re.I)
_FRENCH_TAX = re.compile(r"\bTVA\b", re.I)
_BEFORE_TAX = re.compile(r"\b(?:h\.?\s?t\.?|hors|htva|excl\w*|before|avant)(?!\w)", re.I)


def _net_payable(doc: DocumentView, found: dict[str, list[Candidate]]) -> None:
    """A till receipt's or a retail bill's "Net Amount" printed under its tax lines (CGST, SGST)
    or under a "Gross Amount" and its discount, with no total after it, is what is paid: the
    total, not the net before tax that an invoice's "Net amount" is."""
    last_total = max((c.order for c in found["total"]), default=-1)
    for candidate in list(found["subtotal"]):
        if candidate.order <= last_total:
            continue
        if not _NET_PAYABLE.match(doc.lines[candidate.order].text):
            continue
        text = doc.lines[candidate.order].text
        above = [line.text for line in doc.lines[max(0, candidate.order - 8) : candidate.order]]
        taxed = any(c.order < candidate.order for c in found["tax"])
        # A French till's "TOTAL NET" (not "Total net HT"), with "dont TVA" under it or not.
        french = bool(_FRENCH_TAX.search(doc.text)) and not _BEFORE_TAX.search(text)
        if taxed or french or any(_GROSS_BEFORE_DISCOUNT.match(text) for text in above):
            found["subtotal"].remove(candidate)
            found["total"].append(candidate)


PAID_LABELS = _compile(vocabulary.PAID)


def _balance_after_payment(
    doc: DocumentView, found: dict[str, list[Candidate]], parse: ValueParser
) -> None:
    """ "Balance Due $4,647.68" beside "Total $19,647.68" and "Amount Paid $15,000.00": what is
    left to pay after a deposit is not the invoice's total. A total candidate that is another
    one less an amount the page says was paid is dropped."""
    paid = {Decimal(c.value) for c in labelled(doc, PAID_LABELS, parse, look_below=False)}
    values = {Decimal(c.value) for c in found["total"]}
    found["total"] = [
        c for c in found["total"] if not any(Decimal(c.value) + p in values for p in paid if p > 0)
    ]


def _header_cells(line: Line) -> list[tuple[str, float, float, float]]:
    """Amount column headers on ``line``: (field, x0, x1, weight) of each label that stands
    alone in its cell (no value beside it)."""
    cells = []
    for segment in line.segments:
        # A mark in brackets is no value: "Tax (₹)", which OCR may read "Tax (3)", "Total (1)".
        if any(ch.isdigit() for ch in _RATE_OR_CODE.sub("", _MARK.sub("", segment.text))):
            continue
        for name, (labels, exclude) in AMOUNT_LABELS.items():
            for pattern, weight in [*labels, *COLUMN_HEADERS[name]]:
                hits = [
                    m
                    for m in pattern.finditer(segment.text)
                    if not (exclude and exclude.search(segment.text[m.start() : m.end() + 12]))
                ]
                for m in hits:
                    words = segment.span_words(m.start(), m.end())
                    cells.append((name, words[0].x0, words[-1].x1, weight))
                if hits:
                    break
    if {"tax", "total"} <= {name for name, *_ in cells} and not any(
        c[0] == "subtotal" for c in cells
    ):
        # A tax summary "Rate | Net | VAT | Total": there a bare "Net" is the taxable amount's
        # column (in a line-items table it is each line's net).
        for segment in line.segments:
            if _NET_HEADER.fullmatch(segment.text):
                cells.append(("subtotal", segment.x0, segment.x1, 0.8))
    return cells


_NET_HEADER = re.compile(vocabulary.NET_COLUMN, re.I)


def column_amounts(
    doc: DocumentView, labelled_rows: dict[int, set[str]] | None = None
) -> dict[str, list[Candidate]]:
    """Amounts printed under column headers ("Nettobetrag | MwSt-Betrag | Endbetrag" with the
    values below; "… HT | … TVA | … TTC"). Every row under the header gives candidates; the
    arithmetic then picks the row that adds up (usually the last, the totals row).
    ``labelled_rows``: line -> the amounts a label on it names. A row labelled as one amount
    whose values stand only under other amounts' columns ("TVA 20 % | 2,17" under "€ TTC")
    ends the table: its amount is not the column's."""
    labelled_rows = labelled_rows or {}
    parse = amount_parser(doc.notation)
    found: dict[str, list[Candidate]] = {name: [] for name in AMOUNT_LABELS}
    for order, line in enumerate(doc.lines):
        cells = _header_cells(line)
        if len({name for name, *_ in cells}) < 2 or any(parse(s.text) for s in line.segments):
            continue  # not two amount headers, or a line with its own amount: labels and values
        height = max((w.height for w in line.words), default=1.0)
        left = min(x0 for _, x0, _, _ in cells) - height * 1.5
        right = max(x1 for _, _, x1, _ in cells) + height * 1.5
        for offset, below in enumerate(doc.next_lines(line, 8), start=1):
            if not any(left <= (s.x0 + s.x1) / 2 <= right for s in below.segments):
                continue  # a line of another column only ("Conditions de paiement…" at left)
            row_hits = 0
            row: dict[str, list[Candidate]] = {name: [] for name in AMOUNT_LABELS}
            for name, x0, x1, weight in cells:
                # The cells under the header: a whole cell, so that "8 864,10" stays one amount.
                under = [
                    s
                    for s in below.segments
                    if x0 - height * 1.5 <= (s.x0 + s.x1) / 2 <= x1 + height * 1.5
                ]
                for cell in under:
                    parsed = parse(cell.text)
                    if parsed:
                        words = cell.span_words(parsed[1], parsed[2])
                        row[name].append(
                            _candidate(doc, below, words, parsed[0], weight * 0.85, order + offset)
                        )
                        row_hits += 1
                        break
            named = labelled_rows.get(order + offset)
            if named and row_hits == 1 and not any(row[name] for name in named):
                # A row labelled as one amount with its value under another's column ends the
                # table; a "Total" row filling several columns is the table's totals row.
                break
            for name, cands in row.items():
                found[name] += cands
                values = sorted(Decimal(c.value) for c in cands)
                if len(cands) > 1 and values[-1] != sum(values[:-1]):
                    # Two tax columns ("Moms 12% | Moms 25%"): their sum is the invoice's tax
                    # (unless one is already that sum: "IGST Amount | Total Tax Amount").
                    value = sum(values, Decimal(0))
                    conf = min(c.confidence for c in cands) * 0.95
                    found[name].append(
                        Candidate(f"{value:.2f}", conf, cands[0].location, "sum", order + offset)
                    )
            if row_hits == 0 and offset > 1:
                break
    return found


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


LONE_MARK = 0.5


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
        # Only symbols with no amount beside them: a column's unit, or a logo's stroke or a
        # stain that the OCR read as one. A guess, below the low line.
        lone = currency_votes(doc.text, beside_amounts=False).most_common(1)
        return Candidate(lone[0][0], LONE_MARK, None, "pattern", 0) if lone else None
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
