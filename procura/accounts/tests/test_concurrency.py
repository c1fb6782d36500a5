"""Races that only a real database with row locks can show."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection

from procura.accounts.errors import SessionInvalid
from procura.accounts.services import session_login, session_refresh
from procura.accounts.tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks"),
]


def run_together(count: int, work) -> list[object]:
    barrier = threading.Barrier(count)
    outcomes: list[object] = []
    lock = threading.Lock()

    def runner() -> None:
        barrier.wait()
        try:
            result: object = work()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            result = exc
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=runner) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_a_refresh_token_used_twice_at_once_works_only_once(make_user):
    user = make_user(email="race@example.com")
    _, tokens = session_login(email=user.email, password=PASSWORD, ip="10.9.9.9")

    outcomes = run_together(4, lambda: session_refresh(raw_refresh=tokens.refresh))

    assert sum(isinstance(o, tuple) for o in outcomes) == 1
    assert sum(isinstance(o, SessionInvalid) for o in outcomes) == 3
