from __future__ import annotations

import uuid

import pytest

from procura.jobs.models import TaskRecord, TaskState
from procura.jobs.services import start_task
from procura.jobs.tests import sample_tasks
from procura.jobs.tests.sample_tasks import count_task, crashing_task, flaky_task, refused_task


@pytest.fixture(autouse=True)
def _reset_runs():
    sample_tasks.RUNS.clear()


def test_start_task_creates_a_pending_record_and_dispatches_only_on_commit(
    make_user, django_capture_on_commit_callbacks
):
    owner = make_user("procurement")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record = start_task(count_task, owner=owner, args=(3,))

    record.refresh_from_db()
    assert record.state == TaskState.PENDING
    assert record.owner == owner
    assert record.name == "procura.jobs.tests.count_task"
    assert len(callbacks) == 1
    assert sample_tasks.RUNS == []


def test_tracked_task_records_progress_result_and_finish_time(
    make_user, django_capture_on_commit_callbacks
):
    owner = make_user("procurement")

    with django_capture_on_commit_callbacks(execute=True):
        record = start_task(count_task, owner=owner, args=(4,))

    record.refresh_from_db()
    assert record.state == TaskState.SUCCEEDED
    assert record.progress == 100
    assert isinstance(record.result, dict)
    assert record.result["total"] == 10
    assert record.result["seen_midway"] == {"state": "progress", "progress": 40, "step": "Counting"}
    assert record.step == "Almost done"
    assert record.finished_at is not None
    assert record.attempts == 1
    assert [str(record.id)] == sample_tasks.RUNS


def test_a_domain_error_is_stored_as_its_message(make_user, django_capture_on_commit_callbacks):
    # In-process the failure is logged, not raised into the request that started the task.
    with django_capture_on_commit_callbacks(execute=True):
        record = start_task(refused_task, owner=make_user())

    record.refresh_from_db()
    assert record.state == TaskState.FAILED
    assert record.error == "The purchase order is already closed."
    assert record.finished_at is not None


def test_an_unexpected_error_is_stored_without_internals(
    make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = start_task(crashing_task, owner=make_user())

    record.refresh_from_db()
    assert record.state == TaskState.FAILED
    assert "ZeroDivisionError" in record.error
    assert "secret" not in record.error
    assert "Traceback" not in record.error


def test_a_retry_is_recorded_and_the_next_attempt_counts(
    make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = start_task(flaky_task, owner=make_user())
    record.refresh_from_db()
    assert record.state == TaskState.RETRYING
    assert "ConnectionError" in record.error

    # The broker delivers the retry (a worker does this by itself).
    flaky_task.apply(task_id=str(record.id), retries=1)

    record.refresh_from_db()
    assert record.state == TaskState.SUCCEEDED
    assert record.result == "delivered"
    assert record.error == ""
    assert record.attempts == 2
    assert len(sample_tasks.RUNS) == 2


def test_a_redelivered_task_that_already_succeeded_does_not_run_again(
    make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = start_task(count_task, owner=make_user(), args=(2,))

    again = count_task.apply(args=(2,), task_id=str(record.id))

    assert again.get()["total"] == 3
    assert [str(record.id)] == sample_tasks.RUNS
    record.refresh_from_db()
    assert record.attempts == 1


def test_a_task_queued_without_start_task_gets_a_record(db):
    task_id = str(uuid.uuid4())

    count_task.apply(args=(1,), task_id=task_id)

    record = TaskRecord.objects.get(pk=task_id)
    assert record.owner is None
    assert record.state == TaskState.SUCCEEDED
