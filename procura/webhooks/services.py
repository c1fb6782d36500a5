"""Webhook endpoints and deliveries.

An audit event whose action is offered as a webhook event (``events.event_type_of``) becomes
one delivery per active endpoint subscribed to it, written in the transaction of the change and
queued through the task outbox, so a delivery exists exactly when the change committed.
Delivery (``delivery_attempt``) claims the row with a conditional UPDATE, checks the address
again, POSTs the signed payload to the address it checked (pinned: no DNS rebinding) without following redirects, and records the attempt. A 2xx
answer is success; anything else is retried with exponential backoff
(``WEBHOOKS_RETRY_BASE_SECONDS`` * 2^(attempt-1), at most ``WEBHOOKS_MAX_ATTEMPTS`` attempts);
after ``WEBHOOKS_DISABLE_AFTER_FAILURES`` failed attempts in a row the endpoint is disabled.
"""

from __future__ import annotations

import logging
import secrets
import time
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from procura.audit.models import AuditEvent
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput
from procura.webhooks import addresses, events, signing, transport
from procura.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

logger = logging.getLogger("procura.webhooks")

UNKNOWN_EVENT = "Unknown event type {name!r}."
NO_EVENTS = "Choose at least one event."
ENDPOINT_DISABLED = "The endpoint is disabled; enable it before redelivering."
DISABLED_AFTER = "Disabled after {count} failed attempts in a row; last: {error}"
USER_AGENT = "Procura-Webhooks/1"
EXCERPT = 500


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def _check_events(names: Sequence[str]) -> list[str]:
    unknown = [name for name in names if name not in events.EVENT_TYPES]
    if unknown:
        raise InvalidInput(
            UNKNOWN_EVENT.format(name=unknown[0]),
            code="unknown_event",
            errors={"events": [UNKNOWN_EVENT.format(name=n) for n in unknown]},
        )
    if not names:
        raise InvalidInput(NO_EVENTS, code="no_events", errors={"events": [NO_EVENTS]})
    return sorted(set(names))


# --- endpoints -----------------------------------------------------------------------------------


@transaction.atomic
def webhook_endpoint_create(
    *, url: str, events_: Sequence[str], description: str = "", by: Any
) -> WebhookEndpoint:
    """Register an endpoint; the address is checked (http(s), public unless allowed) and a
    signing secret generated."""
    addresses.check_url(url)
    endpoint = WebhookEndpoint.objects.create(
        url=url,
        events=_check_events(events_),
        description=description,
        secret=_secret(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by, action="webhook_endpoint.created", obj=endpoint, data={"events": endpoint.events}
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_update(
    *, endpoint: WebhookEndpoint, by: Any, **fields: Any
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    changes: dict[str, tuple[Any, Any]] = {}
    if "url" in fields and fields["url"] != endpoint.url:
        addresses.check_url(fields["url"])
        changes["url"] = (endpoint.url, fields["url"])
        endpoint.url = fields["url"]
    if "events" in fields:
        chosen = _check_events(fields["events"])
        if chosen != endpoint.events:
            changes["events"] = (endpoint.events, chosen)
            endpoint.events = chosen
    if "description" in fields and fields["description"] != endpoint.description:
        changes["description"] = (endpoint.description, fields["description"])
        endpoint.description = fields["description"]
    if changes:
        endpoint.save()
        audit_record(actor=by, action="webhook_endpoint.updated", obj=endpoint, changes=changes)
    return endpoint


@transaction.atomic
def webhook_endpoint_set_active(
    *, endpoint: WebhookEndpoint, active: bool, by: Any
) -> WebhookEndpoint:
    """Enable (resetting the failure count) or disable an endpoint."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if active:
        addresses.check_url(endpoint.url)
    before = endpoint.is_active
    endpoint.is_active = active
    endpoint.disabled_reason = "" if active else "Disabled by an administrator."
    endpoint.consecutive_failures = 0
    endpoint.save()
    audit_record(
        actor=by,
        action="webhook_endpoint.enabled" if active else "webhook_endpoint.disabled",
        obj=endpoint,
        changes={"is_active": (before, active)},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_rotate_secret(*, endpoint: WebhookEndpoint, by: Any) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.secret = _secret()
    endpoint.save(update_fields=["secret", "updated_at"])
    audit_record(actor=by, action="webhook_endpoint.secret_rotated", obj=endpoint)
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, by: Any) -> None:
    audit_record(actor=by, action="webhook_endpoint.deleted", obj=endpoint)
    endpoint.delete()


# --- deliveries ----------------------------------------------------------------------------------


def _queue(deliveries: Sequence[WebhookDelivery]) -> None:
    from procura.jobs.services import enqueue
    from procura.webhooks.tasks import deliver_webhook_task

    for delivery in deliveries:
        enqueue(deliver_webhook_task, str(delivery.pk))


def deliveries_for_audit_event(event: AuditEvent) -> list[WebhookDelivery]:
    """Audit listener: one delivery per subscribed active endpoint, in the change's
    transaction. Does nothing for actions not offered as webhook events."""
    event_type = events.event_type_of(event.action, event.changes)
    if event_type is None:
        return []
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if event_type in endpoint.events
    ]
    if not endpoints:
        return []
    event_id = uuid.uuid5(uuid.NAMESPACE_URL, f"procura:audit:{event.sequence}")
    body = events.payload(
        event_id=str(event_id),
        event_type=event_type,
        occurred_at=event.occurred_at.isoformat().replace("+00:00", "Z"),
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        changes=event.changes,
        details=event.data,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event_id=event_id,
            event_type=event_type,
            payload=body,
            next_attempt_at=event.occurred_at,
        )
        for endpoint in endpoints
    )
    _queue(deliveries)
    return deliveries


@transaction.atomic
def webhook_ping(*, endpoint: WebhookEndpoint, by: Any) -> WebhookDelivery:
    """Send a ``ping`` event to check an endpoint (whatever events it subscribes to)."""
    event_id = uuid.uuid4()
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=event_id,
        event_type=events.PING,
        payload=events.payload(
            event_id=str(event_id),
            event_type=events.PING,
            occurred_at=now.isoformat().replace("+00:00", "Z"),
            details={"requested_by": getattr(by, "email", "")},
        ),
        next_attempt_at=now,
    )
    _queue([delivery])
    return delivery


@transaction.atomic
def webhook_delivery_redeliver(*, delivery: WebhookDelivery, by: Any) -> WebhookDelivery:
    """Send a delivery's event again as a new delivery (same event id, new delivery id)."""
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        raise Conflict(ENDPOINT_DISABLED, code="endpoint_disabled")
    again = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        payload=delivery.payload,
        redelivery_of=delivery,
        next_attempt_at=timezone.now(),
    )
    audit_record(
        actor=by,
        action="webhook_delivery.redelivered",
        object_type="webhooks.webhookdelivery",
        object_id=str(delivery.pk),
        object_repr=f"{delivery.event_type} to {endpoint.url}"[:200],
        data={"redelivery": str(again.pk)},
    )
    _queue([again])
    return again


def _claim(delivery_id: str) -> WebhookDelivery | None:
    """Take the delivery for one attempt, unless it is done, being sent, or not due."""
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
        next_attempt_at__lte=timezone.now(),
    ).update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """(status code, error, response excerpt) of one POST."""
    try:
        target = addresses.resolve_url(endpoint.url)
    except addresses.RefusedAddress as exc:
        return None, exc.detail, ""
    body = events_json(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Procura-Event": delivery.event_type,
        "Procura-Event-Id": str(delivery.event_id),
        "Procura-Delivery": str(delivery.pk),
        signing.SIGNATURE_HEADER: signing.signature_header(endpoint.secret, body),
    }
    timeout = _setting("WEBHOOKS_TIMEOUT_SECONDS", 10)
    try:
        answer = transport.post_pinned(
            target, body=body, headers=headers, timeout=timeout, limit=EXCERPT * 4
        )
    except transport.TransportError as exc:
        return None, str(exc)[:EXCERPT], ""
    excerpt = answer.text[:EXCERPT]
    error = "" if 200 <= answer.status < 300 else f"HTTP {answer.status}"
    return answer.status, error, excerpt


def events_json(payload: Any) -> bytes:
    import json

    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def retry_delay(attempt: int) -> timedelta:
    base = _setting("WEBHOOKS_RETRY_BASE_SECONDS", 30)
    return timedelta(seconds=min(base * 2 ** (attempt - 1), 6 * 3600))


def delivery_attempt(*, delivery_id: str) -> WebhookDelivery | None:
    """One attempt at a delivery (see the module docstring). Returns the delivery, or None when
    it was not due or already taken. Returns the delay to the next attempt on the delivery's
    ``next_attempt_at`` when it will be retried."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    started = time.monotonic()
    if endpoint.is_active:
        status_code, error, excerpt = _post(endpoint, delivery)
    else:
        status_code, error, excerpt = None, "The endpoint is disabled.", ""
    duration = int((time.monotonic() - started) * 1000)
    return _record(delivery, status_code, error, excerpt, duration)


@transaction.atomic
def _record(
    delivery: WebhookDelivery, status_code: int | None, error: str, excerpt: str, duration: int
) -> WebhookDelivery:
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        attempted_at=now,
        status_code=status_code,
        error=error[:EXCERPT],
        response_excerpt=excerpt,
        duration_ms=duration,
    )
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    delivery.last_status_code = status_code
    delivery.last_error = error[:EXCERPT]
    if not error:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        endpoint.consecutive_failures = 0
        endpoint.save(update_fields=["consecutive_failures"])
    else:
        if endpoint.is_active:
            endpoint.consecutive_failures += 1
            limit = _setting("WEBHOOKS_DISABLE_AFTER_FAILURES", 15)
            if endpoint.consecutive_failures >= limit:
                endpoint.is_active = False
                endpoint.disabled_reason = DISABLED_AFTER.format(count=limit, error=error)[:300]
                audit_record(
                    actor=None,
                    action="webhook_endpoint.auto_disabled",
                    obj=endpoint,
                    changes={"is_active": (True, False)},
                    data={"failures": limit, "last_error": error[:200]},
                )
            endpoint.save(update_fields=["consecutive_failures", "is_active", "disabled_reason"])
        retry = endpoint.is_active and delivery.attempts < _setting("WEBHOOKS_MAX_ATTEMPTS", 8)
        if retry:
            delivery.status = DeliveryStatus.RETRYING
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        else:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
    delivery.save()
    return delivery


def deliveries_due() -> list[str]:
    """Deliveries waiting for an attempt whose time has come, and sends stuck in ``sending``
    by a dead worker (claimed over ``WEBHOOKS_STUCK_SECONDS`` ago): for the sweeper."""
    now = timezone.now()
    stuck = now - timedelta(seconds=_setting("WEBHOOKS_STUCK_SECONDS", 600))
    WebhookDelivery.objects.filter(
        status=DeliveryStatus.SENDING, next_attempt_at__lte=stuck
    ).update(status=DeliveryStatus.RETRYING)
    return [
        str(pk)
        for pk in WebhookDelivery.objects.filter(
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
            next_attempt_at__lte=now,
        ).values_list("pk", flat=True)[:1000]
    ]
