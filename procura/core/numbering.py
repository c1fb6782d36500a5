"""Human document numbers, unique and gap-free per type and year: PO-2026-000045."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from procura.core.models import DocumentSequence

NUMBER_WIDTH = 6


def format_number(prefix: str, year: int, value: int) -> str:
    return f"{prefix}-{year}-{value:0{NUMBER_WIDTH}d}"


def next_document_number(prefix: str, *, on: date | None = None) -> str:
    """Take the next number for ``prefix`` in the year of ``on`` (today by default).

    Must run inside the transaction that saves the document: the sequence row stays locked until
    that transaction ends, and rolling it back returns the number.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_document_number must be called inside transaction.atomic()")
    year = (on or timezone.localdate()).year
    sequence = DocumentSequence.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if sequence is None:
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(prefix=prefix, year=year, last_value=0)
        except IntegrityError:
            pass  # created concurrently; lock the existing row below
        sequence = DocumentSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return format_number(prefix, year, sequence.last_value)
