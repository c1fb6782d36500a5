"""Invoice line items: find the table header, map its columns, read rows until the totals.

Columns come from the header's phrases (``table_header``); each word of a row goes to the column
it overlaps (or the nearest). A row without an amount continues the previous row's description
(wrapped text). A table may go on over pages, with its header repeated.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from procura.documents.extraction.context import DocumentView, words_confidence
from procura.documents.extraction.layout import Line, Word
from procura.documents.extraction.parsing import Notation, find_amounts
from procura.documents.extraction.result import LineItem, Location
from procura.documents.extraction.table_header import (
    AMOUNT_LIKE,
    INFERRED,
    Column,
    header_columns,
    named_columns,
    other_heading,
    stacked_heading,
)

STOP = re.compile(
    r"^\s*(?:(?:tax(?:es)?|vat|gst|notes?)\b|payment|terms|thank)"
    r"|\b(?:sub[\s-]?total|total|net\s*(?:amount|total)|amount\s*due|balance(?:\s*due)?)\b"
    # the totals block in the other languages
    r"|^\s*(?:mwst|ust|tva|btw|iva)\b|\b(?:zwischensumme|nettobetrag|gesamtbetrag|bruttobetrag"
    r"|rechnungsbetrag|summe|sous[\s-]*total|total\s*h\.?t|net\s*à\s*payer|subtotaal|totaal"
    r"|totale|imponibile|razem|suma)\b"
    # what follows a table: the terms of payment, the tax breakdown, the bank details
    r"|^\s*(?:zahlungs|umsatzsteuer|steuer|conditions\s+de\s+paiement|règlement|bankverbindung"
    r"|betalingsvoorwaarden|condiciones\s+de\s+pago)",
    re.I,
)
# A page's number or a carried-forward mark: the table goes on after it, on the next page.
PAGE_MARK = re.compile(
    r"\b(?:page|seite|pagina|página|strona)\s*\d+\s*(?:of|/|von|sur|de|di|van|z)\s*\d+"
    r"|\bcontinued\b|\b(?:übertrag|carried\s+forward|à\s+reporter)\b",
    re.I,
)
# A subtotal of one section of the table ("Zwischensumme Lieferung 1", "Subtotal Section A"):
# the table goes on after it.
SECTION_SUBTOTAL = re.compile(
    r"^\s*(?:sub[\s-]?total|zwischensumme|sous[\s-]*total|subtotaal|subtotale)\s+"
    r"(?!(?:excl|incl|net|netto|before|ohne|hors|ht\b))[^\W\d_]+",
    re.I,
)

# A row's confidence where quantity x price gives its amount only after rounding (the price
# printed rounded), and where its quantity or price was computed from the other two: one of
# its values is not what the page says, or not read.
ROUNDED = 0.6
REPAIRED = 0.6


# "Bruttopreis 43,20", "Base: 75,00": a label and its amount, not a description's words.
_LABELLED_AMOUNT = re.compile(r"\d[.,]\d{2,4}\s*(?:€|\$|£|[A-Z]{3})?$")
# "Bruttopreis :4,0000 Abschlag :0,6667": a row's details given by their labels.
_LABELLED_NUMBER = re.compile(r"[^\W\d_]{3,}\s*:\s*-?\d")
# A GTIN (EAN) under a row: the article's code, not its description.
_GTIN = re.compile(r"\(?\d{8,14}\)?")
# Article numbers, GTINs, codes: tokens with a digit and no spaces.
_ARTICLE_NUMBERS = re.compile(r"(?:\(?[\w./-]*\d[\w./-]*\)?\s*)+")


_NUMERIC = re.compile(r"[-+(]?[$€£¥₹]?\d[\d.,' ]*%?\)?")


def _column_for(word: Word, columns: list[Column]) -> Column:
    def overlap(c: Column) -> float:
        return min(word.x1, c.x1) - max(word.x0, c.x0)

    def distance(c: Column) -> float:
        return max(c.x0 - word.x1, word.x0 - c.x1, 0.0)

    overlapping = [c for c in columns if overlap(c) > 0]
    if overlapping:
        return max(overlapping, key=overlap)
    nearest = min(columns, key=distance)
    if nearest.kind != "description" and not _NUMERIC.fullmatch(word.text):
        # A description's word past its heading, before the next column's.
        for column in columns:
            if column.runs_to is not None and column.x1 <= word.x0 < column.runs_to:
                return column
    return nearest


def _number(words: list[Word], notation: Notation, *, first: bool = False) -> Decimal | None:
    text = " ".join(w.text for w in words)
    found = find_amounts(text, notation)
    return found[0 if first else -1][0] if found else None


# A number as OCR may give it from a photo or scan: separators of either kind, perhaps misread.
_SEPARATED = re.compile(r"(?:\d{1,3}(?:[.,']\d{3})+|\d+)[.,](\d{1,2})")


def _readings(
    words: list[Word], notation: Notation, ocr: bool, *, first: bool = False
) -> list[Decimal]:
    """What a cell may say: the number read in the document's notation first; from OCR, also the
    number read with its last separator before one or two final digits as the decimal mark,
    whatever the notation ("151,547,55" or "3.843,56" on a US invoice, "24,510,72" on a European
    one: OCR reads a faint point as a comma and back)."""
    found: list[Decimal] = []
    value = _number(words, notation, first=first)
    if value is not None:
        found.append(value)
    text = "".join(w.text for w in words).strip("$€£¥₹")
    match = _SEPARATED.fullmatch(text) if ocr else None
    if match:
        whole = re.sub(r"\D", "", text[: match.start(1) - 1])
        candidate = Decimal(f"{whole}.{match.group(1)}")
        if candidate not in found:
            found.append(candidate)
    return found


def _percentages(words: list[Word]) -> list[Decimal]:
    """The rates in a discount cell ("10%", "10,0 %", "-2.5")."""
    text = " ".join(w.text for w in words)
    return [
        Decimal(m.group(1).replace(",", "."))
        for m in re.finditer(r"(?<![\d.,])-?(\d{1,2}(?:[.,]\d{1,2})?)\s*%?", text)
    ]


def _discounted(
    quantity: Decimal | None, unit_price: Decimal | None, amount: Decimal, rates: list[Decimal]
) -> Decimal | None:
    """The net unit price of a row whose discount column explains its amount (20 x 4.55 less
    10% = 81.90): the price less the discount, to the cent, as the line bills it."""
    if quantity is None or unit_price is None or _consistent(quantity, unit_price, amount):
        return None
    for rate in rates:
        if 0 < rate < 100:
            net = unit_price * (100 - rate) / 100
            if _consistent(quantity, net, amount):
                return net.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return None


def _fmt(value: Decimal | None, places: int | None = None) -> str | None:
    if value is None:
        return None
    if places is not None:
        return f"{value:.{places}f}"
    normalized = value.normalize()
    return f"{normalized:f}"


def _consistent(quantity: Decimal, unit_price: Decimal, amount: Decimal) -> bool:
    # A credit note's line may print its amount (or its quantity) negative.
    return abs(abs(quantity * unit_price) - abs(amount)) <= Decimal("0.011")


def _exact(quantity: Decimal, unit_price: Decimal, amount: Decimal) -> bool:
    """Whether quantity x price gives the amount to the cent; a price printed rounded
    (3 x 3,33 = 10,00) agrees only roughly, and the price billed is not the one printed."""
    product = abs(quantity * unit_price).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return product == abs(amount)


def _uninformative(description: str) -> bool:
    """A description of codes, numbers and labels only ("4012345001235", "GTIN:"): no words
    name the item."""
    return not any(
        len(re.sub(r"\W", "", word)) >= 3 and not word.endswith(":") and not re.search(r"\d", word)
        for word in description.split()
    )


def _solve(amount: Decimal, known: Decimal, max_places: int) -> Decimal | None:
    """The value with the fewest decimals that, times ``known``, gives ``amount`` to the cent."""
    if known == 0:
        return None
    for places in range(max_places + 1):
        candidate = (amount / known).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if candidate > 0 and _consistent(candidate, known, amount):
            return candidate
    return None


def _repair(
    quantity: Decimal | None,
    unit_price: Decimal | None,
    amount: Decimal,
    *,
    price_first: bool = False,
) -> tuple[Decimal | None, Decimal | None]:
    """A misread or missing quantity or unit price, recomputed from the other two when the
    arithmetic gives a clean value (the amount is checked against the subtotal separately).
    With ``price_first`` the price is trusted before the quantity: its decimal mark was read and
    the quantity's not ("11108" for 1110.8 beside "210.70": 11108 x 21.07 gives the same)."""

    def from_quantity() -> tuple[Decimal | None, Decimal | None] | None:
        price = _solve(amount, quantity, 2) if quantity is not None else None
        return None if price is None else (quantity, price)

    def from_price() -> tuple[Decimal | None, Decimal | None] | None:
        count = _solve(amount, unit_price, 3) if unit_price is not None else None
        return None if count is None else (count, unit_price)

    for attempt in (from_price, from_quantity) if price_first else (from_quantity, from_price):
        repaired = attempt()
        if repaired is not None:
            return repaired
    return quantity, unit_price


def _has_decimal_mark(words: list[Word]) -> bool:
    return re.search(r"\d[.,]\d{1,2}\b", " ".join(w.text for w in words)) is not None


def _position_number(words: list[Word], columns: list[Column]) -> bool:
    """Whether the first word of a description found without its heading is a row's position
    number ("1", "2", ...) or item code ("P107", "A-20"), standing apart before the
    description."""
    inferred = any(c.kind == "description" and c.label == INFERRED for c in columns)
    return (
        inferred
        and len(words) > 1
        and re.fullmatch(r"\d{1,3}\.?|[A-Z-]*\d[A-Z\d-]*", words[0].text) is not None
        and words[1].x0 - words[0].x1 > 2 * words[0].height
    )


def _choose(
    quantities: list[Decimal], prices: list[Decimal], amounts: list[Decimal]
) -> tuple[Decimal | None, Decimal | None, Decimal]:
    """The readings of a row's cells that agree (quantity x price = amount), the document's
    notation first; else the first reading of each."""
    for amount in amounts:
        for quantity in quantities:
            for price in prices:
                if _consistent(quantity, price, amount):
                    return quantity, price, amount
    first = amounts[0]
    if len(amounts) > 1 and (not quantities or not prices):
        # One of quantity and price unread: the amount that gives a clean other one.
        for amount in amounts:
            repaired = _repair(
                quantities[0] if quantities else None, prices[0] if prices else None, amount
            )
            if None not in repaired:
                first = amount
                break
    return (quantities[0] if quantities else None), (prices[0] if prices else None), first


def line_items(doc: DocumentView) -> tuple[list[LineItem], list[int]]:
    """The line items and the indexes (in ``doc.lines``) of the lines they came from."""
    items: list[LineItem] = []
    used: list[int] = []
    columns: list[Column] | None = None
    current_page = 0
    last_row: Line | None = None
    lines = doc.lines
    skip_to = -1
    # The last item, when its amount was computed from its quantity and price, and the
    # confidence it would have had were its amount read.
    computed: LineItem | None = None
    if_read = 0.0
    for index, line in enumerate(lines):
        if index <= skip_to:
            continue
        if line.page.number != current_page:
            current_page = line.page.number
            # A table not closed by its totals goes on on the next page, under its header
            # repeated or under none.
            last_row = None
        below = [b for b in lines[index + 1 : index + 3] if b.page.number == line.page.number]
        header = header_columns(line, below)
        stacked, last = stacked_heading(lines, index)
        if last != index or stacked is not line.words:
            wider = header_columns(stacked, lines[last + 1 : last + 3])
            if wider and named_columns(wider) > named_columns(header):
                header, skip_to = wider, last
        if header:
            columns = header
            last_row = None
            continue
        if columns is None:
            continue
        if SECTION_SUBTOTAL.search(line.text):
            last_row = None  # what follows is a new section, not a wrapped description
            continue
        if PAGE_MARK.search(line.text):
            continue  # "Page 1 of 2", "continued", "Übertrag": the table goes on
        if STOP.search(line.text) or other_heading(line):
            columns = None
            continue
        by_kind: dict[str, list[Word]] = {}
        for word in line.words:
            by_kind.setdefault(_column_for(word, columns).kind, []).append(word)
        ocr = line.page.source == "ocr"
        amounts = _readings(by_kind.get("amount", []), doc.notation, ocr)
        # A quantity comes first in its cell, before its unit and a pack size ("100 Stk. 1").
        quantities = _readings(by_kind.get("quantity", []), doc.notation, ocr, first=True)
        prices = _readings(by_kind.get("unit_price", []), doc.notation, ocr)
        discounts = _percentages(by_kind.get("discount", []))
        description_words = by_kind.get("description", [])
        if _position_number(description_words, columns):
            description_words = description_words[1:]
        description = " ".join(w.text for w in description_words)
        confidence = 0.9 * (0.55 + 0.45 * words_confidence(line.words))
        gap = line.top - last_row.bottom if last_row else 1e9
        close = last_row is not None and gap < line.bottom - line.top + 4
        if computed and close and amounts and not quantities and not prices:
            item = computed
            if Decimal(item.amount or 0) in amounts:
                # The row's amount printed a line lower than its other cells (beside an
                # article number under its description): the amount the row computed, read.
                item.confidence = if_read
                if description and not _ARTICLE_NUMBERS.fullmatch(description):
                    item.description = f"{item.description} {description}"
                computed = None
                last_row = line
                used.append(index)
                continue
        computed = None
        amount_read = True
        if (
            not amounts
            and description
            and quantities
            and prices
            and not _LABELLED_NUMBER.search(line.text)
        ):
            # A row with its quantity and price whose amount is unread: not a wrapped
            # description but a line of its own, its amount the product.
            amounts = [(quantities[0] * prices[0]).quantize(Decimal("0.01"), ROUND_HALF_UP)]
            amount_read = False
        if not amounts:
            if items and not items[-1].description and close and not amounts:
                # A row of numbers and codes only: its description is the line under it, in
                # whichever columns it runs (the line after it is a detail: its packing).
                text = " ".join(w.text for w in line.words)
                if not AMOUNT_LIKE.search(text) and not _GTIN.fullmatch(text):
                    items[-1].description = text
                    items[-1].confidence = min(items[-1].confidence * 2, 0.99)
                    last_row = None
                    used.append(index)
                    continue
            detail = quantities or prices or discounts or _LABELLED_AMOUNT.search(description)
            # A line under a row with a number in a number column is a detail of the row (its
            # gross price, a discount's base), not the rest of its description.
            if items and description and not detail and close and not _GTIN.fullmatch(description):
                items[-1].description = f"{items[-1].description} {description}"
                last_row = line
                used.append(index)
            elif detail:
                last_row = None  # text under a row's details is a note, not its description
            continue
        quantity, unit_price, amount = _choose(quantities, prices, amounts)
        net = _discounted(quantity, unit_price, amount, discounts)
        if net is not None:
            unit_price = net
            confidence *= 1.08
        elif (
            quantity is not None
            and unit_price is not None
            and _consistent(quantity, unit_price, amount)
        ):
            confidence *= 1.08 if _exact(quantity, unit_price, amount) else ROUNDED
        else:
            price_first = _has_decimal_mark(by_kind.get("unit_price", [])) and not (
                _has_decimal_mark(by_kind.get("quantity", []))
            )
            quantity, unit_price = _repair(quantity, unit_price, amount, price_first=price_first)
            confidence *= REPAIRED if quantity is not None and unit_price is not None else 0.5
        if not description and quantity is None and unit_price is None:
            continue  # a lone amount under the table (a total whose label was misread)
        if _uninformative(description):
            confidence *= 0.5
        if not amount_read:
            if_read = min(confidence, 0.99)  # the item's confidence, were its amount read
            confidence *= 0.6
        items.append(
            LineItem(
                description=description,
                quantity=_fmt(quantity),
                unit_price=_fmt(unit_price),
                amount=_fmt(amount, 2),
                confidence=min(confidence, 0.99),
                location=Location(line.page.number, line.page.box(line.words)),
            )
        )
        used.append(index)
        last_row = line
        computed = None if amount_read else items[-1]
    return items, used
