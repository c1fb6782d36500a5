"""Starting background tasks and recording what happens to them.

Domains start long work with ``start_task`` and write their task with ``base=TrackedTask``
(see ``procura.jobs.tasks``); the task's state, progress and outcome land on its ``TaskRecord``,
which ``GET /api/v1/tasks/{id}/`` shows to its owner.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from celery import Task
from django.db import transaction
from django.utils import timezone

from procura.audit.hashing import canonical_json
from procura.core.errors import DomainError
from procura.core.request_context import get_request_id
from procura.jobs.models import TaskRecord, TaskState

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
    """Create the task's record and queue it once the surrounding transaction commits, so the
    worker always finds the record and the rows the caller wrote. The record's id is the Celery
    task id."""
    owner_id = owner.pk if owner is not None and getattr(owner, "is_authenticated", False) else None
    record = TaskRecord.objects.create(
        id=uuid.uuid4(), name=name or str(task.name), owner_id=owner_id, state=TaskState.PENDING
    )
    task_id = str(record.id)
    call_args = tuple(args)
    call_kwargs = dict(kwargs or {})
    request_id = get_request_id()

    def dispatch() -> None:
        task.apply_async(
            args=call_args,
            kwargs=call_kwargs,
            task_id=task_id,
            headers={REQUEST_ID_HEADER: request_id},
        )

    # robust: a broker outage (or, in-process, a failing task) must not turn the request that
    # started the task into an error after its own transaction has already committed.
    transaction.on_commit(dispatch, robust=True)
    return record


def task_record_started(*, task_id: str, name: str) -> TaskRecord:
    """Mark the task started (creating its record when it was queued without ``start_task``,
    as scheduled tasks are) and count the attempt."""
    record, created = TaskRecord.objects.get_or_create(
        id=task_id, defaults={"name": name, "state": TaskState.STARTED, "attempts": 1}
    )
    if not created:
        record.state = TaskState.STARTED
        record.attempts += 1
        record.error = ""
        record.save(update_fields=["state", "attempts", "error", "updated_at"])
    return record


def task_record_progress(*, task_id: str, percent: int | float, step: str = "") -> None:
    """Store progress (clamped to 0-100) and the current step. One UPDATE, outside any
    transaction of the task, so readers see it at once."""
    percent = max(0, min(100, int(percent)))
    TaskRecord.objects.filter(pk=task_id).update(
        state=TaskState.PROGRESS,
        progress=percent,
        step=step[:MAX_STEP_LENGTH],
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
