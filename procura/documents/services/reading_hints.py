"""What the reader learned about a supplier's invoices: taught by approved values, forgotten on
a person's request.

Corrections teach in ``corrections.document_correct``. An approved invoice teaches as well: a
value the reader read right but without being sure (or through a hint learned before), that a
person left as it was, is where this supplier prints that field. Finance sees each lesson with
its origin and may forget one field's or all of them; the reader then reads that supplier's next
invoices as it would without them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.documents.extraction.hints import (
    CONFIRMED,
    CORRECTED,
    LEARNABLE_FIELDS,
    Origin,
    confirmed_values,
    forget,
    remember,
)
from procura.documents.extraction.parsing import Notation
from procura.documents.models import Document, SupplierHint


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def supplier_hints_learn(
    *, document: Document, supplier_ref: int, values: dict[str, Any], by: Any, how: str
) -> None:
    """Add what ``values`` (field -> the value a person gave or approved) teach about where
    ``document``'s supplier prints them. The caller holds a transaction; locks the supplier's
    hint row."""
    if not document.layout or not set(LEARNABLE_FIELDS) & values.keys():
        return
    notation = Notation((document.extraction or {}).get("notation", Notation.US))
    origin = Origin(
        document=document.pk,
        at=timezone.now().isoformat(),
        by=by.pk if getattr(by, "is_authenticated", False) else None,
        how=how,
    )
    row, _ = SupplierHint.objects.select_for_update().get_or_create(supplier_ref=supplier_ref)
    row.examples = remember(row.examples, document.layout, values, notation, origin)
    if how == CORRECTED:
        row.corrections += 1
    row.save()


@transaction.atomic
def document_confirm(
    *, document: Document, supplier_ref: int, values: dict[str, Any], by: Any
) -> list[str]:
    """A person approved the invoice read from ``document`` with ``values``: the fields read
    right without certainty teach the supplier's hints (see ``hints.confirmed_values``). Returns
    them. Locks the supplier's hint row."""
    if document.extraction is None:
        return []
    approved = {name: _text(value) for name, value in values.items()}
    corrected = ((document.corrections or {}).get("fields") or {}).keys()
    confirmed = confirmed_values(document.extraction.get("fields") or {}, approved, corrected)
    if confirmed:
        supplier_hints_learn(
            document=document, supplier_ref=supplier_ref, values=confirmed, by=by, how=CONFIRMED
        )
    return sorted(confirmed)


@transaction.atomic
def supplier_hints_forget(*, supplier_ref: int, field: str | None = None) -> list[str]:
    """Forget what was learned of one field (all fields when None) of a supplier's invoices;
    the fields forgotten. The caller records who asked. Locks the supplier's hint row."""
    row = SupplierHint.objects.select_for_update().filter(supplier_ref=supplier_ref).first()
    if row is None:
        return []
    row.examples, forgotten = forget(row.examples, field)
    if field is None:
        row.corrections = 0
    if row.examples or row.corrections:
        row.save()
    else:
        row.delete()
    return forgotten
