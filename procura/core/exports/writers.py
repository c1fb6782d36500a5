"""Streaming CSV and XLSX writers.

CSV is produced row by row as the rows are read (the queryset is iterated in chunks), so memory
stays flat whatever the row count. XLSX is a zip of XML parts that can only be finished at the
end: XlsxWriter in constant-memory mode flushes each row to a temporary file as it is written,
the workbook is assembled in a temporary file, and that file is streamed out in chunks and
deleted. Memory stays bounded either way; the XLSX needs disk space of about the file's size.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import xlsxwriter
from django.http import StreamingHttpResponse
from django.utils import timezone

from procura.core.exports.cells import CellKind, export_cell, text_cell

CHUNK_BYTES = 64 * 1024
# A double holds 15 significant decimal digits exactly; a longer number is written as text.
MAX_EXACT_DIGITS = 15
SHEET_NAME_CHARS = 31


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportColumn:
    """A column of a master-data export: header and a function of the model instance; values
    are written so the CSV import reads them back."""

    header: str
    value: Callable[[Any], Any]


class _Line:
    """A write-only file for csv.writer that hands back what was written."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Any], columns: Sequence[ExportColumn]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow([column.header for column in columns])
    for row in rows:
        yield writer.writerow([export_cell(column.value(row)) for column in columns])


def csv_response(
    rows: Iterable[Any], columns: Sequence[ExportColumn], *, filename: str
) -> StreamingHttpResponse:
    """A master-data export (import-compatible CSV) of ``rows``."""
    return _attachment(csv_lines(rows, columns), ExportFormat.CSV, filename)


def table_csv(
    headers: Sequence[str], kinds: Sequence[CellKind], rows: Iterable[Sequence[Any]]
) -> Iterator[str]:
    """CSV lines of serialized rows; a UTF-8 BOM first so spreadsheets read accents right."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(list(headers))
    for row in rows:
        yield writer.writerow([text_cell(v, k) for v, k in zip(row, kinds, strict=True)])


class _XlsxCells:
    """Writes one serialized value as a typed cell."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.number_formats: dict[int, Any] = {}
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})

    def number_format(self, places: int) -> Any:
        found = self.number_formats.get(places)
        if found is None:
            pattern = "0" if places == 0 else "0." + "0" * places
            found = self.number_formats[places] = self.workbook.add_format({"num_format": pattern})
        return found

    def write(self, sheet: Any, row: int, col: int, value: Any, kind: CellKind) -> None:
        if value is None or value == "":
            return
        if kind is CellKind.BOOLEAN or isinstance(value, bool):
            sheet.write_boolean(row, col, bool(value))
        elif kind is CellKind.NUMBER and self._number(sheet, row, col, value):
            return
        elif kind is CellKind.DATE and isinstance(value, str | date):
            day = value if isinstance(value, date) else date.fromisoformat(value)
            sheet.write_datetime(row, col, day, self.date)
        elif kind is CellKind.DATETIME and isinstance(value, str | datetime):
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.make_naive(moment)
            sheet.write_datetime(row, col, moment, self.datetime)
        else:
            sheet.write_string(row, col, str(value))

    def _number(self, sheet: Any, row: int, col: int, value: Any) -> bool:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return False
        digits, exponent = number.as_tuple().digits, number.as_tuple().exponent
        if not number.is_finite() or not isinstance(exponent, int):
            return False
        if len(digits) > MAX_EXACT_DIGITS:
            sheet.write_string(row, col, format(number, "f"))
            return True
        places = max(0, -exponent)
        sheet.write_number(row, col, float(number), self.number_format(places))
        return True


def table_xlsx(
    headers: Sequence[str],
    kinds: Sequence[CellKind],
    rows: Iterable[Sequence[Any]],
    *,
    sheet_name: str,
) -> Iterator[bytes]:
    """The workbook's bytes in chunks. Built in a temporary file in constant-memory mode."""
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "tmpdir": tempfile.gettempdir(),
            },
        )
        sheet = workbook.add_worksheet(_sheet_name(sheet_name))
        bold = workbook.add_format({"bold": True})
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, bold)
        sheet.freeze_panes(1, 0)
        cells = _XlsxCells(workbook)
        for index, row in enumerate(rows, start=1):
            for col, (value, kind) in enumerate(zip(row, kinds, strict=True)):
                cells.write(sheet, index, col, value, kind)
        workbook.close()
        with open(path, "rb") as stream:
            while chunk := stream.read(CHUNK_BYTES):
                yield chunk
    finally:
        os.unlink(path)


def _sheet_name(name: str) -> str:
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in name).strip(" '")
    return (cleaned or "Export")[:SHEET_NAME_CHARS]


def spreadsheet_response(
    *,
    fmt: ExportFormat,
    filename: str,
    headers: Sequence[str],
    kinds: Sequence[CellKind],
    rows: Iterable[Sequence[Any]],
) -> StreamingHttpResponse:
    """A download of ``rows`` (serialized values, one per column) as CSV or XLSX, streamed."""
    content: Iterator[str] | Iterator[bytes]
    if fmt is ExportFormat.XLSX:
        content = table_xlsx(headers, kinds, rows, sheet_name=filename)
    else:
        content = table_csv(headers, kinds, rows)
    return _attachment(content, fmt, f"{filename}.{fmt.value}")


def _attachment(
    content: Iterator[str] | Iterator[bytes], fmt: ExportFormat, filename: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
