"""Low-stock alerts: one per (product, location) and day at or below the reorder point."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from procura.inventory.models import LowStockAlert
from procura.inventory.selectors import low_stock_list


@transaction.atomic
def low_stock_alerts_record(*, on: date | None = None) -> int:
    """Record today's (or ``on``'s) alerts. Idempotent per day: pairs already alerted that day
    are skipped and the (product, location, day) unique constraint absorbs a concurrent run.
    Returns how many alerts were added."""
    day = on or timezone.localdate()
    existing = set(
        LowStockAlert.objects.filter(alert_date=day).values_list("product_id", "location_id")
    )
    alerts = [
        LowStockAlert(
            product_id=rule.product_id,
            location_id=rule.location_id,
            alert_date=day,
            on_hand=rule.on_hand,  # type: ignore[attr-defined]
            reorder_point=rule.reorder_point,
            reorder_quantity=rule.reorder_quantity,
        )
        for rule in low_stock_list()
        if (rule.product_id, rule.location_id) not in existing
    ]
    LowStockAlert.objects.bulk_create(alerts, ignore_conflicts=True)
    return len(alerts)
