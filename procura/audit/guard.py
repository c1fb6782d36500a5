"""The database refuses UPDATE, DELETE and TRUNCATE on audit events, whoever asks: triggers on
PostgreSQL (a row trigger for UPDATE and DELETE, a statement trigger for TRUNCATE, which fires
no row trigger) and on SQLite (UPDATE; DELETE stays possible there because the test runner
empties tables with it, and SQLite has no TRUNCATE). The model refuses the same in Python; the
triggers also stop raw SQL, other programs and anyone with a plain database login.

Only a superuser can step round them without dropping them (``session_replication_role =
replica``, which the test runner uses to empty its own tables between tests).

A database owner can still drop the trigger: the keyed hashes and the external anchors are what
prove a rewrite then.
"""

from __future__ import annotations

from typing import Any

TABLE = "audit_auditevent"
TRIGGER = "audit_event_append_only"
TRUNCATE_TRIGGER = "audit_event_no_truncate"
REFUSED = "audit events are append-only"

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{REFUSED}: % refused on {TABLE}', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};
CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TRIGGER}();
"""
POSTGRES_REMOVE = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};
DROP FUNCTION IF EXISTS {TRIGGER}();
"""
# The same function refuses TRUNCATE: it raises before looking at any row.
POSTGRES_TRUNCATE_INSTALL = f"""
DROP TRIGGER IF EXISTS {TRUNCATE_TRIGGER} ON {TABLE};
CREATE TRIGGER {TRUNCATE_TRIGGER} BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}();
"""
POSTGRES_TRUNCATE_REMOVE = f"DROP TRIGGER IF EXISTS {TRUNCATE_TRIGGER} ON {TABLE};"
SQLITE_INSTALL = f"""
CREATE TRIGGER IF NOT EXISTS {TRIGGER} BEFORE UPDATE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused on {TABLE}');
END;
"""
SQLITE_REMOVE = f"DROP TRIGGER IF EXISTS {TRIGGER};"


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "postgresql":
        if install:
            return [POSTGRES_INSTALL, POSTGRES_TRUNCATE_INSTALL]
        return [POSTGRES_TRUNCATE_REMOVE, POSTGRES_REMOVE]
    if vendor == "sqlite":
        return [SQLITE_INSTALL if install else SQLITE_REMOVE]
    return []


def install_guard(schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql, params=None)


def remove_guard(schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql, params=None)


def install_truncate_guard(schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRUNCATE_INSTALL, params=None)


def remove_truncate_guard(schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRUNCATE_REMOVE, params=None)
