"""The demo inventory loads through the stock services, agrees with its ledger and can be
loaded again without changes."""

from __future__ import annotations

import io

from django.core.management import call_command

from procura.demo import inventory as demo
from procura.demo.seed import SeedContext
from procura.inventory.models import Location, ReorderRule, StockLevel, StockMovement
from procura.inventory.selectors import low_stock_list
from procura.inventory.tests.factories import ProductFactory


def test_demo_inventory_is_complete_consistent_and_idempotent(db):
    ProductFactory.create_batch(8)
    demo.seed(SeedContext(stdout=io.StringIO()))
    counts = [model.objects.count() for model in (Location, StockLevel, StockMovement, ReorderRule)]

    again = SeedContext(stdout=io.StringIO())
    demo.seed(again)

    assert sum(again.created.values()) == 0
    assert counts == [
        model.objects.count() for model in (Location, StockLevel, StockMovement, ReorderRule)
    ]
    assert set(Location.objects.values_list("code", flat=True)) == {"CS-DAL", "CS-CHI"}
    assert counts[1:] == [16, 16, 16]
    low = list(low_stock_list())
    assert len(low) == 2
    assert {rule.location.code for rule in low} == {"CS-CHI"}
    call_command("check_stock", stdout=io.StringIO())


def test_demo_inventory_without_products_only_creates_the_locations(db):
    ctx = SeedContext(stdout=io.StringIO())

    demo.seed(ctx)

    assert ctx.created == {"location": 2}
    assert not StockLevel.objects.exists()
