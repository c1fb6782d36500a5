"""The header of a line-item table: its headings (``Description``, ``Qty``, ``Unit price``,
``Amount`` and their synonyms in the invoice languages, German compounds, headings OCR misread
or did not read, headings printed over two or three lines) and the columns they name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from rapidfuzz.distance import Levenshtein

from procura.documents.extraction.context import words_confidence
from procura.documents.extraction.layout import Line, Word

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
UNREAD_HEADING = 0.5  # OCR's confidence in a heading's words below which it was not read


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


# An amount on a line: it holds a row, not headings.
AMOUNT_LIKE = re.compile(r"\d[.,]\d{2,4}\b")


def stacked_heading(lines: list[Line], at: int) -> tuple[list[Word], int]:
    """The words of a heading printed over two or three lines ("Unit" over "Price", "Prix /
    unitaire", "Positions- / betrag / ohne USt."), as one line for ``header_columns``: the lines
    just above and below ``lines[at]`` (no amounts on them, a line's height apart at most) are
    stacked on its words. A word over one word of the line joins its heading, over none it
    starts a heading of its own, over several (a label spanning columns) it is left out.
    Returns the words and the index of the last line taken."""
    line = lines[at]
    if AMOUNT_LIKE.search(line.text) or not has_heading(line.words):
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
            and not AMOUNT_LIKE.search(other.text)
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


def has_heading(words: list[Word]) -> bool:
    """Whether any of ``words`` is a column heading of a line-item table."""
    cleaned = [_clean(w.text) for w in words]
    if not _FIRST_WORDS.intersection(cleaned) and not any(_compound(word) for word in cleaned):
        return False
    return any(_compound(word) for word in cleaned) or any(
        tuple(cleaned[i : i + len(phrase)]) == phrase
        for phrase, _ in HEADER_PHRASES
        for i in range(len(cleaned))
    )


def other_heading(line: Line) -> bool:
    """A line of column headings, without a number, that is not this table's: the heading of
    the next table (the terms of payment, the tax breakdown) ends this one."""
    if len(line.segments) < 2 or re.search(r"\d", line.text):
        return False
    return has_heading(line.words)


def named_columns(columns: list[Column] | None) -> tuple[int, int]:
    """How many of a table's four columns its headings name (not inferred), then how many it
    finds at all."""
    kinds = {"description", "quantity", "unit_price", "amount"}
    named = {c.kind for c in columns or [] if c.label not in ("", INFERRED)} & kinds
    return len(named), len({c.kind for c in columns or []} & kinds)
