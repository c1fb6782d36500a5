"""Reads of supplier debit notes."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from procura.procurement.models import SupplierDebitNote, SupplierDebitNoteLine, SupplierPayment


def debit_note_list() -> QuerySet[SupplierDebitNote]:
    """Debit notes with their lines and the invoices they were applied to (constant queries)."""
    return SupplierDebitNote.objects.select_related(
        "supplier", "order", "receipt"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=SupplierDebitNoteLine.objects.select_related("order_line").order_by("id"),
        ),
        Prefetch(
            "applications",
            queryset=SupplierPayment.objects.select_related("invoice").order_by("paid_on", "id"),
        ),
    )
