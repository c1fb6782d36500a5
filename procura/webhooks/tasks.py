from __future__ import annotations

from datetime import timedelta
from typing import Any

from celery import shared_task
from django.utils import timezone

from procura.webhooks.models import DeliveryStatus
from procura.webhooks.services import deliveries_due, delivery_attempt


@shared_task(name="procura.webhooks.tasks.deliver_webhook_task")
def deliver_webhook_task(delivery_id: str) -> dict[str, Any]:
    """One attempt; when it is to be retried, the next attempt is scheduled for its time (and
    the sweeper picks it up should that message be lost)."""
    delivery = delivery_attempt(delivery_id=delivery_id)
    if delivery is None:
        return {"attempted": False}
    if delivery.status == DeliveryStatus.RETRYING and delivery.next_attempt_at is not None:
        wait = max(timedelta(0), delivery.next_attempt_at - timezone.now())
        deliver_webhook_task.apply_async(args=(delivery_id,), countdown=wait.total_seconds())
    return {"attempted": True, "status": delivery.status}


@shared_task(name="procura.webhooks.tasks.sweep_webhooks_task")
def sweep_webhooks_task() -> dict[str, int]:
    """Attempt every delivery that is due (retries whose message was lost, sends a dead
    worker left)."""
    due = deliveries_due()
    for delivery_id in due:
        deliver_webhook_task.delay(delivery_id)
    return {"queued": len(due)}
