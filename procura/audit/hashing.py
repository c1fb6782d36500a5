"""How an audit event's hash is computed: HMAC-SHA256, under a key held outside the database,
over the previous hash, the key id and the event's canonical JSON. Shared by the writer,
``manage.py verify_audit`` and the chain anchors.

Without the key, someone who can write to the database cannot recompute a valid chain after
changing a row. The key id written on each event says which key verifies it, so keys can be
rotated (``AUDIT_HMAC_KEYS``): new events use the newest key, old ones keep verifying with
theirs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64
# The event fields a hash covers (besides the previous hash and the key id).
CONTENT_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_email",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "data",
    "request_id",
    "ip_address",
)


class UnknownAuditKey(KeyError):
    """An event or anchor names a key id that AUDIT_HMAC_KEYS does not hold."""


def audit_keys() -> Mapping[str, bytes]:
    """Key id -> key, oldest first (the last one signs new events)."""
    return {key_id: secret.encode() for key_id, secret in settings.AUDIT_HMAC_KEYS.items()}


def current_key_id() -> str:
    return next(reversed(settings.AUDIT_HMAC_KEYS))


def key_for(key_id: str) -> bytes:
    try:
        return audit_keys()[key_id]
    except KeyError:
        raise UnknownAuditKey(key_id) from None


def sign(key_id: str, payload: bytes) -> str:
    """HMAC-SHA256 of ``payload`` under the key ``key_id`` (hex)."""
    return hmac.new(key_for(key_id), payload, hashlib.sha256).hexdigest()


def _payload(
    *,
    prev_hash: str,
    sequence: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_email: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    changes: Any,
    data: Any,
    request_id: str,
    ip_address: str | None,
    key_id: str | None = None,
) -> bytes:
    content: dict[str, Any] = {
        "prev": prev_hash,
        "seq": sequence,
        "at": occurred_at.isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_email": actor_email,
        "action": action,
        "type": object_type,
        "id": object_id,
        "repr": object_repr,
        "changes": changes,
        "data": data,
        "request_id": request_id,
        "ip": ip_address,
    }
    if key_id is not None:
        content["kid"] = key_id
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder
    ).encode()


def event_hash(*, key_id: str, **fields: Any) -> str:
    """The keyed hash of one event (``fields``: prev_hash, sequence, occurred_at, actor_id,
    actor_email, action, object_type, object_id, object_repr, changes, data, request_id,
    ip_address). Raises ``UnknownAuditKey`` for a key id that is not configured."""
    return sign(key_id, _payload(key_id=key_id, **fields))


def unkeyed_event_hash(**fields: Any) -> str:
    """The plain SHA-256 the chain used before it was keyed; only read when re-keying an old
    chain (migration audit 0003)."""
    return hashlib.sha256(_payload(**fields)).hexdigest()
