"""The demo data set, loaded once per test process and copied into each test that asks for it.

``seed_demo`` goes through every domain's services and takes many seconds; tests that only need
its result get an exact copy of the rows it wrote instead (PostgreSQL ``COPY``, a fraction of a
second). The copy is taken from a real run of ``seed_demo`` in the same process, inside a
transaction that is rolled back, so it is what the command writes on this code and this day.
Other databases (the SQLite run) seed for real in each test.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.management import call_command
from django.db import connection, transaction
from psycopg import sql

# Rows the migrations write (content types, permissions, roles...) are in the copy as well:
# every table is emptied before the copy goes in. The migrations' own record stays as it is.
KEEP = frozenset({"django_migrations"})


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: bytes | None  # COPY's binary form; None for an empty table


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[Table, ...]
    sequences: tuple[tuple[str, int], ...]


def _columns(columns: tuple[str, ...]) -> sql.Composed:
    return sql.SQL(", ").join(sql.Identifier(c) for c in columns)


def _tables() -> list[tuple[str, tuple[str, ...]]]:
    """Every ordinary and partitioned table of the schema (partitions are reached through
    their parent), with its columns other than generated ones."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, array_agg(a.attname ORDER BY a.attnum)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
              AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
              AND a.attgenerated = ''
            GROUP BY c.relname ORDER BY c.relname
            """
        )
        return [(name, tuple(columns)) for name, columns in cursor.fetchall() if name not in KEEP]


def _sequences() -> tuple[tuple[str, int], ...]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = current_schema() AND last_value IS NOT NULL"
        )
        return tuple((name, int(value)) for name, value in cursor.fetchall())


def take() -> Snapshot:
    """Every row of every table as it stands in the current transaction."""
    tables = []
    with connection.cursor() as cursor:
        for name, columns in _tables():
            cursor.execute(sql.SQL("SELECT EXISTS (SELECT FROM {})").format(sql.Identifier(name)))
            if not cursor.fetchone()[0]:
                tables.append(Table(name=name, columns=columns, rows=None))
                continue
            buffer = io.BytesIO()
            statement = sql.SQL("COPY (SELECT {} FROM {}) TO STDOUT (FORMAT binary)")
            with cursor.copy(statement.format(_columns(columns), sql.Identifier(name))) as copy:
                for block in copy:
                    buffer.write(block)
            tables.append(Table(name=name, columns=columns, rows=buffer.getvalue()))
    return Snapshot(tables=tuple(tables), sequences=_sequences())


def restore(snapshot: Snapshot) -> None:
    """Replace every table's rows with the snapshot's, inside the current transaction (the
    test's, rolled back at its end). Triggers and foreign-key checks are paused for the copy
    only, as replication does, since the rows were consistent when they were taken."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in snapshot.tables:
            cursor.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table.name)))
        for table in snapshot.tables:
            if table.rows is None:
                continue
            statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT binary)")
            with cursor.copy(
                statement.format(sql.Identifier(table.name), _columns(table.columns))
            ) as copy:
                copy.write(table.rows)
        for name, value in snapshot.sequences:
            cursor.execute("SELECT setval(quote_ident(%s), %s)", [name, value])
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def seeded_snapshot() -> Snapshot:
    """Run ``seed_demo`` in a transaction, take the copy, roll the transaction back."""
    with transaction.atomic():
        call_command("seed_demo", verbosity=0)
        snapshot = take()
        transaction.set_rollback(True)
    return snapshot
