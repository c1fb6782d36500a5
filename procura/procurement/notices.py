"""What procure-to-pay tells people, through the notifications domain (templates, delivery log,
retries, the outbox): approval notices to approvers and requesters, and the purchase order PDF
to the supplier's primary contact, whose delivery is recorded on the order."""

from __future__ import annotations

from procura.accounts.models import User
from procura.notifications.models import DeliveryStatus, NotificationLog
from procura.notifications.services import notification_queue, notifications_withdraw
from procura.partners.models import Contact
from procura.procurement.models import ApprovalStep, PurchaseOrder
from procura.procurement.pdf import render_purchase_order_pdf

APPROVAL_EVENTS = ("assigned", "reminder", "rejected", "returned")
ORDER_TEMPLATE = "procurement/purchase_order"
ORDER_OBJECT = "procurement.purchaseorder"
ORDER_PDF_LOADER = "procura.procurement.notices.purchase_order_pdf_attachments"
ORDER_MAIL_OUTCOME = "procura.procurement.notices.purchase_order_mail_outcome"
NO_PRIMARY_CONTACT = "The supplier has no active primary contact with an e-mail address."
SUPERSEDED = "revision {revision} replaced it"
CANCELLED = "the order was cancelled"


def _approval_recipients(step: ApprovalStep, event: str) -> list[User]:
    if event in {"rejected", "returned"}:
        return [step.request.requester]
    people = [person for person in (step.approver, step.delegate) if person is not None]
    if not people and step.role:
        people = list(User.objects.filter(groups__name=step.role, is_active=True).order_by("pk"))
    return people


def notify_approval_step(step: ApprovalStep, event: str) -> None:
    """Tell the approver (or delegate, or everyone holding the step's role) that a request
    waits for them, or the requester that it was rejected or returned. Queued in the caller's
    transaction, sent after commit."""
    if event not in APPROVAL_EVENTS:
        raise ValueError(f"unknown approval event {event!r}")
    request = step.request
    for person in _approval_recipients(step, event):
        if not person.email:
            continue
        notification_queue(
            template=f"procurement/approval_{event}",
            context={"request": request, "step": step, "person": person},
            email=person.email,
            object_type="procurement.purchaserequest",
            object_id=str(request.pk),
        )


def _primary_contact(order: PurchaseOrder) -> Contact | None:
    return (
        Contact.objects.filter(supplier_id=order.supplier_id, is_primary=True, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .first()
    )


def purchase_order_mail_queue(order: PurchaseOrder) -> NotificationLog | None:
    """Queue the PDF of the order's current revision to the supplier's primary contact and
    withdraw the mail of an earlier revision not sent yet. Without a contact the problem is
    recorded on the order. The caller holds the order's row lock."""
    notifications_withdraw(
        object_type=ORDER_OBJECT,
        object_id=str(order.pk),
        template=ORDER_TEMPLATE,
        reason=SUPERSEDED.format(revision=order.revision),
    )
    contact = _primary_contact(order)
    if contact is None:
        PurchaseOrder.objects.filter(pk=order.pk).update(last_mail_error=NO_PRIMARY_CONTACT)
        order.last_mail_error = NO_PRIMARY_CONTACT
        return None
    logs = notification_queue(
        template=ORDER_TEMPLATE,
        context={"order": order, "contact": contact, "supplier": order.supplier},
        email=contact.email,
        object_type=ORDER_OBJECT,
        object_id=str(order.pk),
        attachment_loader=ORDER_PDF_LOADER,
        attachment_args=[order.pk, order.revision],
        outcome_handler=ORDER_MAIL_OUTCOME,
    )
    return logs[0] if logs else None


def purchase_order_mail_withdraw(order: PurchaseOrder) -> int:
    """A cancelled order's mail not yet sent is never sent."""
    return notifications_withdraw(
        object_type=ORDER_OBJECT, object_id=str(order.pk), template=ORDER_TEMPLATE, reason=CANCELLED
    )


def purchase_order_pdf_attachments(order_id: int, revision: int) -> list[tuple[str, bytes, str]]:
    """The attachment, rendered by the notification worker at send time."""
    order = PurchaseOrder.objects.select_related("supplier", "ship_to").get(pk=order_id)
    return [(f"{order.number}.pdf", render_purchase_order_pdf(order), "application/pdf")]


def purchase_order_mail_outcome(log: NotificationLog) -> None:
    """Record on the order when the PDF of a revision went, or why it has not (yet)."""
    order_id, revision = log.attachment_args
    orders = PurchaseOrder.objects.filter(pk=order_id)
    if log.status == DeliveryStatus.SENT:
        orders.filter(revision=revision).update(
            last_mailed_at=log.sent_at, mailed_revision=revision, last_mail_error=""
        )
    elif log.error and log.status != DeliveryStatus.SKIPPED:
        orders.update(last_mail_error=log.error[:300])
