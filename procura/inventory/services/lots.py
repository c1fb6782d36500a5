"""Lot master data: the lot a case label or a receiving clerk names."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.core.errors import Conflict, InvalidInput
from procura.inventory import errors
from procura.inventory.errors import InventoryErrorCode as Code
from procura.inventory.models import Lot, normalise_lot_code
from procura.partners.models import Plant, Supplier

LOT_CODE_REQUIRED = "Give the lot code."
LOT_DATES_ORDER = "The use-by date cannot be before the pack or production date."


@transaction.atomic
def lot_register(
    *,
    product: Product,
    code: str,
    by: Any,
    plant: Plant | None = None,
    supplier: Supplier | None = None,
    production_date: date | None = None,
    pack_date: date | None = None,
    use_by: date | None = None,
    country_of_origin: str = "",
) -> Lot:
    """The product's lot ``code``, created on first sight. Details given for a known lot must
    agree with what is on file (409 naming the field); details it lacked are filled in. Locks
    the lot row; the (product, code) unique index settles concurrent first sightings."""
    normalised = normalise_lot_code(code)
    if not normalised:
        raise InvalidInput(LOT_CODE_REQUIRED, errors={"lot_code": [LOT_CODE_REQUIRED]})
    earliest = min((d for d in (production_date, pack_date) if d is not None), default=None)
    if use_by is not None and earliest is not None and use_by < earliest:
        raise InvalidInput(LOT_DATES_ORDER, errors={"use_by": [LOT_DATES_ORDER]})
    given: dict[str, Any] = {
        "plant": plant,
        "supplier": supplier if supplier is not None else (plant.supplier if plant else None),
        "production_date": production_date,
        "pack_date": pack_date,
        "use_by": use_by,
        "country_of_origin": (country_of_origin or "").strip().upper(),
    }
    lot = Lot.objects.select_for_update().filter(product=product, code=normalised).first()
    if lot is None:
        try:
            with transaction.atomic():
                lot = Lot.objects.create(
                    product=product, code=normalised, **{k: v for k, v in given.items() if v}
                )
        except IntegrityError:
            lot = Lot.objects.select_for_update().get(product=product, code=normalised)
        else:
            audit_record(
                actor=by,
                action="lot.registered",
                obj=lot,
                data={
                    "product": product.sku,
                    "code": lot.code,
                    "plant": plant.establishment_number if plant else "",
                    "use_by": use_by.isoformat() if use_by else "",
                },
            )
            return lot
    filled = []
    for field, value in given.items():
        if not value:
            continue
        existing = getattr(lot, field)
        if existing in (None, ""):
            setattr(lot, field, value)
            filled.append(field)
        elif existing != value:
            message = errors.LOT_CONFLICT.format(
                lot=lot.code,
                sku=product.sku,
                field=field.replace("_", " "),
                existing=existing,
                given=value,
            )
            raise Conflict(message, code=Code.LOT_CONFLICT, errors={field: [message]})
    if filled:
        lot.save(update_fields=filled)
    return lot
