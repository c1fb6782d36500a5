"""Reading an uploaded CSV file: size and encoding checks, header matching, per-row parsing
that collects every bad cell."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError

from procura.core.csv_io.spec import Column, ImportSpec, ParsedRow, RowError
from procura.core.errors import InvalidInput, PayloadTooLarge
from procura.core.exports.cells import FORMULA_PREFIXES

DELIMITERS = (",", ";", "\t")

REQUIRED = "This field is required."
MISSING_COLUMN = "Missing column {column!r}."
UNKNOWN_COLUMN = "Unknown column {column!r}; expected some of: {expected}."
DUPLICATE_COLUMN = "Column {column!r} appears more than once."
DUPLICATE_KEY = "Duplicate {key} {value!r}; first seen on line {line}."
TOO_MANY_CELLS = "The row has {cells} cells; the header has {columns}."
EMPTY_FILE = "The file is empty; it needs a header line and at least one row."
NOT_UTF8 = "The file is not UTF-8 text (save it as 'CSV UTF-8')."
TOO_LARGE = "The file is {size} bytes; at most {limit} bytes can be imported at once."
TOO_MANY_ROWS = "The file has more than {limit} rows; split it into smaller files."
MALFORMED = "The file is not valid CSV: {reason}."


def read_text(upload: Any, *, max_bytes: int) -> str:
    """The upload's text: size-checked, BOM dropped, UTF-8 required."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise PayloadTooLarge(TOO_LARGE.format(size=size, limit=max_bytes), code="file_too_large")
    raw = upload.read(max_bytes + 1) if hasattr(upload, "read") else bytes(upload)
    if len(raw) > max_bytes:
        raise PayloadTooLarge(
            TOO_LARGE.format(size=f"more than {max_bytes}", limit=max_bytes), code="file_too_large"
        )
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(NOT_UTF8, code="not_utf8", errors={"file": [NOT_UTF8]}) from None


def sniff_delimiter(header_line: str) -> str:
    return max(DELIMITERS, key=header_line.count)


def header_token(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").replace("_", " ").split())


def restore_formula(cell: str) -> str:
    if cell.startswith("'") and cell[1:2] in FORMULA_PREFIXES:
        return cell[1:]
    return cell


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


def parse_rows(spec: ImportSpec[Any], text_: str) -> tuple[list[ParsedRow], list[RowError], int]:
    """Parse every row of ``text_``; returns the good rows, every error and the row count."""
    first_line = text_.split("\n", 1)[0]
    if not first_line.strip():
        raise InvalidInput(EMPTY_FILE, code="empty_file", errors={"file": [EMPTY_FILE]})
    reader = csv.reader(io.StringIO(text_, newline=""), delimiter=sniff_delimiter(first_line))
    errors: list[RowError] = []
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InvalidInput(MALFORMED.format(reason=exc), code="malformed_csv") from None

    by_token: dict[str, Column] = {}
    for spec_column in spec.columns:
        for name in (spec_column.name, *spec_column.aliases):
            by_token[header_token(name)] = spec_column
    positions: list[Column | None] = []
    seen: set[str] = set()
    for cell in header:
        column: Column | None = by_token.get(header_token(cell))
        if column is None:
            if cell.strip():
                expected = ", ".join(c.name for c in spec.columns)
                errors.append(
                    RowError(
                        1,
                        cell.strip(),
                        UNKNOWN_COLUMN.format(column=cell.strip(), expected=expected),
                    )
                )
        elif column.name in seen:
            errors.append(RowError(1, column.name, DUPLICATE_COLUMN.format(column=column.name)))
            column = None
        else:
            seen.add(column.name)
        positions.append(column)
    absent = [c for c in spec.columns if c.name not in seen]
    for missing in absent:
        if missing.required:
            errors.append(RowError(1, missing.name, MISSING_COLUMN.format(column=missing.name)))

    rows: list[ParsedRow] = []
    key_lines: dict[Any, int] = {}
    key_column = next(c for c in spec.columns if c.target == spec.key)
    row_limit = spec.row_limit()
    count = 0
    previous_line = reader.line_num
    try:
        for cells in reader:
            line = previous_line + 1
            previous_line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            count += 1
            if count > row_limit:
                message = TOO_MANY_ROWS.format(limit=row_limit)
                raise InvalidInput(message, code="too_many_rows", errors={"file": [message]})
            if len(cells) > len(positions) and any(c.strip() for c in cells[len(positions) :]):
                errors.append(
                    RowError(
                        line, "", TOO_MANY_CELLS.format(cells=len(cells), columns=len(positions))
                    )
                )
                continue
            values, row_errors = _parse_cells(spec, cells, positions, line)
            if not row_errors:
                row_errors = [RowError(line, f, m) for f, m in spec.validate(values)]
            if not row_errors and key_column.target in values:
                key = values[key_column.target]
                if key in key_lines:
                    row_errors.append(
                        RowError(
                            line,
                            key_column.name,
                            DUPLICATE_KEY.format(
                                key=key_column.name, value=key, line=key_lines[key]
                            ),
                        )
                    )
                else:
                    key_lines[key] = line
            if row_errors:
                errors.extend(row_errors)
            else:
                rows.append(ParsedRow(line, values))
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, "", MALFORMED.format(reason=exc)))
    if count == 0 and not errors:
        raise InvalidInput(EMPTY_FILE, code="empty_file", errors={"file": [EMPTY_FILE]})
    return rows, errors, count


def _parse_cells(
    spec: ImportSpec[Any],
    cells: list[str],
    positions: list[Column | None],
    line: int,
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for index, column in enumerate(positions):
        if column is None:
            continue
        raw = restore_formula(cells[index].strip()) if index < len(cells) else ""
        if not raw:
            if column.required:
                errors.append(RowError(line, column.name, REQUIRED))
            else:
                values[column.target] = column.default
            continue
        try:
            values[column.target] = column.parse(raw)
        except (ValueError, ValidationError) as exc:
            errors.append(RowError(line, column.name, _message(exc)))
    return values, errors
