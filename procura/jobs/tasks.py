"""The base class for tracked Celery tasks.

Write a task as::

    @shared_task(base=TrackedTask, bind=True)
    def rebuild_valuation_task(self, location_id: int) -> dict:
        for index, chunk in enumerate(chunks):
            self.report_progress(100 * index // len(chunks), f"Chunk {index + 1}")
            ...
        return {"rows": n}          # JSON-serialisable: stored as the record's result

and start it from a service or view with
``start_task(rebuild_valuation_task, owner=request.user, args=[location.id])``.

The base class records state changes itself (started, progress, succeeded, failed, retrying), so
tracking works the same in-process (eager) and in a worker. A task whose record already
succeeded is not run again when the broker redelivers it: it returns the stored result; a task
another live worker is running is not started twice (the run claims its record first). While it
runs, a background thread beats on the record so the sweeper can tell a slow task from a dead
worker.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import Task, current_task, shared_task
from celery.exceptions import Ignore, Reject, Retry
from django.db import connections

from procura.core.request_context import set_request_id
from procura.jobs.models import TaskRecord, TaskState
from procura.jobs.services import (
    REQUEST_ID_HEADER,
    task_record_claim,
    task_record_failed,
    task_record_heartbeat,
    task_record_progress,
    task_record_retrying,
    task_record_succeeded,
)

logger = logging.getLogger("procura.jobs")


class TrackedTask(Task):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        task_id = self.request.id
        if not task_id:  # called directly as a function, not through Celery
            return super().__call__(*args, **kwargs)
        finished = TaskRecord.objects.filter(pk=task_id).values_list("state", "result").first()
        if finished is not None and finished[0] == TaskState.SUCCEEDED:
            logger.info("Task already succeeded; not running it again", extra={"task_id": task_id})
            return finished[1]
        # Logs of the task carry the id of the request that started it.
        set_request_id(getattr(self.request, REQUEST_ID_HEADER, None) or f"task-{task_id}")
        from procura.jobs.dispatch import heartbeat_seconds, stale_after

        heartbeat: _Heartbeat | None = None
        try:
            redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
            claim = task_record_claim(
                task_id=task_id, name=self.name, stale_after=stale_after(), redelivered=redelivered
            )
            if claim is None:
                logger.info("Task is running in another worker", extra={"task_id": task_id})
                raise Ignore()
            if not self.request.is_eager:
                heartbeat = _Heartbeat(task_id, heartbeat_seconds())
                heartbeat.start()
            # Outcomes are recorded here rather than in on_success/on_failure: in-process
            # (eager, propagating) execution re-raises before those hooks run.
            try:
                result = super().__call__(*args, **kwargs)
            except Retry as retry:
                task_record_retrying(task_id=task_id, exc=retry.exc or retry)
                raise
            except (Ignore, Reject):
                raise
            except Exception as exc:
                logger.exception("Task failed", extra={"task_id": task_id, "task": self.name})
                task_record_failed(task_id=task_id, exc=exc)
                raise
            task_record_succeeded(task_id=task_id, result=result)
            return result
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            set_request_id("")

    def report_progress(self, percent: int | float, step: str = "") -> None:
        if self.request.id:
            task_record_progress(task_id=self.request.id, percent=percent, step=step)


def report_progress(percent: int | float, step: str = "") -> None:
    """Progress from code running inside a tracked task that has no ``self`` at hand."""
    task = current_task
    if task is not None and task.request.id:
        task_record_progress(task_id=task.request.id, percent=percent, step=step)


class _Heartbeat(threading.Thread):
    """Touches the record's heartbeat every ``interval`` seconds until stopped, on its own
    database connection (closed when it ends)."""

    def __init__(self, task_id: str, interval: float) -> None:
        super().__init__(name=f"heartbeat-{task_id}", daemon=True)
        self.task_id = task_id
        self.interval = interval
        self._stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self._stopped.wait(self.interval):
                try:
                    task_record_heartbeat(task_id=self.task_id)
                except Exception:  # a missed beat is not fatal; the next one may pass
                    logger.warning("Heartbeat not recorded", extra={"task_id": self.task_id})
        finally:
            connections.close_all()

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=self.interval + 5)


@shared_task(acks_late=True, ignore_result=True)
def sweep_jobs_task() -> dict[str, object]:
    """Every 15 s (CELERY_BEAT_SCHEDULE): send unsent tasks, re-send those of dead workers."""
    from procura.jobs.dispatch import sweep

    outcome = sweep().as_dict()
    if any(outcome.values()):
        logger.info("Sweep", extra=outcome)
    return outcome


@shared_task(base=TrackedTask, bind=True, acks_late=True)
def prune_records_task(self: TrackedTask) -> dict[str, int]:
    """Daily: delete rows past their retention (see procura.jobs.retention)."""
    from procura.jobs.retention import prune

    return prune()
