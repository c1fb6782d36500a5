"""CSV import and export for master data (products, suppliers, customers, plants, carriers,
opening stock...). A domain describes its file once; this package reads, checks and writes it:
``parsers`` (cell parsers), ``spec`` (``ImportSpec``, the report), ``reading`` (file, header and
row parsing), ``run`` (dry run and commit), ``bulk`` (fast bulk writes), ``api`` (the endpoint's
serializers). Exports live in ``procura.core.exports``.

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
        audit_action = "carrier.imported"    # one audit event per import; the spec then
                                             # inherits procura.audit.imports.AuditedImport

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
``save`` (the writes), ``audit`` (the event; ``AuditedImport`` records it).

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

from procura.core.csv_io.api import (
    ImportQuerySerializer,
    ImportReportSerializer,
    ImportRowErrorSerializer,
    ImportUploadSerializer,
)
from procura.core.csv_io.bulk import bulk_insert_rows, bulk_update_rows
from procura.core.csv_io.parsers import (
    Parser,
    boolean,
    choice,
    decimal,
    integer,
    iso_date,
    lookup,
    text,
)
from procura.core.csv_io.reading import parse_rows, read_text, restore_formula
from procura.core.csv_io.run import run_import
from procura.core.csv_io.spec import (
    Column,
    ImportRejected,
    ImportReport,
    ImportSpec,
    ParsedRow,
    RowError,
)
from procura.core.exports.renderers import CsvRenderer
from procura.core.exports.writers import ExportColumn, csv_response

__all__ = [
    "Column",
    "CsvRenderer",
    "ExportColumn",
    "ImportQuerySerializer",
    "ImportRejected",
    "ImportReport",
    "ImportReportSerializer",
    "ImportRowErrorSerializer",
    "ImportSpec",
    "ImportUploadSerializer",
    "ParsedRow",
    "Parser",
    "RowError",
    "boolean",
    "bulk_insert_rows",
    "bulk_update_rows",
    "choice",
    "csv_response",
    "decimal",
    "integer",
    "iso_date",
    "lookup",
    "parse_rows",
    "read_text",
    "restore_formula",
    "run_import",
    "text",
]
