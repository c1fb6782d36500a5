"""Tasks used by the tests of task tracking."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from procura.core.errors import Conflict
from procura.jobs.models import TaskRecord
from procura.jobs.tasks import TrackedTask, report_progress

RUNS: list[str] = []


@shared_task(base=TrackedTask, bind=True, name="procura.jobs.tests.count_task")
def count_task(self: TrackedTask, upto: int) -> dict[str, Any]:
    RUNS.append(str(self.request.id))
    self.report_progress(40, "Counting")
    seen = TaskRecord.objects.values("state", "progress", "step").get(pk=str(self.request.id))
    report_progress(80, "Almost done")
    return {"total": sum(range(upto + 1)), "seen_midway": seen}


@shared_task(base=TrackedTask, bind=True, name="procura.jobs.tests.refused_task")
def refused_task(self: TrackedTask) -> None:
    raise Conflict("The purchase order is already closed.")


@shared_task(base=TrackedTask, bind=True, name="procura.jobs.tests.crashing_task")
def crashing_task(self: TrackedTask) -> None:
    raise ZeroDivisionError("internal detail /srv/secret.py line 3")


@shared_task(base=TrackedTask, bind=True, name="procura.jobs.tests.flaky_task", max_retries=2)
def flaky_task(self: TrackedTask) -> str:
    RUNS.append(str(self.request.id))
    if self.request.retries < 1:
        raise self.retry(exc=ConnectionError("mail server busy"), countdown=0)
    return "delivered"


@shared_task(base=TrackedTask, bind=True, name="procura.jobs.tests.slow_task")
def slow_task(self: TrackedTask, steps: int, seconds: float) -> dict[str, Any]:
    """Reports progress each step; long enough to kill its worker half-way."""
    import time

    for step in range(steps):
        self.report_progress(100 * step // steps, f"step {step + 1}")
        time.sleep(seconds)
    return {"steps": steps, "attempt": TaskRecord.objects.get(pk=str(self.request.id)).attempts}
