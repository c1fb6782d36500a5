"""Building and tampering with audit chains in tests."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

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


def raw_sql(sql: str, params: list[Any]) -> None:
    """Tampering as someone with database access would: around the model's protections."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
