"""Readiness checks: database, cache, broker, a live worker, queue depth and media storage.

The checks run side by side and the whole answer comes within ``HEALTH_DEADLINE_SECONDS``: a check
still running then (a stalled Redis, an unreachable broker) is reported as timed out. Details
(what failed and why, with hosts or ports) are for staff only; others see each check's name and
whether it passed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, connections

WORKER_PING_SECONDS = 0.6
TIMED_OUT = "no answer within {seconds} s"

_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="health")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    latency_ms: float
    detail: str = ""


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _check_cache() -> str:
    backend = caches["default"]
    client_of = getattr(getattr(backend, "_cache", None), "get_client", None)
    if client_of is not None:  # Redis: ask it directly (the cache itself hides outages)
        client_of(write=True).ping()
        return "redis"
    key = f"health:{uuid.uuid4().hex}"
    backend.set(key, "1", timeout=10)
    value = backend.get(key)
    backend.delete(key)
    if value != "1":
        raise RuntimeError("cache did not return the value just written")
    return backend.__class__.__name__


def in_process() -> bool:
    return bool(settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL)


def _queues() -> list[str]:
    return sorted(
        {
            str(settings.CELERY_TASK_DEFAULT_QUEUE),
            str(settings.CELERY_OCR_QUEUE),
            str(settings.CELERY_MAIL_QUEUE),
        }
    )


def queue_depths() -> dict[str, int]:
    """Messages waiting in each of our queues (raises when the broker is unreachable)."""
    from procura.celery import app

    depths: dict[str, int] = {}
    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
        for queue in _queues():
            channel: Any = conn.channel()
            try:
                depths[queue] = int(channel.queue_declare(queue=queue, passive=True).message_count)
            except Exception:  # a queue nobody declared yet holds nothing
                depths[queue] = 0
            finally:
                channel.close()
    return depths


def _check_broker() -> str:
    """Connects and reads the depth of each queue; fails when one is backed up."""
    if in_process():
        return "in-process (no broker configured)"
    depths = queue_depths()
    summary = ", ".join(f"{queue}={depth}" for queue, depth in depths.items())
    backed_up = [q for q, depth in depths.items() if depth > settings.HEALTH_QUEUE_WARN_DEPTH]
    if backed_up:
        raise RuntimeError(f"queue backed up: {summary}")
    return f"queues {summary}"


def _check_worker() -> str:
    """At least one worker answers a ping over the configured broker (a connection of its own,
    so that the check never asks a broker other than the one the settings name)."""
    if in_process():
        return "in-process (no worker needed)"
    from procura.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
        replies = app.control.ping(timeout=WORKER_PING_SECONDS, connection=conn) or []
    if not replies:
        raise RuntimeError("no worker answered")
    return f"{len(replies)} worker(s)"


def _check_storage() -> str:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise RuntimeError("storage did not return the bytes just written")
    finally:
        default_storage.delete(name)
    return default_storage.__class__.__name__


CHECKS: dict[str, Callable[[], str]] = {
    "database": _check_database,
    "cache": _check_cache,
    "broker": _check_broker,
    "worker": _check_worker,
    "storage": _check_storage,
}


def _timed(name: str, check: Callable[[], str]) -> CheckResult:
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as exc:  # a failing dependency is reported, not raised
        detail = f"{exc.__class__.__name__}: {exc}"[:300]
        ok = False
    finally:
        connections.close_all()
    latency = round((time.perf_counter() - started) * 1000, 2)
    return CheckResult(name=name, ok=ok, latency_ms=latency, detail=detail)


def run_checks(deadline: float | None = None) -> list[CheckResult]:
    """Every check at once; answers within ``deadline`` seconds (the setting by default)
    whatever hangs."""
    if deadline is None:
        deadline = settings.HEALTH_DEADLINE_SECONDS
    started = time.perf_counter()
    futures = {name: _pool.submit(_timed, name, check) for name, check in CHECKS.items()}
    wait(futures.values(), timeout=deadline)
    results = []
    for name, future in futures.items():
        if future.done():
            results.append(future.result())
        else:
            elapsed = round((time.perf_counter() - started) * 1000, 2)
            detail = TIMED_OUT.format(seconds=deadline)
            results.append(CheckResult(name=name, ok=False, latency_ms=elapsed, detail=detail))
    return results
