"""Queue and deliver notifications.

``notification_queue`` renders a template for each channel the recipient can be reached on,
writes one ``NotificationLog`` row per channel and queues delivery for after the surrounding
transaction commits (a rolled-back order sends nothing). ``notification_attempt`` makes one
delivery attempt and records it; the Celery task around it retries with exponential backoff.

The domain that queued a message can follow it: ``outcome_handler`` (a dotted path, like the
attachment loader) is called with the log after every attempt, in the attempt's transaction
(a purchase order records when its PDF went, or why it did not); ``notifications_withdraw``
withdraws what is still pending (a superseded revision is never sent).

An SMS goes through the circuit breaker of the SMS gateway: while it is open the gateway is not
called, and an SMS that cannot be sent (breaker open or tries used up) goes by e-mail instead
when the log has a fallback address.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string

from procura.jobs.services import enqueue
from procura.notifications.breaker import CircuitBreaker
from procura.notifications.channels import (
    Attachment,
    Message,
    PermanentDeliveryError,
    TransientDeliveryError,
    backend_for,
)
from procura.notifications.inbox import inbox_post_to_emails
from procura.notifications.models import Channel, DeliveryStatus, NotificationLog

CIRCUIT_OPEN = "SMS gateway circuit open; not called."

_suppressed: ContextVar[bool] = ContextVar("notifications_suppressed", default=False)


@contextmanager
def notifications_suppressed() -> Iterator[None]:
    """Queue nothing inside this block (demo data and bulk imports tell no customer)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


class AttemptOutcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"
    DONE = "done"


def sms_breaker() -> CircuitBreaker:
    return CircuitBreaker(
        "sms-gateway",
        threshold=settings.NOTIFICATIONS_BREAKER_THRESHOLD,
        cooldown=settings.NOTIFICATIONS_BREAKER_COOLDOWN_SECONDS,
    )


def render(template: str, part: str, context: Mapping[str, Any]) -> str:
    return render_to_string(f"notifications/{template}.{part}.txt", dict(context)).strip()


def _dispatch_on_commit(log: NotificationLog) -> None:
    from procura.notifications.tasks import deliver_notification_task

    enqueue(deliver_notification_task, log.pk)


def notification_queue(
    *,
    template: str,
    context: Mapping[str, Any],
    email: str = "",
    phone: str = "",
    object_type: str = "",
    object_id: str = "",
    attachment_loader: str = "",
    attachment_args: Sequence[Any] = (),
    outcome_handler: str = "",
) -> list[NotificationLog]:
    """One log row per reachable channel (e-mail with any attachment, SMS with the e-mail
    address as its fallback), delivered by a task after commit. Nothing inside
    ``notifications_suppressed()``."""
    if _suppressed.get():
        return []
    subject = render(template, "subject", context)[:200]
    common = {"template": template, "object_type": object_type, "object_id": str(object_id)}
    logs = []
    if email:
        logs.append(
            NotificationLog.objects.create(
                channel=Channel.EMAIL,
                recipient=email,
                subject=subject,
                body=render(template, "email", context),
                attachment_loader=attachment_loader,
                attachment_args=list(attachment_args),
                outcome_handler=outcome_handler,
                **common,
            )
        )
    if phone:
        logs.append(
            NotificationLog.objects.create(
                channel=Channel.SMS,
                recipient=phone,
                subject=subject,
                body=render(template, "sms", context),
                fallback_email=email,
                **common,
            )
        )
    for log in logs:
        _dispatch_on_commit(log)
    if email:
        # the in-app copy, for a recipient who is one of our users
        inbox_post_to_emails(
            emails=[email],
            title=subject,
            body=logs[0].body,
            object_type=object_type,
            object_id=str(object_id),
        )
    return logs


def _attachments(log: NotificationLog) -> list[Attachment]:
    if not log.attachment_loader:
        return []
    loader = import_string(log.attachment_loader)
    return list(loader(*log.attachment_args))


def _fall_back_to_email(log: NotificationLog) -> NotificationLog | None:
    if log.channel != Channel.SMS or not log.fallback_email:
        return None
    fallback = NotificationLog.objects.create(
        channel=Channel.EMAIL,
        recipient=log.fallback_email,
        template=log.template,
        subject=log.subject,
        body=log.body,
        fallback_of=log,
        object_type=log.object_type,
        object_id=log.object_id,
    )
    _dispatch_on_commit(fallback)
    return fallback


def _finish(log: NotificationLog, status: str, error: str = "") -> None:
    log.status = status
    log.error = error[:2000]
    if status == DeliveryStatus.SENT:
        log.sent_at = timezone.now()
    log.save(update_fields=["status", "error", "attempts", "sent_at", "provider_id", "updated_at"])
    _tell(log)


def _tell(log: NotificationLog) -> None:
    if log.outcome_handler:
        import_string(log.outcome_handler)(log)


WITHDRAWN = "Withdrawn before it was sent: {reason}"


@transaction.atomic
def notifications_withdraw(
    *, object_type: str, object_id: str, template: str = "", reason: str
) -> int:
    """Withdraw the messages about an object that are still pending (each ends skipped, with
    the reason); a delivery already under way finishes first (same row lock). Returns how
    many were withdrawn."""
    pending = NotificationLog.objects.select_for_update().filter(
        object_type=object_type, object_id=str(object_id), status=DeliveryStatus.PENDING
    )
    if template:
        pending = pending.filter(template=template)
    count = 0
    for log in pending.order_by("pk"):
        _finish(log, DeliveryStatus.SKIPPED, WITHDRAWN.format(reason=reason))
        count += 1
    return count


@transaction.atomic
def notification_attempt(*, log_id: int) -> AttemptOutcome:
    """One delivery attempt of a pending log (row locked, so two workers never both send).
    A transient failure counts against the breaker and is retried until
    ``NOTIFICATIONS_MAX_ATTEMPTS``; then, or on a permanent failure, the log fails and an SMS
    falls back to e-mail."""
    log = NotificationLog.objects.select_for_update().filter(pk=log_id).first()
    if log is None or log.status != DeliveryStatus.PENDING:
        return AttemptOutcome.DONE
    breaker = sms_breaker() if log.channel == Channel.SMS else None
    if breaker is not None and not breaker.allow():
        _finish(log, DeliveryStatus.SKIPPED, CIRCUIT_OPEN)
        _fall_back_to_email(log)
        return AttemptOutcome.SKIPPED
    log.attempts += 1
    message = Message(
        recipient=log.recipient, subject=log.subject, body=log.body, attachments=_attachments(log)
    )
    try:
        log.provider_id = backend_for(log.channel).send(message)
    except TransientDeliveryError as exc:
        if breaker is not None:
            breaker.record_failure()
        if log.attempts < settings.NOTIFICATIONS_MAX_ATTEMPTS:
            log.error = str(exc)[:2000]
            log.save(update_fields=["attempts", "error", "updated_at"])
            _tell(log)
            return AttemptOutcome.RETRY
        _finish(log, DeliveryStatus.FAILED, str(exc))
        _fall_back_to_email(log)
        return AttemptOutcome.FAILED
    except PermanentDeliveryError as exc:
        _finish(log, DeliveryStatus.FAILED, str(exc))
        _fall_back_to_email(log)
        return AttemptOutcome.FAILED
    if breaker is not None:
        breaker.record_success()
    _finish(log, DeliveryStatus.SENT)
    return AttemptOutcome.SENT


def retry_delay(attempts: int) -> int:
    """Seconds before the next try: base, 2 x base, 4 x base..."""
    return int(settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0))
