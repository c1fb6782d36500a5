from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from procura.accounts.models import User
from procura.procurement.tests.factories import Org, make_org


@pytest.fixture
def org(db: None) -> Org:
    return make_org()


@pytest.fixture
def as_user() -> Callable[[User], APIClient]:
    """An API client signed in as ``user``."""

    def _client(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _client
