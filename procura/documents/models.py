"""Uploaded documents (supplier invoices, delivery notes, contracts), what was read from them,
and what they are attached to."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from procura.core.models import TimeStampedModel


class DocumentStatus(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    PROCESSING = "processing", "Processing"
    PROCESSED = "processed", "Processed"
    FAILED = "failed", "Failed"


class DocumentKind(models.TextChoices):
    SUPPLIER_INVOICE = "supplier_invoice", "Supplier invoice"
    OTHER = "other", "Other"


def document_upload_to(instance: Document, filename: str) -> str:
    """Stored by content hash, never by the uploaded name (no user-controlled paths)."""
    extension = {
        "application/pdf": "pdf",
        "image/png": "png",
        "image/jpeg": "jpg",
        "image/tiff": "tif",
        "image/webp": "webp",
        "image/heic": "heic",
        "application/xml": "xml",
        "application/pkcs7-mime": "p7m",
    }
    ext = extension.get(instance.content_type, "bin")
    return f"documents/{instance.sha256[:2]}/{instance.sha256}.{ext}"


class Document(TimeStampedModel):
    file = models.FileField(upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50, help_text="Decided from the file's content.")
    size = models.PositiveBigIntegerField()
    # The same bytes are stored once (one blob, named by the hash) but may back several
    # documents: one per uploader who could not see the others (see services.uploads).
    sha256 = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(
        max_length=20, choices=DocumentKind.choices, default=DocumentKind.SUPPLIER_INVOICE
    )
    status = models.CharField(
        max_length=12,
        choices=DocumentStatus.choices,
        default=DocumentStatus.UPLOADED,
        db_index=True,
    )
    error_code = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True, help_text="Why processing failed, in words.")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    used_ocr = models.BooleanField(default=False)
    text = models.TextField(blank=True, help_text="Full text, searchable.")
    layout = models.JSONField(
        default=list, blank=True, help_text="Phrases with their boxes, per page (for hints)."
    )
    extraction = models.JSONField(null=True, blank=True)
    corrections = models.JSONField(default=dict, blank=True)
    supplier_ref = models.PositiveBigIntegerField(
        null=True, blank=True, db_index=True, help_text="Id of the matched or confirmed supplier."
    )
    source = models.JSONField(
        default=dict,
        blank=True,
        help_text="Where the file came from when not uploaded by hand: for e-mail, the "
        "message's channel, sender, subject, date and Message-ID.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="uploaded_documents"
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text="The uploader's department at upload time.",
    )
    task_id = models.UUIDField(null=True, blank=True, help_text="The latest processing task.")
    attempts = models.PositiveSmallIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["uploaded_by", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256", "uploaded_by"], name="document_sha256_per_uploader"
            )
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"


class DocumentAttachment(models.Model):
    """A document attached to a purchase request, purchase order, supplier invoice, sales order
    or partner. Who may see the document follows what it is attached to."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("object_type", "object_id")
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "object_type", "object_id"], name="uniq_document_attachment"
            )
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.document_id} -> {self.object_type_id}:{self.object_id}"


class SupplierHint(models.Model):
    """Labels and positions learned from people's corrections of one supplier's invoices."""

    supplier_ref = models.PositiveBigIntegerField(unique=True)
    examples = models.JSONField(
        default=dict,
        blank=True,
        help_text="Per field, where corrected invoices printed it (label, position), latest first.",
    )
    corrections = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["supplier_ref"]

    def __str__(self) -> str:
        return f"hints for supplier {self.supplier_ref}"
