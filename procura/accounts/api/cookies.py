"""The session's JWTs travel in HttpOnly cookies; the refresh cookie only goes to /auth/."""

from __future__ import annotations

from typing import Literal, cast

from django.conf import settings
from django.http import HttpResponseBase

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
