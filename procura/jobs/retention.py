"""Pruning of rows that only matter for a while: finished task records, idempotency keys,
notification delivery logs and expired refresh tokens. Each rule names a model by its label (so
this module imports no domain), the date field to age by, an optional filter of rows that may
go, and the setting holding how many days to keep."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

DELETE_BATCH = 5000


@dataclass(frozen=True)
class RetentionRule:
    model: str
    date_field: str
    days_setting: str
    only: dict[str, Any] = field(default_factory=dict)


RULES = (
    RetentionRule(
        "jobs.TaskRecord",
        "created_at",
        "RETENTION_TASK_RECORD_DAYS",
        {"state__in": ["succeeded", "failed"]},
    ),
    RetentionRule("core.IdempotencyKey", "created_at", "RETENTION_IDEMPOTENCY_KEY_DAYS"),
    RetentionRule(
        "notifications.NotificationLog",
        "created_at",
        "RETENTION_NOTIFICATION_LOG_DAYS",
        {"status__in": ["sent", "failed", "skipped"]},
    ),
    RetentionRule("token_blacklist.OutstandingToken", "expires_at", "RETENTION_EXPIRED_TOKEN_DAYS"),
)


def prune(*, now: Any = None) -> dict[str, int]:
    """Delete rows older than their rule allows, in batches; returns rows deleted per model."""
    now = now or timezone.now()
    deleted: dict[str, int] = {}
    for rule in RULES:
        try:
            model = apps.get_model(rule.model)
        except LookupError:
            continue
        cutoff = now - timedelta(days=int(getattr(settings, rule.days_setting)))
        rows = model._default_manager.filter(
            **{f"{rule.date_field}__lt": cutoff}, **rule.only
        ).order_by()
        total = 0
        while True:
            with transaction.atomic():
                ids = list(rows.values_list("pk", flat=True)[:DELETE_BATCH])
                if not ids:
                    break
                count, _ = model._default_manager.filter(pk__in=ids).delete()
                total += count
        deleted[rule.model] = total
    return deleted
