"""``Idempotency-Key`` for POSTs that create something (orders, invoices, payments).

A view wraps its handler and documents the header::

    @extend_schema(..., parameters=[IDEMPOTENCY_KEY_PARAMETER])
    def create(self, request):
        return idempotent_response(request, scope="sales-orders.create",
                                   handler=lambda: self._create(request))

- no header: the handler runs as usual;
- a new key: the handler runs and its response is stored with the hash of the request body,
  in the same transaction as whatever the handler writes;
- the same key and body again: the stored response is returned (status, body, ETag and
  Location, with an ``Idempotent-Replayed: true`` header) and the handler does not run;
- the same key with another body: 422 ``idempotency_key_reused``.

Keys are per scope (one per endpoint) and per user: two users, or two endpoints, never see each
other's keys. Two requests with the same key at the same time: the second INSERT of the key
waits on the unique index until the first transaction ends, then either finds the stored
response (first one committed) or goes ahead itself (first one failed and rolled back, leaving
nothing). A handler that fails (raises or answers 4xx/5xx) stores nothing, so a retry runs again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response

from procura.core.errors import DomainError, InvalidInput
from procura.core.json_values import canonical_json
from procura.core.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
REPLAYED_RESPONSE_HEADERS = ("ETag", "Location")
IDEMPOTENCY_KEY_REUSED_CODE = "idempotency_key_reused"
IDEMPOTENCY_KEY_REUSED = "This Idempotency-Key was already used with a different request body."
KEY_TOO_LONG = f"An Idempotency-Key has at most {MAX_KEY_LENGTH} characters."
KEY_NOT_PRINTABLE = "An Idempotency-Key is made of printable ASCII characters."

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string (a UUID) chosen by the client, at most 255 characters. The same key "
        "and body again returns the first response (header Idempotent-Replayed: true) and "
        "creates nothing new; the same key with another body is refused with 422 "
        "idempotency_key_reused. Keys are kept per endpoint and per user."
    ),
)


class IdempotencyKeyReused(DomainError):
    default_code = IDEMPOTENCY_KEY_REUSED_CODE
    title = "Idempotency key reused"


class _FingerprintEncoder(DjangoJSONEncoder):
    """Uploaded files count by their name and content, so a multipart body has a fingerprint."""

    def default(self, o: Any) -> Any:
        if isinstance(o, UploadedFile):
            digest = hashlib.sha256()
            for chunk in o.chunks():
                digest.update(chunk)
            o.seek(0)
            return {"file": o.name, "sha256": digest.hexdigest()}
        return super().default(o)


def request_fingerprint(data: Any) -> str:
    if isinstance(data, QueryDict):
        data = {key: data.getlist(key) for key in data}
    canonical = json.dumps(data, sort_keys=True, cls=_FingerprintEncoder, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(record: IdempotencyKey, fingerprint: str) -> Response:
    if record.request_hash != fingerprint:
        raise IdempotencyKeyReused(IDEMPOTENCY_KEY_REUSED)
    headers = {**record.response_headers, REPLAYED_HEADER: "true"}
    return Response(record.response_body, status=record.response_status, headers=headers)


def idempotent_response(
    request: Request, *, scope: str, handler: Callable[[], Response]
) -> Response:
    """Run ``handler`` at most once per (scope, user, Idempotency-Key); see the module doc."""
    key = (request.headers.get(HEADER) or "").strip()
    if not key:
        return handler()
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(KEY_TOO_LONG, errors={HEADER: [KEY_TOO_LONG]})
    if not all(" " <= char <= "~" for char in key):
        raise InvalidInput(KEY_NOT_PRINTABLE, errors={HEADER: [KEY_NOT_PRINTABLE]})
    user = request.user if request.user and request.user.is_authenticated else None
    fingerprint = request_fingerprint(request.data)
    lookup = {"scope": scope, "key": key, "user": user}
    existing = IdempotencyKey.objects.filter(**lookup).first()
    if existing is not None:
        return _replay(existing, fingerprint)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    **lookup, request_hash=fingerprint, response_status=0, response_body={}
                )
        except IntegrityError:
            # Another request with this key committed first (we waited on its lock).
            return _replay(IdempotencyKey.objects.get(**lookup), fingerprint)
        response = handler()
        if response.status_code >= 400:
            transaction.set_rollback(True)
            return response
        record.response_status = response.status_code
        record.response_body = canonical_json(response.data)
        record.response_headers = {
            name: response[name] for name in REPLAYED_RESPONSE_HEADERS if response.has_header(name)
        }
        record.save(update_fields=["response_status", "response_body", "response_headers"])
    return response
