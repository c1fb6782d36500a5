"""Reads on a streaming replica, writes and read-your-writes on the primary.

With DATABASE_REPLICA_URL set, safe requests (GET, HEAD) under REPLICA_READ_PATHS (reports,
exports) read from the ``replica`` database. Everything else stays on the primary:

- every write, and every read after a write in the same request (the router notices the write);
- the requests of a client that wrote a moment ago: an unsafe request sets a short-lived cookie
  (REPLICA_STICKY_SECONDS) and while it lasts that client reads from the primary, so a report
  opened right after saving shows the change even when the replica lags;
- anything inside a transaction on the primary (``select_for_update`` and the like).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
STICKY_COOKIE = "procura_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_use_replica: ContextVar[bool] = ContextVar("procura_use_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        if _use_replica.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: Any, **hints: Any) -> str:
        _use_replica.set(False)  # read-your-writes for the rest of the request
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def _replica_path(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.REPLICA_READ_PATHS)


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        use = (
            REPLICA in settings.DATABASES
            and safe
            and STICKY_COOKIE not in request.COOKIES
            and _replica_path(request.path)
        )
        token = _use_replica.set(bool(use))
        try:
            response = self.get_response(request)
        finally:
            _use_replica.reset(token)
        if not safe and REPLICA in settings.DATABASES:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=int(settings.REPLICA_STICKY_SECONDS),
                httponly=True,
                secure=bool(settings.SESSION_COOKIE_SECURE),
                samesite="Lax",
            )
        return response
