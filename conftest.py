"""Fixtures shared by every domain's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import TransactionTestCase
from rest_framework.test import APIClient

from procura.accounts.models import User
from procura.core.tests.database_template import migrated_template
from procura.demo.tests.snapshot import Snapshot, restore, seeded_snapshot


def _clear_own_cache_keys() -> None:
    """Delete this test process's cache keys only. On Redis, cache.clear() would FLUSHDB and
    wipe the keys of parallel test processes (and Celery's queues) sharing the database."""
    backend = cache._cache if hasattr(cache, "_cache") else None  # type: ignore[attr-defined]
    if backend is not None and hasattr(backend, "get_client"):
        client = backend.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, django_db_use_migrations: bool
) -> None:
    """On PostgreSQL, each test database is a copy of a migrated template instead of being
    migrated from empty (see procura/core/tests/database_template.py)."""
    from django.conf import settings

    default = settings.DATABASES["default"]
    if django_db_use_migrations and default["ENGINE"].startswith("django.db.backends.postgresql"):
        default.setdefault("TEST", {})["TEMPLATE"] = migrated_template(default)


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_guard() -> Iterator[None]:
    """Transactional tests end by emptying every table with TRUNCATE, which the audit events'
    trigger refuses. The runner (a PostgreSQL superuser) empties its own test database as
    replication does: with ordinary triggers paused for that statement only."""
    original = TransactionTestCase._fixture_teardown

    def teardown(self: TransactionTestCase) -> None:
        paused = [c for c in connections.all() if c.vendor == "postgresql"]
        for paused_connection in paused:
            with paused_connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
        try:
            original(self)
        finally:
            for paused_connection in paused:
                with paused_connection.cursor() as cursor:
                    cursor.execute("SET session_replication_role = DEFAULT")

    TransactionTestCase._fixture_teardown = teardown  # type: ignore[method-assign]
    yield
    TransactionTestCase._fixture_teardown = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Login throttles and other cached state never leak from one test into the next."""
    _clear_own_cache_keys()
    yield
    _clear_own_cache_keys()


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup: None, django_db_blocker: Any) -> Snapshot | None:
    """One real run of ``seed_demo`` per test process, kept as a copy of its rows (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return None
    with django_db_blocker.unblock():
        return seeded_snapshot()


@pytest.fixture
def demo_data(db: None, _demo_snapshot: Snapshot | None) -> None:
    """The demo data set, as ``manage.py seed_demo`` writes it, in this test's database: copied
    from the process's one seeded snapshot on PostgreSQL, seeded for real on SQLite. The copy
    replaces every table's rows: name it before fixtures that write rows of their own."""
    if _demo_snapshot is None:
        call_command("seed_demo", verbosity=0)
    else:
        restore(_demo_snapshot)


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
