"""Helpers for the test suites of every domain."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections

THREAD_TIMEOUT_SECONDS = 60


def run_concurrently(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Start every call at the same moment, each in its own thread with its own database
    connection; return each call's result, or the exception it raised, in order."""
    results: list[Any] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def target(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THREAD_TIMEOUT_SECONDS)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError(f"a thread did not finish within {THREAD_TIMEOUT_SECONDS} s")
    return results


def run_in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    """``count`` concurrent calls of ``work(index)``."""
    return run_concurrently([functools.partial(work, index) for index in range(count)])


TASK_FINAL_STATES = frozenset({"succeeded", "failed"})


def wait_for_task(client: Any, task_id: str, *, seconds: float = 120) -> dict[str, Any]:
    """Poll ``GET /api/v1/tasks/{id}/`` until the task succeeded or failed, or ``seconds``
    passed; return the last status body."""
    url = f"/api/v1/tasks/{task_id}/"
    deadline = time.monotonic() + seconds
    status: dict[str, Any] = client.get(url).json()
    while status["state"] not in TASK_FINAL_STATES and time.monotonic() < deadline:
        time.sleep(0.25)
        status = client.get(url).json()
    return status
