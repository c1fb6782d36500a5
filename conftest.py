"""Fixtures shared by every domain's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from procura.accounts.models import User


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Login throttles and other cached state never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """``make_user("approver", spending_limit=5000)``: a saved user holding those roles."""
    from procura.accounts.tests.factories import UserFactory

    def _make(*roles: str, **fields: object) -> User:
        return UserFactory(roles=list(roles), **fields)

    return _make


@pytest.fixture
def client_as(make_user: Callable[..., User]) -> Callable[..., APIClient]:
    """``client_as("procurement")``: an API client signed in as a new user with those roles.

    The user is on ``client.user``. Authentication is forced; tests of sign-in itself use the
    real endpoints.
    """

    def _client(*roles: str, user: User | None = None, **fields: object) -> APIClient:
        client = APIClient()
        client.user = user or make_user(*roles, **fields)  # type: ignore[attr-defined]
        client.force_authenticate(client.user)  # type: ignore[attr-defined]
        return client

    return _client
