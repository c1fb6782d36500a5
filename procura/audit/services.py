"""Writing audit events. Every business service calls ``audit_record`` inside its own
transaction, as its last write: it locks the chain head row, which serialises audit writers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from procura.audit.hashing import current_key_id, event_hash
from procura.audit.models import AuditChainHead, AuditEvent, object_type_of
from procura.core.json_values import canonical_json
from procura.core.request_context import get_client_ip, get_request_id

Changes = Mapping[str, tuple[Any, Any]]


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Field values of ``obj`` for a later ``diff``; foreign keys by id."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = getattr(obj, attname)
    return values


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {
        name: (before.get(name), after.get(name))
        for name in after
        if before.get(name) != after.get(name)
    }


def _normalised_ip(value: str) -> str | None:
    """The address as the database stores it (IPv6 compressed), so the hash of what was written
    is the hash of what is read back."""
    if not value:
        return None
    return clean_ipv6_address(value) if ":" in value else value


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: Changes | None = None,
    data: Mapping[str, Any] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEvent:
    """Append one event. Must run inside the transaction of the change it records.

    ``action`` is ``<entity>.<event>`` (``purchase_request.approved``); ``changes`` maps a field
    to its (before, after) values.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change")
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    actor_email = getattr(actor, "email", "") if actor_id else ""
    stored_changes = canonical_json(
        {
            name: {"before": before, "after": after}
            for name, (before, after) in (changes or {}).items()
        }
    )
    stored_data = canonical_json(dict(data or {}))
    ip_address = _normalised_ip(get_client_ip())
    request_id = get_request_id()
    occurred_at = timezone.now().astimezone(UTC)

    head = AuditChainHead.objects.select_for_update().filter(id=1).first()
    if head is None:  # only after a database flush; post_migrate normally creates it
        with transaction.atomic():
            AuditChainHead.objects.get_or_create(id=1)
        head = AuditChainHead.objects.select_for_update().get(id=1)
    sequence = head.last_sequence + 1
    key_id = current_key_id()
    digest = event_hash(
        key_id=key_id,
        prev_hash=head.last_hash,
        sequence=sequence,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_email=actor_email,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        changes=stored_changes,
        data=stored_data,
        request_id=request_id,
        ip_address=ip_address,
    )
    event = AuditEvent.objects.create(
        sequence=sequence,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_email=actor_email,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        changes=stored_changes,
        data=stored_data,
        request_id=request_id,
        ip_address=ip_address,
        prev_hash=head.last_hash,
        key_id=key_id,
        hash=digest,
    )
    AuditChainHead.objects.filter(id=1).update(last_sequence=sequence, last_hash=digest)
    for listener in _listeners:
        listener(event)
    return event


RecordedListener = Callable[[AuditEvent], object]
_listeners: list[RecordedListener] = []


def audit_listen(listener: RecordedListener) -> None:
    """Call ``listener(event)`` after every recorded event, inside the transaction of the
    change (an app registers once, from its ``AppConfig.ready``). A listener may write rows of
    its own, which commit or roll back with the change; it must not do network I/O."""
    if listener not in _listeners:
        _listeners.append(listener)
