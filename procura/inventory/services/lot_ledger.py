"""Lots and catch weight under the stock level's lock.

For a lot-tracked product every (product, location) StockLevel is split into LotStock rows whose
on hand, reserved and weight add up to the level's. Each function here runs after
``lock_stock_levels`` locked that level, so the level lock serialises every writer of its lots;
the lot rows are locked too (SELECT ... FOR UPDATE, primary-key order) for the database's sake.

Picking is first-expiring-first-out: lots with the earliest use-by first (no use-by last), then
the earliest pack date, then the oldest lot. Expired lots are never reserved or picked by FEFO,
and a chosen expired lot is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from procura.catalog.conversions import nominal_weight_of, weight_within_tolerance
from procura.core.errors import Conflict
from procura.core.money import ZERO, round_quantity
from procura.inventory import errors
from procura.inventory.errors import InventoryErrorCode as Code
from procura.inventory.errors import StockInputError
from procura.inventory.models import Lot, LotReservation, LotStock, StockLevel

FAR_FUTURE = date.max


@dataclass
class LotChunk:
    """Part of a movement that touches one lot: quantity and (catch) weight, both positive."""

    stock: LotStock
    quantity: Decimal
    weight: Decimal | None


def fefo_key(stock: LotStock) -> tuple[date, date, int]:
    lot = stock.lot
    return (lot.use_by or FAR_FUTURE, lot.pack_date or FAR_FUTURE, lot.pk)


def lock_lot_stocks(level: StockLevel, *, ensure: Lot | None = None) -> list[LotStock]:
    """The level's lot rows, locked, in primary-key order (``ensure``'s row created first)."""
    if ensure is not None:
        LotStock.objects.get_or_create(lot=ensure, location_id=level.location_id)
    return list(
        LotStock.objects.select_for_update(of=("self",))
        .select_related("lot")
        .filter(lot__product_id=level.product_id, location_id=level.location_id)
        .order_by("pk")
    )


def require_lot_of(level: StockLevel, lot: Lot | None) -> Lot:
    product = level.product
    if lot is None:
        message = errors.LOT_REQUIRED.format(sku=product.sku)
        raise StockInputError(message, code=Code.LOT_REQUIRED, errors={"lot": [message]})
    if lot.product_id != product.pk:
        message = errors.LOT_WRONG_PRODUCT.format(
            lot=lot.code, lot_sku=lot.product.sku, sku=product.sku
        )
        raise StockInputError(message, code=Code.LOT_WRONG_PRODUCT, errors={"lot": [message]})
    return lot


def require_not_expired(lot: Lot, *, sku: str, today: date | None = None) -> None:
    if lot.is_expired(today):
        message = errors.LOT_EXPIRED.format(lot=lot.code, sku=sku, use_by=lot.use_by)
        raise StockInputError(message, code=Code.LOT_EXPIRED, errors={"lot": [message]})


def checked_weight(
    level: StockLevel, *, quantity: Decimal, weight: Decimal | int | str | None, required: bool
) -> Decimal | None:
    """A catch-weight product's actual net weight for ``quantity`` cases, within the product's
    tolerance of the nominal weight. Products sold by count carry no weight."""
    product = level.product
    if not product.catch_weight:
        return None
    if weight is None:
        if required:
            message = errors.WEIGHT_REQUIRED.format(sku=product.sku)
            raise StockInputError(message, code=Code.WEIGHT_REQUIRED, errors={"weight": [message]})
        return None
    actual = round_quantity(weight)
    nominal = nominal_weight_of(product, quantity)
    if actual <= ZERO or not weight_within_tolerance(
        nominal=nominal, actual=actual, tolerance_percent=product.weight_tolerance_percent
    ):
        message = errors.WEIGHT_OUT_OF_TOLERANCE.format(
            weight=actual,
            unit=product.weight_unit,
            cases=f"{quantity.normalize():f}",
            sku=product.sku,
            tolerance=f"{product.weight_tolerance_percent.normalize():f}",
            nominal=nominal,
        )
        raise StockInputError(
            message, code=Code.WEIGHT_OUT_OF_TOLERANCE, errors={"weight": [message]}
        )
    return actual


def share_of_weight(on_hand: Decimal, weight_on_hand: Decimal, quantity: Decimal) -> Decimal:
    """The weight that leaves with ``quantity`` of ``on_hand``: all of it for the last case,
    else its proportional share."""
    if quantity >= on_hand:
        return weight_on_hand
    return round_quantity(weight_on_hand * quantity / on_hand)


def lots_in(level: StockLevel, *, lot: Lot, quantity: Decimal, weight: Decimal | None) -> LotChunk:
    rows = lock_lot_stocks(level, ensure=lot)
    stock = next(row for row in rows if row.lot_id == lot.pk)
    stock.on_hand += quantity
    if weight is not None:
        stock.weight_on_hand += weight
    stock.save(update_fields=["on_hand", "weight_on_hand", "updated_at"])
    return LotChunk(stock=stock, quantity=quantity, weight=weight)


def _reservations(
    rows: list[LotStock], source_type: str, source_id: str
) -> dict[int, LotReservation]:
    return {
        reservation.lot_stock_id: reservation
        for reservation in LotReservation.objects.select_for_update()
        .filter(
            lot_stock__in=[row.pk for row in rows], source_type=source_type, source_id=source_id
        )
        .order_by("pk")
    }


def _insufficient(
    level: StockLevel, *, requested: Decimal, available: Decimal, lot: Lot | None
) -> Conflict:
    product = level.product
    if lot is not None:
        message = errors.LOT_CHOSEN_INSUFFICIENT.format(
            available=available,
            unit=product.unit,
            lot=lot.code,
            sku=product.sku,
            location=level.location.code,
            requested=requested,
        )
    else:
        message = errors.LOT_INSUFFICIENT.format(
            available=available,
            unit=product.unit,
            sku=product.sku,
            location=level.location.code,
            requested=requested,
        )
    return Conflict(
        message,
        code=Code.LOT_INSUFFICIENT,
        errors={"quantity": [message]},
        data={"requested": str(requested), "available": str(available)},
    )


def _pick_available(
    level: StockLevel,
    rows: list[LotStock],
    *,
    quantity: Decimal,
    lot: Lot | None,
    allow_expired: bool = False,
) -> list[tuple[LotStock, Decimal]]:
    """FEFO over unexpired, unreserved lot stock (or only ``lot``; an expired one only when
    ``allow_expired``: it is being written off)."""
    today = timezone.localdate()
    if lot is not None:
        if not allow_expired:
            require_not_expired(lot, sku=level.product.sku, today=today)
        candidates = [row for row in rows if row.lot_id == lot.pk]
    else:
        candidates = sorted(
            (row for row in rows if not row.lot.is_expired(today) and row.available > 0),
            key=fefo_key,
        )
    picked = []
    left = quantity
    for row in candidates:
        take = min(row.available, left)
        if take > 0:
            picked.append((row, take))
            left -= take
        if left == 0:
            break
    if left > 0:
        raise _insufficient(
            level,
            requested=quantity,
            available=quantity - left,
            lot=lot,
        )
    return picked


def lots_reserve(
    level: StockLevel, *, quantity: Decimal, lot: Lot | None, source_type: str, source_id: str
) -> list[tuple[LotStock, Decimal]]:
    """Set ``quantity`` aside for the source document: FEFO, or from the chosen lot."""
    if lot is not None:
        require_lot_of(level, lot)
    rows = lock_lot_stocks(level)
    picked = _pick_available(level, rows, quantity=quantity, lot=lot)
    held = _reservations(rows, source_type, source_id)
    for row, take in picked:
        row.reserved += take
        row.save(update_fields=["reserved", "updated_at"])
        reservation = held.get(row.pk)
        if reservation is None:
            LotReservation.objects.create(
                lot_stock=row, source_type=source_type, source_id=source_id, quantity=take
            )
        else:
            reservation.quantity += take
            reservation.save(update_fields=["quantity", "updated_at"])
    return picked


def lots_release(
    level: StockLevel, *, quantity: Decimal, source_type: str, source_id: str
) -> Decimal:
    """Give back up to ``quantity`` of the source's lot reservations, latest-expiring lots
    first; returns what was released."""
    rows = lock_lot_stocks(level)
    return lots_release_rows(rows, _reservations(rows, source_type, source_id), quantity=quantity)


def lots_out(
    level: StockLevel,
    *,
    quantity: Decimal,
    lot: Lot | None,
    weight: Decimal | None,
    reserved_for: tuple[str, str] | None,
    allow_expired: bool = False,
) -> list[LotChunk]:
    """Take ``quantity`` out of the level's lots.

    From a reservation (``reserved_for`` = the reserving document): the chosen lot, else the
    document's reserved lots in FEFO order. A chosen lot the document had not reserved is taken
    from that lot's available stock and the same quantity of the document's other lot
    reservations is released (the picker scanned a different case than the one planned).
    Without a reservation: FEFO over available, unexpired lots, or the chosen lot (expired too
    with ``allow_expired``).
    A weight given applies to a single lot; otherwise each lot gives up its share."""
    if lot is not None:
        require_lot_of(level, lot)
    rows = lock_lot_stocks(level)
    plan: list[tuple[LotStock, Decimal]]
    if reserved_for is None:
        plan = _pick_available(level, rows, quantity=quantity, lot=lot, allow_expired=allow_expired)
    else:
        plan = _take_reserved(level, rows, quantity=quantity, lot=lot, reserved_for=reserved_for)
    if weight is not None and len(plan) > 1:
        raise StockInputError(
            "A weight applies to one lot; scan or give each lot separately.",
            code=Code.WEIGHT_REQUIRED,
            errors={"weight": ["A weight applies to one lot; give each lot separately."]},
        )
    chunks = []
    for row, take in plan:
        row_weight = (
            weight if weight is not None else share_of_weight(row.on_hand, row.weight_on_hand, take)
        )
        if row_weight > row.weight_on_hand:
            message = errors.WEIGHT_EXCEEDS_STOCK.format(
                available=row.weight_on_hand,
                unit=level.product.weight_unit or level.product.unit,
                lot=row.lot.code,
                requested=row_weight,
            )
            raise StockInputError(
                message, code=Code.WEIGHT_EXCEEDS_STOCK, errors={"weight": [message]}
            )
        row.on_hand -= take
        row.weight_on_hand -= row_weight
        row.save(update_fields=["on_hand", "reserved", "weight_on_hand", "updated_at"])
        chunks.append(
            LotChunk(
                stock=row,
                quantity=take,
                weight=row_weight if level.product.catch_weight else None,
            )
        )
    return chunks


def _take_reserved(
    level: StockLevel,
    rows: list[LotStock],
    *,
    quantity: Decimal,
    lot: Lot | None,
    reserved_for: tuple[str, str],
) -> list[tuple[LotStock, Decimal]]:
    source_type, source_id = reserved_for
    held = _reservations(rows, source_type, source_id)
    plan: list[tuple[LotStock, Decimal]] = []
    if lot is None:
        left = quantity
        for row in sorted(rows, key=fefo_key):
            reservation = held.get(row.pk)
            if reservation is None or reservation.quantity <= 0:
                continue
            take = min(reservation.quantity, left)
            plan.append((row, take))
            left -= take
            if left == 0:
                break
        if left > 0:
            raise _insufficient(level, requested=quantity, available=quantity - left, lot=None)
        for row, take in plan:
            held[row.pk].quantity -= take
            held[row.pk].save(update_fields=["quantity", "updated_at"])
            row.reserved -= take
        return plan
    require_not_expired(lot, sku=level.product.sku)
    chosen = next((r for r in rows if r.lot_id == lot.pk), None)
    if chosen is None:
        raise _insufficient(level, requested=quantity, available=ZERO, lot=lot)
    row = chosen
    own = held.get(row.pk)
    from_own = min(own.quantity, quantity) if own is not None else ZERO
    extra = quantity - from_own
    if extra > row.available:
        raise _insufficient(level, requested=quantity, available=from_own + row.available, lot=lot)
    if own is not None and from_own > 0:
        own.quantity -= from_own
        own.save(update_fields=["quantity", "updated_at"])
        row.reserved -= from_own
    if extra > 0:
        # The document's reservation moves from the lots it had to the scanned one.
        others = [r for r in rows if r.pk != row.pk]
        moved = lots_release_rows(others, held, quantity=extra)
        if moved < extra:
            raise _insufficient(level, requested=quantity, available=from_own + moved, lot=lot)
    return [(row, quantity)]


def lots_release_rows(
    rows: list[LotStock], held: dict[int, LotReservation], *, quantity: Decimal
) -> Decimal:
    left = quantity
    for row in sorted(rows, key=fefo_key, reverse=True):
        reservation = held.get(row.pk)
        if reservation is None or reservation.quantity <= 0:
            continue
        take = min(reservation.quantity, left)
        reservation.quantity -= take
        reservation.save(update_fields=["quantity", "updated_at"])
        row.reserved -= take
        row.save(update_fields=["reserved", "updated_at"])
        left -= take
        if left == 0:
            break
    return quantity - left
