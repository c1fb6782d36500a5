"""Demo inventory: two cold stores, opening stock for the demo products (received through the
stock services, so the ledger agrees with the levels) and reorder rules, a few of them already
at or below their reorder point.

Runs after the catalog step. Idempotent: a location whose code exists is left alone, opening
stock is received only into a (product, location) with no movements yet, and a rule is only
created where none exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from procura.accounts.models import User
from procura.catalog.models import Product
from procura.demo.seed import SeedContext
from procura.inventory.models import Location, LocationKind, ReorderRule, StockMovement
from procura.inventory.services import (
    SourceRef,
    location_create,
    reorder_rule_set,
    stock_receive,
)

DEMO_ACTOR_EMAIL = "warehouse@procura.example"
DEMO_SOURCE = SourceRef(type="demo.opening_stock", number="OPENING-2026")
# Opening stock goes to the first products by SKU; a catalog demo set is a few dozen items.
MAX_PRODUCTS = 40


@dataclass(frozen=True)
class DemoLocation:
    code: str
    name: str
    address: str
    # Opening stock here is the product's base quantity times this factor.
    stock_factor: Decimal


LOCATIONS = (
    DemoLocation(
        "CS-DAL",
        "Dallas Cold Storage",
        "2100 Cold Chain Way\nDallas, TX 75212",
        Decimal("1"),
    ),
    DemoLocation(
        "CS-CHI",
        "Chicago Cold Storage",
        "4400 S Ashland Ave\nChicago, IL 60609",
        Decimal("0.5"),
    ),
)
BASE_QUANTITIES = (Decimal("1200"), Decimal("800"), Decimal("450"), Decimal("300"), Decimal("60"))
REORDER_POINT_SHARE = Decimal("0.25")
# Every LOW_EVERY-th product gets a reorder point above its Chicago stock: the low-stock list
# and the daily alert have something to show.
LOW_EVERY = 4


def _locations(ctx: SeedContext, actor: User | None) -> list[tuple[DemoLocation, Location]]:
    existing = {
        loc.code: loc for loc in Location.objects.filter(code__in=[d.code for d in LOCATIONS])
    }
    result = []
    for spec in LOCATIONS:
        location = existing.get(spec.code)
        if location is None:
            location = location_create(
                code=spec.code,
                name=spec.name,
                kind=LocationKind.COLD_STORE,
                address=spec.address,
                by=actor,
            )
            ctx.record_created("location")
            ctx.log(f"location {spec.code} {spec.name}")
        result.append((spec, location))
    return result


def _unit_cost(product: Product) -> Decimal:
    return (
        product.standard_cost if product.standard_cost > 0 else product.list_price * Decimal("0.7")
    )


@transaction.atomic
def seed(ctx: SeedContext) -> None:
    actor = User.objects.filter(email=DEMO_ACTOR_EMAIL).first()
    locations = _locations(ctx, actor)
    # Lot-tracked and catch-weight stock comes in by lot and weight (procura.demo.trade).
    products = list(
        Product.objects.filter(is_active=True, lot_tracked=False, catch_weight=False).order_by(
            "sku"
        )[:MAX_PRODUCTS]
    )
    if not products:
        ctx.log("no products yet: opening stock and reorder rules skipped")
        return
    stocked = set(StockMovement.objects.values_list("product_id", "location_id").distinct())
    ruled = set(ReorderRule.objects.values_list("product_id", "location_id"))
    for index, product in enumerate(products):
        base = BASE_QUANTITIES[index % len(BASE_QUANTITIES)]
        for spec, location in locations:
            quantity = (base * spec.stock_factor).quantize(Decimal("1"))
            if (product.pk, location.pk) not in stocked:
                stock_receive(
                    product=product,
                    location=location,
                    quantity=quantity,
                    unit_cost=_unit_cost(product),
                    by=actor,
                    source=DEMO_SOURCE,
                )
                ctx.record_created("opening stock")
            if (product.pk, location.pk) not in ruled:
                low = index % LOW_EVERY == 0 and spec.code == "CS-CHI"
                point = (
                    quantity + 50
                    if low
                    else (quantity * REORDER_POINT_SHARE).quantize(Decimal("1"))
                )
                reorder_rule_set(
                    product=product,
                    location=location,
                    reorder_point=point,
                    reorder_quantity=base,
                    by=actor,
                )
                ctx.record_created("reorder rule")
