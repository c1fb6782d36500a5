"""Writes on supplier items: what a supplier calls a product, its price, lead time and MOQ."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from procura.accounts.models import User
from procura.audit.services import audit_record, diff, snapshot
from procura.catalog import errors
from procura.catalog.errors import CatalogErrorCode
from procura.catalog.identifiers import normalise_sku
from procura.catalog.models import Product, SupplierItem
from procura.core.errors import Conflict, InvalidInput
from procura.partners.models import Supplier

UPDATABLE_FIELDS = (
    "supplier_sku",
    "price",
    "currency",
    "lead_time_days",
    "minimum_order_quantity",
    "pack_size",
    "is_active",
)
NEGATIVE = "Cannot be negative."


def _sku_taken(supplier_sku: str) -> Conflict:
    message = errors.SUPPLIER_SKU_TAKEN.format(supplier_sku=supplier_sku)
    return Conflict(
        message, code=CatalogErrorCode.SUPPLIER_SKU_TAKEN, errors={"supplier_sku": [message]}
    )


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    if "supplier_sku" in cleaned:
        try:
            cleaned["supplier_sku"] = normalise_sku(str(cleaned["supplier_sku"]))
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], errors={"supplier_sku": exc.messages}) from exc
    for name in ("price", "minimum_order_quantity", "pack_size"):
        if name in cleaned and Decimal(cleaned[name]) < 0:
            raise InvalidInput(f"{name}: {NEGATIVE}", errors={name: [NEGATIVE]})
    return cleaned


def _check_active(*, supplier: Supplier, product: Product) -> None:
    """Re-read (and lock, against a concurrent deactivation) both rows: callers may hold stale
    instances."""
    current = (
        (
            "Supplier",
            Supplier.objects.select_for_update().only("is_active", "code").get(pk=supplier.pk),
        ),
        (
            "Product",
            Product.objects.select_for_update().only("is_active", "sku").get(pk=product.pk),
        ),
    )
    for what, obj in current:
        if not obj.is_active:
            label = obj.code if isinstance(obj, Supplier) else obj.sku
            raise Conflict(
                errors.INACTIVE_REFERENCE.format(what=what, label=label),
                code=CatalogErrorCode.INACTIVE_REFERENCE,
            )


def _save(item: SupplierItem, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            item.save(**kwargs)
    except IntegrityError as exc:
        raise _sku_taken(item.supplier_sku) from exc


@transaction.atomic
def supplier_item_create(
    *,
    supplier: Supplier,
    product: Product,
    supplier_sku: str,
    price: Decimal,
    by: User | None,
    currency: str | None = None,
    lead_time_days: int = 0,
    minimum_order_quantity: Decimal = Decimal(0),
    pack_size: Decimal = Decimal(0),
) -> SupplierItem:
    """Link a supplier to a product under the supplier's own SKU (unique per supplier). Both
    must be active: their rows are locked while this runs; the unique index settles SKU races."""
    values = _clean(
        {
            "supplier_sku": supplier_sku,
            "price": price,
            "minimum_order_quantity": minimum_order_quantity,
            "pack_size": pack_size,
        }
    )
    _check_active(supplier=supplier, product=product)
    if SupplierItem.objects.filter(supplier=supplier, supplier_sku=values["supplier_sku"]).exists():
        raise _sku_taken(values["supplier_sku"])
    item = SupplierItem(
        supplier=supplier,
        product=product,
        currency=currency or supplier.currency,
        lead_time_days=lead_time_days,
        created_by=by,
        updated_by=by,
        **values,
    )
    _save(item, force_insert=True)
    audit_record(
        actor=by,
        action="supplier_item.created",
        obj=item,
        data={"supplier": supplier.code, "product": product.sku, "price": item.price},
    )
    return item


@transaction.atomic
def supplier_item_update(
    *, item: SupplierItem, data: Mapping[str, Any], by: User | None
) -> SupplierItem:
    """Change price, lead time, MOQ, the supplier's SKU or the active flag. Locks the row."""
    unknown = set(data) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"supplier_item_update does not change {sorted(unknown)}")
    values = _clean(data)
    item = SupplierItem.objects.select_for_update().get(pk=item.pk)
    before = snapshot(item, UPDATABLE_FIELDS)
    for name, value in values.items():
        setattr(item, name, value)
    changes = diff(before, snapshot(item, UPDATABLE_FIELDS))
    if not changes:
        return item
    if "supplier_sku" in changes and (
        SupplierItem.objects.filter(supplier_id=item.supplier_id, supplier_sku=item.supplier_sku)
        .exclude(pk=item.pk)
        .exists()
    ):
        raise _sku_taken(item.supplier_sku)
    item.updated_by = by
    _save(item)
    audit_record(actor=by, action="supplier_item.updated", obj=item, changes=changes)
    return item
