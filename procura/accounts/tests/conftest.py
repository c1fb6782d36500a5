"""Helpers for tests that sign in through the real endpoints."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from procura.accounts.models import User

PASSWORD = "correct-horse-battery"  # the factories' password
CSRF_URL = "/api/v1/auth/csrf/"
LOGIN_URL = "/api/v1/auth/login/"
REFRESH_URL = "/api/v1/auth/refresh/"
LOGOUT_URL = "/api/v1/auth/logout/"
ME_URL = "/api/v1/auth/me/"
PASSWORD_URL = "/api/v1/auth/password/"
TOKENS_URL = "/api/v1/auth/tokens/"


class BrowserClient(APIClient):
    """An API client that behaves like the web app: enforces CSRF, keeps cookies, and sends
    X-CSRFToken on unsafe requests unless told not to."""

    def __init__(self, **defaults: Any) -> None:
        super().__init__(enforce_csrf_checks=True, **defaults)
        self.csrf_token = self.get(CSRF_URL).json()["csrf_token"]

    def unsafe(self, method: str, path: str, data: Any = None, **extra: Any) -> Any:
        extra.setdefault("HTTP_X_CSRFTOKEN", self.csrf_token)
        return getattr(self, method)(path, data, format="json", **extra)

    def login(self, email: str, password: str = PASSWORD, **extra: Any) -> Any:  # type: ignore[override]
        return self.unsafe("post", LOGIN_URL, {"email": email, "password": password}, **extra)


@pytest.fixture
def browser() -> Callable[..., BrowserClient]:
    return BrowserClient


@pytest.fixture
def signed_in(
    make_user: Callable[..., User], browser: Callable[..., BrowserClient]
) -> Callable[..., BrowserClient]:
    """``signed_in("approver")``: a browser client signed in through the login endpoint."""

    def _signed_in(*roles: str, user: User | None = None, **fields: Any) -> BrowserClient:
        client = browser()
        client.user = user or make_user(*roles, **fields)  # type: ignore[attr-defined]
        response = client.login(client.user.email)  # type: ignore[attr-defined]
        assert response.status_code == 200, response.content
        return client

    return _signed_in
