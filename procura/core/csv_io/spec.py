"""How a CSV file maps to a model (``ImportSpec``) and what an import reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from procura.core.csv_io.bulk import bulk_insert_rows, bulk_update_rows
from procura.core.csv_io.parsers import Parser
from procura.core.errors import InvalidInput

M = TypeVar("M", bound=models.Model)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 100_000
KEY_CHUNK = 2_000
BATCH_SIZE = 1_000

REJECTED = "The file has {count} errors; nothing was imported."


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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.audit_action and cls.audit is ImportSpec.audit:
            raise TypeError(f"{cls.__name__} names an audit action but records no audit event.")

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
        """Record the committed import in the audit trail, inside its transaction. Core knows
        no audit trail: a spec with an ``audit_action`` inherits
        ``procura.audit.imports.AuditedImport``, which implements this."""

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
