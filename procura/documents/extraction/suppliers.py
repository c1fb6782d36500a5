"""Who sent the invoice: the printed supplier name and identifiers, matched to master data.

The printed name is the ``From``/``Supplier``/``Vendor`` block when there is one, otherwise the
most prominent phrase at the top of the first page that is not the title and not the bill-to
block. Matching is a separate step behind ``SupplierMatcher`` so the extraction engine needs no
database: the caller passes candidate suppliers (id, name, tax ids, e-mails, bank accounts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol

from procura.documents.extraction.context import DocumentView, words_confidence
from procura.documents.extraction.fields import Candidate
from procura.documents.extraction.layout import Line, Segment
from procura.documents.extraction.result import SupplierMatch

SUPPLIER_LABEL = re.compile(
    r"^\s*(?:from|supplier|vendor|seller|sold\s*by|issued\s*by|remit\s*to)\s*[:.]?", re.I
)
BUYER_LABEL = re.compile(
    r"\b(?:bill(?:ed)?\s*to|invoice\s*to|ship\s*to|sold\s*to|customer|buyer|deliver\s*to)\b", re.I
)
TITLE = re.compile(
    r"^\s*(?:tax\s*|commercial\s*|sales\s*)?invoice\b|^\s*(?:rechnung|facture|factura)\b", re.I
)
LEGAL_SUFFIX = re.compile(
    r"\b(?:inc|llc|ltd|limited|gmbh|ag|s\.?a\.?s?|b\.?v\.?|n\.?v\.?|s\.?r\.?l\.?|plc|co|corp|corporation|company|kg|oy|ab|pty)\.?$",
    re.I,
)
NOT_A_NAME = re.compile(
    r"\d{3,}|@|www\.|https?:|\b(?:page|date|phone|tel|fax|street|road|avenue|suite)\b", re.I
)

EMAIL_RE = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
TAX_ID_RE = re.compile(
    r"\b(?:vat\s*(?:no\.?|number|id|reg\.?(?:\s*no\.?)?)?|tax\s*(?:id|no\.?|number)|ein|tin|abn|ust-?idnr\.?|gst\s*(?:no\.?|number))\s*[:#.]?\s*([A-Z]{0,2}[\s-]?[0-9][0-9A-Z\s-]{5,16}[0-9A-Z])",
    re.I,
)


def _name_candidate(
    doc: DocumentView, line: Line, segment: Segment, text: str, weight: float, order: int
) -> Candidate:
    conf = weight * (0.55 + 0.45 * words_confidence(segment.words))
    return Candidate(text.strip(" :,"), conf, doc.location(line, segment.words), "label", order)


def supplier_name(doc: DocumentView) -> list[Candidate]:
    found: list[Candidate] = []
    for order, line in enumerate(doc.lines):
        for segment in line.segments:
            m = SUPPLIER_LABEL.match(segment.text)
            if not m:
                continue
            rest = segment.text[m.end() :].strip(" :")
            if rest and not NOT_A_NAME.search(rest):
                found.append(_name_candidate(doc, line, segment, rest, 0.95, order))
            else:
                for below_line, below in doc.segments_below(line, segment, 1):
                    if not NOT_A_NAME.search(below.text):
                        found.append(
                            _name_candidate(doc, below_line, below, below.text, 0.9, order)
                        )
    if found:
        return found
    return _prominent_name(doc)


def _prominent_name(doc: DocumentView) -> list[Candidate]:
    """The biggest, topmost phrase of page 1 that reads like a company name."""
    if not doc.pages:
        return []
    page = doc.pages[0]
    lines = [line for line in doc.lines if line.page is page and line.top < page.height * 0.4]
    buyer_zone: list[tuple[float, float, float]] = []  # x0, x1, bottom limit of bill-to blocks
    heights = sorted(w.height for line in lines for w in line.words) or [1.0]
    body = heights[len(heights) // 2]
    scored: list[tuple[float, Candidate]] = []
    for order, line in enumerate(lines):
        for segment in line.segments:
            if BUYER_LABEL.search(segment.text):
                buyer_zone.append(
                    (segment.x0 - body, segment.x1 + body * 12, line.bottom + body * 7)
                )
                continue
            text = segment.text.strip(" :,")
            if (
                len(text) < 3
                or TITLE.search(text)
                or NOT_A_NAME.search(text)
                or not re.search(r"[A-Za-z]{2}", text)
            ):
                continue
            center = (segment.x0 + segment.x1) / 2
            if any(x0 <= center <= x1 and line.top <= limit for x0, x1, limit in buyer_zone):
                continue
            size = max(w.height for w in segment.words) / body
            score = size * (1.4 if LEGAL_SUFFIX.search(text) else 1.0) - order * 0.02
            conf = min(0.85, 0.45 + 0.12 * size) * (0.55 + 0.45 * words_confidence(segment.words))
            scored.append(
                (score, Candidate(text, conf, doc.location(line, segment.words), "layout", order))
            )
    scored.sort(key=lambda item: -item[0])
    return [candidate for _, candidate in scored[:1]]


@dataclass
class SupplierIdentifiers:
    tax_ids: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    ibans: list[str] = field(default_factory=list)


def normalise_id(value: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", value.upper())


def identifiers(doc: DocumentView) -> SupplierIdentifiers:
    text = doc.text
    return SupplierIdentifiers(
        tax_ids=[m.group(1).strip() for m in TAX_ID_RE.finditer(text)],
        emails=[e.lower() for e in EMAIL_RE.findall(text)],
        ibans=[normalise_id(m.group(0)) for m in IBAN_RE.finditer(text)],
    )


@dataclass(frozen=True)
class SupplierCandidate:
    """A supplier from master data, as the matcher needs it."""

    id: int | str
    name: str
    tax_ids: Sequence[str] = ()
    emails: Sequence[str] = ()
    ibans: Sequence[str] = ()


class SupplierMatcher(Protocol):
    def match(
        self, *, name: str | None, found: SupplierIdentifiers, text: str
    ) -> SupplierMatch | None: ...


_SUFFIX_WORDS = re.compile(
    r"\b(inc|llc|ltd|limited|gmbh|ag|sa|sas|bv|nv|srl|plc|co|corp|corporation|company|kg)\b\.?",
    re.I,
)


def normalise_name(name: str) -> str:
    return " ".join(_SUFFIX_WORDS.sub(" ", re.sub(r"[^\w\s]", " ", name.lower())).split())


class CandidateSupplierMatcher:
    """Matches against a list of candidates: tax id, then IBAN, then e-mail, then name."""

    def __init__(self, candidates: Iterable[SupplierCandidate]) -> None:
        self.candidates = list(candidates)

    def match(
        self, *, name: str | None, found: SupplierIdentifiers, text: str
    ) -> SupplierMatch | None:
        compact_text = normalise_id(text)
        tax_ids = {normalise_id(t) for t in found.tax_ids}
        for supplier in self.candidates:
            for tax_id in supplier.tax_ids:
                norm = normalise_id(tax_id)
                if norm and (norm in tax_ids or (len(norm) >= 8 and norm in compact_text)):
                    return SupplierMatch(supplier.id, supplier.name, "tax_id", 0.99)
        ibans = set(found.ibans)
        for supplier in self.candidates:
            if any(normalise_id(iban) in ibans for iban in supplier.ibans if iban):
                return SupplierMatch(supplier.id, supplier.name, "iban", 0.97)
        emails = set(found.emails)
        for supplier in self.candidates:
            if any(email.lower() in emails for email in supplier.emails if email):
                return SupplierMatch(supplier.id, supplier.name, "email", 0.95)
        if name:
            wanted = normalise_name(name)
            scored = [
                (SequenceMatcher(None, wanted, normalise_name(s.name)).ratio(), s)
                for s in self.candidates
            ]
            scored.sort(key=lambda item: (-item[0], str(item[1].id)))
            if scored and scored[0][0] >= 0.85:
                ratio, supplier = scored[0]
                return SupplierMatch(supplier.id, supplier.name, "name", round(0.9 * ratio, 3))
        domains = {e.split("@", 1)[1] for e in emails}
        for supplier in self.candidates:
            if any(e.split("@", 1)[-1].lower() in domains for e in supplier.emails if "@" in e):
                return SupplierMatch(supplier.id, supplier.name, "email_domain", 0.8)
        return None
