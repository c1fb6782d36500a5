"""Background task tracking: one row per dispatched Celery task, keyed by the Celery task id,
holding its state, progress and outcome for the person who started it."""

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
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.name} {self.id} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES
