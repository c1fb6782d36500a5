"""Forgetting what the invoice reader learned about a supplier's invoices, on a person's word."""

from __future__ import annotations

from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.documents.services.reading_hints import supplier_hints_forget
from procura.partners.models import Supplier


@transaction.atomic
def supplier_reading_hints_reset(
    *, supplier: Supplier, by: User | None, field: str | None = None
) -> list[str]:
    """Forget the reader's lessons for one field of ``supplier``'s invoices (all fields when
    None); the supplier's history records which were forgotten, by whom. Forgetting nothing
    records nothing. Locks the supplier's hint row."""
    forgotten = supplier_hints_forget(supplier_ref=supplier.pk, field=field)
    if forgotten:
        audit_record(
            actor=by,
            action="supplier.reading_hints_reset",
            obj=supplier,
            data={"fields": forgotten},
        )
    return forgotten
