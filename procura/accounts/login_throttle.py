"""Failed sign-in limits, kept in the Django cache (fail-safe: with the cache down nothing is
counted and sign-in still works).

Failures are counted per (account, client address): after ``LOGIN_MAX_FAILURES_PER_ACCOUNT``
failures that client is locked out of that account for ``LOGIN_LOCK_BASE_SECONDS``, doubling
with each further failure up to ``LOGIN_LOCK_MAX_SECONDS``. Other clients, the account's owner
among them, can still sign in; once a lock runs out, one attempt is checked again. Guessing spread over many addresses is caught by an account-wide
limit (``LOGIN_MAX_FAILURES_ACCOUNT_WIDE``), which a *known client* (a browser that signed in to
the account before and carries its signed cookie) passes; and each address has its own limit
across accounts (``LOGIN_MAX_FAILURES_PER_IP``).

An attempt is counted *before* the password is checked (``attempt_begin``), so concurrent
guesses cannot slip past the limit between a check and an increment; a failure then sets the
lock (``attempt_failed``) and a successful sign-in clears the counters. ``cache.add`` and ``cache.incr`` are atomic in Redis and locmem.
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
    pair_key: str
    ip_key: str


def account_fingerprint(email: str) -> str:
    # Hashed: the cache and the known-client cookie never hold the addresses people typed.
    return hashlib.sha256(email.encode()).hexdigest()


def _window() -> int:
    return int(settings.LOGIN_FAILURE_WINDOW_SECONDS)


def _count(key: str, window: int) -> int:
    """Increment the counter, opening a window when there is none."""
    for _ in range(3):
        cache.add(f"{key}:start", time.time(), timeout=window)
        cache.add(key, 0, timeout=window)
        try:
            return int(cache.incr(key))
        except ValueError:
            continue  # the window expired between add and incr; open a new one
    return 1


def _retry_after(key: str, window: int) -> int:
    started = cache.get(f"{key}:start")
    if started is None:
        return window
    return max(1, math.ceil(float(started) + window - time.time()))


def _locked_for(key: str) -> int:
    until = cache.get(f"{key}:until")
    if until is None:
        return 0
    return max(0, math.ceil(float(until) - time.time()))


def _lock(key: str, excess: int) -> int:
    """Lock ``key`` for a delay that doubles with each failure past the limit."""
    base = int(settings.LOGIN_LOCK_BASE_SECONDS)
    delay = min(base * 2 ** max(0, excess - 1), int(settings.LOGIN_LOCK_MAX_SECONDS))
    cache.set(f"{key}:until", time.time() + delay, timeout=delay)
    cache.set(f"{key}:locked", 1, timeout=_long_window())
    return delay


def _clear(key: str) -> None:
    cache.delete_many([key, f"{key}:start", f"{key}:until", f"{key}:probe", f"{key}:locked"])


def attempt_begin(*, email: str, ip: str, known_client: bool = False) -> LoginAttempt:
    """Count an attempt; raise ``TooManyAttempts`` when this client is locked out of the
    account, the account is locked for unknown clients, or the address is over its limit
    (whether or not the account exists, and whatever the password)."""
    fingerprint = account_fingerprint(email)
    attempt = LoginAttempt(
        account_key=f"{KEY_PREFIX}:account:{fingerprint}",
        pair_key=f"{KEY_PREFIX}:pair:{fingerprint}:{ip or 'unknown'}",
        ip_key=f"{KEY_PREFIX}:ip:{ip or 'unknown'}",
    )
    waits = [_locked_for(attempt.pair_key)]
    if not known_client:
        waits.append(_locked_for(attempt.account_key))
    if max(waits) > 0:
        raise TooManyAttempts(retry_after=max(waits))
    # Counters outlive the longest lock, so the delay keeps growing while guessing goes on.
    ip_count = _count(attempt.ip_key, _window())
    if ip_count > int(settings.LOGIN_MAX_FAILURES_PER_IP):
        raise TooManyAttempts(retry_after=_retry_after(attempt.ip_key, _window()))
    pair_count = _count(attempt.pair_key, _long_window())
    _count(attempt.account_key, _long_window())
    # Guesses sent in parallel before the lock of a failure is set: one at a time past the limit.
    if pair_count > int(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT) + 1 and not _is_first_after_lock(
        attempt.pair_key
    ):
        raise TooManyAttempts(retry_after=_lock(attempt.pair_key, pair_count - _limit()))
    return attempt


def _limit() -> int:
    return int(settings.LOGIN_MAX_FAILURES_PER_ACCOUNT)


def _long_window() -> int:
    return max(_window(), 2 * int(settings.LOGIN_LOCK_MAX_SECONDS))


def _is_first_after_lock(key: str) -> bool:
    """The one attempt let through when a lock has run out (it is checked; a failure locks the
    client again for twice as long)."""
    if not cache.get(f"{key}:locked"):
        return False
    return bool(cache.add(f"{key}:probe", 1, timeout=int(settings.LOGIN_LOCK_MAX_SECONDS)))


def attempt_failed(attempt: LoginAttempt) -> None:
    """A wrong password (or unknown account): past the limit, lock this client out of the
    account, and the account for unknown clients when failures pile up from everywhere."""
    pair_count = int(cache.get(attempt.pair_key) or 0)
    if pair_count >= _limit():
        _lock(attempt.pair_key, pair_count - _limit() + 1)
        cache.delete(f"{attempt.pair_key}:probe")
    account_count = int(cache.get(attempt.account_key) or 0)
    account_limit = int(settings.LOGIN_MAX_FAILURES_ACCOUNT_WIDE)
    if account_count >= account_limit:
        _lock(attempt.account_key, account_count - account_limit + 1)


def attempt_succeeded(attempt: LoginAttempt) -> None:
    """The password was right: forget this client's and the account's failures; the address
    gets its attempt back."""
    _clear(attempt.pair_key)
    _clear(attempt.account_key)
    try:
        cache.decr(attempt.ip_key)
    except ValueError:
        return


def reset(*, email: str, ip: str = "") -> None:
    fingerprint = account_fingerprint(email)
    _clear(f"{KEY_PREFIX}:account:{fingerprint}")
    if ip:
        _clear(f"{KEY_PREFIX}:pair:{fingerprint}:{ip}")
        _clear(f"{KEY_PREFIX}:ip:{ip}")
