"""Starting background tasks and recording what happens to them.

Domains start long work with ``start_task`` and write their task with ``base=TrackedTask``
(see ``procura.jobs.tasks``); the task's state, progress and outcome land on its ``TaskRecord``,
which ``GET /api/v1/tasks/{id}/`` shows to its owner.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from celery import Task
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from procura.core.errors import DomainError
from procura.core.json_values import canonical_json
from procura.core.request_context import get_request_id
from procura.jobs.models import TaskRecord, TaskState

RUNNING_STATES = (TaskState.STARTED, TaskState.PROGRESS)

logger = logging.getLogger("procura.jobs")

UNEXPECTED_FAILURE = "The task failed unexpectedly ({kind}); the error has been logged."
MAX_ERROR_LENGTH = 2000
MAX_STEP_LENGTH = 200
# Task message header carrying the id of the request that started the task, for its logs.
REQUEST_ID_HEADER = "procura_request_id"


@transaction.atomic
def start_task(
    task: Task,
    *,
    owner: Any,
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    name: str = "",
) -> TaskRecord:
    """Record the task in the caller's transaction (the outbox) and send it to the broker once
    that transaction commits, so the worker always finds the record and the rows the caller
    wrote. The record's id is the Celery task id. Arguments must be JSON-serialisable.

    A broker that is down or stalled never turns the caller's committed change into an error:
    the record stays unsent and the sweeper (``procura.jobs.dispatch.sweep``) sends it later."""
    owner_id = owner.pk if owner is not None and getattr(owner, "is_authenticated", False) else None
    record = TaskRecord.objects.create(
        id=uuid.uuid4(),
        name=name or str(task.name),
        owner_id=owner_id,
        state=TaskState.PENDING,
        task_name=str(task.name),
        task_args=list(args),
        task_kwargs=dict(kwargs or {}),
        request_id=get_request_id()[:64],
    )
    from procura.jobs.dispatch import dispatch_record

    # robust: in-process (eager) a failing task must not fail the request that started it.
    transaction.on_commit(lambda: dispatch_record(record), robust=True)
    return record


def enqueue(task: Task, *args: Any, **kwargs: Any) -> TaskRecord:
    """``task.delay(*args, **kwargs)`` through the outbox: recorded now, sent on commit, sent
    again by the sweeper when the broker was away. For work nobody watches (mail, follow-ups)."""
    return start_task(task, owner=None, args=args, kwargs=kwargs)


def task_record_started(*, task_id: str, name: str) -> TaskRecord:
    """Mark the task started (creating its record when it was queued without ``start_task``,
    as scheduled tasks are) and count the attempt."""
    now = timezone.now()
    record, created = TaskRecord.objects.get_or_create(
        id=task_id,
        defaults={
            "name": name,
            "task_name": name,
            "state": TaskState.STARTED,
            "attempts": 1,
            "heartbeat_at": now,
            "dispatched_at": now,
        },
    )
    if not created:
        record.state = TaskState.STARTED
        record.attempts += 1
        record.error = ""
        record.heartbeat_at = now
        record.save(update_fields=["state", "attempts", "error", "heartbeat_at", "updated_at"])
    return record


def task_record_claim(
    *, task_id: str, name: str, stale_after: timedelta, redelivered: bool = False
) -> TaskRecord | None:
    """Take the task for this run, or None when another run holds it: its record is running
    and its worker showed life within ``stale_after`` (a message the sweeper re-sent while the
    first run was alive after all). A message the broker marks *redelivered* (RabbitMQ: its
    consumer's connection dropped before the ack) takes over at once: that run is dead. One
    conditional UPDATE, so two workers never both claim."""
    now = timezone.now()
    records = TaskRecord.objects.filter(pk=task_id)
    if not redelivered:
        records = records.exclude(
            Q(state__in=RUNNING_STATES)
            & Q(heartbeat_at__isnull=False)
            & Q(heartbeat_at__gte=now - stale_after)
        )
    claimed = records.update(
        state=TaskState.STARTED,
        attempts=F("attempts") + 1,
        error="",
        heartbeat_at=now,
        dispatched_at=Coalesce(F("dispatched_at"), Value(now)),
        updated_at=now,
    )
    if claimed:
        return TaskRecord.objects.get(pk=task_id)
    if TaskRecord.objects.filter(pk=task_id).exists():
        return None
    return task_record_started(task_id=task_id, name=name)


def task_record_heartbeat(*, task_id: str) -> None:
    TaskRecord.objects.filter(pk=task_id, state__in=RUNNING_STATES).update(
        heartbeat_at=timezone.now()
    )


def task_record_progress(*, task_id: str, percent: int | float, step: str = "") -> None:
    """Store progress (clamped to 0-100) and the current step. One UPDATE, outside any
    transaction of the task, so readers see it at once."""
    percent = max(0, min(100, int(percent)))
    TaskRecord.objects.filter(pk=task_id).update(
        state=TaskState.PROGRESS,
        progress=percent,
        step=step[:MAX_STEP_LENGTH],
        heartbeat_at=timezone.now(),
        updated_at=timezone.now(),
    )


def task_record_succeeded(*, task_id: str, result: Any) -> None:
    """Store the result; a task must return JSON-serialisable data (as the broker needs)."""
    now = timezone.now()
    TaskRecord.objects.filter(pk=task_id).update(
        state=TaskState.SUCCEEDED,
        progress=100,
        result=canonical_json(result),
        error="",
        updated_at=now,
        finished_at=now,
    )


def readable_error(exc: BaseException) -> str:
    """What a person may read about a failure: a domain error's own message, otherwise only the
    kind of error (internals stay in the log)."""
    if isinstance(exc, DomainError):
        return exc.detail[:MAX_ERROR_LENGTH]
    return UNEXPECTED_FAILURE.format(kind=exc.__class__.__name__)


def task_record_failed(*, task_id: str, exc: BaseException) -> None:
    now = timezone.now()
    TaskRecord.objects.filter(pk=task_id).update(
        state=TaskState.FAILED,
        error=readable_error(exc),
        updated_at=now,
        finished_at=now,
    )


def task_record_retrying(*, task_id: str, exc: BaseException) -> None:
    TaskRecord.objects.filter(pk=task_id).update(
        state=TaskState.RETRYING, error=readable_error(exc), updated_at=timezone.now()
    )
