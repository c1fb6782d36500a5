"""The database refuses UPDATE and DELETE on audit events, whoever asks: a trigger on
PostgreSQL (UPDATE and DELETE) and on SQLite (UPDATE; DELETE stays possible there because the
test runner empties tables with it). The model refuses the same in Python; the trigger also
stops raw SQL, other programs and anyone with a plain database login.

A database owner can still drop the trigger: the keyed hashes and the external anchors are what
prove a rewrite then.
"""

from __future__ import annotations

from typing import Any

TABLE = "audit_auditevent"
TRIGGER = "audit_event_append_only"
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
SQLITE_INSTALL = f"""
CREATE TRIGGER IF NOT EXISTS {TRIGGER} BEFORE UPDATE ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, '{REFUSED}: UPDATE refused on {TABLE}');
END;
"""
SQLITE_REMOVE = f"DROP TRIGGER IF EXISTS {TRIGGER};"


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "postgresql":
        return [POSTGRES_INSTALL if install else POSTGRES_REMOVE]
    if vendor == "sqlite":
        return [SQLITE_INSTALL if install else SQLITE_REMOVE]
    return []


def install_guard(schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql, params=None)


def remove_guard(schema_editor: Any) -> None:
    for sql in _statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql, params=None)
