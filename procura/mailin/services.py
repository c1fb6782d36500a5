"""Mailboxes (settings) and importing the invoices their messages carry.

``message_import`` turns one raw message into documents, processed like uploads: each file
part that is an invoice file (PDF, e-invoice XML, PNG, JPEG, TIFF, WebP, HEIC, decided by content) becomes
a document whose ``source`` is the message; a file already stored (same SHA-256) is a
duplicate; anything else is skipped with its reason. The same message (same Message-ID) is
ignored the second time. A malformed message is recorded as rejected with the reason, logged,
and imports nothing. ``mailbox_poll`` reads every message above the last UID it took
(UIDVALIDITY-aware), imports each in its own transaction and marks it read on the server.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from procura.audit.services import audit_record
from procura.core.errors import InvalidInput
from procura.documents.errors import DocumentTooLarge, UnsupportedMediaType
from procura.documents.services.uploads import document_upload
from procura.mailin import credentials
from procura.mailin.imap import ImapFailure, ImapSettings, imap_session
from procura.mailin.matching import match_sender
from procura.mailin.models import (
    AttachmentOutcome,
    InboundAttachment,
    InboundMessage,
    Mailbox,
    MessageStatus,
)
from procura.mailin.parsing import MalformedMessage, header_message_id, parse_message

logger = logging.getLogger("procura.mailin")

NOT_AN_INVOICE = (
    "Not an invoice file (PDF, e-invoice XML or a PNG, JPEG, TIFF, WebP or HEIC picture): {type}."
)
EMPTY_FILE = "The file is empty."
TOO_LARGE = "Larger than the upload limit ({size} bytes)."
INLINE_IMAGE = "An image shown in the message body (a logo or signature), not an attachment."
ALREADY_STORED = "Already received (the same file is document {document})."
NO_PASSWORD = "Enter the mailbox password."  # noqa: S105 - a message, not a password
CREDENTIALS_LOST = "The stored password cannot be read (the key changed); enter it again."
POLL_BATCH = 200
# Images smaller than this shown inline are taken as logos, never as scanned invoices.
INLINE_IMAGE_MAX_BYTES = 50_000


@dataclass
class PollOutcome:
    mailbox_id: int
    read: int = 0
    imported: int = 0
    ignored: int = 0
    rejected: int = 0
    error: str = ""
    messages: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mailbox": self.mailbox_id,
            "read": self.read,
            "imported": self.imported,
            "ignored": self.ignored,
            "rejected": self.rejected,
            "error": self.error,
        }


# --- settings -------------------------------------------------------------------------------

MAILBOX_FIELDS = ("name", "host", "port", "security", "username", "folder", "is_active")


@transaction.atomic
def mailbox_create(*, data: Mapping[str, Any], by: Any) -> Mailbox:
    """A new mailbox; the password is encrypted and never audited."""
    password = str(data.get("password") or "")
    if not password:
        raise InvalidInput(NO_PASSWORD, errors={"password": [NO_PASSWORD]})
    mailbox = Mailbox(
        **{name: data[name] for name in MAILBOX_FIELDS if name in data},
        documents_owner=data.get("documents_owner") or by,
        password_encrypted=credentials.encrypt(password),
        created_by=by,
        updated_by=by,
    )
    mailbox.full_clean(exclude=["password_encrypted"])
    mailbox.save()
    audit_record(
        actor=by,
        action="mailbox.created",
        obj=mailbox,
        data={name: str(getattr(mailbox, name)) for name in MAILBOX_FIELDS},
    )
    return mailbox


@transaction.atomic
def mailbox_update(*, mailbox: Mailbox, data: Mapping[str, Any], by: Any) -> Mailbox:
    """Change settings; a blank or absent password keeps the stored one. Changing the server,
    account or folder starts reading that folder afresh (message ids still stop repeats)."""
    locked = Mailbox.objects.select_for_update().get(pk=mailbox.pk)
    changes: dict[str, tuple[Any, Any]] = {}
    for name in (*MAILBOX_FIELDS, "documents_owner"):
        if name in data and getattr(locked, name) != data[name]:
            changes[name] = (str(getattr(locked, name)), str(data[name]))
            setattr(locked, name, data[name])
    if data.get("password"):
        locked.password_encrypted = credentials.encrypt(str(data["password"]))
        changes["password"] = ("(hidden)", "(changed)")
    if {"host", "username", "folder"} & changes.keys():
        locked.uid_validity, locked.last_uid = None, 0
    locked.updated_by = by
    locked.full_clean(exclude=["password_encrypted"])
    locked.save()
    if changes:
        audit_record(actor=by, action="mailbox.updated", obj=locked, changes=changes)
    return locked


@transaction.atomic
def mailbox_delete(*, mailbox: Mailbox, by: Any) -> None:
    """Remove a mailbox and its received-message log; imported documents stay."""
    audit_record(actor=by, action="mailbox.deleted", obj=mailbox, data={"name": mailbox.name})
    mailbox.delete()


# --- import ---------------------------------------------------------------------------------


def message_import(
    *, mailbox: Mailbox, raw: bytes, uid: int | None = None
) -> InboundMessage | None:
    """Import one message (see the module docstring). Returns the recorded message, or None
    when the same message was imported before."""
    try:
        parsed = parse_message(raw)
    except MalformedMessage as exc:
        return _reject(mailbox, raw, uid, str(exc))
    if InboundMessage.objects.filter(message_id=parsed.message_id).exists():
        return None
    try:
        with transaction.atomic():
            return _import(mailbox, parsed, uid)
    except IntegrityError:
        return None  # a concurrent poll recorded the same message first


def _import(mailbox: Mailbox, parsed: Any, uid: int | None) -> InboundMessage:
    match = match_sender(parsed.from_address)
    message = InboundMessage.objects.create(
        mailbox=mailbox,
        uid=uid,
        message_id=parsed.message_id,
        from_address=parsed.from_address[:320],
        from_name=parsed.from_name,
        subject=parsed.subject,
        sent_at=parsed.sent_at,
        status=MessageStatus.NOTHING_NEW,
        supplier_id=match.supplier_id if match else None,
        supplier_matched_by=match.matched_by if match else "",
    )
    source = parsed.as_source()
    imported = 0
    for number, part in enumerate(parsed.files, start=1):
        row = InboundAttachment(
            message=message,
            filename=part.filename,
            declared_type=part.declared_type,
            size=len(part.content),
            sha256=hashlib.sha256(part.content).hexdigest(),
        )
        _import_file(row, part, number, mailbox, source, match.supplier_id if match else None)
        row.save()
        imported += row.outcome == AttachmentOutcome.IMPORTED
    if imported:
        message.status = MessageStatus.IMPORTED
        message.save(update_fields=["status"])
    audit_record(
        actor=None,
        action="mailbox.message_imported",
        obj=message,
        data={"mailbox": mailbox.name, "documents": imported, "files": len(parsed.files)},
    )
    return message


def _import_file(
    row: InboundAttachment,
    part: Any,
    number: int,
    mailbox: Mailbox,
    source: dict[str, Any],
    supplier_id: int | None,
) -> None:
    def skip(reason: str) -> None:
        row.outcome, row.reason = AttachmentOutcome.SKIPPED, reason[:300]

    if not part.content:
        return skip(EMPTY_FILE)
    is_image = part.declared_type.startswith("image/")
    if part.inline and is_image and len(part.content) < INLINE_IMAGE_MAX_BYTES:
        return skip(INLINE_IMAGE)
    name = Path(part.filename).name if part.filename else f"attachment-{number}"
    upload = SimpleUploadedFile(name, part.content, content_type=part.declared_type)
    try:
        outcome = document_upload(
            file=upload, by=mailbox.documents_owner, source=source, supplier_ref=supplier_id
        )
    except UnsupportedMediaType:
        return skip(NOT_AN_INVOICE.format(type=part.declared_type or "unknown type"))
    except DocumentTooLarge:
        return skip(TOO_LARGE.format(size=len(part.content)))
    except InvalidInput as exc:
        return skip(str(exc.detail))
    row.document = outcome.document
    if outcome.created:
        row.outcome = AttachmentOutcome.IMPORTED
    else:
        row.outcome = AttachmentOutcome.DUPLICATE
        row.reason = ALREADY_STORED.format(document=outcome.document.pk)
    return None


def _reject(mailbox: Mailbox, raw: bytes, uid: int | None, reason: str) -> InboundMessage | None:
    message_id = header_message_id(raw)
    logger.warning(
        "Malformed e-mail refused",
        extra={"mailbox": mailbox.pk, "uid": uid, "message_id": message_id, "reason": reason},
    )
    existing = InboundMessage.objects.filter(message_id=message_id).first()
    if existing is not None:
        return None
    try:
        with transaction.atomic():
            return InboundMessage.objects.create(
                mailbox=mailbox,
                uid=uid,
                message_id=message_id,
                status=MessageStatus.REJECTED,
                error=reason[:500],
                **_loose_headers(raw),
            )
    except IntegrityError:
        return None


def _loose_headers(raw: bytes) -> dict[str, str]:
    """Sender and subject of a refused message as far as they can be read, for the log."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        return {
            "from_address": str(message.get("From") or "")[:320],
            "subject": " ".join(str(message.get("Subject") or "").split())[:500],
        }
    except Exception:  # noqa: BLE001 - best effort only
        return {}


# --- polling --------------------------------------------------------------------------------


def mailbox_settings(mailbox: Mailbox) -> ImapSettings:
    try:
        password = credentials.decrypt(mailbox.password_encrypted)
    except credentials.CredentialsUnreadable:
        raise ImapFailure(CREDENTIALS_LOST) from None
    return ImapSettings(
        host=mailbox.host,
        port=mailbox.port,
        security=mailbox.security,
        username=mailbox.username,
        password=password,
        folder=mailbox.folder,
    )


def mailbox_poll(*, mailbox_id: int, batch: int = POLL_BATCH) -> PollOutcome:
    """Read what is new in the mailbox (see the module docstring). A failure to connect or
    sign in is recorded on the mailbox (``last_error``) and logged, without credentials."""
    mailbox = Mailbox.objects.select_related("documents_owner").get(pk=mailbox_id)
    outcome = PollOutcome(mailbox_id=mailbox.pk)
    try:
        with imap_session(mailbox_settings(mailbox)) as session:
            validity = session.uid_validity()
            if mailbox.uid_validity != validity:
                mailbox.uid_validity, mailbox.last_uid = validity, 0
            for uid in session.uids_after(mailbox.last_uid)[:batch]:
                raw = session.raw(uid)
                if raw is not None:
                    outcome.read += 1
                    message = message_import(mailbox=mailbox, raw=raw, uid=uid)
                    _count(outcome, message)
                    session.mark_seen(uid)
                mailbox.last_uid = uid
                Mailbox.objects.filter(pk=mailbox.pk).update(
                    last_uid=uid, uid_validity=mailbox.uid_validity
                )
    except ImapFailure as exc:
        outcome.error = str(exc)
        logger.warning(
            "Mailbox could not be read", extra={"mailbox": mailbox.pk, "error": outcome.error}
        )
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_polled_at=timezone.now(),
        last_error=outcome.error[:500],
        uid_validity=mailbox.uid_validity,
        last_uid=mailbox.last_uid,
    )
    return outcome


def _count(outcome: PollOutcome, message: InboundMessage | None) -> None:
    if message is None:
        outcome.ignored += 1
        return
    outcome.messages.append(message.pk)
    if message.status == MessageStatus.REJECTED:
        outcome.rejected += 1
    elif message.status == MessageStatus.IMPORTED:
        outcome.imported += 1
    else:
        outcome.ignored += 1


def mailboxes_due() -> list[int]:
    return list(Mailbox.objects.filter(is_active=True).values_list("pk", flat=True))
