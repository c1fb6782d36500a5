"""Uploads: type by content, size limit, de-duplication by SHA-256, attachment, reprocessing."""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Case, When
from django.utils import timezone

from procura.audit.services import audit_record
from procura.documents import access
from procura.documents.errors import (
    ATTACH_MISSING_MESSAGE,
    ATTACH_TARGET_MESSAGE,
    BUSY_MESSAGE,
    EMPTY_MESSAGE,
    TOO_LARGE_MESSAGE,
    UNSUPPORTED_TYPE_MESSAGE,
    Conflict,
    DocumentErrorCode,
    DocumentTooLarge,
    InvalidInput,
    NotFound,
    UnsupportedMediaType,
)
from procura.documents.models import Document, DocumentAttachment, DocumentStatus
from procura.documents.sniffing import HEAD_BYTES, sniff_content_type
from procura.jobs.models import TaskRecord
from procura.jobs.services import start_task

logger = logging.getLogger("procura.documents")

# A document stuck in "processing" this long (its worker died) may be reprocessed.
STALE_PROCESSING = timedelta(minutes=30)
TEMP_FILE_MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class UploadOutcome:
    document: Document
    created: bool
    task: TaskRecord | None


def _max_bytes() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD_BYTES)


def _sha256(file: UploadedFile) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _attach_target(model_label: str, object_id: int, by: Any) -> ContentType:
    label = model_label.lower()
    if label not in access.ATTACHABLE_MODELS:
        raise InvalidInput(
            ATTACH_TARGET_MESSAGE.format(target=model_label),
            code=DocumentErrorCode.ATTACH_TARGET,
            errors={"attach_to_type": [ATTACH_TARGET_MESSAGE.format(target=model_label)]},
        )
    app_label, model = label.split(".")
    try:
        object_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise InvalidInput(
            ATTACH_TARGET_MESSAGE.format(target=model_label), code=DocumentErrorCode.ATTACH_TARGET
        ) from None
    model_class = object_type.model_class()
    exists = model_class is not None and model_class._default_manager.filter(pk=object_id).exists()
    if not exists or not access.can_attach_to(by, label, object_id):
        raise NotFound(ATTACH_MISSING_MESSAGE.format(target=model_label, object_id=object_id))
    return object_type


def _process_task() -> Any:
    from procura.documents.tasks import process_document_task

    return process_document_task


def _visible_twin(sha256: str, by: Any) -> Document | None:
    """A document with these bytes that ``by`` may already read (their own first)."""
    twins = Document.objects.filter(sha256=sha256)
    condition = access.visibility_filter(by)
    if condition is not None:
        twins = twins.filter(pk__in=Document.objects.filter(condition).values("pk"))
    return twins.order_by(Case(When(uploaded_by=by, then=0), default=1), "pk").first()


@transaction.atomic
def document_upload(
    *,
    file: UploadedFile,
    by: Any,
    attach_to: tuple[str, int] | None = None,
    source: Mapping[str, Any] | None = None,
    supplier_ref: int | None = None,
) -> UploadOutcome:
    """Store an upload and queue its processing.

    Rules: the type is decided by the content (PDF, PNG, JPEG, TIFF; else 415); at most
    DOCUMENT_MAX_UPLOAD_BYTES (else 413); the same bytes uploaded again return the existing
    document (unique SHA-256; a concurrent twin loses the insert and returns the winner).
    ``source`` (where the file came from, e.g. an e-mail) and ``supplier_ref`` (a supplier
    already known, e.g. from the sender) are kept on a new document.
    """
    size = int(file.size or 0)
    if size > _max_bytes():
        raise DocumentTooLarge(TOO_LARGE_MESSAGE.format(size=size, limit=_max_bytes()))
    if size == 0:
        raise InvalidInput(
            EMPTY_MESSAGE, code=DocumentErrorCode.EMPTY, errors={"file": [EMPTY_MESSAGE]}
        )
    file.seek(0)
    content_type = sniff_content_type(file.read(HEAD_BYTES))
    if content_type is None:
        raise UnsupportedMediaType(UNSUPPORTED_TYPE_MESSAGE)
    object_type = _attach_target(attach_to[0], attach_to[1], by) if attach_to else None
    sha256 = _sha256(file)
    existing = _visible_twin(sha256, by)
    created = existing is None
    task: TaskRecord | None = None
    if existing is None:
        document = Document(
            original_name=Path(file.name or "upload").name[:255],
            content_type=content_type,
            size=size,
            sha256=sha256,
            uploaded_by=by,
            department_id=getattr(by, "department_id", None),
            source=dict(source or {}),
            supplier_ref=supplier_ref,
        )
        blob = Document.objects.filter(sha256=sha256).values_list("file", flat=True).first()
        try:
            with transaction.atomic():
                if blob:
                    # Someone the uploader cannot see stored these bytes: a document of their
                    # own over the same blob, never access to the other one.
                    document.file.name = blob
                else:
                    document.file.save(document.original_name, file, save=False)
                document.save()
        except IntegrityError:
            # A concurrent upload of the same bytes by the same person won the insert.
            document = Document.objects.get(sha256=sha256, uploaded_by=by)
            created = False
    else:
        document = existing
    if object_type is not None and attach_to is not None:
        DocumentAttachment.objects.get_or_create(
            document=document,
            object_type=object_type,
            object_id=attach_to[1],
            defaults={"attached_by": by},
        )
    if created:
        task = start_task(_process_task(), owner=by, args=[document.pk], name="documents.process")
        document.task_id = task.pk
        document.save(update_fields=["task_id", "updated_at"])
        audit_record(
            actor=by,
            action="document.uploaded",
            obj=document,
            data={
                "sha256": sha256,
                "content_type": content_type,
                "size": size,
                "channel": (source or {}).get("channel", "upload"),
            },
        )
    return UploadOutcome(document=document, created=created, task=task)


@transaction.atomic
def document_attach(
    *, document: Document, by: Any, model_label: str, object_id: int
) -> DocumentAttachment:
    """Attach ``document`` to an object the user may see (404 otherwise). Idempotent."""
    object_type = _attach_target(model_label, object_id, by)
    attachment, created = DocumentAttachment.objects.get_or_create(
        document=document,
        object_type=object_type,
        object_id=object_id,
        defaults={"attached_by": by},
    )
    if created:
        audit_record(
            actor=by,
            action="document.attached",
            obj=document,
            data={"object_type": model_label.lower(), "object_id": object_id},
        )
    return attachment


@transaction.atomic
def document_reprocess(*, document: Document, by: Any) -> TaskRecord:
    """Queue processing again. Rule: not while a live processing run holds the document (409);
    a run older than STALE_PROCESSING is taken as dead. Locks the document row."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    busy = locked.status in {DocumentStatus.UPLOADED, DocumentStatus.PROCESSING}
    if busy and timezone.now() - locked.updated_at < STALE_PROCESSING:
        raise Conflict(BUSY_MESSAGE, code=DocumentErrorCode.BUSY)
    task = start_task(_process_task(), owner=by, args=[locked.pk], name="documents.process")
    before = locked.status
    locked.status = DocumentStatus.UPLOADED
    locked.task_id = task.pk
    locked.save(update_fields=["status", "task_id", "updated_at"])
    audit_record(
        actor=by,
        action="document.reprocess_requested",
        obj=locked,
        changes={"status": (before, locked.status)},
    )
    return task


def documents_cleanup(*, now: datetime | None = None) -> dict[str, int]:
    """Weekly: delete uploads never attached to anything after the retention period (file and
    row), and temporary OCR files left behind by interrupted runs."""
    now = now or timezone.now()
    days = int(getattr(settings, "DOCUMENT_UNATTACHED_RETENTION_DAYS", 7))
    stale = Document.objects.filter(
        created_at__lt=now - timedelta(days=days), attachments__isnull=True
    )
    removed = 0
    for document in stale.iterator():
        with transaction.atomic():
            name = document.file.name
            audit_record(
                actor=None,
                action="document.deleted_unattached",
                obj=document,
                data={"sha256": document.sha256},
            )
            document.delete()
        # The blob may back other documents (the same bytes, another uploader).
        if name and not Document.objects.filter(file=name).exists():
            document.file.storage.delete(name)
        removed += 1
    temp_removed = 0
    cutoff = time.time() - TEMP_FILE_MAX_AGE.total_seconds()
    for path in Path(tempfile.gettempdir()).glob("tess_*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                temp_removed += 1
        except OSError:
            logger.warning("Could not remove temporary file", extra={"path": str(path)})
    return {"documents_removed": removed, "temp_files_removed": temp_removed}
