"""Locks of the catalog domain.

Structural changes of the category tree (create, move, delete) rewrite materialised paths that
other structural changes read, so they run one at a time: on PostgreSQL a transaction-scoped
advisory lock; SQLite already serialises writing transactions (BEGIN IMMEDIATE)."""

from __future__ import annotations

import zlib

from django.db import connection, transaction

CATEGORY_TREE_LOCK_KEY = zlib.crc32(b"procura.catalog.category_tree")


def lock_category_tree() -> None:
    """Hold the tree lock until the surrounding transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_category_tree must be called inside transaction.atomic()")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CATEGORY_TREE_LOCK_KEY])
