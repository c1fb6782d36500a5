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
from statistics import median

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
    # a unit of measure, a discount and a tax rate in columns of their own
    (("unit",), "unit"),
    (("uom",), "unit"),
    (("einheit",), "unit"),
    (("unité",), "unit"),
    (("eenheid",), "unit"),
    (("unidad",), "unit"),
    (("unità",), "unit"),
    (("disc.",), "discount"),
    (("discount",), "discount"),
    (("rabatt",), "discount"),
    (("rem.",), "discount"),
    (("remise",), "discount"),
    (("korting",), "discount"),
    (("descuento",), "discount"),
    (("sconto",), "discount"),
    (("rabat",), "discount"),
    (("desconto",), "discount"),
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
    (("entgelt",), "amount"),
    (("summe",), "amount"),
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
    (("artikelbeschreibung",), "description"),
    (("artikelbezeichnung",), "description"),
    (("produkt",), "description"),
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


GROSS = re.compile(r"\b(?:gross|brutto|ttc|incl\.?|inkl\.?|including|tax\s+incl)", re.I)
# The phrases by their first word, longest first as in HEADER_PHRASES.
_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _kind in HEADER_PHRASES:
    _BY_FIRST_WORD.setdefault(_phrase[0], []).append((_phrase, _kind))
_FIRST_WORDS = set(_BY_FIRST_WORD)
INFERRED = "(inferred)"  # the label of a column whose heading was not read
MISREAD = "(misread)"  # the label of a column whose heading OCR misread ("kem" for "Item")
# The headings of the description column a misread heading is matched against, and how alike
# they must be (normalised Levenshtein similarity).
DESCRIPTION_HEADINGS = tuple(p[0] for p, kind in HEADER_PHRASES if kind == "description")
MISREAD_SIMILARITY = 0.5
NUMBER = re.compile(r"\d[\d.,]*")
UNREAD_HEADING = 0.5
# A row's confidence where quantity x price gives its amount only after rounding (the price
# printed rounded), and where its quantity or price was computed from the other two: one of
# its values is not what the page says, or not read.
ROUNDED = 0.6
REPAIRED = 0.6  # OCR's confidence in a heading's words below which it was not read


@dataclass
class Column:
    kind: str  # description | quantity | unit_price | amount | other
    x0: float
    x1: float
    label: str = ""
    # Where a description's column runs on to from its heading's end: its words, not numbers
    # (a quantity right-aligned under a short "Qty" starts left of its heading).
    runs_to: float | None = None


def _clean(word: str) -> str:
    return word.lower().strip(":#()")


# German headings are compounds: "Nettobetrag", "Positionsbetrag", "Zeilensumme", "Nettowert"
# are a line's amount, "Nettopreis", "Listenpreis" its unit price.
_COMPOUND = (
    (re.compile(r"^[a-zäöüß]{3,}(?:betrag|summe|wert)$"), "amount"),
    (re.compile(r"^[a-zäöüß]{3,}preis$"), "unit_price"),
)


def _compound(word: str) -> str | None:
    return next((kind for pattern, kind in _COMPOUND if pattern.match(word)), None)


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


def header_columns(line: Line | list[Word], below: list[Line] | None = None) -> list[Column] | None:
    """The table's columns when ``line`` (or these words) is its header. A heading word OCR
    misread counts as the description's only when the number headings are read as printed and
    a line ``below`` has a number under the amount heading."""
    words = line.words if isinstance(line, Line) else line
    cleaned = [_clean(w.text) for w in words]
    if not _FIRST_WORDS.intersection(cleaned) and not any(_compound(w) for w in cleaned):
        return None  # no heading at all
    columns: list[Column] = []
    i = 0
    while i < len(words):
        for phrase, kind in _BY_FIRST_WORD.get(cleaned[i], ()):
            n = len(phrase)
            if tuple(cleaned[i : i + n]) == phrase:
                columns.append(Column(kind, words[i].x0, words[i + n - 1].x1, " ".join(phrase)))
                i += n
                break
        else:
            compound = _compound(_clean(words[i].text))
            if compound:
                columns.append(Column(compound, words[i].x0, words[i].x1, _clean(words[i].text)))
                i += 1
                continue
            if _misread_description(words[i]):
                columns.append(Column("description", words[i].x0, words[i].x1, MISREAD))
            elif columns and words[i].x0 - columns[-1].x1 < words[i].height * 1.25:
                columns[-1].x1 = words[i].x1
            else:
                columns.append(Column("other", words[i].x0, words[i].x1))
            i += 1
    kinds = [c.kind for c in columns]
    if "amount" not in kinds and kinds.count("unit_price") >= 2:
        # "Unit price | Disc. | Price w/o tax", "Prix unitaire | Prix HT": of two price
        # columns without an amount's, the last is the line's price, its amount.
        columns[len(kinds) - 1 - kinds[::-1].index("unit_price")].kind = "amount"
        kinds = [c.kind for c in columns]
    if "quantity" not in kinds and kinds.count("amount") >= 2 and "description" in kinds:
        # "Amount | Product | VAT | Price | Total": a number column before the description,
        # where no quantity heading is printed, holds the quantity ("Amount", "Anzahl").
        first = next(c for c in columns if c.kind == "amount")
        if first.x1 <= next(c for c in columns if c.kind == "description").x0:
            first.kind = "quantity"
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
    # A description runs on to the next column: its words past its heading's end are its own.
    for column, after in zip(columns, columns[1:], strict=False):
        if column.kind == "description":
            column.runs_to = max(column.x1, after.x0 - words[0].height)
    # Of a net and a gross amount ("Net amount | VAT % | Gross amount", "Netto | Brutto",
    # "Montant HT | Montant TTC"), the net one is the line's amount: the gross one is left out.
    amount_columns = [c for c in columns if c.kind == "amount"]
    gross = [
        c
        for c in amount_columns
        if GROSS.search(
            # the heading's words and a word just before it ("Gross | amount")
            " ".join(w.text for w in words if c.x0 - 1.25 * w.height <= w.x1 and w.x1 <= c.x1)
        )
    ]
    if gross and len(gross) < len(amount_columns):
        for column in gross:
            column.kind = "other"
        amount_columns = [c for c in amount_columns if c not in gross]
    # A second "amount" column left of the last one is the unit price ("Price ... Total").
    for column in amount_columns[:-1]:
        column.kind = "unit_price" if "unit_price" not in kinds else "other"
    return columns


_AMOUNT_LIKE = re.compile(r"\d[.,]\d{2,4}\b")
# "Bruttopreis 43,20", "Base: 75,00": a label and its amount, not a description's words.
_LABELLED_AMOUNT = re.compile(r"\d[.,]\d{2,4}\s*(?:€|\$|£|[A-Z]{3})?$")
# "Bruttopreis :4,0000 Abschlag :0,6667": a row's details given by their labels.
_LABELLED_NUMBER = re.compile(r"[^\W\d_]{3,}\s*:\s*-?\d")
# A GTIN (EAN) under a row: the article's code, not its description.
_GTIN = re.compile(r"\(?\d{8,14}\)?")
# Article numbers, GTINs, codes: tokens with a digit and no spaces.
_ARTICLE_NUMBERS = re.compile(r"(?:\(?[\w./-]*\d[\w./-]*\)?\s*)+")


def _stacked_heading(lines: list[Line], at: int) -> tuple[list[Word], int]:
    """The words of a heading printed over two or three lines ("Unit" over "Price", "Prix /
    unitaire", "Positions- / betrag / ohne USt."), as one line for ``header_columns``: the lines
    just above and below ``lines[at]`` (no amounts on them, a line's height apart at most) are
    stacked on its words. A word over one word of the line joins its heading, over none it
    starts a heading of its own, over several (a label spanning columns) it is left out.
    Returns the words and the index of the last line taken."""
    line = lines[at]
    if _AMOUNT_LIKE.search(line.text) or not _has_heading(line.words):
        return line.words, at
    height = max(median(w.height for w in line.words), 1.0)

    def near(index: int, toward: Line) -> bool:
        if not 0 <= index < len(lines):
            return False
        other = lines[index]
        gap = max(other.top - toward.bottom, toward.top - other.bottom)
        return (
            other.page is line.page
            and gap < height
            and len(other.words) <= 2 * len(line.words)
            and not _AMOUNT_LIKE.search(other.text)
            and header_columns(other) is None  # a table's header of its own
        )

    taken = [at]
    for step in (-1, -2):
        if near(at + step, lines[at + step + 1]):
            taken.insert(0, at + step)
        else:
            break
    for step in (1, 2):
        if near(at + step, lines[at + step - 1]):
            taken.append(at + step)
        else:
            break
    if len(taken) == 1:
        return line.words, at
    stacks: list[list[Word]] = [[w] for w in line.words]
    for index in taken:
        if index == at:
            continue
        for word in lines[index].words:
            over = [
                s
                for s in stacks
                if min(word.x1, max(w.x1 for w in s)) - max(word.x0, min(w.x0 for w in s)) > 0
            ]
            if len(over) == 1:
                over[0].append(word)
            elif not over:
                stacks.append([word])
    merged: list[Word] = []
    for stack in sorted(stacks, key=lambda s: s[0].x0):
        # A heading of the line keeps its place; one over or under no word of it spans its words.
        x0, x1 = (
            (stack[0].x0, stack[0].x1)
            if stack[0] in line.words
            else (min(w.x0 for w in stack), max(w.x1 for w in stack))
        )
        texts: list[str] = []
        for word in sorted(stack, key=lambda w: w.top):
            if texts and texts[-1].endswith("-") and word.text[:1].islower():
                texts[-1] = texts[-1][:-1] + word.text  # "Positions-" / "betrag"
            else:
                texts.append(word.text)
        top, bottom = min(w.top for w in stack), max(w.bottom for w in stack)
        confidence = min(w.confidence for w in stack)
        merged += [Word(text, x0, top, x1, bottom, confidence) for text in texts]
    return merged, taken[-1]


def _has_heading(words: list[Word]) -> bool:
    """Whether any of ``words`` is a column heading of a line-item table."""
    cleaned = [_clean(w.text) for w in words]
    if not _FIRST_WORDS.intersection(cleaned) and not any(_compound(word) for word in cleaned):
        return False
    return any(_compound(word) for word in cleaned) or any(
        tuple(cleaned[i : i + len(phrase)]) == phrase
        for phrase, _ in HEADER_PHRASES
        for i in range(len(cleaned))
    )


def _other_heading(line: Line) -> bool:
    """A line of column headings, without a number, that is not this table's: the heading of
    the next table (the terms of payment, the tax breakdown) ends this one."""
    if len(line.segments) < 2 or re.search(r"\d", line.text):
        return False
    return _has_heading(line.words)


def _named(columns: list[Column] | None) -> tuple[int, int]:
    """How many of a table's four columns its headings name (not inferred), then how many it
    finds at all."""
    kinds = {"description", "quantity", "unit_price", "amount"}
    named = {c.kind for c in columns or [] if c.label not in ("", INFERRED)} & kinds
    return len(named), len({c.kind for c in columns or []} & kinds)


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
        stacked, last = _stacked_heading(lines, index)
        if last != index or stacked is not line.words:
            wider = header_columns(stacked, lines[last + 1 : last + 3])
            if wider and _named(wider) > _named(header):
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
        if STOP.search(line.text) or _other_heading(line):
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
                if not _AMOUNT_LIKE.search(text) and not _GTIN.fullmatch(text):
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
