"""Write docs/permissions.md from the permission matrix (``--check``: fail when it differs)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from procura.accounts.permission_docs import DOC_PATH, permissions_markdown


class Command(BaseCommand):
    help = "Write the table of who may do what (docs/permissions.md) from the permission matrix."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Fail when the page is out of date."
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        page = permissions_markdown()
        current = DOC_PATH.read_text() if DOC_PATH.exists() else ""
        if check:
            if current != page:
                raise CommandError(f"{DOC_PATH} is out of date: run `manage.py permissions_doc`.")
            self.stdout.write(f"{DOC_PATH} is current.")
            return
        DOC_PATH.write_text(page)
        self.stdout.write(f"Wrote {DOC_PATH}.")
