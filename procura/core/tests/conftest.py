"""Fixtures of the core tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.db import connection

from procura.core.backup import Database


@pytest.fixture
def empty_database(transactional_db: None) -> Iterator[Database]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    name = f"procura_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    source = Database.from_settings(connection.settings_dict)
    target = Database(
        name=name, host=source.host, port=source.port, user=source.user, password=source.password
    )
    yield target
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
