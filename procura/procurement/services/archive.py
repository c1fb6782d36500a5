"""Archiving of old closed purchase orders: out of default lists, still readable."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from procura.audit.services import audit_record
from procura.procurement.models import PurchaseOrder, PurchaseOrderStatus

ARCHIVE_AFTER = timedelta(days=365)


@transaction.atomic
def purchase_orders_archive(*, now: datetime | None = None) -> int:
    """Archive the orders closed more than twelve months ago; returns how many. One
    conditional UPDATE, so running it twice archives nothing twice."""
    now = now or timezone.now()
    candidates = PurchaseOrder.objects.filter(
        status=PurchaseOrderStatus.CLOSED,
        closed_at__lt=now - ARCHIVE_AFTER,
        archived_at__isnull=True,
    )
    numbers = list(candidates.values_list("number", flat=True)[:10_000])
    archived = candidates.filter(number__in=numbers).update(archived_at=now)
    if archived:
        audit_record(
            actor=None,
            action="purchase_order.archived",
            object_type="procurement.purchaseorder",
            data={"count": archived, "numbers": numbers[:100]},
        )
    return archived
