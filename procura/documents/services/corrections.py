"""A person's corrections of extracted fields, and the hints they teach for the supplier."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.audit.services import audit_record
from procura.documents import access
from procura.documents.errors import NOT_READY_MESSAGE, Conflict, DocumentErrorCode
from procura.documents.extraction.hints import CORRECTED
from procura.documents.models import Document, DocumentStatus
from procura.documents.services.processing import apply_corrections
from procura.documents.services.reading_hints import supplier_hints_learn


@transaction.atomic
def document_correct(
    *,
    document: Document,
    by: Any,
    fields: dict[str, Any],
    line_items: list[dict[str, Any]] | None = None,
    supplier_id: int | None = None,
) -> Document:
    """Store corrections (they win over any later reprocessing) and learn the supplier's label
    and position hints from them; what is built from the document (a draft supplier invoice) is
    refreshed. Rule: only a processed document can be corrected (409). Locks the document row,
    then the supplier's hint row."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.status != DocumentStatus.PROCESSED or locked.extraction is None:
        raise Conflict(NOT_READY_MESSAGE, code=DocumentErrorCode.NOT_READY)
    before = {name: (locked.extraction["fields"].get(name) or {}).get("value") for name in fields}
    corrections = dict(locked.corrections)
    corrections["fields"] = {**corrections.get("fields", {}), **fields}
    if line_items is not None:
        corrections["line_items"] = line_items
    if supplier_id is not None:
        corrections["supplier_id"] = supplier_id
        locked.supplier_ref = supplier_id
    extraction = dict(locked.extraction)
    extraction["fields"] = dict(extraction["fields"])
    apply_corrections(extraction, corrections)
    locked.corrections = corrections
    locked.extraction = extraction
    locked.corrected_at = timezone.now()
    locked.corrected_by = by
    locked.save()
    if locked.supplier_ref is not None:
        supplier_hints_learn(
            document=locked, supplier_ref=locked.supplier_ref, values=fields, by=by, how=CORRECTED
        )
    access.notify_processed(locked)
    audit_record(
        actor=by,
        action="document.corrected",
        obj=locked,
        changes={name: (before[name], value) for name, value in fields.items()},
    )
    return locked
