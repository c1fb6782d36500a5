"""Locations and reorder rules (inventory master data).

Locations are deactivated, never deleted, once stock or rules refer to them; a location still
holding stock cannot be deactivated. Every write records an audit event in its transaction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.audit.services import audit_record, diff, snapshot
from procura.catalog.models import Product
from procura.core.errors import Conflict
from procura.core.money import ZERO, round_quantity
from procura.inventory.errors import (
    LOCATION_HAS_STOCK,
    QUANTITY_NOT_POSITIVE,
    InventoryErrorCode,
    StockInputError,
)
from procura.inventory.models import Location, LocationKind, ReorderRule, StockLevel

LOCATION_FIELDS = ("code", "name", "kind", "address", "is_active")
RULE_FIELDS = ("reorder_point", "reorder_quantity")
REORDER_POINT_NEGATIVE = "The reorder point cannot be negative."


@transaction.atomic
def location_create(
    *, code: str, name: str, by: Any, kind: str = LocationKind.WAREHOUSE, address: str = ""
) -> Location:
    """Create a location; its code is stored normalised (trimmed, upper case) and unique."""
    location = Location(code=code, name=name.strip(), kind=kind, address=address.strip())
    location.full_clean(validate_unique=True)
    location.save()
    audit_record(
        actor=by,
        action="location.created",
        obj=location,
        changes={
            name: (None, value) for name, value in snapshot(location, LOCATION_FIELDS).items()
        },
    )
    return location


@transaction.atomic
def location_update(*, location: Location, by: Any, **fields: Any) -> Location:
    """Change a location's code, name, kind or address (only those fields)."""
    unknown = set(fields) - {"code", "name", "kind", "address"}
    if unknown:
        raise TypeError(f"location_update does not change {sorted(unknown)}")
    location = Location.objects.select_for_update().get(pk=location.pk)
    before = snapshot(location, LOCATION_FIELDS)
    for name, value in fields.items():
        setattr(location, name, value.strip() if isinstance(value, str) else value)
    location.full_clean(validate_unique=True)
    location.save()
    changes = diff(before, snapshot(location, LOCATION_FIELDS))
    if changes:
        audit_record(actor=by, action="location.updated", obj=location, changes=changes)
    return location


@transaction.atomic
def location_deactivate(*, location: Location, by: Any) -> Location:
    """Retire a location. Refused while it holds stock (409); rules and history stay."""
    location = Location.objects.select_for_update().get(pk=location.pk)
    if not location.is_active:
        return location
    if StockLevel.objects.filter(location=location, on_hand__gt=0).exists():
        raise Conflict(
            LOCATION_HAS_STOCK.format(location=location.code),
            code=InventoryErrorCode.LOCATION_HAS_STOCK,
        )
    location.is_active = False
    location.deactivated_at = timezone.now()
    location.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    audit_record(
        actor=by, action="location.deactivated", obj=location, changes={"is_active": (True, False)}
    )
    return location


@transaction.atomic
def location_activate(*, location: Location, by: Any) -> Location:
    location = Location.objects.select_for_update().get(pk=location.pk)
    if location.is_active:
        return location
    location.is_active = True
    location.deactivated_at = None
    location.save(update_fields=["is_active", "deactivated_at", "updated_at"])
    audit_record(
        actor=by, action="location.activated", obj=location, changes={"is_active": (False, True)}
    )
    return location


def _rule_quantities(
    reorder_point: Decimal | int | str, reorder_quantity: Decimal | int | str
) -> tuple[Decimal, Decimal]:
    point, quantity = round_quantity(reorder_point), round_quantity(reorder_quantity)
    if point < ZERO:
        raise StockInputError(
            REORDER_POINT_NEGATIVE, errors={"reorder_point": [REORDER_POINT_NEGATIVE]}
        )
    if quantity <= ZERO:
        raise StockInputError(
            QUANTITY_NOT_POSITIVE,
            code=InventoryErrorCode.QUANTITY_NOT_POSITIVE,
            errors={"reorder_quantity": [QUANTITY_NOT_POSITIVE]},
        )
    return point, quantity


@transaction.atomic
def reorder_rule_set(
    *,
    product: Product,
    location: Location,
    reorder_point: Decimal | int | str,
    reorder_quantity: Decimal | int | str,
    by: Any,
) -> ReorderRule:
    """Create or replace the reorder rule of (product, location); one rule per pair."""
    point, quantity = _rule_quantities(reorder_point, reorder_quantity)
    rule, created = ReorderRule.objects.select_for_update().get_or_create(
        product=product,
        location=location,
        defaults={"reorder_point": point, "reorder_quantity": quantity},
    )
    before = (
        {"reorder_point": None, "reorder_quantity": None}
        if created
        else snapshot(rule, RULE_FIELDS)
    )
    rule.reorder_point, rule.reorder_quantity = point, quantity
    if not created:
        rule.save(update_fields=["reorder_point", "reorder_quantity", "updated_at"])
    changes = diff(before, snapshot(rule, RULE_FIELDS))
    if changes:
        audit_record(
            actor=by,
            action="reorder_rule.created" if created else "reorder_rule.updated",
            obj=rule,
            changes=changes,
        )
    return rule


@transaction.atomic
def reorder_rule_delete(*, rule: ReorderRule, by: Any) -> None:
    """Remove a reorder rule (nothing refers to rules; past alerts keep their figures)."""
    audit_record(
        actor=by,
        action="reorder_rule.deleted",
        obj=rule,
        changes={name: (value, None) for name, value in snapshot(rule, RULE_FIELDS).items()},
        data={"product": str(rule.product_id), "location": rule.location_id},
    )
    rule.delete()
