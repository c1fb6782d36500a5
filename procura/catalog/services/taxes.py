"""Writes on tax categories and tax rates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from procura.accounts.models import User
from procura.audit.services import audit_record, diff, snapshot
from procura.catalog import errors
from procura.catalog.errors import CatalogErrorCode
from procura.catalog.models import TaxCategory, TaxRate
from procura.core.errors import Conflict, InvalidInput

RATE_OUT_OF_RANGE = "A tax rate is between 0 and 100 percent."
REGION_BLANK = "A tax region code is required, e.g. US-TX."
TAX_CATEGORY_FIELDS = ("name", "description", "is_active")
TAX_RATE_FIELDS = ("rate_percent", "valid_from")


def normalise_region(region: str) -> str:
    cleaned = region.strip().upper()
    if not cleaned:
        raise InvalidInput(REGION_BLANK, errors={"region": [REGION_BLANK]})
    return cleaned


def _check_rate(rate_percent: Decimal) -> None:
    if not Decimal(0) <= rate_percent <= Decimal(100):
        raise InvalidInput(RATE_OUT_OF_RANGE, errors={"rate_percent": [RATE_OUT_OF_RANGE]})


@transaction.atomic
def tax_category_create(
    *, code: str, name: str, by: User | None, description: str = ""
) -> TaxCategory:
    """A new tax category; its code is unique (checked, and by the unique index)."""
    code = code.strip().lower()
    if TaxCategory.objects.filter(code=code).exists():
        message = errors.TAX_CATEGORY_CODE_TAKEN.format(code=code)
        raise Conflict(
            message, code=CatalogErrorCode.TAX_CATEGORY_CODE_TAKEN, errors={"code": [message]}
        )
    tax_category = TaxCategory.objects.create(code=code, name=name, description=description)
    audit_record(actor=by, action="tax_category.created", obj=tax_category, data={"code": code})
    return tax_category


@transaction.atomic
def tax_category_update(
    *, tax_category: TaxCategory, data: Mapping[str, Any], by: User | None
) -> TaxCategory:
    """Rename, describe or (de)activate a tax category; the code never changes. Locks the row."""
    tax_category = TaxCategory.objects.select_for_update().get(pk=tax_category.pk)
    before = snapshot(tax_category, TAX_CATEGORY_FIELDS)
    for name in TAX_CATEGORY_FIELDS:
        if name in data:
            setattr(tax_category, name, data[name])
    changes = diff(before, snapshot(tax_category, TAX_CATEGORY_FIELDS))
    if changes:
        tax_category.save()
        audit_record(actor=by, action="tax_category.updated", obj=tax_category, changes=changes)
    return tax_category


def _rate_exists(tax_category: TaxCategory, region: str, valid_from: date) -> Conflict:
    message = errors.TAX_RATE_EXISTS.format(
        code=tax_category.code, region=region, valid_from=valid_from
    )
    return Conflict(
        message, code=CatalogErrorCode.TAX_RATE_EXISTS, errors={"valid_from": [message]}
    )


@transaction.atomic
def tax_rate_create(
    *,
    tax_category: TaxCategory,
    region: str,
    rate_percent: Decimal,
    valid_from: date,
    by: User | None,
) -> TaxRate:
    """A rate for (tax category, region) from ``valid_from`` on; one per day and pair (unique
    index), 0-100 percent."""
    region = normalise_region(region)
    _check_rate(rate_percent)
    if TaxRate.objects.filter(
        tax_category=tax_category, region=region, valid_from=valid_from
    ).exists():
        raise _rate_exists(tax_category, region, valid_from)
    try:
        with transaction.atomic():
            rate = TaxRate.objects.create(
                tax_category=tax_category,
                region=region,
                rate_percent=rate_percent,
                valid_from=valid_from,
            )
    except IntegrityError as exc:
        raise _rate_exists(tax_category, region, valid_from) from exc
    audit_record(
        actor=by,
        action="tax_rate.created",
        obj=rate,
        data={"region": region, "rate_percent": rate_percent, "valid_from": valid_from},
    )
    return rate


@transaction.atomic
def tax_rate_update(*, rate: TaxRate, data: Mapping[str, Any], by: User | None) -> TaxRate:
    """Correct the percentage or start date of a rate. Locks the row."""
    rate = TaxRate.objects.select_for_update().select_related("tax_category").get(pk=rate.pk)
    if "rate_percent" in data:
        _check_rate(data["rate_percent"])
    before = snapshot(rate, TAX_RATE_FIELDS)
    for name in TAX_RATE_FIELDS:
        if name in data:
            setattr(rate, name, data[name])
    changes = diff(before, snapshot(rate, TAX_RATE_FIELDS))
    if not changes:
        return rate
    try:
        with transaction.atomic():
            rate.save()
    except IntegrityError as exc:
        raise _rate_exists(rate.tax_category, rate.region, rate.valid_from) from exc
    audit_record(actor=by, action="tax_rate.updated", obj=rate, changes=changes)
    return rate


@transaction.atomic
def tax_rate_delete(*, rate: TaxRate, by: User | None) -> None:
    """Remove a rate entered by mistake. Documents keep their own snapshot of the rate."""
    pk, label = rate.pk, str(rate)
    TaxRate.objects.filter(pk=pk).delete()
    audit_record(
        actor=by,
        action="tax_rate.deleted",
        object_type="catalog.taxrate",
        object_id=str(pk),
        object_repr=label[:200],
    )
