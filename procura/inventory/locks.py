"""The one way stock rows are locked.

Every service that changes a StockLevel calls ``lock_stock_levels`` first with every
(product, location) it touches. Missing rows are created first, in sorted key order under the
(product, location) unique constraint; then all rows are locked with SELECT ... FOR UPDATE ordered
by primary key. Because every writer takes its locks in that one order, two writers can wait for
each other but never deadlock.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from procura.inventory.models import StockLevel

StockKey = tuple[str, int]
"""(product id as text, location id)."""


def stock_key(product_id: Any, location_id: int) -> StockKey:
    return (str(product_id), int(location_id))


def lock_stock_levels(keys: Iterable[StockKey]) -> dict[StockKey, StockLevel]:
    """Lock the StockLevel rows of ``keys`` (created empty when missing) until the transaction
    ends, and return them by key. Must be called inside ``transaction.atomic``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_stock_levels must be called inside transaction.atomic()")
    wanted = sorted({stock_key(product_id, location_id) for product_id, location_id in keys})
    ids = []
    for product_id, location_id in wanted:
        level, _ = StockLevel.objects.get_or_create(product_id=product_id, location_id=location_id)
        ids.append(level.pk)
    locked = (
        StockLevel.objects.select_for_update(of=("self",))
        .select_related("product", "location")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    return {stock_key(level.product_id, level.location_id): level for level in locked}
