"""The Redis cache, made to fail safe.

The cache only ever holds what can be rebuilt (throttle counters, breaker state, cached reads),
so an unreachable or stalled Redis must not fail a request. Every Redis call has socket
timeouts (``OPTIONS`` in settings); when one fails, the call answers as a cache miss (reads
return the default, writes report "not stored", ``incr`` raises ``ValueError`` as for a missing
key) and, for ``OUTAGE_SECONDS`` afterwards, calls answer that way at once instead of waiting
for the timeout again on every call of every request.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("procura.cache")

T = TypeVar("T")
OUTAGE_SECONDS = 5.0


class CacheUnavailable(ValueError):
    """Raised by ``incr``/``decr`` while the cache is away (a ValueError, as for a missing key)."""


class _Outage:
    def __init__(self) -> None:
        self._until = 0.0
        self._lock = threading.Lock()

    def active(self) -> bool:
        return time.monotonic() < self._until

    def begin(self, exc: BaseException) -> None:
        with self._lock:
            first = not self.active()
            self._until = time.monotonic() + OUTAGE_SECONDS
        if first:
            logger.warning("Cache unavailable; serving without it", extra={"error": repr(exc)})

    def end(self) -> None:
        self._until = 0.0


def _fail_safe(fallback: Callable[..., Any]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    def decorate(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def wrapper(self: FailSafeRedisCache, *args: Any, **kwargs: Any) -> T:
            if self.outage.active():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as exc:
                self.outage.begin(exc)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _default(key: Any, default: Any = None, version: Any = None) -> Any:
    return default


def _not_stored(*args: Any, **kwargs: Any) -> bool:
    return False


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def _empty(*args: Any, **kwargs: Any) -> dict[str, Any]:
    return {}


def _all_failed(data: dict[str, Any], *args: Any, **kwargs: Any) -> list[str]:
    return list(data)


def _unavailable(*args: Any, **kwargs: Any) -> int:
    raise CacheUnavailable("cache unavailable")


class FailSafeRedisCache(RedisCache):
    outage = _Outage()

    get = _fail_safe(_default)(RedisCache.get)
    add = _fail_safe(_not_stored)(RedisCache.add)
    set = _fail_safe(_nothing)(RedisCache.set)
    touch = _fail_safe(_not_stored)(RedisCache.touch)
    delete = _fail_safe(_not_stored)(RedisCache.delete)
    get_many = _fail_safe(_empty)(RedisCache.get_many)
    has_key = _fail_safe(_not_stored)(RedisCache.has_key)
    incr = _fail_safe(_unavailable)(RedisCache.incr)
    set_many = _fail_safe(_all_failed)(RedisCache.set_many)
    delete_many = _fail_safe(_nothing)(RedisCache.delete_many)
    clear = _fail_safe(_not_stored)(RedisCache.clear)
