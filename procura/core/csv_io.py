"""CSV import and export for master data (products, suppliers, customers, plants, carriers,
opening stock...). A domain describes its file once; this module reads, checks and writes it.

Import
======
Describe the file with a subclass of ``ImportSpec`` (one instance per import run)::

    class CarrierImport(ImportSpec[Carrier]):
        model = Carrier
        key = "code"                       # natural key: a column and a model field
        columns = (
            Column("code", parse=parse_code),                  # required unless told otherwise
            Column("name", parse=text(max_length=120)),
            Column("scac", parse=text(max_length=4), required=False, default=""),
            Column("active", parse=boolean, field="is_active", required=False, default=True),
        )
        update_fields = ("name", "scac", "is_active")        # what a re-import may change
        audit_action = "carrier.imported"                    # one audit event per import

        def prepare(self) -> None:          # optional: prefetch lookup tables, one query each
            ...
        def validate(self, values):         # optional: cross-column rules -> [(field, message)]
            return []

    report = run_import(CarrierImport(actor=user), upload, dry_run=True)

Columns. ``Column.parse`` turns the cell text into a value or raises ``ValueError`` or Django's
``ValidationError``; its message becomes the reported reason. A blank cell is "required" for a
required column and the column's ``default`` otherwise (``parse`` is not called). An optional
column left out of the file is left out of the values: new rows get the model's default and
existing rows keep what they have (a file without an "active" column reactivates nothing). Parsers may be
bound methods of the spec, so they can use what ``prepare`` loaded (a category by its name...).
Ready-made parsers: ``text``, ``decimal``, ``integer``, ``boolean``, ``choice``, ``iso_date``,
``lookup``.

Header. Names are matched ignoring case, surrounding blanks and the difference between
spaces, hyphens and underscores, against each column's name and ``aliases``. A missing required
column or an unknown column is an error on line 1. A UTF-8 BOM is dropped; the delimiter is ``,``
``;`` or a tab, whichever the header uses most. A cell that an export had protected against
formula injection (``'=...``) gets its leading quote removed.

Dry run and commit. ``run_import`` parses every row and reports EVERY bad cell (line, field,
reason: the line is the file's line where the record starts, the header being line 1),
duplicate keys inside the file, and how many rows would be created, updated or left unchanged
(an existing row is "unchanged" when ``apply`` finds nothing to change). A dry run writes
nothing. A commit writes nothing either when any row is bad (``ImportRejected``, a 400 carrying
the report); otherwise it creates and updates in one transaction with ``bulk_create`` and
``bulk_update`` in batches, after locking the existing rows it will update, and records one audit
event. Importing the same file twice changes nothing the second time. Existing rows are fetched by
key in chunks of ``KEY_CHUNK`` (one query per chunk).

Override points: ``build`` (a new instance from the values, by default ``model(**values)`` plus
``created_by``/``updated_by`` when the model tracks them), ``apply`` (copy ``update_fields`` onto an
existing instance, True when something changed), ``existing`` (fetch the rows already stored),
``save`` (the writes), ``audit`` (the event).

Limits: ``max_bytes`` (413 ``PayloadTooLarge``) and ``max_rows`` (400) per spec, defaulting to
``CSV_IMPORT_MAX_BYTES`` and ``CSV_IMPORT_MAX_ROWS`` from the settings.

Export
======
``csv_response(rows, columns, filename=...)`` streams any iterable (pass
``queryset.iterator(chunk_size=...)`` of the filtered list queryset) as ``text/csv``; each
``ExportColumn`` has a header and a function of the row. Values are written so the import reads
them back: Decimals in plain notation, booleans as true/false, dates ISO, None as blank; text
that a spreadsheet would run as a formula is prefixed with a quote. Give an export view
``renderer_classes = [ProcuraJSONRenderer, CsvRenderer]`` so ``Accept: text/csv`` negotiates.

API
===
An import endpoint validates ``ImportQuerySerializer`` (``?dry_run=``, true by default) and
``ImportUploadSerializer`` (multipart ``file``), calls its domain's import service and answers
``report.as_dict()``, documented by ``ImportReportSerializer``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, router, transaction
from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

from procura.core.errors import Conflict, InvalidInput, PayloadTooLarge
from procura.core.serializers import ProcuraSerializer

M = TypeVar("M", bound=models.Model)
Parser = Callable[[str], Any]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 100_000
KEY_CHUNK = 2_000
BATCH_SIZE = 1_000
DELIMITERS = (",", ";", "\t")
FORMULA_PREFIXES = ("=", "+", "-", "@")

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
REJECTED = "The file has {count} errors; nothing was imported."
CHANGED_DURING_IMPORT = "The data changed while the file was imported; import it again."


# --- parsers ------------------------------------------------------------------------------------


def text(*, max_length: int | None = None) -> Parser:
    def parse(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise ValueError(f"At most {max_length} characters.")
        return value

    return parse


def decimal(
    *,
    places: int | None = None,
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    greater_than: Decimal | None = None,
) -> Parser:
    """A number written with a dot ("12.50"); never a float."""

    def parse(value: str) -> Decimal:
        try:
            number = Decimal(value.replace(" ", ""))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number.") from None
        if not number.is_finite():
            raise ValueError(f"{value!r} is not a number.")
        exponent = number.as_tuple().exponent
        if places is not None and isinstance(exponent, int) and -exponent > places:
            raise ValueError(f"At most {places} decimal places.")
        if greater_than is not None and number <= greater_than:
            raise ValueError(f"Must be greater than {greater_than}.")
        if min_value is not None and number < min_value:
            raise ValueError(f"Must be at least {min_value}.")
        if max_value is not None and number > max_value:
            raise ValueError(f"Must be at most {max_value}.")
        return number

    return parse


def integer(*, min_value: int | None = None, max_value: int | None = None) -> Parser:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a whole number.") from None
        if min_value is not None and number < min_value:
            raise ValueError(f"Must be at least {min_value}.")
        if max_value is not None and number > max_value:
            raise ValueError(f"Must be at most {max_value}.")
        return number

    return parse


TRUE_WORDS = frozenset({"true", "yes", "y", "1", "active"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "inactive"})


def boolean(value: str) -> bool:
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{value!r} is not true or false.")


def choice(choices: Iterable[str], *, case_insensitive: bool = True) -> Parser:
    allowed = {(c.lower() if case_insensitive else c): c for c in choices}

    def parse(value: str) -> str:
        found = allowed.get(value.lower() if case_insensitive else value)
        if found is None:
            raise ValueError(f"{value!r} is not one of: {', '.join(sorted(allowed.values()))}.")
        return found

    return parse


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD).") from None


def lookup(
    table: Callable[[], Mapping[str, Any]], *, label: str, key: Parser = str.lower
) -> Parser:
    """Resolve a cell through a table the spec loaded in ``prepare`` (name -> object)."""

    def parse(value: str) -> Any:
        found = table().get(key(value))
        if found is None:
            raise ValueError(f"No {label} {value!r}.")
        return found

    return parse


# --- spec ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser = str
    required: bool = True
    default: Any = None
    field: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def target(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "message": self.message}


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [error.as_dict() for error in self.errors],
        }

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


class ImportRejected(InvalidInput):
    """A commit refused because rows are bad: 400 with the whole report. ``errors`` maps
    "<line>.<field>" to messages (the problem+json shape); ``row_errors`` lists them as the
    dry run does."""

    default_code = "import_invalid"

    def __init__(self, report: ImportReport) -> None:
        field_errors: dict[str, list[str]] = {}
        for error in report.errors:
            field_errors.setdefault(f"{error.line}.{error.field}", []).append(error.message)
        body = report.as_dict()
        body["row_errors"] = body.pop("errors")
        super().__init__(REJECTED.format(count=len(report.errors)), errors=field_errors, data=body)
        self.report = report


@dataclass
class ParsedRow:
    line: int
    values: dict[str, Any]


class ImportSpec(Generic[M]):
    """How one kind of file maps to one model. See the module docstring."""

    model: ClassVar[type[models.Model]]
    key: ClassVar[str]
    columns: ClassVar[Sequence[Column]]
    update_fields: ClassVar[Sequence[str]] = ()
    audit_action: ClassVar[str] = ""
    max_bytes: int | None = None
    max_rows: int | None = None
    batch_size: int = BATCH_SIZE

    def __init__(self, *, actor: Any = None) -> None:
        self.actor = actor

    # Hooks ---------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load lookup tables before parsing (one query each)."""

    def validate(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """Cross-column rules for one parsed row: (field, message) pairs."""
        return []

    def build(self, values: dict[str, Any]) -> M:
        instance = self.model(**values)
        for name in ("created_by", "updated_by"):
            if hasattr(instance, f"{name}_id"):
                setattr(instance, name, self.actor)
        return instance  # type: ignore[return-value]

    def apply(self, instance: M, values: dict[str, Any]) -> bool:
        changed = False
        for name, attname in self._update_attnames():
            if name in values and getattr(instance, attname) != _value_id(values[name]):
                setattr(instance, name, values[name])
                changed = True
        if changed:
            if hasattr(instance, "updated_by_id"):
                setattr(instance, "updated_by", self.actor)  # noqa: B010
            if hasattr(instance, "updated_at"):
                instance.updated_at = timezone.now()  # bulk updates skip auto_now
        return changed

    def _update_attnames(self) -> list[tuple[str, str]]:
        """(field name, attribute holding its stored value): a foreign key compares by id."""
        cached: list[tuple[str, str]] | None = getattr(self, "_attnames", None)
        if cached is None:
            cached = [
                (name, self.model._meta.get_field(name).attname)  # type: ignore[union-attr]
                for name in self.update_fields
            ]
            self._attnames = cached
        return cached

    def existing(self, keys: Sequence[Any], *, lock: bool) -> dict[Any, M]:
        found: dict[Any, M] = {}
        manager = self.model._default_manager
        for start in range(0, len(keys), KEY_CHUNK):
            chunk = keys[start : start + KEY_CHUNK]
            queryset = manager.filter(**{f"{self.key}__in": chunk}).order_by("pk")
            if lock:
                queryset = queryset.select_for_update()
            for instance in queryset:
                found[getattr(instance, self.key)] = instance  # type: ignore[assignment]
        return found

    def save(self, created: list[M], updated: list[M]) -> None:
        if created:
            bulk_insert_rows(self.model, created, batch_size=self.batch_size)
        if updated:
            fields = list(self.update_fields)
            if hasattr(self.model, "updated_at"):
                fields.append("updated_at")
            if hasattr(self.model, "updated_by_id"):
                fields.append("updated_by")
            bulk_update_rows(self.model, updated, fields, batch_size=self.batch_size)

    def audit(self, report: ImportReport) -> None:
        if not self.audit_action:
            return
        from procura.audit.services import audit_record

        audit_record(
            actor=self.actor,
            action=self.audit_action,
            object_type=self.model._meta.label_lower,
            object_repr=f"CSV import of {report.rows} rows",
            data=report.counts(),
        )

    # Limits ---------------------------------------------------------------------------------

    def byte_limit(self) -> int:
        """Keep it at or below the request body limit of the import's URL (API_MAX_BODY_BYTES
        unless the path is in UPLOAD_PATH_PREFIXES): a larger file is refused (413) before the
        view runs."""
        return self.max_bytes or int(getattr(settings, "CSV_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))

    def row_limit(self) -> int:
        return self.max_rows or int(getattr(settings, "CSV_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def _value_id(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def bulk_insert_rows(
    model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int
) -> None:
    """Insert ``objs``. On PostgreSQL, when every object already has its primary key (a UUID
    default), one ``COPY`` stream: several times faster than multi-row INSERTs for tens of
    thousands of rows, with the same constraints checked. Otherwise ``bulk_create``. Defaults,
    ``auto_now`` and ``auto_now_add`` are applied as ``save()`` would."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql" or any(obj.pk is None for obj in objs):
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        return
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    quote = connection.ops.quote_name
    sql = (
        f"COPY {quote(model._meta.db_table)} "
        f"({', '.join(quote(str(f.column)) for f in fields)}) FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objs:
            copy.write_row(
                [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
            )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def bulk_update_rows(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: Sequence[str],
    *,
    batch_size: int,
) -> None:
    """Write ``fields`` of ``objs`` back by primary key, ``batch_size`` rows a statement.

    On PostgreSQL one ``UPDATE ... FROM (SELECT unnest(array), ...)`` a batch, one array
    parameter a column: Django's ``bulk_update`` builds a
    CASE with one branch per row for every field, which PostgreSQL evaluates per row (quadratic;
    minutes for 50,000 rows). Elsewhere ``bulk_update``. ``auto_now`` is not applied."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_update(objs, fields, batch_size=batch_size)
        return
    meta = model._meta
    columns: list[models.Field[Any, Any]] = [
        meta.get_field(name)  # type: ignore[misc]
        for name in (meta.pk.name if meta.pk else "pk", *fields)
    ]
    quote = connection.ops.quote_name
    names = [quote(str(field.column)) for field in columns]
    arrays = ", ".join(
        f"unnest(%s::{field.db_type(connection)}[]) AS {name}"
        for field, name in zip(columns, names, strict=True)
    )
    assignments = ", ".join(f"{name} = v.{name}" for name in names[1:])
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET {assignments} "  # noqa: S608
        f"FROM (SELECT {arrays}) AS v WHERE t.{names[0]} = v.{names[0]}"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            cursor.execute(
                sql,
                [
                    [
                        field.get_db_prep_save(getattr(obj, field.attname), connection)
                        for obj in batch
                    ]
                    for field in columns
                ],
            )


# --- reading ------------------------------------------------------------------------------------


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


def run_import(spec: ImportSpec[M], upload: Any, *, dry_run: bool) -> ImportReport:
    """Check (and unless ``dry_run``, write) a CSV file described by ``spec``. See the module
    docstring. A commit with bad rows raises ``ImportRejected`` and writes nothing."""
    text_ = read_text(upload, max_bytes=spec.byte_limit())
    spec.prepare()
    rows, errors, count = parse_rows(spec, text_)
    report = ImportReport(dry_run=dry_run, rows=count, errors=errors)
    if dry_run:
        _classify(spec, rows, report, lock=False, build=False)
        return report
    if errors:
        raise ImportRejected(report)
    try:
        with transaction.atomic():
            created, updated = _classify(spec, rows, report, lock=True, build=True)
            spec.save(created, updated)
            spec.audit(report)
    except IntegrityError as exc:
        raise Conflict(CHANGED_DURING_IMPORT, code="import_conflict") from exc
    return report


def _classify(
    spec: ImportSpec[M], rows: list[ParsedRow], report: ImportReport, *, lock: bool, build: bool
) -> tuple[list[M], list[M]]:
    stored = spec.existing([row.values[spec.key] for row in rows], lock=lock)
    created: list[M] = []
    updated: list[M] = []
    new_rows = 0
    for row in rows:
        instance = stored.get(row.values[spec.key])
        if instance is None:
            new_rows += 1
            if build:
                created.append(spec.build(row.values))
        elif spec.apply(instance, row.values):
            updated.append(instance)
        else:
            report.unchanged += 1
    report.created, report.updated = new_rows, len(updated)
    return created, updated


# --- export -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportColumn:
    header: str
    value: Callable[[Any], Any]


def export_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    cell = str(value)
    if cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


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
    response = StreamingHttpResponse(
        csv_lines(rows, columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CsvRenderer(BaseRenderer):
    """Lets ``Accept: text/csv`` select an export view; errors still go out as JSON text."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        import json

        from django.core.serializers.json import DjangoJSONEncoder

        if data is None:
            return b""
        return json.dumps(data, cls=DjangoJSONEncoder).encode()


# --- API ----------------------------------------------------------------------------------------


class ImportQuerySerializer(ProcuraSerializer):
    dry_run = serializers.BooleanField(
        default=True, help_text="true: only check and report; false: write (all rows or none)."
    )


class ImportUploadSerializer(ProcuraSerializer):
    file = serializers.FileField(help_text="CSV, UTF-8, comma or semicolon separated.")


class ImportRowErrorSerializer(ProcuraSerializer):
    line = serializers.IntegerField(help_text="Line of the file; the header is line 1.")
    field = serializers.CharField()
    message = serializers.CharField()


class ImportReportSerializer(ProcuraSerializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = ImportRowErrorSerializer(many=True)  # type: ignore[assignment]
