"""A circuit breaker whose state lives in the Django cache (Redis in production), so every
worker sees the same state.

Closed: calls go through; each failure counts. ``threshold`` failures in a row open it for
``cooldown`` seconds: no call goes through. After the cool-down one caller (a probe) is let
through; its success closes the breaker, its failure opens it again.
"""

from __future__ import annotations

import time

from django.core.cache import cache

PROBE_TIMEOUT = 60


class CircuitBreaker:
    def __init__(self, name: str, *, threshold: int, cooldown: int) -> None:
        self.name = name
        self.threshold = threshold
        self.cooldown = cooldown

    def _key(self, part: str) -> str:
        return f"breaker:{self.name}:{part}"

    def is_open(self) -> bool:
        opened_until = cache.get(self._key("open_until"))
        return opened_until is not None and time.time() < float(opened_until)

    def allow(self) -> bool:
        """May a call go through now?"""
        opened_until = cache.get(self._key("open_until"))
        if opened_until is None:
            return True
        if time.time() < float(opened_until):
            return False
        # Half open: exactly one probe per cool-down.
        # The probe's outcome resets this key; the timeout only frees a probe that never reported.
        return bool(cache.add(self._key("probe"), 1, timeout=max(self.cooldown, PROBE_TIMEOUT)))

    def record_success(self) -> None:
        cache.delete_many([self._key("failures"), self._key("open_until"), self._key("probe")])

    def record_failure(self) -> None:
        key = self._key("failures")
        cache.add(key, 0, timeout=None)
        try:
            failures = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=None)
            failures = 1
        if failures >= self.threshold:
            cache.set(self._key("open_until"), time.time() + self.cooldown, timeout=None)
            cache.delete(self._key("probe"))
