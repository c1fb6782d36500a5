"""Credit notes among documents read from the page (a PDF's text layer or a scan).

A credit note says what the supplier owes us back. Read as an invoice, finance could pay it; so a
page titled as one ("Credit note", "Gutschrift", "Avoir", "Creditnota", "Nota di credito",
"Factura rectificativa", "Faktura korygująca", "Hyvityslasku", ...) or whose total is printed
negative becomes ``kind="credit_note"`` with its amounts positive, as EN 16931 gives a credit
note's, and the number of the invoice it credits ("Original invoice", "zu unserer Rechnung Nr.",
"Facture d'origine n°", "Betreft factuur", "Fattura di riferimento", ...) becomes a field of its
own, ``credited_invoice_number``.

Those words also appear on plain invoices ("credit card", "credit terms", "Gutschrift erfolgt
nach Zahlungseingang", "avoir" the verb, a credit note deducted on a line). A title therefore
counts only where a document's title stands: at the start of a phrase, followed by nothing, by
the document's number (and date), or by the invoice it credits; alone, it must stand on a line
of its own or at the top of the first page; and never in a row that carries an amount.

What the title, the total's sign and the credited invoice make of a document is decided by
``document_kind``, the same for a page as for an e-invoice (which adds its type code): "Gutschrift"
is also the German name of a self-billed invoice, so it is a credit note only where the document
names the invoice it credits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from procura.documents.extraction import fields as f
from procura.documents.extraction.context import DocumentView
from procura.documents.extraction.layout import Line, Segment
from procura.documents.extraction.result import (
    MISSING,
    FieldValue,
    InvoiceExtraction,
    LineItem,
    Location,
)
from procura.documents.extraction.vocabulary import NUMBER_MARK

CREDIT_NOTE = "credit_note"
INVOICE = "invoice"
FIELD = "credited_invoice_number"

# What a credit note is called, in the languages suppliers write in.
TITLES = (
    r"(?:(?:tax|vat|gst|sales)\s+)?credit[\s-]*(?:note|memo(?:randum)?)|adjustment\s+note"
    r"|gutschrift|rechnungskorrektur|korrekturrechnung|storno[\s-]*rechnung"
    r"|(?:facture\s+d[’']\s*)?avoir|note\s+de\s+cr[ée]dit|facture\s+rectificative"
    r"|credit[\s-]*nota|credit[\s-]*factuur"
    r"|nota\s+(?:di\s+)?credito|nota\s+de\s+cr[ée]dito|factura\s+rectificativa|factura\s+de\s+abono"
    r"|fatura\s+retificativa|faktura\s+korygująca|korekta\s+faktury|nota\s+uznaniowa"
    r"|kreditnota|kreditfaktura|hyvityslasku|kreeditarve|dobropis|jóváíró\s+számla"
    r"|iade\s+faturas[ıi]|pistotiko(?:\s+timologio)?"
)
_TITLE = re.compile(rf"^\s*(?:{TITLES})(?![^\W\d_])", re.I)
# The nouns an invoice goes by, as a credit note refers to it.
_INVOICE = (
    r"(?:invoice|\w*rechnung|facture|factuur|fattura|factura|fatura|faktur[aye]|faktuře"
    r"|lasku\w*|számlá?\w*|timologio)"
)
# The number a title may carry: "Credit Note No:", "Gutschriftsnummer", "Avoir n°", "Dobropis č.".
_NUMBER = (
    r"(?:s?[\s-]*(?:nummer|number|numéro|numero|número|numer|nro|num|no|nr|n[°ºo]|n|č|číslo"
    r"|sorszáma|száma)\.?|\s*#)"
)
_DOCUMENT_ID = r"[A-Za-z0-9][\w/.\-]*\d[\w/.\-]*|\d"
_DATED = r"(?:of|vom|du|van|del|de|dated|dd\.?|z\s+dnia|ze\s+dne)\s+\S*\d.*"
_CONNECTOR = (
    r"(?:zu|zur|zum|für|auf|to|for|on|against|re:?|sur|pour|de|bij|op|voor|van|relativ[ao]\s+a"
    r"|alla|della|referente\s+[àa]|do|k|ke|til|för|till|på|av)"
)
_OWN = r"(?:our|your|the|unserer|ihrer|der|die|la|votre|notre|uw|onze|de|nostra|vostra|su|nuestra)"
# What may follow a title in its phrase: nothing, its number and date, a copy mark, or the
# invoice it credits ("Gutschrift zu unserer Rechnung Nr. RE-0877").
_AFTER_TITLE = re.compile(
    rf"\s*(?:{_NUMBER})?\s*[:#.]?\s*(?:(?:{_DOCUMENT_ID})\s*)?(?:{_DATED})?"
    rf"\s*(?:[(\[][^)\]]{{0,30}}[)\]])?\s*$"
    rf"|\s+{_CONNECTOR}\s+(?:{_OWN}\s+)?{_INVOICE}\b",
    re.I,
)
_BARE = re.compile(r"\s*[:#.]?\s*(?:[(\[][^)\]]{0,30}[)\]])?\s*$")
# A bare title counts in the top part of page 1 even beside other phrases (a logo, an address).
TOP_OF_PAGE = 0.35
# An amount with its cents: a row carrying one is a line of a bill ("Credit note CN-12  -50.00").
_MONEY = re.compile(r"(?<![\d.,])-?\d{1,3}(?:[.,' ]\d{3})*[.,]\d{2}(?![\d.,])")

# Labels of the invoice a credit note credits, with how surely they name it.
_PRECEDING = [
    (rf"\b(?:original|originating|corrected|credited|cancell?ed)\s+{_INVOICE}{NUMBER_MARK}", 0.9),
    (rf"\b{_INVOICE}\s+(?:ref(?:erence)?\.?|credited|corrected){NUMBER_MARK}", 0.9),
    (
        rf"\b(?:relat(?:es|ing)\s+to|against|applies\s+to|refers?\s+to|in\s+respect\s+of"
        rf"|credit(?:ing)?\s+(?:of|for)|for|re:?)\s+(?:{_OWN}\s+)?{_INVOICE}{NUMBER_MARK}",
        0.85,
    ),
    (rf"\borig(?:inal)?\.?\s*inv(?:oice)?\.?{NUMBER_MARK}", 0.85),
    # German
    (
        r"\b(?:zu|zur|zum|für|auf|bezüglich|betrifft|betr\.|bezug:?|korrektur\s+(?:zu|der))\s+"
        rf"(?:{_OWN}\s+)?\w*rechnung{NUMBER_MARK}",
        0.9,
    ),
    (
        r"\b(?:ursprungs|original|bezugs|referenz|ursprüngliche|stornierte|korrigierte)"
        r"[\s-]*(?:rechnung(?:s[\s-]*(?:nummer|nr\.?))?|beleg(?:[\s-]*(?:nummer|nr\.?))?)"
        rf"{NUMBER_MARK}",
        0.9,
    ),
    # French
    (
        r"\bfacture\s+(?:d[’']\s*origine|initiale|originale|de\s+r[ée]f[ée]rence|rectifi[ée]e"
        rf"|concern[ée]e|annul[ée]e|avoir[ée]e){NUMBER_MARK}",
        0.9,
    ),
    (
        r"\b(?:sur|pour|concernant|relative\s+[àa]|r[ée]f(?:[ée]rence)?\.?)\s+"
        rf"(?:la\s+|notre\s+|votre\s+)?facture{NUMBER_MARK}",
        0.85,
    ),
    # Dutch
    (
        r"\bfactuurnummer\s+(?:origineel|oorspronkelijk)\b\s*[:#.]?"
        rf"|\b(?:originele|oorspronkelijke|gecrediteerde)\s+factuur(?:nummer)?{NUMBER_MARK}",
        0.9,
    ),
    (
        r"\b(?:betreft|bij|op|creditering\s+(?:van\s+)?|referentie)\s+(?:uw\s+|onze\s+|de\s+)?"
        rf"factuur(?:nummer)?{NUMBER_MARK}|\bfactuur\s*referentie\s*[:#.]?",
        0.85,
    ),
    # Italian
    (
        r"\bfattura\s+(?:di\s+riferimento|originale|stornata|rettificata)\b"
        r"|\brif(?:erimento|\.)?\s*(?:alla\s+)?fattura\b|\b(?:relativa|riferita)\s+alla\s+fattura\b"
        r"|\b(?:a\s+)?storno\s+(?:della\s+)?fattura\b",
        0.9,
    ),
    # Spanish, Portuguese
    (
        r"\bfactura\s+(?:rectificada|original|de\s+referencia|que\s+se\s+rectifica)\b"
        r"|\bfatura\s+(?:de\s+refer[êe]ncia|original|retificada)\b"
        r"|\b(?:referente|relativa)\s+[àa]\s+fatura\b|\brectifica\s+(?:a\s+)?la\s+factura\b"
        r"|\bref\.?\s+(?:factura|fatura)\b",
        0.9,
    ),
    # Polish
    (
        r"\bfaktur[ay]?\s+korygowan\w*|\b(?:dotyczy|do)\s+faktury\b|\bkorekta\s+(?:do\s+)?faktury\b",
        0.9,
    ),
    # Swedish, Norwegian, Danish, Finnish
    (
        r"\b(?:kreditering\s+av|gäller|avser|vedrørende|vedr\.|gjelder)\s+faktura\b"
        r"|\boriginal[\s-]*faktura\b|\bhyvitettävä\s+lasku\b|\balkuperäinen\s+lasku\b",
        0.85,
    ),
    # Czech, Hungarian
    (
        r"\bk\s+faktuře\b|\bpůvodní\s+(?:faktura|doklad)\b|\bopravovaný\s+doklad\b"
        r"|\b(?:eredeti|helyesbített|módosított)\s+számla\w*",
        0.9,
    ),
]
PRECEDING_LABELS = [(re.compile(pattern, re.I), weight) for pattern, weight in _PRECEDING]
# A credit note's own number: after its title ("Credit Note No:", "Avoir n°") or "Memo #".
OWN_LABELS = [
    (re.compile(rf"^\s*(?:{TITLES}){NUMBER_MARK}", re.I), 0.9),
    (re.compile(r"^\s*memo\s*(?:#|no\.?|number)\s*[:.]?", re.I), 0.85),
]
# On a credit note, a plain invoice-number label names the invoice it credits, less surely
# (a credit note may also print its own number under "Invoice No.").
_PLAIN_INVOICE_LABEL = [
    (re.compile(rf"\b{_INVOICE}{NUMBER_MARK}(?!\s*(?:date|datum|total))", re.I), 0.6)
]


# UNTDID 1001 credit note codes that EN 16931 and PEPPOL BIS admit (81, 83, 381, 396, 532 and
# the self-billed, consolidated and factored kinds), and FatturaPA's TD04 and TD08.
CREDIT_NOTE_CODES = frozenset(
    {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532", "TD04", "TD08"}
)
# UNTDID 1001 self-billed invoice codes: the customer wrote it, the supplier is paid.
SELF_BILLED_CODES = frozenset({"389", "527"})
_CREDIT_TITLE = re.compile(rf"^\s*(?:{TITLES})(?![^\W\d_])", re.I)
_CORRECTION_TITLE = re.compile(
    r"^\s*(?:rechnungskorrektur|korrekturrechnung|facture\s+rectificative|factura\s+rectificativa"
    r"|fatura\s+retificativa|faktura\s+korygująca|korekta\s+faktury)",
    re.I,
)
_AMBIGUOUS_TITLE = re.compile(r"^\s*gutschrift(?![^\W\d_])", re.I)


@dataclass(frozen=True)
class DocumentKind:
    """What a document is: ``kind`` (``INVOICE`` or ``CREDIT_NOTE``), and whether it is an
    invoice only because it is named "Gutschrift" without naming an invoice it credits."""

    kind: str
    self_billed: bool = False

    @property
    def note(self) -> str | None:
        """What finance is told of a "Gutschrift" read as a self-billed invoice."""
        if not self.self_billed:
            return None
        return (
            "Named “Gutschrift” with a positive total and no credited invoice: read as an invoice "
            "written by the customer (self-billing), which is paid to the supplier. Check it is "
            "not a credit note."
        )


def document_kind(
    title: str | None, *, negative: bool, credits_invoice: bool, type_code: str | None = None
) -> DocumentKind:
    """What a document is, from its title (an e-invoice's name, a page's title phrase), the sign
    of its total, whether it names the invoice it credits, and its type code where it has one
    (an e-invoice; a page has none):

    - a negative total turns the type code round (an invoice of -100 credits 100; with no type
      code, an invoice is assumed);
    - a credit note type code (381, 396, ...) is a credit note; a self-billed invoice's (389,
      527) is an invoice whatever its name;
    - otherwise, with a positive total, the title decides. "Credit note", "Avoir", "Creditnota",
      "Nota di credito", ... are credit notes. "Gutschrift" is ambiguous in German: it is also
      the invoice a customer writes for what it received (self-billing, UStG section 14(2)),
      paid to the supplier like any invoice; it is a credit note only where the document names
      the invoice it credits. A correction ("Rechnungskorrektur", "Factura rectificativa",
      "Korekta faktury") with an invoice type code and a positive total charges more and stays
      an invoice; without a type code (a page), it is read as what it most often is, a credit,
      so that finance is not asked to pay what the supplier owes.
    """
    code = type_code or ""
    credit_code = code in CREDIT_NOTE_CODES
    if negative:
        return DocumentKind(INVOICE if credit_code else CREDIT_NOTE)
    if credit_code:
        return DocumentKind(CREDIT_NOTE)
    name = " ".join((title or "").split())
    if code in SELF_BILLED_CODES or not _CREDIT_TITLE.match(name):
        return DocumentKind(INVOICE, self_billed=bool(_AMBIGUOUS_TITLE.match(name)))
    if _AMBIGUOUS_TITLE.match(name) and not credits_invoice:
        return DocumentKind(INVOICE, self_billed=True)
    if _CORRECTION_TITLE.match(name) and code:
        return DocumentKind(INVOICE)
    return DocumentKind(CREDIT_NOTE)


@dataclass(frozen=True)
class CreditNoteCue:
    """The phrase that titles the document a credit note, and where it stands."""

    title: str
    location: Location | None = None

    @property
    def reason(self) -> str:
        return f"titled “{self.title}”"


def _row_has_amount(line: Line, segment: Segment, rest: str) -> bool:
    others = (other.text for other in line.segments if other is not segment)
    return any(_MONEY.search(text) for text in (rest, *others))


def credit_note_title(doc: DocumentView) -> CreditNoteCue | None:
    """The first phrase that titles the document a credit note, if any."""
    first_page = doc.pages[0] if doc.pages else None
    for line in doc.lines:
        for segment in line.segments:
            text = segment.text
            m = _TITLE.match(text)
            if m is None or not _AFTER_TITLE.match(text, m.end()):
                continue
            if _row_has_amount(line, segment, text[m.end() :]):
                continue
            bare = _BARE.match(text, m.end()) is not None
            at_top = line.page is first_page and line.top <= line.page.height * TOP_OF_PAGE
            if bare and len(line.segments) > 1 and not at_top:
                continue  # a bare word among others: a column header, not the title
            return CreditNoteCue(
                title=text.strip(),
                location=doc.location(line, segment.words),
            )
    return None


def credited_invoice(doc: DocumentView, own: FieldValue) -> FieldValue:
    """The number of the invoice a credit note credits, by its label; not the note's own
    (``own``, as read), nor a piece of it."""
    mine = (own.value or "").strip().lower()
    found = f.labelled(doc, PRECEDING_LABELS, f.parse_identifier)
    if not found:
        plain = f.labelled(doc, _PLAIN_INVOICE_LABEL, f.parse_identifier, look_below=False)
        found = [c for c in plain if not _TITLE.match(doc.lines[c.order].text)]
    found = [c for c in found if not mine or c.value.strip().lower() not in mine]
    chosen = f.best(found)
    return chosen.as_field() if chosen else MISSING


def own_number(doc: DocumentView, own: FieldValue) -> FieldValue:
    """The credit note's own number. The invoice reader may have taken the number of the
    invoice it credits ("Relates to invoice 1027") when the note's own label is one of a
    credit note only ("Memo #"): then the number by the title or that label replaces it."""
    if own.value is None or own.location is None:
        return own
    preceding = f.labelled(doc, PRECEDING_LABELS, f.parse_identifier)
    if not any(c.location == own.location for c in preceding):
        return own
    titled = [c for c in f.labelled(doc, OWN_LABELS, f.parse_identifier) if c.value != own.value]
    chosen = f.best(titled)
    return chosen.as_field() if chosen else MISSING


def _negated(value: str | None) -> str | None:
    # 0 - x keeps the places and never gives "-0.00".
    return f"{Decimal(0) - Decimal(value):f}" if value is not None else None


def credited_line(item: LineItem) -> LineItem:
    """A line of a page printed negative, as a credit note's line: its amount turned over, the
    quantity positive and the price carrying the sign, so quantity x price = amount (a fee
    charged on a credit note becomes a line of negative price)."""
    quantity = Decimal(item.quantity) if item.quantity is not None else None
    price = Decimal(item.unit_price) if item.unit_price is not None else None
    item.amount = _negated(item.amount)
    if item.amount is not None:
        credited = Decimal(item.amount) >= 0
    else:
        credited = (quantity or 1) * (price or 1) <= 0
    if quantity is not None and quantity < 0:
        item.quantity = _negated(item.quantity)
    if price is not None and (price >= 0) != credited:
        item.unit_price = _negated(item.unit_price)
    return item


def _printed_negative(extraction: InvoiceExtraction) -> bool:
    total = extraction.value("total")
    return total is not None and Decimal(total) < 0


def _turn_positive(extraction: InvoiceExtraction) -> None:
    for name in ("subtotal", "tax", "total"):
        fv = extraction.fields.get(name)
        if fv is not None and fv.value is not None:
            fv.value = _negated(fv.value)
    extraction.line_items = [credited_line(item) for item in extraction.line_items]


def read_credit_note(doc: DocumentView, extraction: InvoiceExtraction) -> InvoiceExtraction:
    """Mark ``extraction`` a credit note when its page says it is one (by ``document_kind``, from
    its title, a negative total and the invoice it credits): amounts positive, the invoice it
    credits as ``credited_invoice_number`` (missing, and listed, when the page does not name
    it). A "Gutschrift" that names no invoice stays an invoice, with a note."""
    cue = credit_note_title(doc)
    negative = _printed_negative(extraction)
    if cue is None and not negative:
        return extraction
    own = own_number(doc, extraction.fields.get("invoice_number", MISSING))
    credited = credited_invoice(doc, own)
    decided = document_kind(
        cue.title if cue else None, negative=negative, credits_invoice=credited.value is not None
    )
    if decided.kind != CREDIT_NOTE:
        if decided.note:
            extraction.notes.append(decided.note)
        return extraction
    extraction.kind = CREDIT_NOTE
    reasons = [cue.reason] if cue else []
    if negative:
        reasons.append("its total printed negative")
        _turn_positive(extraction)
    extraction.notes.append(
        f"A credit note ({', '.join(reasons)}): the supplier owes this amount; amounts are "
        "given positive."
    )
    if own is not extraction.fields.get("invoice_number"):
        extraction.fields["invoice_number"] = own
        extraction.notes.append("invoice number: the credit note's own, not the invoice it credits")
    extraction.fields[FIELD] = credited
    if credited.value is None:
        extraction.notes.append("credited invoice: the credit note names none")
    else:
        extraction.notes.append(f"credited invoice: {credited.value}")
    return extraction


__all__ = [
    "CREDIT_NOTE",
    "CREDIT_NOTE_CODES",
    "FIELD",
    "INVOICE",
    "SELF_BILLED_CODES",
    "DocumentKind",
    "credit_note_title",
    "credited_invoice",
    "document_kind",
    "read_credit_note",
]
