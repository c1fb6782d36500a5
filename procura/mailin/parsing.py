"""One raw e-mail (RFC 5322 bytes) -> its sender, subject, date, Message-ID and file parts.

Python's e-mail parser reads almost anything; what it had to guess is listed as defects. A
message whose structure is broken (a multipart without its boundary, no header/body separator)
or one of whose files is damaged in transit (broken base64) is refused as a whole with a clear
reason (``MalformedMessage``), so a half-read invoice is never imported."""

from __future__ import annotations

import email
import email.errors
import email.policy
import email.utils
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from typing import Any

EMPTY = "The message is empty."
BROKEN_STRUCTURE = "The message's MIME structure is broken ({defects}); nothing was imported."
NO_SENDER = "The message has no valid sender (From) address; nothing was imported."
DAMAGED_PART = (
    "The attachment {name!r} is damaged ({defects}); nothing from this message was imported."
)

STRUCTURE_DEFECTS = (
    email.errors.NoBoundaryInMultipartDefect,
    email.errors.StartBoundaryNotFoundDefect,
    email.errors.MultipartInvariantViolationDefect,
    email.errors.MissingHeaderBodySeparatorDefect,
)
PART_DEFECTS = (
    email.errors.InvalidBase64PaddingDefect,
    email.errors.InvalidBase64CharactersDefect,
    email.errors.InvalidBase64LengthDefect,
)
# Parts that carry the message's own text; they are read as files only when named.
BODY_TYPES = ("text/plain", "text/html", "text/enriched", "text/calendar")
MAX_HEADER_CHARS = 500


class MalformedMessage(ValueError):
    """The message cannot be imported; ``str(exc)`` says why, in words."""


@dataclass(frozen=True)
class FilePart:
    filename: str
    declared_type: str
    content: bytes
    inline: bool  # shown in the message body (a logo in a signature), not attached


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    from_address: str
    from_name: str
    subject: str
    sent_at: datetime | None
    files: list[FilePart] = field(default_factory=list)

    def as_source(self) -> dict[str, Any]:
        """What a document imported from this message keeps of it."""
        return {
            "channel": "email",
            "from_address": self.from_address,
            "from_name": self.from_name,
            "subject": self.subject,
            "date": self.sent_at.isoformat() if self.sent_at else None,
            "message_id": self.message_id,
        }


def fallback_message_id(raw: bytes) -> str:
    """The key of a message without a Message-ID header: the hash of its bytes."""
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def header_message_id(raw: bytes) -> str:
    """The Message-ID of ``raw`` as best it can be read (even from a malformed message)."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        value = str(message.get("Message-ID") or "").strip()
    except Exception:  # noqa: BLE001 - any parser failure: fall back to the hash
        value = ""
    return value[:MAX_HEADER_CHARS] if value else fallback_message_id(raw)


def parse_message(raw: bytes) -> ParsedMessage:
    if not raw.strip():
        raise MalformedMessage(EMPTY)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    broken = [d for d in message.defects if isinstance(d, STRUCTURE_DEFECTS)]
    for part in message.walk():
        broken += [d for d in part.defects if isinstance(d, STRUCTURE_DEFECTS)]
    if broken:
        raise MalformedMessage(BROKEN_STRUCTURE.format(defects=_names(broken)))
    from_name, from_address = _sender(message)
    files = [_file_part(part) for part in message.walk() if _is_file(part)]
    return ParsedMessage(
        message_id=_header(message, "Message-ID") or fallback_message_id(raw),
        from_address=from_address,
        from_name=from_name[:200],
        subject=_header(message, "Subject"),
        sent_at=_date(message),
        files=files,
    )


def _names(defects: list[Any]) -> str:
    return ", ".join(sorted({type(d).__name__.removesuffix("Defect") for d in defects}))


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):
        return ""
    return " ".join(str(value or "").split())[:MAX_HEADER_CHARS]


def _sender(message: Message) -> tuple[str, str]:
    name, address = email.utils.parseaddr(_header(message, "From"))
    local, _, domain = address.rpartition("@")
    if not local or "." not in domain or " " in address:
        raise MalformedMessage(NO_SENDER)
    return name, address.lower()


def _date(message: Message) -> datetime | None:
    text = _header(message, "Date")
    if not text:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _is_file(part: Message) -> bool:
    if part.is_multipart() or part.get_content_type() == "message/rfc822":
        return False
    disposition = part.get_content_disposition()
    if disposition == "attachment" or part.get_filename():
        return True
    return part.get_content_type() not in BODY_TYPES


def _file_part(part: Message) -> FilePart:
    name = str(part.get_filename() or "").strip()
    payload = part.get_payload(decode=True)
    content = payload if isinstance(payload, bytes) else b""
    damaged = [d for d in part.defects if isinstance(d, PART_DEFECTS)]
    if damaged:
        raise MalformedMessage(
            DAMAGED_PART.format(name=name or part.get_content_type(), defects=_names(damaged))
        )
    inline = part.get_content_disposition() == "inline" or (
        bool(part.get("Content-ID")) and part.get_content_disposition() != "attachment"
    )
    return FilePart(
        filename=name[:255],
        declared_type=part.get_content_type()[:100],
        content=content,
        inline=inline,
    )
