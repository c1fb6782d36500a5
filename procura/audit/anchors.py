"""Anchors: the chain head written outside the database on a schedule.

Every hour (``anchor_audit_chain_task``) the newest event's sequence and hash are written as a
small JSON file, signed with the audit key, to the anchor storage (media or S3, setting
AUDIT_ANCHOR_STORAGE), and optionally e-mailed to the auditors. Someone who can write to the
database and even knows the key can rewrite the chain consistently, but not the anchors already
written: ``verify_audit`` compares each anchored hash with the event in the database, so a
rewritten or truncated chain shows up.
"""

from __future__ import annotations

import json
import logging
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.utils import timezone

from procura.audit.hashing import UnknownAuditKey, current_key_id, sign
from procura.audit.models import AuditChainHead

logger = logging.getLogger("procura.audit")

ANCHOR_FORMAT = "procura-audit-anchor/1"
FILE_PREFIX = "anchor-"
AUDITOR_GROUP = "auditor"


@dataclass(frozen=True)
class Anchor:
    sequence: int
    hash: str
    written_at: str
    key_id: str
    signature: str
    name: str = ""

    def content(self) -> dict[str, Any]:
        return {
            "format": ANCHOR_FORMAT,
            "sequence": self.sequence,
            "hash": self.hash,
            "written_at": self.written_at,
            "key_id": self.key_id,
        }

    def expected_signature(self) -> str:
        return sign(self.key_id, _canonical(self.content()))

    def signature_valid(self) -> bool:
        try:
            return self.expected_signature() == self.signature
        except UnknownAuditKey:
            return False


@dataclass(frozen=True)
class UnreadableAnchor:
    """A file in the anchor folder that is not a well-formed anchor (edited or damaged)."""

    name: str


def _canonical(content: dict[str, Any]) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def _storage() -> Storage:
    return storages[settings.AUDIT_ANCHOR_STORAGE]


def _folder() -> str:
    return str(settings.AUDIT_ANCHOR_PREFIX).strip("/")


def _names(storage: Storage) -> list[str]:
    try:
        _, files = storage.listdir(_folder())
    except FileNotFoundError:
        return []
    return sorted(name for name in files if name.startswith(FILE_PREFIX) and name.endswith(".json"))


def _parse(name: str, raw: bytes) -> Anchor | UnreadableAnchor:
    try:
        body = json.loads(raw)
        if body.get("format") != ANCHOR_FORMAT:
            return UnreadableAnchor(name)
        return Anchor(
            sequence=int(body["sequence"]),
            hash=str(body["hash"]),
            written_at=str(body["written_at"]),
            key_id=str(body["key_id"]),
            signature=str(body["signature"]),
            name=name,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return UnreadableAnchor(name)


def audit_anchors_read() -> Iterator[Anchor | UnreadableAnchor]:
    """Every anchor in the anchor storage, oldest first."""
    storage = _storage()
    for name in _names(storage):
        with storage.open(posixpath.join(_folder(), name), "rb") as handle:
            yield _parse(name, handle.read())


def _latest_anchored_sequence(storage: Storage) -> int | None:
    names = _names(storage)
    if not names:
        return None
    try:
        return int(names[-1][len(FILE_PREFIX) :].split("-", 1)[0])
    except ValueError:
        return None


def audit_anchor_write(*, now: datetime | None = None) -> Anchor | None:
    """Write an anchor for the committed chain head, unless the newest anchor already covers it
    (nothing was recorded since). Reads the head without a lock: an anchor never covers an
    uncommitted event. Returns the anchor written, or None."""
    head = AuditChainHead.objects.filter(id=1).values("last_sequence", "last_hash").first()
    if head is None or not head["last_sequence"]:
        return None
    storage = _storage()
    if _latest_anchored_sequence(storage) == head["last_sequence"]:
        return None
    written_at = (now or timezone.now()).astimezone(UTC)
    unsigned = Anchor(
        sequence=head["last_sequence"],
        hash=head["last_hash"],
        written_at=written_at.isoformat(timespec="seconds"),
        key_id=current_key_id(),
        signature="",
    )
    signature = unsigned.expected_signature()
    # Zero-padded sequence first, so names sort in chain order.
    name = f"{FILE_PREFIX}{unsigned.sequence:015d}-{written_at:%Y%m%dT%H%M%SZ}.json"
    body = json.dumps({**unsigned.content(), "signature": signature}, indent=2).encode()
    saved = storage.save(posixpath.join(_folder(), name), ContentFile(body))
    anchor = Anchor(
        **{**unsigned.__dict__, "signature": signature, "name": posixpath.basename(saved)}
    )
    if settings.AUDIT_ANCHOR_EMAIL_AUDITORS:
        _email_auditors(anchor, body.decode())
    logger.info("Audit chain anchored", extra={"sequence": anchor.sequence, "file": saved})
    return anchor


def _email_auditors(anchor: Anchor, body: str) -> None:
    from procura.notifications.services import notification_queue

    # Roles are groups named after them; audit does not import accounts (accounts imports audit).
    auditors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=AUDITOR_GROUP)
        .values_list("email", flat=True)
        .order_by("email")
        .distinct()
    )
    with transaction.atomic():
        for email in auditors:
            notification_queue(
                template="audit/anchor",
                context={"anchor": anchor, "body": body},
                email=email,
                object_type="audit.anchor",
                object_id=str(anchor.sequence),
            )
