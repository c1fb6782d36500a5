"""Reservations: stock set aside for confirmed sales orders.

Reserved is an attribute of the StockLevel, not a movement: on hand does not change, and the
audit trail records every reserve and release. Reserved never exceeds on hand (a DB CHECK too);
shipping reserved stock is ``stock_issue(from_reservation=True)``. Both services lock the level
through ``lock_stock_levels`` before reading it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.inventory.errors import RELEASE_EXCEEDS_RESERVED, InventoryErrorCode
from procura.inventory.models import Location, Lot, StockLevel
from procura.inventory.services.ledger import (
    MANUAL,
    SourceRef,
    lock_one,
    positive_quantity,
    require_available,
    require_reserved,
)
from procura.inventory.services.lot_ledger import lots_release, lots_reserve


def _change_reserved(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    release: bool,
    by: Any,
    source: SourceRef,
    lot: Lot | None = None,
) -> StockLevel:
    qty = positive_quantity(quantity)
    level = lock_one(product, location)
    if release:
        require_reserved(
            level,
            qty,
            message=RELEASE_EXCEEDS_RESERVED,
            code=InventoryErrorCode.RELEASE_EXCEEDS_RESERVED,
        )
    else:
        require_available(level, qty)
    lots: dict[str, str] = {}
    if product.lot_tracked and release:
        lots_release(level, quantity=qty, source_type=source.type, source_id=source.id)
    elif product.lot_tracked:
        picked = lots_reserve(
            level, quantity=qty, lot=lot, source_type=source.type, source_id=source.id
        )
        lots = {row.lot.code: str(take) for row, take in picked}
    before = level.reserved
    level.reserved = before - qty if release else before + qty
    level.save(update_fields=["reserved", "updated_at"])
    audit_record(
        actor=by,
        action="stock.released" if release else "stock.reserved",
        obj=level,
        changes={"reserved": (before, level.reserved)},
        data={
            "product": str(level.product_id),
            "location": location.code,
            **source.as_data(),
            **({"lots": lots} if lots else {}),
        },
    )
    return level


@transaction.atomic
def stock_reserve(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
    lot: Lot | None = None,
) -> StockLevel:
    """Set available stock aside (a confirmed sales order): reserved grows, on hand does not.
    Refused beyond available (``InsufficientStock``, 409). A lot-tracked product reserves the
    chosen ``lot`` or its unexpired lots first-expiring-first-out (409 when they fall short)."""
    return _change_reserved(
        product=product,
        location=location,
        quantity=quantity,
        release=False,
        by=by,
        source=source,
        lot=lot,
    )


@transaction.atomic
def stock_release(
    *,
    product: Product,
    location: Location,
    quantity: Decimal | int | str,
    by: Any,
    source: SourceRef = MANUAL,
) -> StockLevel:
    """Give reserved stock back to available (a cancelled order). Refused beyond reserved
    (409 ``release_exceeds_reserved``)."""
    return _change_reserved(
        product=product, location=location, quantity=quantity, release=True, by=by, source=source
    )
