"""Inventory reads: querysets with their joins, low stock, ledger checks and valuation.

Every figure (available, below reorder point, stock value) is computed by the database, so a
list costs the same number of queries whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Round
from django.utils import timezone

from procura.core.money import (
    MONEY_MAX_DIGITS,
    QUANTITY_MAX_DIGITS,
    ZERO,
    round_money,
    round_quantity,
)
from procura.inventory.models import (
    Location,
    Lot,
    LotStock,
    LowStockAlert,
    ReorderRule,
    StockLevel,
    StockMovement,
)

_QUANTITY = DecimalField(max_digits=QUANTITY_MAX_DIGITS, decimal_places=3)
_MONEY = DecimalField(max_digits=MONEY_MAX_DIGITS, decimal_places=2)


def _zero_quantity() -> Value:
    return Value(Decimal("0.000"), output_field=_QUANTITY)


def location_list() -> QuerySet[Location]:
    return Location.objects.all().order_by("code")


def _rule_subquery(field: str) -> Subquery:
    return Subquery(
        ReorderRule.objects.filter(
            product_id=OuterRef("product_id"), location_id=OuterRef("location_id")
        ).values(field)[:1],
        output_field=_QUANTITY,
    )


def filter_below_reorder(
    queryset: QuerySet[StockLevel], *, below: bool | None
) -> QuerySet[StockLevel]:
    """On a ``stock_level_list`` queryset: ``True`` keeps levels at or below their reorder
    point, ``False`` the others (including levels without a rule), ``None`` all."""
    at_or_below = Q(reorder_point__isnull=False, on_hand__lte=F("reorder_point"))
    if below is None:
        return queryset
    return queryset.filter(at_or_below) if below else queryset.exclude(at_or_below)


# ``StockLevel.available`` in SQL.
STOCK_AVAILABLE = ExpressionWrapper(F("on_hand") - F("reserved"), output_field=_QUANTITY)
# Who recorded a movement, "" for the system (as the API writes it).
MOVEMENT_ACTOR_EMAIL = Coalesce(F("actor__email"), Value(""))


def stock_level_list(*, below_reorder: bool | None = None) -> QuerySet[StockLevel]:
    """Levels with product and location, ``available`` and their reorder point (null without a
    rule); ``below_reorder`` as in ``filter_below_reorder``."""
    queryset = (
        StockLevel.objects.select_related("product", "location")
        .annotate(
            available_quantity=STOCK_AVAILABLE,
            reorder_point=_rule_subquery("reorder_point"),
        )
        .order_by("location__code", "product__sku")
    )
    return filter_below_reorder(queryset, below=below_reorder)


def stock_level_get(*, product_id: Any, location_id: int) -> StockLevel | None:
    return (
        StockLevel.objects.select_related("product", "location")
        .filter(product_id=product_id, location_id=location_id)
        .first()
    )


def stock_on_hand(*, product_id: Any, location_id: int) -> Decimal:
    level = StockLevel.objects.filter(product_id=product_id, location_id=location_id).first()
    return level.on_hand if level else ZERO


def lot_on_hand(*, lot: Lot, location_id: int) -> Decimal:
    stock = LotStock.objects.filter(lot=lot, location_id=location_id).first()
    return stock.on_hand if stock else ZERO


def stock_movement_list() -> QuerySet[StockMovement]:
    return StockMovement.objects.select_related("product", "location", "actor").order_by(
        "-occurred_at", "-id"
    )


def reorder_rule_list() -> QuerySet[ReorderRule]:
    return ReorderRule.objects.select_related("product", "location").order_by(
        "location__code", "product__sku"
    )


def low_stock_list(*, location_id: int | None = None) -> QuerySet[ReorderRule]:
    """Reorder rules whose (product, location) has on hand at or below the reorder point, for
    active products at active locations. A product never stocked there counts as 0 on hand.
    Each row is annotated with ``on_hand`` and ``available``."""
    level = StockLevel.objects.filter(
        product_id=OuterRef("product_id"), location_id=OuterRef("location_id")
    )
    queryset = (
        ReorderRule.objects.select_related("product", "location")
        .filter(product__is_active=True, location__is_active=True)
        .annotate(
            on_hand=Coalesce(
                Subquery(level.values("on_hand")[:1], output_field=_QUANTITY), _zero_quantity()
            ),
            available=Coalesce(
                Subquery(
                    level.annotate(
                        free=ExpressionWrapper(F("on_hand") - F("reserved"), output_field=_QUANTITY)
                    ).values("free")[:1],
                    output_field=_QUANTITY,
                ),
                _zero_quantity(),
            ),
        )
        .filter(on_hand__lte=F("reorder_point"))
        .order_by("location__code", "product__sku")
    )
    if location_id is not None:
        queryset = queryset.filter(location_id=location_id)
    return queryset


def low_stock_alert_list(*, on: date | None = None) -> QuerySet[LowStockAlert]:
    queryset = LowStockAlert.objects.select_related("product", "location")
    return queryset.filter(alert_date=on) if on else queryset


def stock_ledger_mismatches() -> QuerySet[StockLevel]:
    """Levels whose on hand or book value differs from the sum of their movements: one query,
    the ledger sums as correlated aggregates (rounded to the fields' places, as SQLite sums
    decimals in floating point)."""
    movements = (
        StockMovement.objects.filter(
            product_id=OuterRef("product_id"), location_id=OuterRef("location_id")
        )
        .order_by()
        .values("product_id", "location_id")
    )
    return (
        StockLevel.objects.select_related("product", "location")
        .annotate(
            ledger_on_hand=Coalesce(
                Subquery(
                    movements.annotate(total=Round(Sum("quantity"), 3)).values("total"),
                    output_field=_QUANTITY,
                ),
                _zero_quantity(),
            ),
            ledger_value=Coalesce(
                Subquery(
                    movements.annotate(total=Round(Sum("value"), 2)).values("total"),
                    output_field=_MONEY,
                ),
                Value(Decimal("0.00"), output_field=_MONEY),
            ),
        )
        .filter(~Q(on_hand=F("ledger_on_hand")) | ~Q(value=F("ledger_value")))
        .order_by("location__code", "product__sku")
    )


class LocationValue(TypedDict):
    location_id: int
    location__code: str
    location__name: str
    quantity: Decimal
    value: Decimal


class ProductValue(TypedDict):
    product_id: Any
    product__sku: str
    product__name: str
    product__unit: str
    quantity: Decimal
    value: Decimal


def _levels(location_id: int | None) -> QuerySet[StockLevel]:
    queryset = StockLevel.objects.filter(on_hand__gt=0)
    return queryset.filter(location_id=location_id) if location_id is not None else queryset


# Sums are rounded back to 3 and 2 places: SQLite adds decimals in floating point.


def stock_value_by_location(*, location_id: int | None = None) -> list[LocationValue]:
    rows = (
        _levels(location_id)
        .values("location_id", "location__code", "location__name")
        .annotate(quantity=Sum("on_hand"), value=Sum("value"))
        .order_by("location__code")
    )
    return [
        LocationValue(
            location_id=row["location_id"],
            location__code=row["location__code"],
            location__name=row["location__name"],
            quantity=round_quantity(row["quantity"]),
            value=round_money(row["value"]),
        )
        for row in rows
    ]


def stock_value_by_product(*, location_id: int | None = None) -> list[ProductValue]:
    rows = (
        _levels(location_id)
        .values("product_id", "product__sku", "product__name", "product__unit")
        .annotate(quantity=Sum("on_hand"), value=Sum("value"))
        .order_by("product__sku")
    )
    return [
        ProductValue(
            product_id=row["product_id"],
            product__sku=row["product__sku"],
            product__name=row["product__name"],
            product__unit=row["product__unit"],
            quantity=round_quantity(row["quantity"]),
            value=round_money(row["value"]),
        )
        for row in rows
    ]


def calculate_total_value(*, location_id: int | None = None) -> Decimal:
    """Book value of all stock (moving average), summed by the database."""
    total = _levels(location_id).aggregate(total=Sum("value"))["total"]
    return round_money(total if total is not None else 0)


# --- lots ---------------------------------------------------------------------------------------


def lot_list() -> QuerySet[Lot]:
    """Lots with their product, plant and supplier, and the total on hand and weight."""
    return (
        Lot.objects.select_related("product", "plant", "supplier")
        .annotate(
            on_hand=Coalesce(Sum("stocks__on_hand"), _zero_quantity()),
            weight_on_hand=Coalesce(Sum("stocks__weight_on_hand"), _zero_quantity()),
        )
        .order_by("use_by", "code")
    )


def lot_stock_list(*, location_id: int | None = None) -> QuerySet[LotStock]:
    queryset = LotStock.objects.select_related(
        "lot__product", "lot__plant", "lot__supplier", "location"
    ).filter(on_hand__gt=0)
    if location_id is not None:
        queryset = queryset.filter(location_id=location_id)
    return queryset.order_by("lot__use_by", "lot__code", "location__code")


def lots_expiring(
    *, within_days: int, on: date | None = None, location_id: int | None = None
) -> QuerySet[LotStock]:
    """Lot stock on hand whose use-by falls within ``within_days`` of ``on`` (today), already
    expired stock included: what to sell, move or write off first."""
    today = on or timezone.localdate()
    return lot_stock_list(location_id=location_id).filter(
        lot__use_by__isnull=False, lot__use_by__lte=today + timedelta(days=within_days)
    )


@dataclass(frozen=True)
class LotTrace:
    lot: Lot
    inbound: list[StockMovement]
    outbound: list[StockMovement]


def lot_trace(*, lot: Lot) -> LotTrace:
    """Every movement of the lot: what brought it in (receipts, returns, transfers in) and what
    took it out (shipments, returns to supplier, adjustments), oldest first. One query."""
    movements = list(
        StockMovement.objects.filter(lot=lot)
        .select_related("location")
        .order_by("occurred_at", "id")
    )
    return LotTrace(
        lot=lot,
        inbound=[m for m in movements if m.quantity > 0],
        outbound=[m for m in movements if m.quantity < 0],
    )
