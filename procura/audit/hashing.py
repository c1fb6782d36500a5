"""How an audit event's hash is computed: SHA-256 over the previous hash and the event's
canonical JSON. Shared by the writer and ``manage.py verify_audit``."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

GENESIS_HASH = "0" * 64


def event_hash(
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
) -> str:
    payload = json.dumps(
        {
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
        },
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )
    return hashlib.sha256(payload.encode()).hexdigest()
