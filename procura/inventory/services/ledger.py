"""The stock ledger's mechanics, shared by the movement and reservation services.

Everything here runs under the row lock of ``lock_stock_levels`` (taken by ``lock_one`` or by
the caller) and inside the caller's transaction. Valuation is the moving average: inbound stock
adds its value and re-averages; outbound stock leaves with its exact share of the book value, so
the sum of the ledger's values is always the level's book value. Quantities and values on a
movement are signed (+ into the location, - out of it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.core.errors import Conflict
from procura.core.money import ZERO, round_money, round_quantity, round_rate
from procura.inventory.errors import (
    LOCATION_INACTIVE,
    NEGATIVE_COST,
    PRODUCT_INACTIVE,
    QUANTITY_NOT_POSITIVE,
    RESERVATION_EXCEEDED,
    InsufficientStock,
    InventoryErrorCode,
    StockInputError,
)
from procura.inventory.locks import lock_stock_levels, stock_key
from procura.inventory.models import Location, Lot, MovementKind, StockLevel, StockMovement
from procura.inventory.services.lot_ledger import (
    LotChunk,
    checked_weight,
    lots_in,
    lots_out,
    require_lot_of,
    share_of_weight,
)

LEVEL_FIELDS = ["on_hand", "reserved", "average_cost", "value", "updated_at"]


@dataclass(frozen=True)
class SourceRef:
    """The document that caused a movement: ``SourceRef.of(purchase_order)`` or a manual entry."""

    type: str = "manual"
    id: str = ""
    number: str = ""

    @classmethod
    def of(cls, obj: models.Model, *, number: str = "") -> SourceRef:
        return cls(
            type=obj._meta.label_lower,
            id=str(obj.pk),
            number=number or str(getattr(obj, "number", "") or ""),
        )

    def as_data(self) -> dict[str, str]:
        return {"source_type": self.type, "source_id": self.id, "source_number": self.number}


MANUAL = SourceRef()


# --- helpers that run under the lock --------------------------------------------------------


def positive_quantity(quantity: Decimal | int | str) -> Decimal:
    value = round_quantity(quantity)
    if value <= ZERO:
        raise StockInputError(
            QUANTITY_NOT_POSITIVE,
            code=InventoryErrorCode.QUANTITY_NOT_POSITIVE,
            errors={"quantity": [QUANTITY_NOT_POSITIVE]},
        )
    return value


def checked_cost(unit_cost: Decimal | int | str) -> Decimal:
    value = round_rate(unit_cost)
    if value < ZERO:
        raise StockInputError(
            NEGATIVE_COST,
            code=InventoryErrorCode.NEGATIVE_COST,
            errors={"unit_cost": [NEGATIVE_COST]},
        )
    return value


def require_inbound_allowed(level: StockLevel) -> None:
    if not level.location.is_active:
        raise Conflict(
            LOCATION_INACTIVE.format(location=level.location.code),
            code=InventoryErrorCode.LOCATION_INACTIVE,
        )
    if not level.product.is_active:
        raise Conflict(
            PRODUCT_INACTIVE.format(sku=level.product.sku), code=InventoryErrorCode.PRODUCT_INACTIVE
        )


def require_available(level: StockLevel, quantity: Decimal) -> None:
    if quantity > level.available:
        raise InsufficientStock(
            product=level.product,
            location=level.location,
            requested=quantity,
            available=level.available,
            unit=level.product.unit,
        )


def require_reserved(
    level: StockLevel, quantity: Decimal, *, message: str, code: InventoryErrorCode
) -> None:
    """409 unless the reservation covers ``quantity`` (shipping or releasing reserved stock)."""
    if quantity > level.reserved:
        raise Conflict(
            message.format(
                reserved=level.reserved,
                unit=level.product.unit,
                sku=level.product.sku,
                location=level.location.code,
                requested=quantity,
            ),
            code=code,
            data={"reserved": str(level.reserved), "requested": str(quantity)},
        )


def default_inbound_cost(level: StockLevel, unit_cost: Decimal | int | str | None) -> Decimal:
    """The given cost, else the level's moving average, else the product's standard cost."""
    if unit_cost is not None:
        return checked_cost(unit_cost)
    if level.average_cost > ZERO:
        return level.average_cost
    return round_rate(level.product.standard_cost)


def add_stock(level: StockLevel, quantity: Decimal, value: Decimal) -> None:
    level.on_hand += quantity
    level.value += value
    level.average_cost = round_rate(level.value / level.on_hand)


def remove_stock(level: StockLevel, quantity: Decimal) -> Decimal:
    """Take ``quantity`` out at the moving average; returns the (positive) value taken."""
    if quantity == level.on_hand:
        taken = level.value
    else:
        taken = round_money(level.value * quantity / level.on_hand)
    level.on_hand -= quantity
    level.value -= taken
    if level.on_hand > ZERO:
        level.average_cost = round_rate(level.value / level.on_hand)
    return taken


def post_movement(
    level: StockLevel,
    *,
    kind: MovementKind,
    quantity: Decimal,
    value: Decimal,
    unit_cost: Decimal,
    by: Any,
    source: SourceRef,
    reason: str = "",
    transfer_group: uuid.UUID | None = None,
    occurred_at: datetime | None = None,
    lot: Lot | None = None,
    weight: Decimal | None = None,
) -> StockMovement:
    """Save the already-changed level and append its movement (signed quantity, value and
    catch weight)."""
    if weight is not None:
        level.weight_on_hand += weight
    level.save(update_fields=[*LEVEL_FIELDS, "weight_on_hand"])
    return StockMovement.objects.create(
        product=level.product,
        location=level.location,
        kind=kind,
        quantity=quantity,
        unit_cost=unit_cost,
        value=value,
        on_hand_after=level.on_hand,
        source_type=source.type,
        source_id=source.id,
        source_number=source.number,
        reason=reason,
        transfer_group=transfer_group,
        lot=lot,
        weight=weight,
        actor=by if getattr(by, "is_authenticated", False) else None,
        occurred_at=occurred_at or timezone.now(),
    )


def audit_movement(action: str, movement: StockMovement, *, by: Any, **extra: Any) -> None:
    audit_record(
        actor=by,
        action=action,
        obj=movement,
        data={
            "product": str(movement.product_id),
            "location": movement.location.code,
            "quantity": str(movement.quantity),
            "value": str(movement.value),
            "on_hand_after": str(movement.on_hand_after),
            "source_type": movement.source_type,
            "source_id": movement.source_id,
            "source_number": movement.source_number,
            "lot": movement.lot.code if movement.lot is not None else "",
            "weight": "" if movement.weight is None else str(movement.weight),
            **extra,
        },
    )


def lock_one(product: Product, location: Location) -> StockLevel:
    key = stock_key(product.pk, location.pk)
    return lock_stock_levels([key])[key]


def post_inbound(
    *,
    kind: MovementKind,
    action: str,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    unit_cost: Decimal | int | str | None,
    by: Any,
    source: SourceRef,
    reason: str = "",
    occurred_at: datetime | None = None,
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
) -> StockMovement:
    """Goods into one location. A lot-tracked product needs its ``lot``; a catch-weight one
    its actual ``weight`` (within the product's tolerance)."""
    qty = positive_quantity(quantity)
    level = lock_one(product, location)
    require_inbound_allowed(level)
    net_weight = checked_weight(level, quantity=qty, weight=weight, required=True)
    if product.lot_tracked:
        lots_in(level, lot=require_lot_of(level, lot), quantity=qty, weight=net_weight)
    elif lot is not None:
        lot = None
    cost = default_inbound_cost(level, unit_cost)
    value = round_money(qty * cost)
    add_stock(level, qty, value)
    movement = post_movement(
        level,
        kind=kind,
        quantity=qty,
        value=value,
        unit_cost=cost,
        by=by,
        source=source,
        reason=reason,
        occurred_at=occurred_at,
        lot=lot,
        weight=net_weight,
    )
    audit_movement(action, movement, by=by)
    return movement


def post_outbound(
    *,
    kind: MovementKind,
    action: str,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef,
    reason: str = "",
    from_reservation: bool = False,
    reserved_for: SourceRef | None = None,
    occurred_at: datetime | None = None,
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
    allow_expired: bool = False,
) -> list[StockMovement]:
    """Goods out of one location at the moving average: one movement, or one per lot for a
    lot-tracked product (the chosen ``lot``, else the reserving document's lots, else FEFO).
    ``reserved_for`` names the document whose reservation is shipped (default: ``source``);
    ``allow_expired`` lets a chosen expired lot go (written off, not sold)."""
    qty = positive_quantity(quantity)
    level = lock_one(product, location)
    if from_reservation:
        require_reserved(
            level, qty, message=RESERVATION_EXCEEDED, code=InventoryErrorCode.RESERVATION_EXCEEDED
        )
        level.reserved -= qty
    else:
        require_available(level, qty)
    net_weight = (
        checked_weight(level, quantity=qty, weight=weight, required=False)
        if weight is not None
        else None
    )
    chunks: list[LotChunk | None]
    if product.lot_tracked:
        holder = (reserved_for or source) if from_reservation else None
        chunks = list(
            lots_out(
                level,
                quantity=qty,
                lot=lot,
                weight=net_weight,
                reserved_for=(holder.type, holder.id) if holder else None,
                allow_expired=allow_expired,
            )
        )
    else:
        chunks = [None]
    movements = []
    for chunk in chunks:
        part = chunk.quantity if chunk is not None else qty
        if chunk is not None:
            part_weight = chunk.weight
        elif product.catch_weight:
            part_weight = (
                net_weight
                if net_weight is not None
                else share_of_weight(level.on_hand, level.weight_on_hand, part)
            )
        else:
            part_weight = None
        cost = level.average_cost
        taken = remove_stock(level, part)
        movement = post_movement(
            level,
            kind=kind,
            quantity=-part,
            value=-taken,
            unit_cost=cost,
            by=by,
            source=source,
            reason=reason,
            occurred_at=occurred_at,
            lot=chunk.stock.lot if chunk is not None else None,
            weight=-part_weight if part_weight is not None else None,
        )
        audit_movement(action, movement, by=by, from_reservation=from_reservation)
        movements.append(movement)
    return movements
