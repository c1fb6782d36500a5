"""Background task tracking and the outbox of work to dispatch.

One row per Celery task, keyed by the Celery task id, written in the same transaction as the
change that needs the task: it holds what to send (task name, arguments), whether it was sent,
the heartbeat of the worker running it, and its state, progress and outcome for the person who
started it. A sweeper sends what was not sent and re-sends what a dead worker left.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class TaskState(models.TextChoices):
    PENDING = "pending", "Pending"
    STARTED = "started", "Started"
    PROGRESS = "progress", "In progress"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    RETRYING = "retrying", "Retrying"


FINISHED_STATES = frozenset({TaskState.SUCCEEDED, TaskState.FAILED})


class TaskRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="task_records",
        help_text="Who started the task; empty for scheduled tasks.",
    )
    state = models.CharField(
        max_length=10, choices=TaskState.choices, default=TaskState.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done, 0-100.")
    step = models.CharField(max_length=200, blank=True, help_text="What the task is doing now.")
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why the task failed, in words; no trace.")
    attempts = models.PositiveSmallIntegerField(default=0)
    task_name = models.CharField(
        max_length=200, blank=True, help_text="The Celery task to send (registered name)."
    )
    task_args = models.JSONField(default=list, blank=True)
    task_kwargs = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    dispatched_at = models.DateTimeField(
        null=True, blank=True, help_text="When the broker accepted the task; empty: not sent yet."
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life from the worker running the task."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="task_progress_at_most_100"
            )
        ]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(
                fields=["created_at"],
                name="task_unsent_idx",
                condition=models.Q(dispatched_at__isnull=True, state="pending"),
            ),
            models.Index(
                fields=["heartbeat_at"],
                name="task_running_idx",
                condition=models.Q(state__in=["started", "progress"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.id} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES


class SchedulerLease(models.Model):
    """Who runs the schedule (celery beat) right now. A beat process sends scheduled tasks only
    while it holds an unexpired lease, renewed on each tick, so a second beat started by
    mistake (or a standby) stays idle instead of sending every job twice."""

    name = models.CharField(primary_key=True, max_length=50)
    holder = models.CharField(max_length=200)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.holder} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
