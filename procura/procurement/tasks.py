"""Background work of procure-to-pay: approval reminders and escalation, the monthly archive
of closed orders, reorder drafts. Its mail goes through the notifications domain
(procura/procurement/notices.py); the two mail tasks of earlier releases forward to it."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from procura.procurement.models import ApprovalStep, PurchaseOrder, PurchaseOrderStatus
from procura.procurement.notices import (
    APPROVAL_EVENTS,
    notify_approval_step,
    purchase_order_mail_queue,
)
from procura.procurement.services.approvals import (
    approval_step_follow_up,
    approval_steps_due_for_follow_up,
)
from procura.procurement.services.archive import purchase_orders_archive
from procura.procurement.services.reorder import reorder_scheduled

logger = logging.getLogger(__name__)


@shared_task
def follow_up_approvals_task() -> dict[str, int]:
    """Beat: remind approvers of steps pending past the reminder delay, escalate past the
    escalation delay. Each step is handled in its own transaction."""
    counts: dict[str, int] = {"escalated": 0, "reminded": 0, "delegated": 0}
    for step_id in approval_steps_due_for_follow_up():
        outcome = approval_step_follow_up(step_id=step_id)
        if outcome:
            counts[outcome] += 1
    logger.info("approval follow-up", extra=counts)
    return counts


@shared_task
def archive_closed_orders_task() -> int:
    """Beat, monthly: archive orders closed more than twelve months ago."""
    return purchase_orders_archive()


@shared_task
def draft_reorders_task() -> dict[str, int]:
    """Beat: draft orders or requests for low stock, per the reorder rules' policies."""
    result = reorder_scheduled()
    counts = {"orders": len(result.orders), "requests": len(result.requests)}
    logger.info("reorder drafts", extra=counts)
    return counts


# Tasks of releases that sent procurement mail themselves. A message or an outbox record queued
# under these names before an upgrade is handed to the notifications path, so no mail is lost
# (and none is sent twice: the order's revision and mailed revision are checked first).


@shared_task
def send_approval_notice_task(step_id: int, event: str) -> int:
    step = ApprovalStep.objects.select_related("request__requester").filter(pk=step_id).first()
    if step is None or event not in APPROVAL_EVENTS:
        return 0
    with transaction.atomic():
        notify_approval_step(step, event)
    return 1


@shared_task
def send_purchase_order_task(order_id: int, revision: int) -> bool:
    with transaction.atomic():
        order = PurchaseOrder.objects.select_for_update().filter(pk=order_id).first()
        if (
            order is None
            or order.revision != revision
            or order.mailed_revision == revision
            or order.status == PurchaseOrderStatus.CANCELLED
        ):
            return False
        return purchase_order_mail_queue(order) is not None
