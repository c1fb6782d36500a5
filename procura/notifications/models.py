"""The delivery log: one row per message and channel, updated on every attempt."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "SMS"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped (circuit open or withdrawn)"


class NotificationLog(models.Model):
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = models.CharField(max_length=254)
    template = models.CharField(max_length=100)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    provider_id = models.CharField(max_length=100, blank=True, help_text="Gateway message id.")
    fallback_email = models.EmailField(
        blank=True, help_text="Where an SMS goes by e-mail when the gateway is unavailable."
    )
    fallback_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="fallbacks"
    )
    attachment_loader = models.CharField(
        max_length=200, blank=True, help_text="Dotted path of a function returning attachments."
    )
    attachment_args = models.JSONField(default=list, blank=True)
    outcome_handler = models.CharField(
        max_length=200,
        blank=True,
        help_text="Dotted path of a function told of each attempt's outcome (log in hand).",
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["status", "channel"]),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.template} -> {self.recipient}: {self.status}"


from procura.notifications.inbox import InboxMessage  # noqa: E402,F401  (the in-app inbox)
