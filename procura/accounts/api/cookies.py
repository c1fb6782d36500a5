"""The session's JWTs travel in HttpOnly cookies; the refresh cookie only goes to /auth/."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal, cast

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponseBase

from procura.accounts.services import SessionTokens

REFRESH_COOKIE_PATH = "/api/v1/auth/"
ACCESS_COOKIE_PATH = "/"


def set_session_cookies(response: HttpResponseBase, tokens: SessionTokens) -> None:
    jwt = settings.SIMPLE_JWT
    common = {
        "httponly": True,
        "secure": settings.JWT_COOKIE_SECURE,
        "samesite": settings.JWT_COOKIE_SAMESITE,
    }
    response.set_cookie(
        settings.JWT_ACCESS_COOKIE,
        tokens.access,
        max_age=int(jwt["ACCESS_TOKEN_LIFETIME"].total_seconds()),
        path=ACCESS_COOKIE_PATH,
        **common,
    )
    response.set_cookie(
        settings.JWT_REFRESH_COOKIE,
        tokens.refresh,
        max_age=int(jwt["REFRESH_TOKEN_LIFETIME"].total_seconds()),
        path=REFRESH_COOKIE_PATH,
        **common,
    )


def clear_session_cookies(response: HttpResponseBase) -> None:
    samesite = cast(Literal["Lax", "Strict", "None"], settings.JWT_COOKIE_SAMESITE)
    response.delete_cookie(settings.JWT_ACCESS_COOKIE, path=ACCESS_COOKIE_PATH, samesite=samesite)
    response.delete_cookie(settings.JWT_REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, samesite=samesite)


KNOWN_CLIENT_SALT = "procura.accounts.known-client"
KNOWN_CLIENT_MAX_ACCOUNTS = 10


def known_accounts(request: HttpRequest) -> list[str]:
    """The account fingerprints this browser signed in to before (a signed cookie)."""
    raw = request.COOKIES.get(settings.LOGIN_KNOWN_CLIENT_COOKIE, "")
    if not raw:
        return []
    try:
        value = signing.loads(
            raw,
            salt=KNOWN_CLIENT_SALT,
            max_age=timedelta(days=settings.LOGIN_KNOWN_CLIENT_DAYS),
        )
    except signing.BadSignature:
        return []
    return [str(item) for item in value] if isinstance(value, list) else []


def remember_client(response: HttpResponseBase, request: HttpRequest, fingerprint: str) -> None:
    """Mark this browser as a known client of the account: a lock-out caused by guessing from
    elsewhere does not stop it."""
    accounts = [fingerprint, *(a for a in known_accounts(request) if a != fingerprint)]
    response.set_cookie(
        settings.LOGIN_KNOWN_CLIENT_COOKIE,
        signing.dumps(accounts[:KNOWN_CLIENT_MAX_ACCOUNTS], salt=KNOWN_CLIENT_SALT),
        max_age=int(timedelta(days=settings.LOGIN_KNOWN_CLIENT_DAYS).total_seconds()),
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=settings.JWT_COOKIE_SECURE,
        samesite=cast(Literal["Lax", "Strict", "None"], settings.JWT_COOKIE_SAMESITE),
    )
