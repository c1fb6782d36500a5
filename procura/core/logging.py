"""JSON log lines on stdout, each carrying the request id."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from procura.core.request_context import get_request_id

_RESERVED = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def _request_id_of(record: logging.LogRecord) -> str:
    """The id of the request being served, or of the request a record is about: Django logs a
    4xx/5xx response (``django.request``) after the middleware has finished with it."""
    request = getattr(record, "request", None)
    return getattr(request, "request_id", "") or get_request_id()


def _current_task() -> tuple[str, str] | None:
    """Id and name of the Celery task this process is running, if any."""
    from celery._state import get_current_task

    task = get_current_task()
    if task is None or not getattr(task.request, "id", None):
        return None
    return str(task.request.id), str(task.name)


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
        task = _current_task()
        if task is not None:
            payload.setdefault("task_id", task[0])
            payload.setdefault("task", task[1])
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            payload["request"] = f"{request.method} {request.path}"
        if record.exc_info:
            payload["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


def _gunicorn_logger_base() -> type:
    from gunicorn.glogging import Logger

    return Logger


class GunicornLogger(_gunicorn_logger_base()):  # type: ignore[misc]
    """gunicorn's access log as JSON fields (method, path, status, duration, client, and the
    request id the app returned in X-Request-ID); its error log through the same formatter
    (``deploy/gunicorn.conf.py`` sets ``logconfig_dict``)."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        headers = {name.lower(): value for name, value in getattr(resp, "headers", [])}
        status = str(getattr(resp, "status", "") or "").split(" ", 1)[0]
        duration_ms = round(request_time.total_seconds() * 1000, 2)
        self.access_log.info(
            "%s %s %s",
            environ.get("REQUEST_METHOD", ""),
            environ.get("PATH_INFO", ""),
            status,
            extra={
                "request_id": headers.get("x-request-id", ""),
                "method": environ.get("REQUEST_METHOD", ""),
                "path": environ.get("PATH_INFO", ""),
                "status": int(status) if status.isdigit() else status,
                "duration_ms": duration_ms,
                "bytes": getattr(resp, "sent", None),
                "remote": environ.get("REMOTE_ADDR", ""),
                "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            },
        )


def gunicorn_logconfig(level: str = "INFO") -> dict[str, Any]:
    """``logconfig_dict`` for gunicorn: JSON lines on stdout for its error and access logs."""
    handler = {
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stdout",
        "formatter": "json",
        "filters": ["request_id"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "procura.core.logging.RequestIdFilter"}},
        "formatters": {"json": {"()": "procura.core.logging.JsonFormatter"}},
        "handlers": {"stdout": handler},
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "gunicorn.error": {"handlers": ["stdout"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        },
    }
