"""JSON log lines on stdout, each carrying the request id."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from procura.core.request_context import get_request_id

_RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def _request_id_of(record: logging.LogRecord) -> str:
    """The id of the request being served, or of the request a record is about: Django logs a
    4xx/5xx response (``django.request``) after the middleware has finished with it."""
    request = getattr(record, "request", None)
    return getattr(request, "request_id", "") or get_request_id()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = _request_id_of(record)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or _request_id_of(record),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and not key.startswith("_"):
                payload[key] = value
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            payload["request"] = f"{request.method} {request.path}"
        if record.exc_info:
            payload["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)
