"""Delivery runs in workers, after the transaction that queued it has committed."""

from __future__ import annotations

from celery import shared_task

from procura.jobs.tasks import TrackedTask
from procura.notifications.models import NotificationLog
from procura.notifications.services import AttemptOutcome, notification_attempt, retry_delay


@shared_task(base=TrackedTask, bind=True, max_retries=None, acks_late=True)
def deliver_notification_task(self: TrackedTask, log_id: int) -> str:
    """Try once; on a transient failure try again later with exponential backoff (the log
    counts the attempts and stops the retries). Run in-process (no broker), the tries follow
    each other at once: there is no queue to wait in."""
    outcome = notification_attempt(log_id=log_id)
    while outcome == AttemptOutcome.RETRY and self.request.is_eager:
        outcome = notification_attempt(log_id=log_id)
    if outcome == AttemptOutcome.RETRY:
        attempts = NotificationLog.objects.filter(pk=log_id).values_list("attempts", flat=True)
        raise self.retry(countdown=retry_delay(attempts.first() or 1))
    return str(outcome)
