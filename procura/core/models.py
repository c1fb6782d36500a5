"""Base model mixins, the per-type, per-year document number sequences and the stored
``Idempotency-Key`` responses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class TrackedModel(TimeStampedModel):
    """Who created and last changed the row (set by services, never by clients)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


class ActiveQuerySet(models.QuerySet):
    def active(self) -> ActiveQuerySet:
        return self.filter(is_active=True)


class ActivatableModel(models.Model):
    """Master data is deactivated, not deleted, once something refers to it."""

    is_active = models.BooleanField(default=True, db_index=True)
    deactivated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True


class DocumentSequence(models.Model):
    """Last number handed out for a document type in a year (PO-2026-000045).

    Rows are locked with SELECT ... FOR UPDATE inside the transaction that creates the document,
    so numbers are unique and, because a rolled-back transaction also rolls back the increment,
    gap-free.
    """

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="uniq_sequence_prefix_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_value}"


class IdempotencyKey(models.Model):
    """A client's ``Idempotency-Key`` for one endpoint (scope) and user, with the hash of the
    body it came with and the response it got. The unique constraint makes a second request
    with the same key wait for the first and then replay its response."""

    scope = models.CharField(max_length=64)
    key = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    response_headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "user", "key"], name="uniq_core_idempotency_scope_user_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"
