from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from procura.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format), media and settings into one archive, "
        "optionally encrypted; prune archives past the retention."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", default=str(settings.BACKUP_DIR), help="Where archives go.")
        parser.add_argument(
            "--passphrase-file",
            default=None,
            help="Encrypt with gpg using the passphrase in this file (or BACKUP_PASSPHRASE_FILE).",
        )
        parser.add_argument("--retention-days", type=int, default=None)
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave media files out (a bucket protected by its own versioning/replication).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(
                directory=Path(options["dir"]),
                passphrase_file=options["passphrase_file"],
                retention_days=options["retention_days"],
                include_media=not options["no_media"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written: {result.path} ({result.tables} tables, {result.rows} rows)"
        )
        for path in result.pruned:
            self.stdout.write(f"Pruned: {path}")
