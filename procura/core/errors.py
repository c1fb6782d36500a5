"""One error format for every failure: application/problem+json (RFC 9457).

Body: ``{"type", "title", "status", "detail", "code", "errors": {"field": ["message"]}}``.
Domain code raises ``DomainError`` subclasses carrying a stable ``code`` and data; the DRF
exception handler and ``ApiErrorMiddleware`` turn those, Django's ValidationError, 401, 403, 404
and anything unexpected into that body. Nothing else reaches an API client.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error

from procura.core.request_context import get_request_id

logger = logging.getLogger("procura.errors")

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:procura:problem:"


class DomainError(Exception):
    """A business rule refused the operation. Subclasses set the status and default code."""

    status_code: int = HTTPStatus.UNPROCESSABLE_ENTITY
    default_code: str = "rule_violated"
    title: str = "Business rule violated"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        errors: Mapping[str, list[str]] | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = str(code or self.default_code)
        self.errors = dict(errors) if errors else None
        self.data = dict(data) if data else {}


class InvalidInput(DomainError):
    status_code = HTTPStatus.BAD_REQUEST
    default_code = "invalid"
    title = "Invalid input"


class Conflict(DomainError):
    """The operation is not allowed in the object's current state, or it collides with another."""

    status_code = HTTPStatus.CONFLICT
    default_code = "conflict"
    title = "Conflict"


class NotAllowed(DomainError):
    status_code = HTTPStatus.FORBIDDEN
    default_code = "permission_denied"
    title = "Permission denied"


class NotFound(DomainError):
    status_code = HTTPStatus.NOT_FOUND
    default_code = "not_found"
    title = "Not found"


class PreconditionFailed(DomainError):
    status_code = HTTPStatus.PRECONDITION_FAILED
    default_code = "precondition_failed"
    title = "Precondition failed"


class PayloadTooLarge(DomainError):
    status_code = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    title = "Payload too large"


class UnsupportedMediaType(DomainError):
    status_code = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    default_code = "unsupported_media_type"
    title = "Unsupported media type"


def problem_body(
    *,
    status: int,
    code: str,
    detail: str,
    title: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_PREFIX + code,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    if extra:
        for key, value in extra.items():
            body.setdefault(key, value)
    request_id = get_request_id()
    if request_id:
        body["request_id"] = request_id
    return body


def problem_json_response(status: int, code: str, detail: str, **kwargs: Any) -> JsonResponse:
    """A problem+json response for code that runs outside DRF (middleware, Django handlers)."""
    return JsonResponse(
        problem_body(status=status, code=code, detail=detail, **kwargs),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error structure into {"items.0.quantity": ["..."]}.

    Dotted paths are what the web app's forms use to put a message next to its field.
    """
    out: dict[str, list[str]] = {}
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors" and prefix:
                path = prefix
            for sub_key, messages in flatten_errors(value, path).items():
                out.setdefault(sub_key, []).extend(messages)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            out.setdefault(prefix or "non_field_errors", []).extend(str(item) for item in detail)
        else:
            for index, item in enumerate(detail):
                if not item:
                    continue
                path = f"{prefix}.{index}" if prefix else str(index)
                for sub_key, messages in flatten_errors(item, path).items():
                    out.setdefault(sub_key, []).extend(messages)
    else:
        out.setdefault(prefix or "non_field_errors", []).append(str(detail))
    return out


def _validation_detail(errors: dict[str, list[str]]) -> str:
    if len(errors) == 1:
        field, messages = next(iter(errors.items()))
        if field == "non_field_errors":
            return messages[0]
        return f"{field}: {messages[0]}"
    return "The request has invalid fields; see errors."


def _problem(
    status: int,
    code: str,
    detail: str,
    *,
    title: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    return Response(
        problem_body(
            status=status, code=code, detail=detail, title=title, errors=errors, extra=extra
        ),
        status=status,
        headers=dict(headers or {}),
        content_type=PROBLEM_CONTENT_TYPE,
    )


VALUE_OUT_OF_RANGE = "A value is out of range or not allowed for its field."


def problem_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    """DRF EXCEPTION_HANDLER: every exception raised in an API view becomes problem+json."""
    if isinstance(exc, DomainError):
        return _problem(
            int(exc.status_code),
            exc.code,
            exc.detail,
            title=exc.title,
            errors=exc.errors,
            extra=exc.data,
        )
    if isinstance(exc, DjangoValidationError):
        exc = drf_exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, Http404):
        return _problem(404, "not_found", "Not found.")
    if isinstance(exc, DjangoPermissionDenied):
        return _problem(403, "permission_denied", "You do not have permission to do this.")
    if isinstance(exc, drf_exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        return _problem(
            400, "invalid", _validation_detail(errors), title="Invalid input", errors=errors
        )
    if isinstance(exc, drf_exceptions.APIException):
        headers: dict[str, str] = {}
        if isinstance(exc, drf_exceptions.NotAuthenticated | drf_exceptions.AuthenticationFailed):
            request = context.get("request")
            view = context.get("view")
            auth_header = view.get_authenticate_header(request) if view and request else None
            if auth_header:
                headers["WWW-Authenticate"] = auth_header
            else:
                exc.status_code = 403
        wait = getattr(exc, "wait", None)
        if isinstance(exc, drf_exceptions.Throttled) and wait is not None:
            headers["Retry-After"] = str(max(1, int(wait)))
        code = exc.get_codes()
        code_text = code if isinstance(code, str) else exc.default_code
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.default_detail)
        if isinstance(exc, drf_exceptions.ParseError):
            code_text = "malformed"
        return _problem(exc.status_code, str(code_text), str(detail), headers=headers)
    if isinstance(exc, DataError):
        # The database refused a value the validation let through (a number beyond its column,
        # a NUL character): bad input, and the failed statement changed nothing.
        logger.warning("Database refused a value", exc_info=exc)
        return _problem(400, "invalid", VALUE_OUT_OF_RANGE, title="Invalid input")
    logger.exception("Unhandled error in API view", extra={"view": repr(context.get("view"))})
    return _problem(500, "server_error", "An unexpected error occurred; it has been logged.")
