"""Celery tasks of documents: processing (tracked, with progress) and the weekly cleanup."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from procura.documents.errors import TransientDocumentError
from procura.documents.services import document_process, documents_cleanup
from procura.documents.services.processing import document_fail
from procura.jobs.tasks import TrackedTask

MAX_RETRIES = 3
BACKOFF_SECONDS = 10  # 10 s, 20 s, 40 s
TRANSIENT_GAVE_UP = "Processing kept failing for a temporary reason ({reason}); reprocess it later."


@shared_task(base=TrackedTask, bind=True, max_retries=MAX_RETRIES, acks_late=True)
def process_document_task(self: TrackedTask, document_id: int) -> dict[str, Any]:
    """Steps reported as progress: stored, text, ocr, extract."""
    try:
        return document_process(document_id=document_id, progress=self.report_progress)
    except TransientDocumentError as exc:
        if self.request.retries >= MAX_RETRIES:
            document_fail(
                document_id=document_id,
                code="transient_failure",
                message=TRANSIENT_GAVE_UP.format(reason=exc),
            )
            raise
        raise self.retry(exc=exc, countdown=BACKOFF_SECONDS * 2**self.request.retries) from exc


@shared_task(bind=True, acks_late=True)
def cleanup_documents_task(self: Any) -> dict[str, int]:
    """Weekly (CELERY_BEAT_SCHEDULE): unattached uploads past retention, stale temp files."""
    return documents_cleanup()
