"""A task through a real Celery worker and Redis: dispatched on commit by the API, picked up by
a worker process, its progress and result read back through the API.

Runs only on PostgreSQL with REDIS_URL set (the worker is another process, so it needs a
database both processes share and committed rows: hence transactional_db).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from kombu.exceptions import OperationalError

from procura.audit.tests.helpers import record_events
from procura.celery import app as celery_app
from procura.core.testing import wait_for_task
from procura.core.tests.database_template import database_url

BASE_DIR = Path(__file__).resolve().parents[3]
WORKER_START_SECONDS = 60
TASK_DONE_SECONDS = 60

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.worker,
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL)",
    ),
]


def _database_url() -> str:
    return database_url(connection.settings_dict)


def _wait_until_ready(process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + WORKER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The worker exited at start:\n{log_path.read_text()}")
        if " ready." in log_path.read_text():
            return
        time.sleep(0.2)
    pytest.fail(f"The worker did not start in {WORKER_START_SECONDS} s:\n{log_path.read_text()}")


@pytest.fixture
def celery_worker(transactional_db: None) -> Iterator[subprocess.Popen]:
    """A ``celery -A procura worker`` on a queue of its own, against the test database; the
    test process sends tasks to that queue instead of running them in-process."""
    queue = f"procura-test-{uuid.uuid4().hex[:12]}"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        "DJANGO_SETTINGS_MODULE": "procura.settings",
        "PROCURA_ENV": "development",
        "DATABASE_URL": _database_url(),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_OCR_QUEUE": queue,
        "CELERY_MAIL_QUEUE": queue,
        "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", "procura-test"),
    }
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open for the worker's life
        prefix="procura-worker-", suffix=".log", delete=False
    )
    log_path = Path(log_file.name)
    process = subprocess.Popen(  # noqa: S603 - fixed argv, our own interpreter
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "procura",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--hostname",
            f"{queue}@%h",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    conf = celery_app.conf
    saved = (conf.task_always_eager, conf.task_default_queue)
    conf.task_always_eager = False
    conf.task_default_queue = queue
    queues = override_settings(CELERY_OCR_QUEUE=queue, CELERY_MAIL_QUEUE=queue)
    queues.enable()
    try:
        _wait_until_ready(process, log_path)
        process.log_path = log_path  # type: ignore[attr-defined]
        yield process
    finally:
        queues.disable()
        conf.task_always_eager, conf.task_default_queue = saved
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log_file.close()
        log_path.unlink(missing_ok=True)


def test_audit_verification_runs_in_a_real_worker(celery_worker, client_as):
    auditor = client_as("auditor")
    record_events(auditor.user, auditor.user, 3)

    response = auditor.post("/api/v1/audit/verify/")

    assert response.status_code == 202
    status = wait_for_task(auditor, response.json()["task_id"], seconds=TASK_DONE_SECONDS)
    log = celery_worker.log_path.read_text()
    assert status["state"] == "succeeded", f"{status}\n--- worker log ---\n{log}"
    assert status["progress"] == 100
    assert status["result"]["ok"] is True
    assert status["result"]["checked"] == 3
    assert status["finished_at"] is not None
    assert "verify_audit_chain_task" in log


def test_the_worker_check_pings_over_the_broker_the_settings_name(celery_worker):
    from procura.core.health import CHECKS

    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        assert CHECKS["worker"]().endswith("worker(s)")
        # A worker is up on the real broker, but the settings name one that is down: the
        # check must not report a worker it could only reach over another broker.
        with (
            override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"),
            pytest.raises(OperationalError),
        ):
            CHECKS["worker"]()
