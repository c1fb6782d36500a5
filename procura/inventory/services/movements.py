"""Stock movements: every change of on hand, reserved or book value.

Rules enforced here (with the database CHECKs as the last line):
- on hand never goes below zero and reserved never exceeds on hand: taking more than is
  available (on hand less reserved) raises ``InsufficientStock`` (409);
- every change of on hand appends one ``StockMovement`` per location; a mistake is corrected by
  a new movement, never by editing one;
- valuation is the moving average: inbound stock adds its value and re-averages, outbound stock
  leaves at the average (its exact share of the book value), so the sum of the ledger's values
  is the level's book value.

Locking: each service locks every StockLevel it touches through ``lock_stock_levels`` (rows
ordered by primary key) before reading any quantity, and changes them under that lock.
Quantities are rounded to 3 places and are in the product's unit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.core.errors import Conflict
from procura.core.money import ZERO, round_money, round_quantity, round_rate
from procura.inventory.errors import (
    ADJUSTMENT_ZERO,
    COUNT_BELOW_RESERVED,
    LOCATION_INACTIVE,
    NEGATIVE_COST,
    PRODUCT_INACTIVE,
    QUANTITY_NOT_POSITIVE,
    REASON_REQUIRED,
    RELEASE_EXCEEDS_RESERVED,
    RESERVATION_EXCEEDED,
    SAME_LOCATION,
    InsufficientStock,
    InventoryErrorCode,
    StockInputError,
)
from procura.inventory.locks import lock_stock_levels, stock_key
from procura.inventory.models import Location, MovementKind, StockLevel, StockMovement

COUNT_REASON = "Cycle count"
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


def _positive_quantity(quantity: Decimal | int | str) -> Decimal:
    value = round_quantity(quantity)
    if value <= ZERO:
        raise StockInputError(
            QUANTITY_NOT_POSITIVE,
            code=InventoryErrorCode.QUANTITY_NOT_POSITIVE,
            errors={"quantity": [QUANTITY_NOT_POSITIVE]},
        )
    return value


def _cost(unit_cost: Decimal | int | str) -> Decimal:
    value = round_rate(unit_cost)
    if value < ZERO:
        raise StockInputError(
            NEGATIVE_COST,
            code=InventoryErrorCode.NEGATIVE_COST,
            errors={"unit_cost": [NEGATIVE_COST]},
        )
    return value


def _require_inbound_allowed(level: StockLevel) -> None:
    if not level.location.is_active:
        raise Conflict(
            LOCATION_INACTIVE.format(location=level.location.code),
            code=InventoryErrorCode.LOCATION_INACTIVE,
        )
    if not level.product.is_active:
        raise Conflict(
            PRODUCT_INACTIVE.format(sku=level.product.sku), code=InventoryErrorCode.PRODUCT_INACTIVE
        )


def _require_available(level: StockLevel, quantity: Decimal) -> None:
    if quantity > level.available:
        raise InsufficientStock(
            product=level.product,
            location=level.location,
            requested=quantity,
            available=level.available,
            unit=level.product.unit,
        )


def _default_inbound_cost(level: StockLevel, unit_cost: Decimal | int | str | None) -> Decimal:
    """The given cost, else the level's moving average, else the product's standard cost."""
    if unit_cost is not None:
        return _cost(unit_cost)
    if level.average_cost > ZERO:
        return level.average_cost
    return round_rate(level.product.standard_cost)


def _add(level: StockLevel, quantity: Decimal, value: Decimal) -> None:
    level.on_hand += quantity
    level.value += value
    level.average_cost = round_rate(level.value / level.on_hand)


def _remove(level: StockLevel, quantity: Decimal) -> Decimal:
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


def _post(
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
) -> StockMovement:
    """Save the already-changed level and append its movement (signed quantity and value)."""
    level.save(update_fields=LEVEL_FIELDS)
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
        actor=by if getattr(by, "is_authenticated", False) else None,
        occurred_at=occurred_at or timezone.now(),
    )


def _audit(action: str, movement: StockMovement, *, by: Any, **extra: Any) -> None:
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
            **extra,
        },
    )


def _lock_one(product: Product, location: Location) -> StockLevel:
    key = stock_key(product.pk, location.pk)
    return lock_stock_levels([key])[key]


def _inbound(
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
) -> StockMovement:
    qty = _positive_quantity(quantity)
    level = _lock_one(product, location)
    _require_inbound_allowed(level)
    cost = _default_inbound_cost(level, unit_cost)
    value = round_money(qty * cost)
    _add(level, qty, value)
    movement = _post(
        level,
        kind=kind,
        quantity=qty,
        value=value,
        unit_cost=cost,
        by=by,
        source=source,
        reason=reason,
        occurred_at=occurred_at,
    )
    _audit(action, movement, by=by)
    return movement


def _outbound(
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
    occurred_at: datetime | None = None,
) -> StockMovement:
    qty = _positive_quantity(quantity)
    level = _lock_one(product, location)
    if from_reservation:
        if qty > level.reserved:
            raise Conflict(
                RESERVATION_EXCEEDED.format(
                    reserved=level.reserved,
                    unit=product.unit,
                    sku=product.sku,
                    location=location.code,
                    requested=qty,
                ),
                code=InventoryErrorCode.RESERVATION_EXCEEDED,
                data={"reserved": str(level.reserved), "requested": str(qty)},
            )
        level.reserved -= qty
    else:
        _require_available(level, qty)
    cost = level.average_cost
    taken = _remove(level, qty)
    movement = _post(
        level,
        kind=kind,
        quantity=-qty,
        value=-taken,
        unit_cost=cost,
        by=by,
        source=source,
        reason=reason,
        occurred_at=occurred_at,
    )
    _audit(action, movement, by=by, from_reservation=from_reservation)
    return movement


# --- services -------------------------------------------------------------------------------


@transaction.atomic
def stock_receive(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    unit_cost: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    occurred_at: datetime | None = None,
) -> StockMovement:
    """Goods in at ``unit_cost``: on hand and book value grow, the moving average is
    re-computed. Refused into an inactive location or for an inactive product."""
    return _inbound(
        kind=MovementKind.RECEIPT,
        action="stock.received",
        product=product,
        location=location,
        quantity=quantity,
        unit_cost=_cost(unit_cost),
        by=by,
        source=source,
        occurred_at=occurred_at,
    )


@transaction.atomic
def stock_issue(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    from_reservation: bool = False,
    occurred_at: datetime | None = None,
) -> StockMovement:
    """Goods out at the moving average. Without ``from_reservation`` only the available
    quantity (on hand less reserved) can be issued; with it (shipping a reserved sales order) the
    quantity also comes off the reservation, which must cover it."""
    return _outbound(
        kind=MovementKind.ISSUE,
        action="stock.issued",
        product=product,
        location=location,
        quantity=quantity,
        by=by,
        source=source,
        from_reservation=from_reservation,
        occurred_at=occurred_at,
    )


@transaction.atomic
def stock_transfer(
    *,
    product: Product,
    from_location: Location,
    to_location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    occurred_at: datetime | None = None,
) -> tuple[StockMovement, StockMovement]:
    """Move available stock between locations as one operation: a transfer-out and a
    transfer-in leg sharing a ``transfer_group``. The value leaves the source at its average
    and arrives unchanged, re-averaging the destination. Both levels are locked together."""
    if from_location.pk == to_location.pk:
        raise StockInputError(SAME_LOCATION, code=InventoryErrorCode.SAME_LOCATION)
    qty = _positive_quantity(quantity)
    out_key = stock_key(product.pk, from_location.pk)
    in_key = stock_key(product.pk, to_location.pk)
    levels = lock_stock_levels([out_key, in_key])
    source_level, target_level = levels[out_key], levels[in_key]
    _require_inbound_allowed(target_level)
    _require_available(source_level, qty)
    group = uuid.uuid4()
    when = occurred_at or timezone.now()
    out_cost = source_level.average_cost
    value = _remove(source_level, qty)
    out_leg = _post(
        source_level,
        kind=MovementKind.TRANSFER_OUT,
        quantity=-qty,
        value=-value,
        unit_cost=out_cost,
        by=by,
        source=source,
        transfer_group=group,
        occurred_at=when,
    )
    _add(target_level, qty, value)
    in_leg = _post(
        target_level,
        kind=MovementKind.TRANSFER_IN,
        quantity=qty,
        value=value,
        unit_cost=round_rate(value / qty),
        by=by,
        source=source,
        transfer_group=group,
        occurred_at=when,
    )
    _audit(
        "stock.transferred",
        out_leg,
        by=by,
        to_location=to_location.code,
        transfer_group=str(group),
        movements=[out_leg.pk, in_leg.pk],
    )
    return out_leg, in_leg


def _require_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise StockInputError(
            REASON_REQUIRED,
            code=InventoryErrorCode.REASON_REQUIRED,
            errors={"reason": [REASON_REQUIRED]},
        )
    return text


@transaction.atomic
def stock_adjust(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    reason: str,
    by: Any,
    unit_cost: Decimal | int | str | None = None,
    source: SourceRef = MANUAL,
    occurred_at: datetime | None = None,
) -> StockMovement:
    """Correct on hand by a signed ``quantity`` (found stock +, damage or shrinkage -) with a
    required reason. Upward at ``unit_cost`` (default: the moving average, else the standard
    cost); downward at the moving average and only out of available stock."""
    text = _require_reason(reason)
    delta = round_quantity(quantity)
    if delta == ZERO:
        raise StockInputError(
            ADJUSTMENT_ZERO,
            code=InventoryErrorCode.ADJUSTMENT_ZERO,
            errors={"quantity": [ADJUSTMENT_ZERO]},
        )
    if delta > ZERO:
        return _inbound(
            kind=MovementKind.ADJUSTMENT,
            action="stock.adjusted",
            product=product,
            location=location,
            quantity=delta,
            unit_cost=unit_cost,
            by=by,
            source=source,
            reason=text,
            occurred_at=occurred_at,
        )
    return _outbound(
        kind=MovementKind.ADJUSTMENT,
        action="stock.adjusted",
        product=product,
        location=location,
        quantity=-delta,
        by=by,
        source=source,
        reason=text,
        occurred_at=occurred_at,
    )


@transaction.atomic
def stock_return_from_customer(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    unit_cost: Decimal | int | str | None = None,
    source: SourceRef = MANUAL,
    reason: str = "",
    occurred_at: datetime | None = None,
) -> StockMovement:
    """A customer sends goods back into stock (a ``return`` movement, positive), valued at
    ``unit_cost`` or, by default, the moving average."""
    return _inbound(
        kind=MovementKind.RETURN,
        action="stock.returned_by_customer",
        product=product,
        location=location,
        quantity=quantity,
        unit_cost=unit_cost,
        by=by,
        source=source,
        reason=reason.strip(),
        occurred_at=occurred_at,
    )


@transaction.atomic
def stock_return_to_supplier(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    reason: str = "",
    occurred_at: datetime | None = None,
) -> StockMovement:
    """Goods go back to the supplier out of available stock (a ``return`` movement, negative),
    at the moving average."""
    return _outbound(
        kind=MovementKind.RETURN,
        action="stock.returned_to_supplier",
        product=product,
        location=location,
        quantity=quantity,
        by=by,
        source=source,
        reason=reason.strip(),
        occurred_at=occurred_at,
    )


@transaction.atomic
def stock_count(
    *,
    product: Product,
    location: Location,
    counted_quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    reason: str = COUNT_REASON,
    occurred_at: datetime | None = None,
) -> StockMovement | None:
    """Post a cycle count: the difference between the counted and the booked on hand becomes an
    adjustment (none when they agree). A count below the reserved quantity is refused until the
    reservations are released."""
    counted = round_quantity(counted_quantity)
    if counted < ZERO:
        raise StockInputError(
            QUANTITY_NOT_POSITIVE,
            code=InventoryErrorCode.QUANTITY_NOT_POSITIVE,
            errors={"counted_quantity": ["The counted quantity cannot be negative."]},
        )
    text = _require_reason(reason)
    level = _lock_one(product, location)
    if counted < level.reserved:
        raise Conflict(
            COUNT_BELOW_RESERVED.format(
                counted=counted,
                unit=product.unit,
                sku=product.sku,
                location=location.code,
                reserved=level.reserved,
            ),
            code=InventoryErrorCode.COUNT_BELOW_RESERVED,
        )
    difference = counted - level.on_hand
    if difference == ZERO:
        audit_record(
            actor=by,
            action="stock.counted",
            obj=level,
            data={"counted": str(counted), "difference": "0.000", **source.as_data()},
        )
        return None
    return stock_adjust(
        product=product,
        location=location,
        quantity=difference,
        reason=f"{text}: counted {counted}, booked {level.on_hand}",
        by=by,
        source=source,
        occurred_at=occurred_at,
    )


# --- reservations (level attribute, not movements) ----------------------------------------


def _audit_reservation(
    action: str, level: StockLevel, before: Decimal, *, by: Any, source: SourceRef
) -> None:
    audit_record(
        actor=by,
        action=action,
        obj=level,
        changes={"reserved": (str(before), str(level.reserved))},
        data={
            "product": str(level.product_id),
            "location": level.location.code,
            **source.as_data(),
        },
    )


@transaction.atomic
def stock_reserve(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
) -> StockLevel:
    """Set available stock aside (a confirmed sales order). Not a movement: on hand is
    unchanged, reserved grows, and the audit trail records it. Refused beyond available."""
    qty = _positive_quantity(quantity)
    level = _lock_one(product, location)
    _require_available(level, qty)
    before = level.reserved
    level.reserved += qty
    level.save(update_fields=["reserved", "updated_at"])
    _audit_reservation("stock.reserved", level, before, by=by, source=source)
    return level


@transaction.atomic
def stock_release(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
) -> StockLevel:
    """Give reserved stock back to available (a cancelled order). Refused beyond reserved."""
    qty = _positive_quantity(quantity)
    level = _lock_one(product, location)
    if qty > level.reserved:
        raise Conflict(
            RELEASE_EXCEEDS_RESERVED.format(
                reserved=level.reserved,
                unit=product.unit,
                sku=product.sku,
                location=location.code,
                requested=qty,
            ),
            code=InventoryErrorCode.RELEASE_EXCEEDS_RESERVED,
            data={"reserved": str(level.reserved), "requested": str(qty)},
        )
    before = level.reserved
    level.reserved -= qty
    level.save(update_fields=["reserved", "updated_at"])
    _audit_reservation("stock.released", level, before, by=by, source=source)
    return level


__all__ = [
    "MANUAL",
    "SourceRef",
    "stock_adjust",
    "stock_count",
    "stock_issue",
    "stock_receive",
    "stock_release",
    "stock_reserve",
    "stock_return_from_customer",
    "stock_return_to_supplier",
    "stock_transfer",
]
