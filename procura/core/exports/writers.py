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
# Spreadsheet dates are days since 1899-12-30 (the 1900 date system, leap-year bug included).
EXCEL_EPOCH = datetime(1899, 12, 30)  # noqa: DTZ001 - a calendar origin, not a moment
EXCEL_EPOCH_DATE = EXCEL_EPOCH.date()
SECONDS_PER_DAY = 86400
FIRST_SERIAL_AFTER_LEAP_BUG = 61  # 1900-03-01; XlsxWriter converts earlier dates itself


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


class _XlsxRows:
    """Writes serialized rows as typed cells with as little work per cell as the file allows:
    each column's writer is chosen once from its kind, the few cell formats (dates, and one
    per count of decimal places) are created once, and dates become spreadsheet serial numbers
    directly. A value that does not read as its column's kind is written as text."""

    def __init__(self, workbook: Any, sheet: Any, kinds: Sequence[CellKind]) -> None:
        self.workbook = workbook
        self.sheet = sheet
        self.number_formats: dict[int, Any] = {}
        self.date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.local_zone = timezone.get_current_timezone()
        by_kind: dict[CellKind, Callable[[int, int, Any], None]] = {
            CellKind.TEXT: self._text,
            CellKind.NUMBER: self._number,
            CellKind.DATE: self._date,
            CellKind.DATETIME: self._datetime,
            CellKind.BOOLEAN: self._boolean,
        }
        self.writers = [by_kind[kind] for kind in kinds]

    def write(self, index: int, row: Sequence[Any]) -> None:
        if len(row) != len(self.writers):
            raise ValueError("A row has a different number of values than there are columns.")
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if value is True or value is False:
                self.sheet.write_boolean(index, col, value)
            else:
                self.writers[col](index, col, value)

    def _number_format(self, places: int) -> Any:
        found = self.number_formats.get(places)
        if found is None:
            pattern = "0" if places == 0 else "0." + "0" * places
            found = self.number_formats[places] = self.workbook.add_format({"num_format": pattern})
        return found

    def _text(self, row: int, col: int, value: Any) -> None:
        self.sheet.write_string(row, col, value if type(value) is str else str(value))

    def _boolean(self, row: int, col: int, value: Any) -> None:
        self.sheet.write_boolean(row, col, bool(value))

    def _number(self, row: int, col: int, value: Any) -> None:
        try:
            number = value if type(value) is Decimal else Decimal(str(value))
        except InvalidOperation:
            self._text(row, col, value)
            return
        _, digits, exponent = number.as_tuple()
        if not isinstance(exponent, int):  # NaN, infinity
            self._text(row, col, value)
        elif len(digits) > MAX_EXACT_DIGITS:
            self.sheet.write_string(row, col, format(number, "f"))
        else:
            places = -exponent if exponent < 0 else 0
            self.sheet.write_number(row, col, float(number), self._number_format(places))

    def _date(self, row: int, col: int, value: Any) -> None:
        try:
            day = value if isinstance(value, date) else date.fromisoformat(value)
        except (TypeError, ValueError):
            self._text(row, col, value)
            return
        if isinstance(day, datetime):
            day = day.date()
        serial = (day - EXCEL_EPOCH_DATE).days
        if serial < FIRST_SERIAL_AFTER_LEAP_BUG:
            self.sheet.write_datetime(row, col, day, self.date_format)
        else:
            self.sheet.write_number(row, col, serial, self.date_format)

    def _datetime(self, row: int, col: int, value: Any) -> None:
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self._text(row, col, value)
            return
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.local_zone).replace(tzinfo=None)
        serial = (moment - EXCEL_EPOCH).total_seconds() / SECONDS_PER_DAY
        if serial < FIRST_SERIAL_AFTER_LEAP_BUG:
            self.sheet.write_datetime(row, col, moment, self.datetime_format)
        else:
            self.sheet.write_number(row, col, serial, self.datetime_format)


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
        writer = _XlsxRows(workbook, sheet, kinds)
        for index, row in enumerate(rows, start=1):
            writer.write(index, row)
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
