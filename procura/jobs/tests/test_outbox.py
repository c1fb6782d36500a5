"""The outbox of tasks against a real broker (a redis-server of the test's own, stopped to play
an outage): a committed change never fails because the broker is away; the sweeper sends what
was left unsent, re-sends what a dead worker left, and gives up after too many lost runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import redis
from django.utils import timezone
from kombu import pools

from procura.celery import app
from procura.core.tests.redis_server import OwnRedis
from procura.jobs import dispatch
from procura.jobs.models import TaskRecord, TaskState
from procura.jobs.services import start_task, task_record_claim
from procura.jobs.tests.sample_tasks import count_task

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = "outbox-test"


def _use_broker(url: str) -> None:
    pools.reset()
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    conf: Any = app.conf
    conf.broker_url = url
    conf.broker_write_url = None


@pytest.fixture
def broker() -> Iterator[OwnRedis]:
    """Tasks go to a real Redis broker of the test's own, on a queue of the test's own."""
    server = OwnRedis()
    server.start()
    conf: Any = app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.task_default_queue)
    conf.task_always_eager = False
    conf.task_default_queue = QUEUE
    conf.broker_transport_options = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
    _use_broker(server.url)
    dispatch.broker_backoff.reset()
    try:
        yield server
    finally:
        _use_broker(saved[0])
        conf.broker_url, conf.task_always_eager, conf.task_default_queue = saved
        dispatch.broker_backoff.reset()
        server.cleanup()


def queued_task_ids(server: OwnRedis) -> list[str]:
    client = redis.Redis.from_url(server.url)
    return [json.loads(raw)["headers"]["id"] for raw in client.lrange(QUEUE, 0, -1)]


def test_a_task_started_by_a_request_is_sent_after_commit(broker, client_as):
    auditor = client_as("auditor")

    response = auditor.post("/api/v1/audit/verify/")

    assert response.status_code == 202
    task_id = response.json()["task_id"]
    record = TaskRecord.objects.get(pk=task_id)
    assert record.dispatched_at is not None
    assert record.task_name == "procura.audit.tasks.verify_audit_chain_task"
    assert queued_task_ids(broker) == [task_id]


def test_with_the_broker_down_the_request_succeeds_and_the_sweeper_sends_it_later(
    broker, client_as
):
    auditor = client_as("auditor")
    broker.stop()

    response = auditor.post("/api/v1/audit/verify/")

    assert response.status_code == 202
    task_id = response.json()["task_id"]
    assert TaskRecord.objects.get(pk=task_id).dispatched_at is None
    # The broker is back; the sweeper finds the record once its grace time has passed.
    broker.start()
    _use_broker(broker.url)
    TaskRecord.objects.filter(pk=task_id).update(
        created_at=timezone.now() - dispatch.UNSENT_GRACE - timedelta(seconds=1)
    )

    outcome = dispatch.sweep()

    assert outcome.sent == 1
    assert TaskRecord.objects.get(pk=task_id).dispatched_at is not None
    assert queued_task_ids(broker) == [task_id]
    assert dispatch.sweep().sent == 0  # sent once


def test_the_sweeper_leaves_records_in_their_grace_time_alone(broker, make_user):
    record = start_task(count_task, owner=make_user(), args=(2,))
    TaskRecord.objects.filter(pk=record.pk).update(dispatched_at=None)

    assert dispatch.sweep().sent == 0


def _running(record: TaskRecord, *, silent_for: timedelta, attempts: int = 1) -> None:
    past = timezone.now() - silent_for
    TaskRecord.objects.filter(pk=record.pk).update(
        state=TaskState.PROGRESS, heartbeat_at=past, updated_at=past, attempts=attempts
    )


def test_a_task_whose_worker_died_is_sent_again(broker, make_user):
    record = start_task(count_task, owner=make_user(), args=(2,))
    queued_task_ids(broker)  # the first message, taken by the worker that died
    redis.Redis.from_url(broker.url).delete(QUEUE)
    _running(record, silent_for=dispatch.stale_after() + timedelta(seconds=5))

    outcome = dispatch.sweep()

    assert outcome.resent_stale == 1
    record.refresh_from_db()
    assert record.state == TaskState.PENDING
    assert queued_task_ids(broker) == [str(record.pk)]


def test_a_slow_task_that_still_beats_is_left_running(broker, make_user):
    record = start_task(count_task, owner=make_user(), args=(2,))
    _running(record, silent_for=timedelta(seconds=1))

    assert dispatch.sweep().resent_stale == 0
    record.refresh_from_db()
    assert record.state == TaskState.PROGRESS


def test_a_task_whose_workers_keep_dying_ends_failed(broker, make_user, settings):
    record = start_task(count_task, owner=make_user(), args=(2,))
    _running(
        record,
        silent_for=dispatch.stale_after() + timedelta(seconds=5),
        attempts=settings.JOBS_MAX_ATTEMPTS,
    )

    outcome = dispatch.sweep()

    assert outcome.failed == 1
    record.refresh_from_db()
    assert record.state == TaskState.FAILED
    assert record.error == dispatch.WORKER_LOST.format(count=settings.JOBS_MAX_ATTEMPTS)
    assert record.finished_at is not None


def test_a_run_does_not_start_while_another_live_run_holds_the_task(make_user):
    record = start_task(count_task, owner=make_user(), args=(2,))
    _running(record, silent_for=timedelta(seconds=1))

    claimed = task_record_claim(
        task_id=str(record.pk), name="count", stale_after=dispatch.stale_after()
    )

    assert claimed is None


def test_a_run_takes_over_a_task_whose_worker_went_silent(make_user):
    record = start_task(count_task, owner=make_user(), args=(2,))
    _running(record, silent_for=dispatch.stale_after() + timedelta(seconds=5))

    claimed = task_record_claim(
        task_id=str(record.pk), name="count", stale_after=dispatch.stale_after()
    )

    assert claimed is not None
    assert claimed.state == TaskState.STARTED
    assert claimed.attempts == 2


def test_a_message_the_broker_redelivered_takes_over_at_once(make_user):
    record = start_task(count_task, owner=make_user(), args=(2,))
    _running(record, silent_for=timedelta(seconds=1))

    claimed = task_record_claim(
        task_id=str(record.pk), name="count", stale_after=dispatch.stale_after(), redelivered=True
    )

    assert claimed is not None
    assert claimed.attempts == 2
