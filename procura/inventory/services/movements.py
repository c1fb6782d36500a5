"""Stock movements: every change of on hand goes through one of these services.

Rules enforced here (with the database CHECKs as the last line):
- on hand never goes below zero and reserved never exceeds on hand: taking more than is
  available (on hand less reserved) raises ``InsufficientStock`` (409);
- every change of on hand appends one ``StockMovement`` per location; a mistake is corrected by
  a new movement, never by editing one;
- valuation is the moving average (see ``ledger``).

Locking: each service locks every StockLevel it touches through ``lock_stock_levels`` (rows
ordered by primary key) before reading any quantity, and changes them under that lock.
Quantities are rounded to 3 places and are in the product's unit.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.core.errors import Conflict
from procura.core.money import ZERO, round_money, round_quantity, round_rate
from procura.inventory.errors import (
    ADJUSTMENT_ZERO,
    COUNT_BELOW_RESERVED,
    COUNT_BY_LOT,
    LOT_NOT_TRACKED,
    LOT_REQUIRED,
    LOT_UNKNOWN,
    QUANTITY_NOT_POSITIVE,
    REASON_REQUIRED,
    SAME_LOCATION,
    InventoryErrorCode,
    StockInputError,
)
from procura.inventory.locks import lock_stock_levels, stock_key
from procura.inventory.models import Location, Lot, MovementKind, StockMovement, normalise_lot_code
from procura.inventory.services.ledger import (
    MANUAL,
    SourceRef,
    add_stock,
    audit_movement,
    checked_cost,
    lock_one,
    positive_quantity,
    post_inbound,
    post_movement,
    post_outbound,
    remove_stock,
    require_available,
    require_inbound_allowed,
)
from procura.inventory.services.lot_ledger import lots_in, lots_out, share_of_weight
from procura.inventory.services.lots import lot_register

COUNT_REASON = "Cycle count"


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
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
) -> StockMovement:
    """Goods in at ``unit_cost``: on hand and book value grow, the moving average is
    re-computed. Refused into an inactive location or for an inactive product; a lot-tracked
    product needs its lot, a catch-weight one its net weight within tolerance."""
    return post_inbound(
        kind=MovementKind.RECEIPT,
        action="stock.received",
        product=product,
        location=location,
        quantity=quantity,
        unit_cost=checked_cost(unit_cost),
        by=by,
        source=source,
        occurred_at=occurred_at,
        lot=lot,
        weight=weight,
    )


@transaction.atomic
def stock_issue_lots(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    from_reservation: bool = False,
    reserved_for: SourceRef | None = None,
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
    occurred_at: datetime | None = None,
) -> list[StockMovement]:
    """Goods out at the moving average. Without ``from_reservation`` only the available
    quantity (on hand less reserved) can be issued; with it (shipping a reserved sales order,
    ``reserved_for`` = the order) the quantity also comes off the reservation, which must cover
    it. A lot-tracked product leaves from the chosen ``lot`` or first-expiring-first-out, one
    movement per lot; a catch-weight product with its actual ``weight`` (else its share)."""
    return post_outbound(
        kind=MovementKind.ISSUE,
        action="stock.issued",
        product=product,
        location=location,
        quantity=quantity,
        by=by,
        source=source,
        from_reservation=from_reservation,
        reserved_for=reserved_for,
        occurred_at=occurred_at,
        lot=lot,
        weight=weight,
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
    reserved_for: SourceRef | None = None,
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
    occurred_at: datetime | None = None,
) -> StockMovement:
    """``stock_issue_lots`` for one movement (the first lot's when several were taken)."""
    return stock_issue_lots(
        product=product,
        location=location,
        quantity=quantity,
        by=by,
        source=source,
        from_reservation=from_reservation,
        reserved_for=reserved_for,
        lot=lot,
        weight=weight,
        occurred_at=occurred_at,
    )[0]


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
    lot: Lot | None = None,
) -> tuple[StockMovement, StockMovement]:
    """Move available stock between locations as one operation: a transfer-out and a
    transfer-in leg sharing a ``transfer_group``. The value leaves the source at its average
    and arrives unchanged, re-averaging the destination. Both levels are locked together."""
    if from_location.pk == to_location.pk:
        raise StockInputError(SAME_LOCATION, code=InventoryErrorCode.SAME_LOCATION)
    qty = positive_quantity(quantity)
    out_key = stock_key(product.pk, from_location.pk)
    in_key = stock_key(product.pk, to_location.pk)
    levels = lock_stock_levels([out_key, in_key])
    source_level, target_level = levels[out_key], levels[in_key]
    require_inbound_allowed(target_level)
    require_available(source_level, qty)
    group = uuid.uuid4()
    when = occurred_at or timezone.now()
    parts: list[tuple[Lot | None, Decimal, Decimal | None]]
    if product.lot_tracked:
        chunks = lots_out(source_level, quantity=qty, lot=lot, weight=None, reserved_for=None)
        parts = [(chunk.stock.lot, chunk.quantity, chunk.weight) for chunk in chunks]
    else:
        weight = (
            share_of_weight(source_level.on_hand, source_level.weight_on_hand, qty)
            if product.catch_weight
            else None
        )
        parts = [(None, qty, weight)]
    legs: list[StockMovement] = []
    for part_lot, part_qty, part_weight in parts:
        out_cost = source_level.average_cost
        value = remove_stock(source_level, part_qty)
        legs.append(
            post_movement(
                source_level,
                kind=MovementKind.TRANSFER_OUT,
                quantity=-part_qty,
                value=-value,
                unit_cost=out_cost,
                by=by,
                source=source,
                transfer_group=group,
                occurred_at=when,
                lot=part_lot,
                weight=-part_weight if part_weight is not None else None,
            )
        )
        if part_lot is not None:
            lots_in(target_level, lot=part_lot, quantity=part_qty, weight=part_weight)
        add_stock(target_level, part_qty, value)
        legs.append(
            post_movement(
                target_level,
                kind=MovementKind.TRANSFER_IN,
                quantity=part_qty,
                value=value,
                unit_cost=round_rate(value / part_qty),
                by=by,
                source=source,
                transfer_group=group,
                occurred_at=when,
                lot=part_lot,
                weight=part_weight,
            )
        )
    out_leg, in_leg = legs[0], legs[1]
    audit_movement(
        "stock.transferred",
        out_leg,
        by=by,
        to_location=to_location.code,
        transfer_group=str(group),
        movements=[leg.pk for leg in legs],
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
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
) -> StockMovement:
    """Correct on hand by a signed ``quantity`` (found stock +, damage or shrinkage -) with a
    required reason. Upward at ``unit_cost`` (default: the moving average, else the standard
    cost); downward at the moving average and only out of available stock, from a chosen lot
    even when it has expired (disposing of expired stock is what the adjustment is for)."""
    text = _require_reason(reason)
    delta = round_quantity(quantity)
    if delta == ZERO:
        raise StockInputError(
            ADJUSTMENT_ZERO,
            code=InventoryErrorCode.ADJUSTMENT_ZERO,
            errors={"quantity": [ADJUSTMENT_ZERO]},
        )
    if delta > ZERO:
        return post_inbound(
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
            lot=lot,
            weight=weight,
        )
    return post_outbound(
        kind=MovementKind.ADJUSTMENT,
        action="stock.adjusted",
        product=product,
        location=location,
        quantity=-delta,
        by=by,
        source=source,
        reason=text,
        occurred_at=occurred_at,
        lot=lot,
        weight=weight,
        allow_expired=True,
    )[0]


@transaction.atomic
def stock_adjust_lot(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    reason: str,
    by: Any,
    lot_code: str = "",
    use_by: date | None = None,
    weight: Decimal | int | str | None = None,
    unit_cost: Decimal | int | str | None = None,
    source: SourceRef = MANUAL,
    occurred_at: datetime | None = None,
) -> StockMovement:
    """``stock_adjust`` for cases counted by lot, the lot named by its code: found stock of a
    lot not yet on file registers it (with its ``use_by``); stock is only taken from a lot on
    file. A catch-weight product moves its actual net ``weight`` (required when adding, within
    the product's tolerance). Errors name ``lot_code`` and ``weight``."""
    code = normalise_lot_code(lot_code or "")
    lot: Lot | None = None
    if not product.lot_tracked:
        if code:
            message = LOT_NOT_TRACKED.format(sku=product.sku)
            raise StockInputError(
                message, code=InventoryErrorCode.LOT_REQUIRED, errors={"lot_code": [message]}
            )
    elif not code:
        message = LOT_REQUIRED.format(sku=product.sku)
        raise StockInputError(
            message, code=InventoryErrorCode.LOT_REQUIRED, errors={"lot_code": [message]}
        )
    elif round_quantity(quantity) > ZERO:
        lot = lot_register(product=product, code=code, by=by, use_by=use_by)
    else:
        lot = Lot.objects.filter(product=product, code=code).first()
        if lot is None:
            message = LOT_UNKNOWN.format(sku=product.sku, lot=code)
            raise StockInputError(
                message, code=InventoryErrorCode.LOT_REQUIRED, errors={"lot_code": [message]}
            )
    return stock_adjust(
        product=product,
        location=location,
        quantity=quantity,
        reason=reason,
        by=by,
        unit_cost=unit_cost,
        source=source,
        occurred_at=occurred_at,
        lot=lot,
        weight=weight,
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
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
) -> StockMovement:
    """A customer sends goods back into stock (a ``return`` movement, positive), valued at
    ``unit_cost`` or, by default, the moving average."""
    return post_inbound(
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
        lot=lot,
        weight=weight,
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
    lot: Lot | None = None,
    weight: Decimal | int | str | None = None,
) -> StockMovement:
    """Goods go back to the supplier out of available stock (a ``return`` movement, negative),
    at the moving average."""
    return post_outbound(
        kind=MovementKind.RETURN,
        action="stock.returned_to_supplier",
        product=product,
        location=location,
        quantity=quantity,
        by=by,
        source=source,
        reason=reason.strip(),
        occurred_at=occurred_at,
        lot=lot,
        weight=weight,
    )[0]


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
    if product.lot_tracked:
        raise Conflict(COUNT_BY_LOT.format(sku=product.sku), code=InventoryErrorCode.COUNT_BY_LOT)
    level = lock_one(product, location)
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


@transaction.atomic
def stock_revalue(
    *,
    product: Product,
    location: Location,
    amount: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    reason: str = "",
    lot: Lot | None = None,
) -> StockMovement | None:
    """Add a landed cost (freight, cold storage) to the book value of the stock on hand: a
    ``revaluation`` movement of quantity 0 and the amount's value, re-averaging the unit cost.
    Nothing when the amount is zero or nothing is on hand (the caller expenses it instead).
    Locks the level."""
    value = round_money(amount)
    level = lock_one(product, location)
    if value == ZERO or level.on_hand <= ZERO:
        return None
    level.value += value
    level.average_cost = round_rate(level.value / level.on_hand)
    movement = post_movement(
        level,
        kind=MovementKind.REVALUATION,
        quantity=ZERO,
        value=value,
        unit_cost=level.average_cost,
        by=by,
        source=source,
        reason=reason,
        lot=lot,
    )
    audit_movement("stock.revalued", movement, by=by)
    return movement
