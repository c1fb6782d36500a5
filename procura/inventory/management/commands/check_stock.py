"""``manage.py check_stock``: every stock level equals the sum of its ledger (exit 1 if not)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from procura.core.money import round_money, round_quantity
from procura.inventory.models import StockLevel
from procura.inventory.selectors import stock_ledger_mismatches


class Command(BaseCommand):
    help = "Verify that each stock level's on hand and value equal the sums of its movements."

    def handle(self, *args: Any, **options: Any) -> None:
        mismatches = list(stock_ledger_mismatches())
        for level in mismatches:
            ledger_on_hand = round_quantity(getattr(level, "ledger_on_hand", 0))
            ledger_value = round_money(getattr(level, "ledger_value", 0))
            self.stderr.write(
                f"{level.location.code} {level.product.sku}: on hand {level.on_hand}, "
                f"ledger {ledger_on_hand}; value {level.value}, ledger {ledger_value}"
            )
        if mismatches:
            raise CommandError(
                f"{len(mismatches)} stock level(s) disagree with the ledger.", returncode=1
            )
        self.stdout.write(f"{StockLevel.objects.count()} stock levels agree with the ledger.")
