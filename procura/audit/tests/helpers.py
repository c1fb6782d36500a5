"""Building and tampering with audit chains in tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from procura.audit.guard import SQLITE_INSTALL, SQLITE_REMOVE
from procura.audit.services import audit_record


def record_events(actor: Any, obj: Any, count: int, action: str = "user.updated") -> None:
    for index in range(count):
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=action,
                obj=obj,
                changes={"full_name": (f"Name {index}", f"Name {index + 1}")},
            )


@contextmanager
def guard_off() -> Iterator[None]:
    """The append-only trigger out of the way, as a database owner can do (or as before the
    migration that installs it)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            yield
            return
        cursor.execute(SQLITE_REMOVE)
        try:
            yield
        finally:
            cursor.execute(SQLITE_INSTALL)


def raw_sql(sql: str, params: list[Any]) -> None:
    """Tampering as someone with full control of the database would: around the model's
    protections and the append-only trigger; the keyed hashes and the anchors must catch it."""
    with guard_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)
