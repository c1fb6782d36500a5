"""Invoices by e-mail: the mailboxes Procura reads (IMAP), every message it took from them and
what became of each attachment."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from procura.core.models import TrackedModel


class MailSecurity(models.TextChoices):
    SSL = "ssl", "SSL/TLS (IMAPS, usually port 993)"
    STARTTLS = "starttls", "STARTTLS (usually port 143)"
    NONE = "none", "None (trusted local network only)"


class Mailbox(TrackedModel):
    """An IMAP mailbox suppliers send invoices to. The password is stored encrypted
    (``procura.mailin.credentials``) and never leaves the server."""

    name = models.CharField(max_length=100, unique=True)
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(
        max_length=10, choices=MailSecurity.choices, default=MailSecurity.SSL
    )
    username = models.CharField(max_length=255)
    password_encrypted = models.TextField(blank=True, editable=False)
    folder = models.CharField(max_length=255, default="INBOX")
    is_active = models.BooleanField(default=True)
    documents_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The user the imported documents are uploaded as (their first owner).",
    )
    uid_validity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class MessageStatus(models.TextChoices):
    IMPORTED = "imported", "Imported"  # at least one attachment became a new document
    NOTHING_NEW = "nothing_new", "Nothing new"  # only duplicates and skipped attachments
    REJECTED = "rejected", "Rejected"  # malformed: nothing was imported


class InboundMessage(models.Model):
    """One message read from a mailbox. ``message_id`` (the Message-ID header, or a hash of
    the message when it has none) is unique: the same message read again is ignored."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="messages")
    uid = models.BigIntegerField(null=True, blank=True)
    message_id = models.CharField(max_length=500, unique=True)
    from_address = models.CharField(max_length=320, blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(max_length=12, choices=MessageStatus.choices)
    error = models.CharField(max_length=500, blank=True)
    supplier = models.ForeignKey(
        "partners.Supplier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    supplier_matched_by = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["mailbox", "-received_at"])]

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject}"


class AttachmentOutcome(models.TextChoices):
    IMPORTED = "imported", "Imported"
    DUPLICATE = "duplicate", "Duplicate"
    SKIPPED = "skipped", "Skipped"


class InboundAttachment(models.Model):
    message = models.ForeignKey(
        InboundMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    filename = models.CharField(max_length=255, blank=True)
    declared_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=10, choices=AttachmentOutcome.choices)
    reason = models.CharField(max_length=300, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.outcome})"
