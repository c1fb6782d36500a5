"""One value -> one cell.

Formula neutralising: a spreadsheet runs text that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula (CSV injection). In a CSV such text is written with a leading
apostrophe, which spreadsheets show as text and CSV imports remove again
(``procura.core.csv_io.reading.restore_formula``). Numbers are never prefixed, so "-12.50"
stays a number. In an XLSX every text cell is a string cell, never a formula.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class CellKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    BOOLEAN = "boolean"


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def export_cell(value: Any) -> str:
    """A Python value as CSV text that the CSV import reads back: Decimals in plain notation,
    booleans true/false, dates ISO, None blank, formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise(str(value))


def text_cell(value: Any, kind: CellKind) -> str:
    """A serialized (JSON-ready) value as CSV text for its column kind."""
    if value is None:
        return ""
    if kind is CellKind.BOOLEAN or isinstance(value, bool):
        return "true" if value else "false"
    if kind is CellKind.NUMBER and isinstance(value, str | int | Decimal):
        return str(value)
    return neutralise(str(value))
