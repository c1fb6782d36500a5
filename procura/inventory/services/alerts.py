"""Low-stock alerts: one per (product, location) and day at or below the reorder point."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from procura.audit.services import audit_record
from procura.inventory.models import LowStockAlert
from procura.inventory.selectors import low_stock_list


@transaction.atomic
def low_stock_alerts_record(*, on: date | None = None) -> int:
    """Record today's (or ``on``'s) alerts. Idempotent per day: pairs already alerted that day
    are skipped and the (product, location, day) unique constraint absorbs a concurrent run.
    Returns how many alerts were added. Each new alert is recorded in the audit trail."""
    day = on or timezone.localdate()
    existing = set(
        LowStockAlert.objects.filter(alert_date=day).values_list("product_id", "location_id")
    )
    rules = {(rule.product_id, rule.location_id): rule for rule in low_stock_list()}
    alerts = [
        LowStockAlert(
            product_id=rule.product_id,
            location_id=rule.location_id,
            alert_date=day,
            on_hand=rule.on_hand,  # type: ignore[attr-defined]
            reorder_point=rule.reorder_point,
            reorder_quantity=rule.reorder_quantity,
        )
        for rule in rules.values()
        if (rule.product_id, rule.location_id) not in existing
    ]
    LowStockAlert.objects.bulk_create(alerts, ignore_conflicts=True)
    for alert in alerts:
        # The event that webhooks offer as stock.below_reorder_point.
        rule = rules.get((alert.product_id, alert.location_id))
        audit_record(
            actor=None,
            action="stock.below_reorder_point",
            object_type="inventory.stocklevel",
            object_id=f"{alert.product_id}:{alert.location_id}",
            object_repr=(f"{rule.product.sku} at {rule.location.code}" if rule is not None else "")[
                :200
            ],
            data={
                "product": str(alert.product_id),
                "location": alert.location_id,
                "on_hand": str(alert.on_hand),
                "reorder_point": str(alert.reorder_point),
                "reorder_quantity": str(alert.reorder_quantity),
                "day": day.isoformat(),
            },
        )
    return len(alerts)
