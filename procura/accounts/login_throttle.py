"""Failed sign-in counters per account and per client address, kept in the Django cache.

An attempt is counted *before* the password is checked (``attempt_begin``), so concurrent
guesses cannot slip past the limit between a check and an increment; a successful sign-in then
clears the account counter and gives the address its attempt back. Each counter lives for a
fixed window that starts with its first attempt; ``Retry-After`` is the time until that window
ends. ``cache.add`` and ``cache.incr`` are atomic in Redis and in the local-memory cache.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from procura.accounts.errors import TooManyAttempts

KEY_PREFIX = "login-failures"


@dataclass(frozen=True)
class LoginAttempt:
    account_key: str
    ip_key: str


def _window() -> int:
    return int(settings.LOGIN_FAILURE_WINDOW_SECONDS)


def _account_key(email: str) -> str:
    # Hashed: the cache never holds the addresses people typed.
    return f"{KEY_PREFIX}:account:{hashlib.sha256(email.encode()).hexdigest()}"


def _ip_key(ip: str) -> str:
    return f"{KEY_PREFIX}:ip:{ip or 'unknown'}"


def _count(key: str) -> int:
    """Increment the counter, opening a window when there is none."""
    window = _window()
    for _ in range(3):
        cache.add(f"{key}:start", time.time(), timeout=window)
        cache.add(key, 0, timeout=window)
        try:
            return int(cache.incr(key))
        except ValueError:
            # The window expired between add and incr; open a new one.
            continue
    return 1


def _retry_after(key: str) -> int:
    started = cache.get(f"{key}:start")
    window = _window()
    if started is None:
        return window
    return max(1, math.ceil(float(started) + window - time.time()))


def _clear(key: str) -> None:
    cache.delete_many([key, f"{key}:start"])


def attempt_begin(*, email: str, ip: str) -> LoginAttempt:
    """Count an attempt for the account and the address; raise ``TooManyAttempts`` once either
    is over its limit (whether or not the account exists, and whatever the password)."""
    account_key, ip_key = _account_key(email), _ip_key(ip)
    account_count = _count(account_key)
    ip_count = _count(ip_key)
    account_max = int(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT)
    ip_max = int(settings.LOGIN_MAX_FAILURES_PER_IP)
    blocked = [
        key
        for key, count, limit in (
            (account_key, account_count, account_max),
            (ip_key, ip_count, ip_max),
        )
        if count > limit
    ]
    if blocked:
        raise TooManyAttempts(retry_after=max(_retry_after(key) for key in blocked))
    return LoginAttempt(account_key=account_key, ip_key=ip_key)


def attempt_succeeded(attempt: LoginAttempt) -> None:
    """The password was right: forget the account's failures; the address keeps its others."""
    _clear(attempt.account_key)
    try:
        cache.decr(attempt.ip_key)
    except ValueError:
        return


def reset(*, email: str, ip: str = "") -> None:
    _clear(_account_key(email))
    if ip:
        _clear(_ip_key(ip))
