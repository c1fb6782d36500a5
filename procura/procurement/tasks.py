"""Background work of procure-to-pay: approval notices, reminders and escalation."""

from __future__ import annotations

import logging
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.utils import timezone

from procura.accounts.models import User
from procura.jobs.tasks import TrackedTask
from procura.notifications.inbox import inbox_post_to_emails
from procura.partners.models import Contact
from procura.procurement.models import ApprovalStep, PurchaseOrder, PurchaseOrderStatus
from procura.procurement.pdf import render_purchase_order_pdf

logger = logging.getLogger(__name__)

NOTICE_SUBJECTS = {
    "assigned": "Approval needed: {number} {title}",
    "reminder": "Reminder, approval pending: {number} {title}",
    "rejected": "Your request {number} was rejected",
    "returned": "Your request {number} was returned for changes",
}


def _recipients(step: ApprovalStep, event: str) -> list[str]:
    if event in {"rejected", "returned"}:
        return [step.request.requester.email]
    people = [person for person in (step.approver, step.delegate) if person is not None]
    if not people and step.role:
        people = list(User.objects.filter(groups__name=step.role, is_active=True))
    return [person.email for person in people if person.email]


@shared_task(
    base=TrackedTask,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def send_approval_notice_task(step_id: int, event: str) -> int:
    """E-mail the people concerned by ``event`` on an approval step. Returns mails sent."""
    step = (
        ApprovalStep.objects.select_related("request__requester", "approver", "delegate")
        .filter(pk=step_id)
        .first()
    )
    if step is None or event not in NOTICE_SUBJECTS:
        return 0
    request = step.request
    recipients = _recipients(step, event)
    if not recipients:
        return 0
    subject = NOTICE_SUBJECTS[event].format(number=request.number, title=request.title)
    body = (
        f"{request.number} {request.title}\n"
        f"Requested by {request.requester.full_name}, total {request.total} {request.currency}.\n"
        f"{step.comment}\n"
    )
    sent = send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    # the in-app copy, after the mail went (a retried task posts it once)
    inbox_post_to_emails(
        emails=recipients,
        title=subject,
        body=body,
        object_type="purchase_request",
        object_id=str(request.pk),
    )
    return sent


@shared_task
def follow_up_approvals_task() -> dict[str, int]:
    """Beat: remind approvers of steps pending past the reminder delay, escalate past the
    escalation delay. Each step is handled in its own transaction."""
    from procura.procurement.services.approvals import (
        approval_step_follow_up,
        approval_steps_due_for_follow_up,
    )

    counts: dict[str, int] = {"escalated": 0, "reminded": 0, "delegated": 0}
    for step_id in approval_steps_due_for_follow_up():
        outcome = approval_step_follow_up(step_id=step_id)
        if outcome:
            counts[outcome] += 1
    logger.info("approval follow-up", extra=counts)
    return counts


NO_PRIMARY_CONTACT = "The supplier has no active primary contact with an e-mail address."


@shared_task(
    base=TrackedTask,
    autoretry_for=(ConnectionError, TimeoutError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_purchase_order_task(order_id: int, revision: int) -> bool:
    """E-mail the PDF of ``order_id`` at ``revision`` to the supplier's primary contact and
    record the outcome on the order. Idempotent: a revision already sent, or superseded by a
    later one, is not sent (again). A failure to send is recorded, then retried."""
    order = PurchaseOrder.objects.select_related("supplier", "ship_to").filter(pk=order_id).first()
    if (
        order is None
        or order.revision != revision
        or order.mailed_revision == revision
        or order.status == PurchaseOrderStatus.CANCELLED
    ):
        return False
    contact = Contact.objects.filter(
        supplier_id=order.supplier_id, is_primary=True, is_active=True
    ).first()
    if contact is None or not contact.email:
        PurchaseOrder.objects.filter(pk=order.pk).update(last_mail_error=NO_PRIMARY_CONTACT)
        return False
    subject = f"Purchase order {order.number}"
    if revision:
        subject += f" (revision {revision})"
    message = EmailMessage(
        subject=subject,
        body=(
            f"Dear {contact.name},\n\nPlease find attached our purchase order {order.number}"
            f" for {order.total} {order.currency}.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[contact.email],
    )
    message.attach(f"{order.number}.pdf", render_purchase_order_pdf(order), "application/pdf")
    try:
        message.send()
    except (ConnectionError, TimeoutError, OSError) as exc:
        PurchaseOrder.objects.filter(pk=order.pk).update(last_mail_error=str(exc)[:300])
        raise
    PurchaseOrder.objects.filter(pk=order.pk, revision=revision).update(
        last_mailed_at=timezone.now(), mailed_revision=revision, last_mail_error=""
    )
    return True


@shared_task
def archive_closed_orders_task() -> int:
    """Beat, monthly: archive orders closed more than twelve months ago."""
    from procura.procurement.services.archive import purchase_orders_archive

    return purchase_orders_archive()


def _spend_lines(title: str, rows: list[tuple[str, str, Decimal]]) -> list[str]:
    lines = [title]
    lines += [f"  {label}: {total} {currency}" for label, currency, total in rows] or ["  none"]
    return lines


@shared_task
def send_daily_spend_summary_task(day: str | None = None) -> int:
    """Beat, daily: e-mail finance the previous day's spend by department, supplier and
    category. Returns the number of mails sent (0 when finance has no one with an address)."""
    from datetime import date, timedelta

    from procura.procurement.selectors.spend import spend_summary

    on = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    summary = spend_summary(day=on)
    recipients = list(
        User.objects.filter(groups__name="finance", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    body = "\n".join(
        [
            f"Spend on {on.isoformat()} (orders issued that day)",
            "",
            *_spend_lines("By department:", summary.by_department),
            *_spend_lines("By supplier:", summary.by_supplier),
            *_spend_lines("By category:", summary.by_category),
        ]
    )
    return send_mail(
        f"Daily spend summary {on.isoformat()}", body, settings.DEFAULT_FROM_EMAIL, recipients
    )


@shared_task
def draft_reorders_task() -> dict[str, int]:
    """Beat: draft orders or requests for low stock, per the reorder rules' policies."""
    from procura.procurement.services.reorder import reorder_scheduled

    result = reorder_scheduled()
    counts = {"orders": len(result.orders), "requests": len(result.requests)}
    logger.info("reorder drafts", extra=counts)
    return counts
