"""Dry run and commit of an import: all rows or none, in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from procura.core.csv_io.reading import parse_rows, read_text
from procura.core.csv_io.spec import ImportRejected, ImportReport, ImportSpec, M, ParsedRow
from procura.core.errors import Conflict

CHANGED_DURING_IMPORT = "The data changed while the file was imported; import it again."


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
