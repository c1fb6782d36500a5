"""A supplier's terms from its supplier items: the price of a product (when the item is quoted
in the order's currency), its lead time, minimum order quantity and pack size."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from procura.catalog.models import SupplierItem
from procura.core.money import round_quantity

BELOW_MOQ = "Below {supplier}'s minimum order quantity of {moq} {unit}."
NOT_PACK_MULTIPLE = "{supplier} sells this in packs of {pack} {unit}."


def supplier_items_for(*, supplier_id: int, product_ids: Iterable[Any]) -> dict[Any, SupplierItem]:
    """The supplier's active item per product (the lowest price when it has several)."""
    ids = {pk for pk in product_ids if pk is not None}
    if not ids:
        return {}
    items: dict[Any, SupplierItem] = {}
    for item in SupplierItem.objects.filter(
        supplier_id=supplier_id, product_id__in=ids, is_active=True
    ).order_by("product_id", "-price", "id"):
        items[item.product_id] = item
    return items


def with_supplier_prices(
    lines: Sequence[Any], *, supplier_id: int, currency: str
) -> tuple[list[Any], int | None]:
    """The lines with the supplier item's price where a product line names none, and the
    longest lead time of the products (None without supplier items)."""
    items = supplier_items_for(
        supplier_id=supplier_id,
        product_ids=[line["product"].pk for line in lines if line.get("product") is not None],
    )
    filled = []
    lead_times: list[int] = []
    for line in lines:
        product = line.get("product")
        item = items.get(product.pk) if product is not None else None
        if item is not None:
            lead_times.append(item.lead_time_days)
            if line.get("unit_price") is None and item.currency == currency:
                line = {**line, "unit_price": item.price}
        filled.append(line)
    return filled, max(lead_times) if lead_times else None


def expected_from_lead_time(lead_time_days: int | None, *, on: date) -> date | None:
    return None if lead_time_days is None else on + timedelta(days=lead_time_days)


def round_to_terms(quantity: Decimal, item: SupplierItem | None) -> Decimal:
    """Up to the minimum order quantity, then up to a whole number of packs."""
    quantity = round_quantity(quantity)
    if item is None:
        return quantity
    quantity = max(quantity, item.minimum_order_quantity)
    if item.pack_size > 0:
        packs = (quantity / item.pack_size).to_integral_value(rounding=ROUND_CEILING)
        quantity = round_quantity(packs * item.pack_size)
    return quantity


def line_term_warnings(
    *, supplier_id: int, supplier_name: str, lines: Sequence[Any]
) -> dict[int, list[str]]:
    """Per order line id: below the supplier's minimum order quantity, or not whole packs."""
    items = supplier_items_for(
        supplier_id=supplier_id, product_ids=[line.product_id for line in lines]
    )
    warnings: dict[int, list[str]] = {}
    for line in lines:
        item = items.get(line.product_id) if line.product_id else None
        if item is None:
            continue
        found = []
        if item.minimum_order_quantity and line.quantity < item.minimum_order_quantity:
            found.append(
                BELOW_MOQ.format(
                    supplier=supplier_name, moq=item.minimum_order_quantity, unit=line.unit
                )
            )
        if item.pack_size and line.quantity % item.pack_size:
            found.append(
                NOT_PACK_MULTIPLE.format(
                    supplier=supplier_name, pack=item.pack_size, unit=line.unit
                )
            )
        if found:
            warnings[line.pk] = found
    return warnings
