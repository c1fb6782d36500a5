"""RabbitMQ as the broker (the one at 127.0.0.1:5672 on every machine), with real workers: a
worker killed in the middle of a task loses nothing. Its unacknowledged message goes back to the
queue when its connection drops, the next worker takes it at once (the message is marked
redelivered, so the stale heartbeat of the dead run is not waited out) and the task finishes.
No beat and no sweeper run here: the broker alone brings the work back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from kombu import Connection, pools

from procura.celery import app
from procura.core.tests.test_worker import BASE_DIR, _database_url
from procura.jobs.models import TaskRecord, TaskState
from procura.jobs.services import start_task
from procura.jobs.tests.sample_tasks import slow_task

RABBITMQ_URL = os.environ.get("RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
START_SECONDS = 60

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.worker,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL (TEST_DATABASE_URL)"),
]


class Workers:
    def __init__(self, queue: str) -> None:
        self.queue = queue
        self.log = Path(tempfile.mkstemp(prefix="procura-rabbit-worker-", suffix=".log")[1])
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> subprocess.Popen[bytes]:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", ""),
            "DJANGO_SETTINGS_MODULE": "procura.settings",
            "PROCURA_ENV": "development",
            "DATABASE_URL": _database_url(),
            "DB_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": RABBITMQ_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "CELERY_OCR_QUEUE": self.queue,
            "CELERY_MAIL_QUEUE": self.queue,
        }
        offset = self.log.stat().st_size
        handle = self.log.open("ab")
        process = subprocess.Popen(  # noqa: S603 - fixed argv, our own interpreter
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "procura",
                "worker",
                "--include",
                "procura.jobs.tests.sample_tasks",
                "--pool=prefork",
                "--concurrency=1",
                "--queues",
                self.queue,
                "--hostname",
                f"{self.queue}-{len(self.processes)}@%h",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"worker exited:\n{self.log.read_text()}")
            if " ready." in self.log.read_text()[offset:]:
                return process
            time.sleep(0.2)
        pytest.fail(f"worker did not start:\n{self.log.read_text()}")

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        self.log.unlink(missing_ok=True)


def _use_broker(url: str) -> None:
    pools.reset()
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    conf: Any = app.conf
    conf.broker_url = url
    conf.broker_write_url = None


@pytest.fixture
def rabbit_workers(transactional_db: None) -> Iterator[Workers]:
    queue = f"procura-rabbit-{uuid.uuid4().hex[:10]}"
    conf: Any = app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.task_default_queue)
    conf.task_always_eager = False
    conf.task_default_queue = queue
    _use_broker(RABBITMQ_URL)
    workers = Workers(queue)
    try:
        with override_settings(CELERY_OCR_QUEUE=queue, CELERY_MAIL_QUEUE=queue):
            yield workers
    finally:
        workers.stop_all()
        with Connection(RABBITMQ_URL) as connection:
            channel: Any = connection.default_channel
            channel.queue_delete(queue)
        _use_broker(saved[0])
        conf.broker_url, conf.task_always_eager, conf.task_default_queue = saved


def _wait(predicate: Any, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} not within {seconds} s\n--- worker log ---\n{log.read_text()}")


def test_a_task_of_a_killed_worker_is_redelivered_by_rabbitmq_and_finishes(
    rabbit_workers, make_user
):
    first = rabbit_workers.start()
    record = start_task(slow_task, owner=make_user(), kwargs={"steps": 6, "seconds": 1.0})
    records = TaskRecord.objects.filter(pk=record.pk)
    _wait(
        lambda: records.filter(state=TaskState.PROGRESS, progress__gte=30).exists(),
        60,
        "the task to be half-way",
        rabbit_workers.log,
    )

    rabbit_workers.kill(first)
    rabbit_workers.start()

    _wait(
        lambda: records.filter(state=TaskState.SUCCEEDED).exists(),
        60,
        "the redelivered task to finish",
        rabbit_workers.log,
    )
    record.refresh_from_db()
    assert record.attempts == 2
    assert record.result == {"steps": 6, "attempt": 2}
