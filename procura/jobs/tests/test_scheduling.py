"""Queues, time limits, the beat schedule at clock times and the single-beat lease."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from procura.celery import app
from procura.jobs.beat import lease_acquire, lease_release
from procura.jobs.models import SchedulerLease, TaskRecord, TaskState
from procura.jobs.retention import prune
from procura.jobs.routing import queue_for


def test_ocr_mail_and_other_work_go_to_their_own_queues():
    assert queue_for("procura.documents.tasks.process_document_task") == settings.CELERY_OCR_QUEUE
    assert (
        queue_for("procura.notifications.tasks.deliver_notification_task")
        == settings.CELERY_MAIL_QUEUE
    )
    assert queue_for("procura.audit.tasks.verify_audit_chain_task") == "default"
    assert len({settings.CELERY_OCR_QUEUE, settings.CELERY_MAIL_QUEUE, "default"}) == 3


def test_every_registered_task_has_a_time_limit():
    app.loader.import_default_modules()
    ours = [name for name in app.tasks if name.startswith("procura.")]

    assert ours
    for name in ours:
        task = app.tasks[name]
        hard = task.time_limit or app.conf.task_time_limit
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        assert hard, name
        assert soft, name
        assert soft < hard, name


def test_every_scheduled_job_names_a_registered_task_and_daily_jobs_run_at_a_clock_time():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
        schedule = entry["schedule"]
        if isinstance(schedule, timedelta):
            schedule = schedule.total_seconds()
        assert isinstance(schedule, crontab | float | int), name
        if not isinstance(schedule, crontab):
            assert schedule <= 3600, f"{name} repeats on an interval longer than an hour"
    assert app.conf.timezone == settings.CELERY_TIMEZONE


@pytest.mark.django_db
def test_only_one_beat_holds_the_lease_until_it_lapses():
    ttl = timedelta(seconds=30)

    assert lease_acquire(holder="beat-a", ttl=ttl) is True
    assert lease_acquire(holder="beat-b", ttl=ttl) is False
    assert lease_acquire(holder="beat-a", ttl=ttl) is True  # renewal

    SchedulerLease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert lease_acquire(holder="beat-b", ttl=ttl) is True
    assert lease_acquire(holder="beat-a", ttl=ttl) is False
    lease_release(holder="beat-b")
    assert lease_acquire(holder="beat-a", ttl=ttl) is True


@pytest.mark.django_db
def test_retention_prunes_finished_records_past_their_age_and_keeps_the_rest():
    old = timezone.now() - timedelta(days=settings.RETENTION_TASK_RECORD_DAYS + 1)
    done_old = TaskRecord.objects.create(name="a", state=TaskState.SUCCEEDED, created_at=old)
    pending_old = TaskRecord.objects.create(name="b", state=TaskState.PENDING, created_at=old)
    done_recent = TaskRecord.objects.create(name="c", state=TaskState.FAILED)

    deleted = prune()

    assert deleted["jobs.TaskRecord"] == 1
    remaining = set(TaskRecord.objects.values_list("pk", flat=True))
    assert done_old.pk not in remaining
    assert {pending_old.pk, done_recent.pk} <= remaining


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["seed_demo", "demo_logins"])
def test_demo_data_and_demo_users_are_refused_in_production(command):
    with override_settings(IS_PRODUCTION=True), pytest.raises(CommandError, match="refused"):
        call_command(command)
