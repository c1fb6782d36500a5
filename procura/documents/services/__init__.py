"""Writes on documents: uploads, attachments, processing, corrections, cleanup."""

from procura.documents.services.corrections import document_correct
from procura.documents.services.processing import document_process
from procura.documents.services.uploads import (
    UploadOutcome,
    document_attach,
    document_reprocess,
    document_upload,
    documents_cleanup,
)

__all__ = [
    "UploadOutcome",
    "document_attach",
    "document_correct",
    "document_process",
    "document_reprocess",
    "document_upload",
    "documents_cleanup",
]
