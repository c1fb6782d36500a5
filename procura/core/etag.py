"""ETag on detail endpoints: If-None-Match -> 304, a stale If-Match on a write -> 412."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from rest_framework.request import Request
from rest_framework.response import Response

from procura.core.errors import PreconditionFailed

STALE_IF_MATCH = "The object has changed since you read it; reload it and try again."


def compute_etag(representation: Any) -> str:
    payload = json.dumps(representation, sort_keys=True, cls=DjangoJSONEncoder).encode()
    return '"' + hashlib.sha256(payload).hexdigest()[:32] + '"'


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def etag_response(request: Request, representation: Any) -> Response:
    """200 with an ETag, or 304 when the client already holds this representation."""
    etag = compute_etag(representation)
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match and (if_none_match.strip() == "*" or etag in _tags(if_none_match)):
        return Response(status=304, headers={"ETag": etag})
    return Response(representation, headers={"ETag": etag})


def check_if_match(request: Request, current_representation: Callable[[], Any]) -> None:
    """Raise 412 when If-Match is sent and names another version than the current one."""
    if_match = request.headers.get("If-Match")
    if not if_match or if_match.strip() == "*":
        return
    if compute_etag(current_representation()) not in _tags(if_match):
        raise PreconditionFailed(STALE_IF_MATCH, code="stale")


class ETagReadMixin:
    """For read-only DRF views and viewsets: retrieve answers with an ETag and honours
    If-None-Match. It adds no write method, so the router offers no PUT."""

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        return etag_response(request, self.get_serializer(instance).data)  # type: ignore[attr-defined]

    def detail_representation(self, instance: Any) -> Any:
        """The representation a GET of this object returns (ETag base)."""
        serializer_class = self.get_serializer_class()  # type: ignore[attr-defined]
        context = self.get_serializer_context()  # type: ignore[attr-defined]
        return serializer_class(instance, context=context).data


class ETagMixin(ETagReadMixin):
    """For DRF generic views and viewsets that write: as ``ETagReadMixin``, and update and
    partial_update honour If-Match and return the new ETag."""

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        check_if_match(request, lambda: self.detail_representation(instance))
        response: Response = super().update(request, *args, **kwargs)  # type: ignore[misc]
        if response.status_code == 200 and response.data is not None:
            response["ETag"] = compute_etag(response.data)
        return response
