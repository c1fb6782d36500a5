from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from procura.core.backup import BackupError, Database, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY database, then compare table fingerprints and "
        "run check_stock and verify_audit against it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="procura-<time>.tar or .tar.gpg")
        parser.add_argument(
            "--database-url",
            default=None,
            help="Target database (default: this installation's DATABASE_URL). Must be empty.",
        )
        parser.add_argument(
            "--media-root",
            default=None,
            help="Directory for the media files (default: this installation's media storage, "
            "its media directory or its S3 bucket).",
        )
        parser.add_argument("--passphrase-file", default=None)
        parser.add_argument(
            "--no-verify", action="store_true", help="Do not run check_stock/verify_audit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            target = (
                Database.from_url(options["database_url"])
                if options["database_url"]
                else Database.from_settings(connection.settings_dict)
            )
            result = backup_restore(
                archive=Path(options["archive"]),
                target=target,
                media_root=Path(options["media_root"]) if options["media_root"] else None,
                passphrase_file=options["passphrase_file"],
                run_checks=not options["no_verify"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {result.tables} tables, {result.rows} rows, {result.media_files} media "
            "files; table fingerprints match the backup."
        )
        for command, outcome in result.checks.items():
            self.stdout.write(f"{command}: {outcome}")
