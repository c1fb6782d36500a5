"""Documents' error codes and exceptions (rendered as problem+json)."""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus

from procura.core.errors import Conflict, DomainError, InvalidInput, NotFound


class DocumentErrorCode(StrEnum):
    UNSUPPORTED_TYPE = "unsupported_media_type"
    TOO_LARGE = "too_large"
    EMPTY = "empty_file"
    NOT_READY = "not_processed"
    BUSY = "processing"
    UNREADABLE = "unreadable"
    ATTACH_TARGET = "invalid_attachment_target"
    FILE_MISSING = "file_missing"


UNSUPPORTED_TYPE_MESSAGE = (
    "Only PDF, PNG, JPEG, TIFF, WebP and HEIC files and e-invoice XML (UBL, CII, FatturaPA) are accepted "
    "(decided by content)."
)
TOO_LARGE_MESSAGE = "The file is {size} bytes; at most {limit} bytes are accepted."
EMPTY_MESSAGE = "The file is empty."
BUSY_MESSAGE = "The document is being processed; try again when it has finished."
NOT_READY_MESSAGE = "The document has not been processed yet."
ATTACH_TARGET_MESSAGE = "Documents cannot be attached to {target}."
ATTACH_MISSING_MESSAGE = "There is no {target} with id {object_id} that you can see."
NO_RENDERING_MESSAGE = "This document carries no PDF or image of the invoice."
FILE_MISSING_MESSAGE = "The stored file is missing."


class UnsupportedMediaType(DomainError):
    status_code = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    default_code = DocumentErrorCode.UNSUPPORTED_TYPE
    title = "Unsupported media type"


class DocumentTooLarge(DomainError):
    status_code = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    default_code = DocumentErrorCode.TOO_LARGE
    title = "Too large"


class DocumentUnreadable(DomainError):
    """The file cannot be read (encrypted, damaged, over a limit): retrying will not help."""

    default_code = DocumentErrorCode.UNREADABLE
    title = "Document cannot be read"


class TransientDocumentError(Exception):
    """Storage or a helper process failed in a way that may pass: retry with backoff."""


__all__ = [
    "Conflict",
    "DocumentErrorCode",
    "DocumentTooLarge",
    "DocumentUnreadable",
    "InvalidInput",
    "NotFound",
    "TransientDocumentError",
    "UnsupportedMediaType",
]
