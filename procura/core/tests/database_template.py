"""A migrated PostgreSQL database kept as the template of the test databases.

Migrating an empty database takes most of a minute of CPU, and every test process (each xdist
worker) would do it for its own test database. Instead the first run for a given set of
migrations migrates one database and keeps it; each test database is then created as a copy of
it (``CREATE DATABASE ... TEMPLATE``) and Django's migrate finds nothing left to apply (it still
runs, with its post-migrate steps, on the copy).

The template's name carries a digest of every migration file, the locked dependencies and
Django's version: a new or changed migration makes a new template and the stale ones are
dropped. Processes building it at once take turns through an advisory lock.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import django
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[3]


def migrations_digest() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    sources = [ROOT / "uv.lock", *sorted((ROOT / "procura").glob("*/migrations/*.py"))]
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def database_url(settings_dict: dict[str, Any], name: str | None = None) -> str:
    """A postgres:// URL of the database ``settings_dict`` names, or of ``name`` on its server."""
    credentials = quote(settings_dict.get("USER") or "")
    if settings_dict.get("PASSWORD"):
        credentials += ":" + quote(settings_dict["PASSWORD"])
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(name or settings_dict['NAME'])}"


def _lock_key(name: str) -> int:
    """A signed 64-bit advisory lock key of its own for each test database name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def migrated_template(settings_dict: dict[str, Any]) -> str:
    """The name of a migrated copy of the schema for the database ``settings_dict`` names,
    made now unless an earlier run made it for the same migrations."""
    base = settings_dict["NAME"]
    prefix = f"{base}_tmpl_"
    template = f"{prefix}{migrations_digest()}"
    building = f"{template}_new"
    with psycopg.connect(database_url(settings_dict, "postgres"), autocommit=True) as admin:
        admin.execute("SELECT pg_advisory_lock(%s)", (_lock_key(base),))
        try:
            found = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (template,)
            ).fetchone()
            if found is None:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(building)
                    )
                )
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(building)))
                env = {
                    **os.environ,
                    "TEST_DATABASE_URL": database_url(settings_dict, building),
                    "DJANGO_SETTINGS_MODULE": "procura.settings_test",
                }
                env.pop("PYTEST_XDIST_WORKER", None)
                subprocess.run(  # noqa: S603 - our own interpreter and manage.py
                    [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"],
                    cwd=ROOT,
                    env=env,
                    check=True,
                )
                admin.execute(
                    sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                        sql.Identifier(building), sql.Identifier(template)
                    )
                )
                stale = admin.execute(
                    "SELECT datname FROM pg_database WHERE starts_with(datname, %s)"
                    " AND datname <> %s",
                    (prefix, template),
                ).fetchall()
                for (name,) in stale:
                    admin.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                            sql.Identifier(name)
                        )
                    )
        finally:
            admin.execute("SELECT pg_advisory_unlock(%s)", (_lock_key(base),))
    return template
