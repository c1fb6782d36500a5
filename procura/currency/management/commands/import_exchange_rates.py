"""Import ECB reference rates from a file: ``manage.py import_exchange_rates eurofxref.xml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from procura.core.errors import DomainError
from procura.currency.services import exchange_rates_import_ecb


class Command(BaseCommand):
    help = "Import exchange rates from an ECB euro reference rates XML file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            result = exchange_rates_import_ecb(content=path.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        except DomainError as exc:
            raise CommandError(exc.detail) from exc
        self.stdout.write(
            f"Imported {result.rates} rates for {len(result.currencies)} currencies "
            f"from {result.first_date} to {result.last_date}."
        )
