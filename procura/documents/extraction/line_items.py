"""Invoice line items: find the table header, map its columns, read rows until the totals.

Columns come from the header phrases (``Description``, ``Qty``, ``Unit price``, ``Amount`` and
their synonyms); each word of a row goes to the column it overlaps (or the nearest). A row without
an amount continues the previous row's description (wrapped text). A table may go on over pages,
with its header repeated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rapidfuzz.distance import Levenshtein

from procura.documents.extraction.context import DocumentView, words_confidence
from procura.documents.extraction.layout import Line, Word
from procura.documents.extraction.parsing import Notation, find_amounts
from procura.documents.extraction.result import LineItem, Location

# Longest phrases first: "unit price" must win over "unit", "line total" over "total".
HEADER_PHRASES: list[tuple[tuple[str, ...], str]] = [
    (("unit", "price"), "unit_price"),
    (("price", "per", "unit"), "unit_price"),
    (("price/unit",), "unit_price"),
    (("unit", "cost"), "unit_price"),
    (("line", "total"), "amount"),
    (("net", "amount"), "amount"),
    (("ext.", "price"), "amount"),
    (("extended",), "amount"),
    (("amount",), "amount"),
    (("total",), "amount"),
    (("value",), "amount"),
    (("price",), "unit_price"),
    (("rate",), "unit_price"),
    (("each",), "unit_price"),
    (("qty",), "quantity"),
    (("qty.",), "quantity"),
    (("quantity",), "quantity"),
    (("hours",), "quantity"),
    (("description",), "description"),
    (("item",), "description"),
    (("items",), "description"),
    (("product",), "description"),
    (("article",), "description"),
    (("details",), "description"),
    (("service",), "description"),
    # German, French, Dutch, Spanish, Italian, Polish, Portuguese
    (("prix", "unitaire"), "unit_price"),
    (("prix", "u."), "unit_price"),
    (("p.u.",), "unit_price"),
    (("precio", "unitario"), "unit_price"),
    (("prezzo", "unitario"), "unit_price"),
    (("cena", "jedn."), "unit_price"),
    (("cena", "jednostkowa"), "unit_price"),
    (("preço", "unitário"), "unit_price"),
    (("montant", "ht"), "amount"),
    (("total", "ht"), "amount"),
    (("einzelpreis",), "unit_price"),
    (("stückpreis",), "unit_price"),
    (("preis",), "unit_price"),
    (("nettopreis",), "unit_price"),
    (("prix",), "unit_price"),
    (("stukprijs",), "unit_price"),
    (("prijs",), "unit_price"),
    (("precio",), "unit_price"),
    (("prezzo",), "unit_price"),
    (("cena",), "unit_price"),
    (("preço",), "unit_price"),
    (("betrag",), "amount"),
    (("gesamtpreis",), "amount"),
    (("gesamt",), "amount"),
    (("montant",), "amount"),
    (("bedrag",), "amount"),
    (("totaal",), "amount"),
    (("importe",), "amount"),
    (("importo",), "amount"),
    (("totale",), "amount"),
    (("wartość",), "amount"),
    (("kwota",), "amount"),
    (("valor",), "amount"),
    (("menge",), "quantity"),
    (("anzahl",), "quantity"),
    (("qté",), "quantity"),
    (("quantité",), "quantity"),
    (("aantal",), "quantity"),
    (("cantidad",), "quantity"),
    (("cant.",), "quantity"),
    (("quantità",), "quantity"),
    (("qtà",), "quantity"),
    (("ilość",), "quantity"),
    (("quantidade",), "quantity"),
    (("qtd",), "quantity"),
    (("artikel",), "description"),
    (("bezeichnung",), "description"),
    (("beschreibung",), "description"),
    (("leistung",), "description"),
    (("désignation",), "description"),
    (("designation",), "description"),
    (("libellé",), "description"),
    (("omschrijving",), "description"),
    (("descripción",), "description"),
    (("concepto",), "description"),
    (("descrizione",), "description"),
    (("articolo",), "description"),
    (("opis",), "description"),
    (("nazwa",), "description"),
    (("descrição",), "description"),
    (("artigo",), "description"),
]
STOP = re.compile(
    r"^\s*(?:tax|vat|gst|notes?|payment|terms|thank)"
    r"|\b(?:sub[\s-]?total|total|net\s*(?:amount|total)|amount\s*due|balance(?:\s*due)?)\b"
    r"|\bpage\s*\d+\s*(?:of|/)\s*\d+|continued"
    # the totals block in the other languages
    r"|^\s*(?:mwst|ust|tva|btw|iva)\b|\b(?:zwischensumme|nettobetrag|gesamtbetrag|bruttobetrag"
    r"|rechnungsbetrag|summe|sous[\s-]*total|total\s*h\.?t|net\s*à\s*payer|subtotaal|totaal"
    r"|totale|imponibile|razem|suma)\b",
    re.I,
)
# A subtotal of one section of the table ("Zwischensumme Lieferung 1", "Subtotal Section A"):
# the table goes on after it.
SECTION_SUBTOTAL = re.compile(
    r"^\s*(?:sub[\s-]?total|zwischensumme|sous[\s-]*total|subtotaal|subtotale)\s+"
    r"(?!(?:excl|incl|net|netto|before|ohne|hors|ht\b))[^\W\d_]+",
    re.I,
)


INFERRED = "(inferred)"  # the label of a column whose heading was not read
MISREAD = "(misread)"  # the label of a column whose heading OCR misread ("kem" for "Item")
# The headings of the description column a misread heading is matched against, and how alike
# they must be (normalised Levenshtein similarity).
DESCRIPTION_HEADINGS = tuple(p[0] for p, kind in HEADER_PHRASES if kind == "description")
MISREAD_SIMILARITY = 0.5
NUMBER = re.compile(r"\d[\d.,]*")
UNREAD_HEADING = 0.5  # OCR's confidence in a heading's words below which it was not read


@dataclass
class Column:
    kind: str  # description | quantity | unit_price | amount | other
    x0: float
    x1: float
    label: str = ""


def _clean(word: str) -> str:
    return word.lower().strip(":#()")


def _misread_description(word: Word) -> bool:
    """A word OCR read from a heading of the description column ("kem" for "Item",
    "Descripfion"): most of its letters, and its first or last two as printed."""
    text = _clean(word.text)
    if len(text) < 3 or not text.isalpha():
        return False
    return any(
        Levenshtein.normalized_similarity(text, heading) >= MISREAD_SIMILARITY
        and (text[:2] == heading[:2] or text[-2:] == heading[-2:])
        for heading in DESCRIPTION_HEADINGS
    )


def _amounts_below(columns: list[Column], below: list[Line]) -> bool:
    """Whether a line under the header holds a number in the amount column."""
    amount = next(c for c in columns if c.kind == "amount")
    return any(
        NUMBER.search(w.text) and min(w.x1, amount.x1) > max(w.x0, amount.x0)
        for line in below
        for w in line.words
    )


def header_columns(line: Line, below: list[Line] | None = None) -> list[Column] | None:
    """The table's columns when ``line`` is its header. A heading word OCR misread counts as
    the description's only when the number headings are read as printed and a line ``below``
    has a number under the amount heading."""
    words = line.words
    columns: list[Column] = []
    i = 0
    while i < len(words):
        for phrase, kind in HEADER_PHRASES:
            n = len(phrase)
            if tuple(_clean(w.text) for w in words[i : i + n]) == phrase:
                columns.append(Column(kind, words[i].x0, words[i + n - 1].x1, " ".join(phrase)))
                i += n
                break
        else:
            if _misread_description(words[i]):
                columns.append(Column("description", words[i].x0, words[i].x1, MISREAD))
            elif columns and words[i].x0 - columns[-1].x1 < words[i].height * 1.25:
                columns[-1].x1 = words[i].x1
            else:
                columns.append(Column("other", words[i].x0, words[i].x1))
            i += 1
    kinds = [c.kind for c in columns]
    numbers = {"quantity", "unit_price", "amount"} & set(kinds)
    if "description" not in kinds and "quantity" in numbers and len(numbers) >= 2:
        # The description's heading unread (faint, on a dark band, bent out of the row on a
        # photo) or never printed: the descriptions stand left of the first number column, in
        # its nearest unnamed column (a position number before them is left out).
        # A heading read with confidence that is none of ours ("SIZE") names another column:
        # where the descriptions stand is not known, and no table is read.
        first = next(c for c in columns if c.kind in numbers)
        before = [c for c in columns if c.x1 <= first.x0 and c.kind == "other"]
        if before:
            heading = [w for w in words if before[-1].x0 <= w.x0 and w.x1 <= before[-1].x1]
            if words_confidence(heading) >= UNREAD_HEADING:
                return None
            before[-1].kind = "description"
            before[-1].label = INFERRED
            before[-1].x1 = max(before[-1].x1, first.x0 - words[0].height)
        else:
            columns.insert(0, Column("description", 0.0, first.x0 - words[0].height, INFERRED))
        kinds = [c.kind for c in columns]
    if (
        "amount" not in kinds
        and {"description", "quantity", "unit_price"} <= set(kinds)
        and columns[-1].kind in ("quantity", "unit_price")
    ):
        # The amount's heading unread (faint, on a dark band, at the edge of a photo): the
        # amounts stand right of the last column read, past a gap.
        last = columns[-1]
        columns.append(Column("amount", last.x1 + words[-1].height, float("inf")))
        kinds.append("amount")
    if "amount" not in kinds or "description" not in kinds:
        return None
    if not ({"quantity", "unit_price"} & set(kinds)):
        return None
    # "Item | Description": the item column holds codes.
    descriptions = [c for c in columns if c.kind == "description"]
    keep = next((c for c in descriptions if c.label == "description"), descriptions[-1])
    if keep.label == MISREAD:
        keep = next((c for c in descriptions if c.label != MISREAD), keep)
    for column in descriptions:
        if column is not keep:
            column.kind = "other"
    if keep.label == MISREAD and not _amounts_below(columns, below or []):
        return None
    # A second "amount" column left of the last one is the unit price ("Price ... Total").
    amount_columns = [c for c in columns if c.kind == "amount"]
    for column in amount_columns[:-1]:
        column.kind = "unit_price" if "unit_price" not in kinds else "other"
    return columns


def _column_for(word: Word, columns: list[Column]) -> Column:
    def overlap(c: Column) -> float:
        return min(word.x1, c.x1) - max(word.x0, c.x0)

    def distance(c: Column) -> float:
        return max(c.x0 - word.x1, word.x0 - c.x1, 0.0)

    overlapping = [c for c in columns if overlap(c) > 0]
    if overlapping:
        return max(overlapping, key=overlap)
    return min(columns, key=distance)


def _number(words: list[Word], notation: Notation) -> Decimal | None:
    text = " ".join(w.text for w in words)
    found = find_amounts(text, notation)
    return found[-1][0] if found else None


# A number as OCR may give it from a photo or scan: separators of either kind, perhaps misread.
_SEPARATED = re.compile(r"(?:\d{1,3}(?:[.,']\d{3})+|\d+)[.,](\d{1,2})")


def _readings(words: list[Word], notation: Notation, ocr: bool) -> list[Decimal]:
    """What a cell may say: the number read in the document's notation first; from OCR, also the
    number read with its last separator before one or two final digits as the decimal mark,
    whatever the notation ("151,547,55" or "3.843,56" on a US invoice, "24,510,72" on a European
    one: OCR reads a faint point as a comma and back)."""
    found: list[Decimal] = []
    value = _number(words, notation)
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


def _fmt(value: Decimal | None, places: int | None = None) -> str | None:
    if value is None:
        return None
    if places is not None:
        return f"{value:.{places}f}"
    normalized = value.normalize()
    return f"{normalized:f}"


def _consistent(quantity: Decimal, unit_price: Decimal, amount: Decimal) -> bool:
    return abs(quantity * unit_price - amount) <= Decimal("0.011")


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
    for index, line in enumerate(doc.lines):
        if line.page.number != current_page:
            current_page = line.page.number
            columns = None
            last_row = None
        below = [b for b in doc.lines[index + 1 : index + 3] if b.page.number == line.page.number]
        header = header_columns(line, below)
        if header:
            columns = header
            last_row = line
            continue
        if columns is None:
            continue
        if SECTION_SUBTOTAL.search(line.text):
            last_row = None  # what follows is a new section, not a wrapped description
            continue
        if STOP.search(line.text):
            columns = None
            continue
        by_kind: dict[str, list[Word]] = {}
        for word in line.words:
            by_kind.setdefault(_column_for(word, columns).kind, []).append(word)
        ocr = line.page.source == "ocr"
        amounts = _readings(by_kind.get("amount", []), doc.notation, ocr)
        quantities = _readings(by_kind.get("quantity", []), doc.notation, ocr)
        prices = _readings(by_kind.get("unit_price", []), doc.notation, ocr)
        description_words = by_kind.get("description", [])
        if _position_number(description_words, columns):
            description_words = description_words[1:]
        description = " ".join(w.text for w in description_words)
        confidence = 0.9 * (0.55 + 0.45 * words_confidence(line.words))
        if not amounts and description and quantities and prices:
            # A row with its quantity and price whose amount is unread: not a wrapped
            # description but a line of its own, its amount the product.
            amounts = [(quantities[0] * prices[0]).quantize(Decimal("0.01"), ROUND_HALF_UP)]
            confidence *= 0.6
        if not amounts:
            gap = line.top - last_row.bottom if last_row else 1e9
            if items and description and last_row is not None and gap < line.bottom - line.top + 4:
                items[-1].description = f"{items[-1].description} {description}"
                last_row = line
                used.append(index)
            continue
        quantity, unit_price, amount = _choose(quantities, prices, amounts)
        if (
            quantity is not None
            and unit_price is not None
            and _consistent(quantity, unit_price, amount)
        ):
            confidence *= 1.08
        else:
            price_first = _has_decimal_mark(by_kind.get("unit_price", [])) and not (
                _has_decimal_mark(by_kind.get("quantity", []))
            )
            quantity, unit_price = _repair(quantity, unit_price, amount, price_first=price_first)
            confidence *= 0.75 if quantity is not None and unit_price is not None else 0.6
        if not description and quantity is None and unit_price is None:
            continue  # a lone amount under the table (a total whose label was misread)
        if not description:
            confidence *= 0.5
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
    return items, used
