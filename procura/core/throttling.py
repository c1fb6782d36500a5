"""Request rates (DRF throttles) beside the default anonymous and per-user ones: a scope per
kind of costly request, named in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].

- ``login``: sign-in attempts per client address (views set ``throttle_scope = "login"``);
- ``uploads``: multipart uploads (documents, CSV imports) per user;
- ``exports``: CSV/PDF exports and report downloads per user.

Counters live in the Django cache; with Redis down the fail-safe cache reads nothing and
drops writes, so requests go through rather than fail.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle

UPLOADS = "uploads"
EXPORTS = "exports"


def throttle_scope_of(request: Request, view: Any) -> str | None:
    explicit = getattr(view, "throttle_scope", None)
    if explicit:
        return str(explicit)
    if request.method == "POST" and request.content_type.startswith("multipart/"):
        return UPLOADS
    if request.method == "GET" and (
        getattr(view, "action", None) == "export"
        or request.path.rstrip("/").endswith("/export")
        or request.query_params.get("export")
        or request.query_params.get("format") in ("csv", "xlsx", "pdf")
    ):
        return EXPORTS
    return None


class ProcuraScopedRateThrottle(ScopedRateThrottle):
    """``ScopedRateThrottle`` whose scope is also read from the kind of request."""

    def allow_request(self, request: Request, view: Any) -> bool:
        scope = throttle_scope_of(request, view)
        if not scope:
            return True
        self.scope = scope
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return SimpleRateThrottle.allow_request(self, request, view)
