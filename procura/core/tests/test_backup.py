"""Backups that restore, on real PostgreSQL: back up, restore into a new empty database, compare
table fingerprints, run check_stock and verify_audit there; encrypted archives; refusals."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from procura.audit.tests.helpers import record_events
from procura.core.backup import Database, table_fingerprints

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL (TEST_DATABASE_URL)"),
]


def _run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def _archive_in(directory: Path) -> Path:
    archives = sorted(directory.glob("procura-*.tar*"))
    assert len(archives) == 1
    return archives[0]


def test_a_backup_restores_into_an_empty_database_with_identical_tables(
    empty_database, make_user, tmp_path
):
    admin = make_user("admin")
    record_events(admin, admin, 3)
    default_storage.save("documents/scan.pdf", ContentFile(b"%PDF-1.4 scan"))

    output = _run("backup", "--dir", str(tmp_path / "backups"))

    archive = _archive_in(tmp_path / "backups")
    assert "Backup written" in output
    with tarfile.open(archive) as handle:
        names = {Path(name).name for name in handle.getnames()}
    assert {"database.dump", "media.tar", "settings.json", "fingerprints.json"} <= names
    media_root = tmp_path / "restored-media"

    output = _run(
        "restore",
        str(archive),
        "--database-url",
        empty_database.url(),
        "--media-root",
        str(media_root),
    )

    assert "table fingerprints match" in output
    assert "check_stock:" in output
    assert "verify_audit:" in output
    source = table_fingerprints(Database.from_settings(connection.settings_dict))
    assert table_fingerprints(empty_database) == source
    assert source["audit_auditevent"]["rows"] >= 3
    assert (media_root / "documents" / "scan.pdf").read_bytes() == b"%PDF-1.4 scan"


def test_an_encrypted_backup_needs_its_passphrase(empty_database, make_user, tmp_path):
    make_user("admin")
    secret = tmp_path / "passphrase"
    secret.write_text("correct horse battery staple\n")

    _run("backup", "--dir", str(tmp_path), "--passphrase-file", str(secret))

    archive = _archive_in(tmp_path)
    assert archive.name.endswith(".tar.gpg")
    assert not tarfile.is_tarfile(archive)
    with pytest.raises(CommandError, match="encrypted"):
        _run("restore", str(archive), "--database-url", empty_database.url(), "--no-verify")
    output = _run(
        "restore",
        str(archive),
        "--database-url",
        empty_database.url(),
        "--passphrase-file",
        str(secret),
        "--no-verify",
    )
    assert "table fingerprints match" in output


def test_restore_refuses_a_database_that_has_tables(transactional_db, tmp_path, make_user):
    make_user("admin")
    _run("backup", "--dir", str(tmp_path))

    with pytest.raises(CommandError, match="empty database"):
        _run("restore", str(_archive_in(tmp_path)), "--no-verify")


def test_restore_refuses_an_altered_archive(empty_database, tmp_path, make_user):
    make_user("admin")
    _run("backup", "--dir", str(tmp_path / "out"))
    original = _archive_in(tmp_path / "out")
    altered = tmp_path / original.name
    with tarfile.open(original) as source, tarfile.open(altered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            content = data.read() if data else b""
            if member.name.endswith("settings.json"):
                content = content.replace(b"UTC", b"XYZ")
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))

    with pytest.raises(CommandError, match="settings.json does not match"):
        _run("restore", str(altered), "--database-url", empty_database.url(), "--no-verify")
