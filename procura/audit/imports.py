"""The audit event of a committed CSV import (one per import, in its transaction)."""

from __future__ import annotations

from typing import Any

from procura.audit.services import audit_record
from procura.core.csv_io.spec import ImportReport


class AuditedImport:
    """Mix into an ``ImportSpec`` that sets ``audit_action``."""

    def audit(self, report: ImportReport) -> None:
        spec: Any = self  # an ImportSpec
        audit_record(
            actor=spec.actor,
            action=spec.audit_action,
            object_type=spec.model._meta.label_lower,
            object_repr=f"CSV import of {report.rows} rows",
            data=report.counts(),
        )
