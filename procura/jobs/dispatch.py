"""Sending recorded tasks to the broker, and the sweeper that sends what was left behind.

``dispatch_record`` runs after the transaction that wrote a ``TaskRecord`` commits. When the
broker is down or stalled it gives up quickly (short publish timeouts, no long retry loop) and
leaves the record unsent; after a failure it does not even try for ``BROKER_BACKOFF_SECONDS``,
so a broker outage costs a request nothing. ``sweep`` (every 15 s from beat) then:

* sends records that were never sent (broker was away, or the process died before sending);
* re-sends records whose worker stopped showing life (killed mid-task, machine lost): a running
  tracked task beats every ``HEARTBEAT_SECONDS``, and a record silent for ``STALE_SECONDS`` is
  taken as dead -- up to ``MAX_ATTEMPTS`` runs, then it is marked failed with a clear error;
* re-sends records sent long ago but never started (a broker restarted without its queue).

Redelivery is safe: a tracked task that already succeeded returns its stored result, and a run
only starts when it can claim the record (``task_record_claim``).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from procura.jobs.models import TaskRecord, TaskState
from procura.jobs.services import REQUEST_ID_HEADER, RUNNING_STATES

logger = logging.getLogger("procura.jobs")

WORKER_LOST = (
    "The worker running this task stopped {count} times before it finished; start it again."
)
UNSENT_GRACE = timedelta(seconds=10)
SWEEP_BATCH = 500


def heartbeat_seconds() -> float:
    return float(settings.JOBS_HEARTBEAT_SECONDS)


def stale_after() -> timedelta:
    return timedelta(seconds=settings.JOBS_STALE_SECONDS)


class _BrokerBackoff:
    """Process-wide: after a failed publish, skip publishing for a few seconds (the sweeper
    sends those records once the broker answers again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self._until

    def trip(self) -> None:
        with self._lock:
            self._until = time.monotonic() + float(settings.JOBS_BROKER_BACKOFF_SECONDS)

    def reset(self) -> None:
        with self._lock:
            self._until = 0.0


broker_backoff = _BrokerBackoff()


def _send(record: TaskRecord) -> None:
    from procura.celery import app

    app.send_task(
        record.task_name or record.name,
        args=list(record.task_args or []),
        kwargs=dict(record.task_kwargs or {}),
        task_id=str(record.pk),
        headers={REQUEST_ID_HEADER: record.request_id},
    )


def dispatch_record(record: TaskRecord) -> bool:
    """Send one recorded task; True when the broker took it. In-process (no broker) the task
    runs here and now."""
    from procura.celery import app

    if app.conf.task_always_eager:
        _run_in_process(record)
        return True
    if broker_backoff.is_open():
        return False
    try:
        _send(record)
    except Exception as exc:  # any broker or network fault: the sweeper sends it later
        broker_backoff.trip()
        logger.warning(
            "Broker unavailable; task left for the sweeper",
            extra={"task_id": str(record.pk), "task": record.task_name, "error": repr(exc)},
        )
        return False
    TaskRecord.objects.filter(pk=record.pk, dispatched_at__isnull=True).update(
        dispatched_at=timezone.now()
    )
    return True


def _run_in_process(record: TaskRecord) -> None:
    from procura.celery import app

    task = app.tasks[record.task_name or record.name]
    TaskRecord.objects.filter(pk=record.pk).update(dispatched_at=timezone.now())
    task.apply_async(
        args=tuple(record.task_args or ()),
        kwargs=dict(record.task_kwargs or {}),
        task_id=str(record.pk),
        headers={REQUEST_ID_HEADER: record.request_id},
    )


@dataclass
class SweepOutcome:
    sent: int = 0
    resent_stale: int = 0
    resent_lost: int = 0
    failed: int = 0
    broker_down: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "resent_stale": self.resent_stale,
            "resent_lost": self.resent_lost,
            "failed": self.failed,
            "broker_down": self.broker_down,
        }


def _resend(record: TaskRecord, outcome: SweepOutcome) -> bool:
    try:
        _send(record)
    except Exception as exc:  # the broker is away: stop, the next sweep tries again
        outcome.broker_down = True
        logger.warning("Sweeper could not reach the broker", extra={"error": repr(exc)})
        return False
    return True


def sweep() -> SweepOutcome:
    """One pass of the sweeper; see the module docstring. Rows are locked with SKIP LOCKED, so
    two sweepers never send the same record twice in one pass."""
    outcome = SweepOutcome()
    now = timezone.now()
    broker_backoff.reset()
    with transaction.atomic():
        unsent = (
            TaskRecord.objects.select_for_update(skip_locked=True)
            .filter(state=TaskState.PENDING, dispatched_at__isnull=True)
            .filter(created_at__lt=now - UNSENT_GRACE)
            .exclude(task_name="")
            .order_by("created_at")[:SWEEP_BATCH]
        )
        if not _send_all(unsent, outcome, "sent"):
            return outcome
    with transaction.atomic():
        stale = (
            TaskRecord.objects.select_for_update(skip_locked=True)
            .filter(state__in=RUNNING_STATES)
            .filter(Q(heartbeat_at__lt=now - stale_after()) | Q(heartbeat_at__isnull=True))
            .filter(updated_at__lt=now - stale_after())
            .exclude(task_name="")
            .order_by("heartbeat_at")[:SWEEP_BATCH]
        )
        for record in stale:
            if record.attempts >= settings.JOBS_MAX_ATTEMPTS:
                TaskRecord.objects.filter(pk=record.pk).update(
                    state=TaskState.FAILED,
                    error=WORKER_LOST.format(count=record.attempts),
                    finished_at=now,
                    updated_at=now,
                )
                logger.error(
                    "Task abandoned after its workers stopped",
                    extra={"task_id": str(record.pk), "task": record.task_name},
                )
                outcome.failed += 1
                continue
            if not _resend(record, outcome):
                return outcome
            # Pending again: the next run claims it; the heartbeat stays stale meanwhile.
            TaskRecord.objects.filter(pk=record.pk).update(
                state=TaskState.PENDING, dispatched_at=timezone.now(), step="re-queued"
            )
            logger.warning(
                "Task re-queued after its worker stopped",
                extra={"task_id": str(record.pk), "task": record.task_name},
            )
            outcome.resent_stale += 1
    lost_after = timedelta(seconds=settings.JOBS_LOST_AFTER_SECONDS)
    with transaction.atomic():
        lost = (
            TaskRecord.objects.select_for_update(skip_locked=True)
            .filter(
                Q(state=TaskState.PENDING, dispatched_at__lt=now - lost_after)
                | Q(state=TaskState.RETRYING, updated_at__lt=now - lost_after)
            )
            .exclude(task_name="")
            .order_by("dispatched_at")[:SWEEP_BATCH]
        )
        _send_all(lost, outcome, "resent_lost")
    return outcome


def _send_all(records: Any, outcome: SweepOutcome, counter: str) -> bool:
    """Send each record, marking it sent; False (and stop) when the broker is away."""
    for record in records:
        if not _resend(record, outcome):
            return False
        TaskRecord.objects.filter(pk=record.pk).update(dispatched_at=timezone.now())
        setattr(outcome, counter, getattr(outcome, counter) + 1)
    return True
