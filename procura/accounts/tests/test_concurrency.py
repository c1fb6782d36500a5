"""Races that only a real database with row locks can show."""

from __future__ import annotations

import pytest
from django.conf import settings

from procura.accounts.errors import SessionInvalid
from procura.accounts.services import session_login, session_refresh
from procura.accounts.tests.conftest import PASSWORD
from procura.core.testing import run_in_threads

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks"),
]


def run_together(count: int, work) -> list[object]:
    return run_in_threads(count, lambda _index: work())


@pytest.mark.django_db(transaction=True)
def test_a_refresh_token_used_twice_at_once_works_only_once(make_user):
    user = make_user(email="race@example.com")
    _, tokens = session_login(email=user.email, password=PASSWORD, ip="10.9.9.9")

    outcomes = run_together(4, lambda: session_refresh(raw_refresh=tokens.refresh))

    assert sum(isinstance(o, tuple) for o in outcomes) == 1
    assert sum(isinstance(o, SessionInvalid) for o in outcomes) == 3
