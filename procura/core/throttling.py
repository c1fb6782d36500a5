"""Request rates (DRF throttles) beside the default anonymous and per-user ones: a scope per
kind of costly request, named in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].

- ``login``: sign-in attempts per client address (views set ``throttle_scope = "login"``);
- ``uploads``: multipart uploads (documents, CSV imports) per user;
- ``exports``: CSV/PDF exports and report downloads per user.

Counters live in the Django cache; with Redis down the fail-safe cache reads nothing and
drops writes, so requests go through rather than fail.

DRF's throttles keep every request's time of the last period in one cache entry, read, pruned
and written back whole on each request: at 3,000 requests a minute that is a list of 3,000
floats pickled twice per request. These count instead: per client one counter for the current
period and the one before it, the earlier one weighted by the share of it that still lies
within a period of now (a sliding window, assuming the earlier period's requests were spread
evenly): one read of two numbers and one increment per request, whatever the rate.
"""

from __future__ import annotations

import contextlib
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import (
    AnonRateThrottle,
    ScopedRateThrottle,
    SimpleRateThrottle,
    UserRateThrottle,
)

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


class CountingThrottle(SimpleRateThrottle):
    """A DRF rate throttle that counts requests per period (see the module's docstring)."""

    num_requests: int
    duration: int  # seconds
    current = previous = 0  # this period's count and the one before it
    into = 0.0  # seconds into this period

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        period, into = divmod(self.now, self.duration)
        current_key, previous_key = f"{self.key}:{period:.0f}", f"{self.key}:{period - 1:.0f}"
        counts = self.cache.get_many([current_key, previous_key])
        self.current = int(counts.get(current_key, 0))
        self.previous = int(counts.get(previous_key, 0))
        self.into = into
        if self.current + self.previous * (1 - into / self.duration) >= self.num_requests:
            return self.throttle_failure()
        self._count(current_key)
        return True

    def _count(self, key: str) -> None:
        """One more request in this period's counter (kept for two periods)."""
        if self.current:
            try:
                self.cache.incr(key)
                return
            except ValueError:  # expired in between, or the cache is away
                pass
        if not self.cache.add(key, 1, timeout=2 * self.duration + 1):
            with contextlib.suppress(ValueError):  # the cache is away: the request goes through
                self.cache.incr(key)

    def wait(self) -> float:
        """Seconds until the weighted count falls below the rate again."""
        rate, duration = self.num_requests, self.duration
        if self.current >= rate:
            # Into the next period, where this one's count is the earlier one.
            return (duration - self.into) + duration * (1 - rate / self.current)
        if not self.previous:
            return 0.0
        return max(0.0, duration * (1 - (rate - self.current) / self.previous) - self.into)


class AnonCountingThrottle(CountingThrottle, AnonRateThrottle):
    """DRF's ``AnonRateThrottle`` (per client address), counted."""


class UserCountingThrottle(CountingThrottle, UserRateThrottle):
    """DRF's ``UserRateThrottle`` (per user), counted."""


class ProcuraScopedRateThrottle(CountingThrottle, ScopedRateThrottle):
    """``ScopedRateThrottle`` whose scope is also read from the kind of request."""

    def allow_request(self, request: Request, view: Any) -> bool:
        scope = throttle_scope_of(request, view)
        if not scope:
            return True
        self.scope = scope
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)  # type: ignore[assignment]
        return CountingThrottle.allow_request(self, request, view)
