"""The audit trail: append-only, hash-chained events written in the same transaction as the
change they describe. The chain is keyed (``hashing``), refused UPDATE and DELETE by a database
trigger (``guard``) and anchored outside the database (``anchors``)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

APPEND_ONLY = "Audit events are append-only; they cannot be changed or deleted."


class AuditRowProtected(Exception):
    pass


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditRowProtected(APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise AuditRowProtected(APPEND_ONLY)

    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(object_type=object_type_of(obj), object_id=str(obj.pk))


def object_type_of(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    actor_email = models.CharField(max_length=254, blank=True, editable=False)
    action = models.CharField(max_length=100, db_index=True, editable=False)
    object_type = models.CharField(max_length=100, blank=True, editable=False)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    object_repr = models.CharField(max_length=200, blank=True, editable=False)
    changes = models.JSONField(default=dict, blank=True, editable=False)
    data = models.JSONField(default=dict, blank=True, editable=False)
    request_id = models.CharField(max_length=128, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    # The AUDIT_HMAC_KEYS id of the key that signed ``hash``.
    key_id = models.CharField(max_length=32, default="", editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["object_type", "object_id", "sequence"])]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditRowProtected(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditRowProtected(APPEND_ONLY)


class AuditChainHead(models.Model):
    """One row: the sequence and hash of the newest event. Locked by every audit write, so the
    chain has a single order, and so deleting the newest event is detectable."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit head #{self.last_sequence}"
