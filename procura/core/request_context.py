"""The id of the request (or task) being served, for logs and audit events."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

_request_id: ContextVar[str] = ContextVar("procura_request_id", default="")
_client_ip: ContextVar[str] = ContextVar("procura_client_ip", default="")

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_request_id(value: str | None) -> str:
    """An incoming X-Request-ID is kept when it is a sane token, replaced otherwise."""
    if value and _VALID_REQUEST_ID.match(value):
        return value
    return new_request_id()


def get_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str) -> None:
    _request_id.set(value)


def get_client_ip() -> str:
    return _client_ip.get()


def set_client_ip(value: str) -> None:
    _client_ip.set(value)
