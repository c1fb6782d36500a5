"""Backups that restore: the database (pg_dump custom format), the media files and the settings
that matter, in one archive, optionally encrypted (gpg, symmetric), with retention.

An archive ``procura-<UTC time>.tar`` (``.tar.gpg`` when encrypted) holds:

- ``database.dump``: ``pg_dump --format=custom``;
- ``media.tar``: every media file, read through the configured storage (a local directory or an
  S3-compatible bucket), unless ``--no-media`` (a bucket kept by its own versioning/replication);
- ``settings.json``: the settings a restored system needs to behave the same (time zone,
  currencies, hosts...); secrets only when the archive is encrypted;
- ``fingerprints.json``: per table, its row count and a hash of its rows;
- ``manifest.json``: when, from which schema (latest migration per app) and the SHA-256 of each
  file above.

``restore`` refuses a database that has tables, checks every file against the manifest, restores
with ``pg_restore``, compares the table fingerprints, puts the media files back (into
``--media-root``, or through the configured storage: the local media directory or the bucket),
then runs ``check_stock`` and ``verify_audit`` against the restored database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connection

ARCHIVE_PREFIX = "procura-"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar"
SETTINGS_FILE = "settings.json"
FINGERPRINTS_FILE = "fingerprints.json"
MANIFEST_FILE = "manifest.json"
KEEP_AT_LEAST = 3

# Settings copied into every backup (they shape what the data means).
PLAIN_SETTINGS = (
    "PROCURA_ENV",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "TIME_ZONE",
    "CELERY_TIMEZONE",
    "DEFAULT_CURRENCY",
    "DEFAULT_FROM_EMAIL",
    "MEDIA_URL",
    "LANGUAGE_CODE",
)
# Only inside encrypted archives: needed to check signatures and the keyed audit chain.
SECRET_SETTINGS = ("SECRET_KEY", "AUDIT_HMAC_KEYS", "AUDIT_HMAC_KEY")

NOT_EMPTY = "The target database already has tables; restore only into an empty database."
NOT_POSTGRES = "Backups need PostgreSQL (DATABASE_URL); SQLite files are copied as they are."
TAMPERED = "{name} does not match the manifest of the backup (damaged or altered)."
FINGERPRINT_MISMATCH = "Restored tables differ from the backup: {tables}"
MEDIA_RENAMED = (
    "The media storage already holds a different {name} (saved as {saved}); restore media into "
    "an empty bucket or directory."
)


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Database:
    """libpq connection values of a database."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> Database:
        if not str(values.get("ENGINE", "")).startswith("django.db.backends.postgresql"):
            raise BackupError(NOT_POSTGRES)
        return cls(
            name=str(values["NAME"]),
            host=str(values.get("HOST") or ""),
            port=str(values.get("PORT") or ""),
            user=str(values.get("USER") or ""),
            password=str(values.get("PASSWORD") or ""),
        )

    @classmethod
    def from_url(cls, url: str) -> Database:
        parts = urlparse(url)
        if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
            raise BackupError(NOT_POSTGRES)
        return cls(
            name=unquote(parts.path.lstrip("/")),
            host=parts.hostname or "",
            port=str(parts.port or ""),
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
        )

    def env(self) -> dict[str, str]:
        values = {
            "PGDATABASE": self.name,
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
        }
        return {**os.environ, **{key: value for key, value in values.items() if value}}

    def url(self) -> str:
        credentials = self.user + (f":{self.password}" if self.password else "")
        at = f"{credentials}@" if credentials else ""
        port = f":{self.port}" if self.port else ""
        return f"postgres://{at}{self.host or '127.0.0.1'}{port}/{self.name}"


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    pruned: list[Path] = field(default_factory=list)


def _run(command: list[str], *, env: Mapping[str, str] | None = None, **kwargs: Any) -> str:
    result = subprocess.run(  # noqa: S603 - argv built here, no shell
        command, env=dict(env) if env else None, capture_output=True, text=True, **kwargs
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")
    return result.stdout


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _psql(database: Database, sql: str) -> str:
    return _run(
        ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql], env=database.env()
    )


FINGERPRINT_SQL = (
    "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '')"
    " FROM {table} t"
)
TABLES_SQL = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"


def _fingerprints_with(query: Callable[[str], list[tuple[Any, ...]]]) -> dict[str, dict[str, Any]]:
    fingerprints: dict[str, dict[str, Any]] = {}
    for (table,) in query(TABLES_SQL):
        quoted = '"' + str(table).replace('"', '""') + '"'
        ((count, digest),) = query(FINGERPRINT_SQL.format(table=quoted))
        fingerprints[str(table)] = {"rows": int(count), "md5": str(digest)}
    return fingerprints


def table_fingerprints(database: Database) -> dict[str, dict[str, Any]]:
    """Per table of the public schema: row count and an order-independent hash of its rows."""

    def query(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(line.split("|")) for line in _psql(database, sql).splitlines() if line]

    return _fingerprints_with(query)


def _dump_with_fingerprints(database: Database, dump_path: Path) -> dict[str, dict[str, Any]]:
    """pg_dump and the fingerprints read from one snapshot, so a live system (heartbeats, the
    scheduler lease, new orders) cannot change a table between the two."""
    import psycopg

    with psycopg.connect(
        dbname=database.name,
        host=database.host or None,
        port=database.port or None,
        user=database.user or None,
        password=database.password or None,
        autocommit=True,
    ) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        snapshot = str(row[0]) if row else ""

        def query(sql: str) -> list[tuple[Any, ...]]:
            return list(conn.execute(sql).fetchall())

        fingerprints = _fingerprints_with(query)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--snapshot={snapshot}",
                "-f",
                str(dump_path),
            ],
            env=database.env(),
        )
        conn.execute("COMMIT")
    return fingerprints


def _migration_heads() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
        return {app: name for app, name in cursor.fetchall()}


def _settings_snapshot(*, include_secrets: bool) -> dict[str, Any]:
    names = PLAIN_SETTINGS + (SECRET_SETTINGS if include_secrets else ())
    return {name: getattr(settings, name) for name in names if hasattr(settings, name)}


def _media_root() -> Path | None:
    backend = str(settings.STORAGES["default"]["BACKEND"])
    if not backend.endswith("FileSystemStorage"):
        return None
    return Path(settings.MEDIA_ROOT)


def _storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in ``storage``, walked through the storage API (works for a bucket as
    for a directory)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _storage_files(storage, f"{folder}/{sub}" if folder else sub)


def _archive_storage(archive: tarfile.TarFile, storage: Storage) -> int:
    """Stream every object of an object storage into ``archive`` under ``media/``."""
    count = 0
    for name in _storage_files(storage):
        info = tarfile.TarInfo(f"media/{name}")
        info.size = storage.size(name)
        info.mode = 0o600
        with storage.open(name, "rb") as stream:
            archive.addfile(info, stream)
        count += 1
    return count


def _restore_into_storage(media: tarfile.TarFile, storage: Storage) -> int:
    """Write each archived file back under its own name; a file already there with the same
    size is kept (a rerun after an interruption finishes the job without duplicating)."""
    count = 0
    for member in media.getmembers():
        if not member.isfile() or not member.name.startswith("media/"):
            continue
        name = member.name.removeprefix("media/")
        if storage.exists(name) and storage.size(name) == member.size:
            count += 1
            continue
        stream = media.extractfile(member)
        if stream is None:
            continue
        saved = storage.save(name, File(stream, name=name))
        if saved != name:
            raise BackupError(MEDIA_RENAMED.format(name=name, saved=saved))
        count += 1
    return count


def _passphrase(passphrase_file: str | None) -> str | None:
    path = passphrase_file or os.environ.get("BACKUP_PASSPHRASE_FILE") or ""
    if not path:
        return None
    return Path(path).read_text().strip()


def backup_create(
    *,
    directory: Path,
    passphrase_file: str | None = None,
    retention_days: int | None = None,
    database: Database | None = None,
    include_media: bool = True,
) -> BackupResult:
    """Write one archive into ``directory`` and prune archives older than the retention."""
    database = database or Database.from_settings(connection.settings_dict)
    passphrase = _passphrase(passphrase_file)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"{ARCHIVE_PREFIX}{stamp}"
    with tempfile.TemporaryDirectory(prefix="procura-backup-", dir=directory) as scratch:
        work = Path(scratch)
        fingerprints = _dump_with_fingerprints(database, work / DATABASE_FILE)
        media = _media_root()
        with tarfile.open(work / MEDIA_FILE, "w") as archive:
            if not include_media:
                media_kind = "not included (--no-media)"
            elif media is not None:
                media_kind = "file storage"
                if media.exists():
                    archive.add(media, arcname="media")
            else:
                objects = _archive_storage(archive, default_storage)
                media_kind = f"object storage ({objects} objects)"
        (work / SETTINGS_FILE).write_text(
            json.dumps(_settings_snapshot(include_secrets=passphrase is not None), default=str)
        )
        (work / FINGERPRINTS_FILE).write_text(json.dumps(fingerprints, sort_keys=True, indent=1))
        files = [DATABASE_FILE, MEDIA_FILE, SETTINGS_FILE, FINGERPRINTS_FILE]
        manifest = {
            "created_at": datetime.now(tz=UTC).isoformat(),
            "database": database.name,
            "media": media_kind,
            "encrypted": passphrase is not None,
            "migrations": _migration_heads(),
            "files": {file: _sha256(work / file) for file in files},
        }
        (work / MANIFEST_FILE).write_text(json.dumps(manifest, sort_keys=True, indent=1))
        tar_path = work / f"{name}.tar"
        with tarfile.open(tar_path, "w") as archive:
            for file in [*files, MANIFEST_FILE]:
                archive.add(work / file, arcname=f"{name}/{file}")
        final = directory / f"{name}.tar"
        if passphrase is not None:
            final = directory / f"{name}.tar.gpg"
            _run(
                [
                    "gpg",
                    "--batch",
                    "--yes",
                    "--quiet",
                    "--symmetric",
                    "--cipher-algo",
                    "AES256",
                    "--passphrase-fd",
                    "0",
                    "--pinentry-mode",
                    "loopback",
                    "-o",
                    str(final),
                    str(tar_path),
                ],
                input=passphrase,
            )
        else:
            shutil.move(tar_path, final)
    final.chmod(0o600)
    pruned = backups_prune(directory=directory, retention_days=retention_days)
    rows = sum(table["rows"] for table in fingerprints.values())
    return BackupResult(path=final, tables=len(fingerprints), rows=rows, pruned=pruned)


def backups_prune(*, directory: Path, retention_days: int | None = None) -> list[Path]:
    """Delete archives older than the retention, always keeping the newest few."""
    days = retention_days if retention_days is not None else settings.BACKUP_RETENTION_DAYS
    archives = sorted(directory.glob(f"{ARCHIVE_PREFIX}*.tar*"), key=lambda p: p.name)
    cutoff = datetime.now(tz=UTC) - timedelta(days=days)
    pruned = []
    for archive in archives[:-KEEP_AT_LEAST]:
        modified = datetime.fromtimestamp(archive.stat().st_mtime, tz=UTC)
        if modified < cutoff:
            archive.unlink()
            pruned.append(archive)
    return pruned


@dataclass
class RestoreResult:
    tables: int
    rows: int
    media_files: int
    checks: dict[str, str]


def _unpack(archive: Path, work: Path, passphrase: str | None) -> Path:
    tar_path = archive
    if archive.name.endswith(".gpg"):
        if passphrase is None:
            raise BackupError("The backup is encrypted: give its passphrase file.")
        tar_path = work / archive.name.removesuffix(".gpg")
        _run(
            [
                "gpg",
                "--batch",
                "--yes",
                "--quiet",
                "--decrypt",
                "--passphrase-fd",
                "0",
                "--pinentry-mode",
                "loopback",
                "-o",
                str(tar_path),
                str(archive),
            ],
            input=passphrase,
        )
    with tarfile.open(tar_path) as handle:
        handle.extractall(work, filter="data")
    folders = [p for p in work.iterdir() if p.is_dir() and p.name.startswith(ARCHIVE_PREFIX)]
    if len(folders) != 1:
        raise BackupError("Not a Procura backup archive.")
    return folders[0]


def _table_count(database: Database) -> int:
    return int(_psql(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))


def backup_restore(
    *,
    archive: Path,
    target: Database,
    media_root: Path | None = None,
    passphrase_file: str | None = None,
    run_checks: bool = True,
) -> RestoreResult:
    """Restore ``archive`` into the empty database ``target`` and prove it (see module doc)."""
    if _table_count(target) > 0:
        raise BackupError(NOT_EMPTY)
    with tempfile.TemporaryDirectory(prefix="procura-restore-") as scratch:
        folder = _unpack(archive, Path(scratch), _passphrase(passphrase_file))
        manifest = json.loads((folder / MANIFEST_FILE).read_text())
        for name, digest in manifest["files"].items():
            if _sha256(folder / name) != digest:
                raise BackupError(TAMPERED.format(name=name))
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                "-d",
                target.name,
                str(folder / DATABASE_FILE),
            ],
            env=target.env(),
        )
        expected = json.loads((folder / FINGERPRINTS_FILE).read_text())
        actual = table_fingerprints(target)
        differing = sorted(
            table
            for table in set(expected) | set(actual)
            if expected.get(table) != actual.get(table)
        )
        if differing:
            raise BackupError(FINGERPRINT_MISMATCH.format(tables=", ".join(differing)))
        media_files = 0
        destination = media_root if media_root is not None else _media_root()
        with tarfile.open(folder / MEDIA_FILE) as media:
            members = [m for m in media.getmembers() if m.isfile()]
            if destination is None:
                media_files = _restore_into_storage(media, default_storage)
            elif members:
                destination.mkdir(parents=True, exist_ok=True)
                with tempfile.TemporaryDirectory(dir=destination.parent) as staging:
                    media.extractall(staging, filter="data")
                    shutil.copytree(Path(staging) / "media", destination, dirs_exist_ok=True)
                media_files = len(members)
    checks = _run_checks(target) if run_checks else {}
    rows = sum(table["rows"] for table in actual.values())
    return RestoreResult(tables=len(actual), rows=rows, media_files=media_files, checks=checks)


def _run_checks(target: Database) -> dict[str, str]:
    """``check_stock`` and ``verify_audit`` against the restored database, each in its own
    process (they read the database of DATABASE_URL)."""
    manage = Path(settings.BASE_DIR) / "manage.py"
    env = {**os.environ, "DATABASE_URL": target.url(), "CELERY_TASK_ALWAYS_EAGER": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    outcomes = {}
    for command in ("check_stock", "verify_audit"):
        output = _run([sys.executable, str(manage), command], env=env)
        outcomes[command] = output.strip().splitlines()[-1] if output.strip() else "ok"
    return outcomes
