"""Writes on products. SKUs are normalised (trimmed, upper-cased) before anything else, and the
unique index on the stored SKU backs the check, so " ab-1 " and "AB-1" can never both exist."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record, diff, snapshot
from procura.catalog import errors
from procura.catalog.errors import CatalogErrorCode
from procura.catalog.identifiers import normalise_gtin, normalise_sku
from procura.catalog.models import Category, Product, TaxCategory
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import to_decimal

LIST_PRICE_NOT_POSITIVE = "The list price must be greater than 0."
STANDARD_COST_NEGATIVE = "The standard cost cannot be negative."

UPDATABLE_FIELDS = (
    "sku",
    "name",
    "description",
    "category",
    "unit",
    "list_price",
    "standard_cost",
    "currency",
    "tax_category",
    "gtin",
)
AUDITED_FIELDS = tuple(
    f"{name}_id" if name in {"category", "tax_category"} else name for name in UPDATABLE_FIELDS
)


def _invalid(field: str, exc: ValidationError) -> InvalidInput:
    return InvalidInput(f"{field}: {exc.messages[0]}", errors={field: list(exc.messages)})


def _clean_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise SKU and GTIN and check the single-row price rules (the database CHECKs them
    too; checking here gives a 400 naming the field)."""
    cleaned = dict(values)
    if "sku" in cleaned:
        try:
            cleaned["sku"] = normalise_sku(str(cleaned["sku"]))
        except ValidationError as exc:
            raise _invalid("sku", exc) from exc
    if "gtin" in cleaned:
        try:
            cleaned["gtin"] = normalise_gtin(str(cleaned["gtin"] or ""))
        except ValidationError as exc:
            raise _invalid("gtin", exc) from exc
    if "list_price" in cleaned:
        cleaned["list_price"] = to_decimal(cleaned["list_price"])
        if cleaned["list_price"] <= 0:
            raise InvalidInput(
                LIST_PRICE_NOT_POSITIVE, errors={"list_price": [LIST_PRICE_NOT_POSITIVE]}
            )
    if "standard_cost" in cleaned:
        cleaned["standard_cost"] = to_decimal(cleaned["standard_cost"])
        if cleaned["standard_cost"] < 0:
            raise InvalidInput(
                STANDARD_COST_NEGATIVE, errors={"standard_cost": [STANDARD_COST_NEGATIVE]}
            )
    return cleaned


def _check_identifiers_free(*, sku: str, gtin: str, exclude_pk: Any = None) -> None:
    """409 naming the product that already holds the SKU or GTIN."""
    others = Product.objects.exclude(pk=exclude_pk) if exclude_pk else Product.objects.all()
    holder = others.filter(sku=sku).only("id", "sku", "name").first()
    if holder is not None:
        message = errors.SKU_TAKEN.format(sku=sku, name=holder.name)
        raise Conflict(
            message,
            code=CatalogErrorCode.SKU_TAKEN,
            errors={"sku": [message]},
            data={
                "existing_product": {"id": str(holder.pk), "sku": holder.sku, "name": holder.name}
            },
        )
    if gtin:
        holder = others.filter(gtin=gtin).only("id", "sku", "name").first()
        if holder is not None:
            message = errors.GTIN_TAKEN.format(gtin=gtin, sku=holder.sku, name=holder.name)
            raise Conflict(
                message,
                code=CatalogErrorCode.GTIN_TAKEN,
                errors={"gtin": [message]},
                data={
                    "existing_product": {
                        "id": str(holder.pk),
                        "sku": holder.sku,
                        "name": holder.name,
                    }
                },
            )


def _save_checked(product: Product, *, sku: str, gtin: str, **save_kwargs: Any) -> None:
    """Save; a concurrent writer that took the SKU or GTIN in between becomes the same 409."""
    try:
        with transaction.atomic():
            product.save(**save_kwargs)
    except IntegrityError:
        _check_identifiers_free(sku=sku, gtin=gtin, exclude_pk=product.pk)
        raise


@transaction.atomic
def product_create(
    *,
    sku: str,
    name: str,
    category: Category,
    unit: str,
    list_price: Decimal,
    tax_category: TaxCategory,
    by: User | None,
    description: str = "",
    standard_cost: Decimal = Decimal(0),
    currency: str | None = None,
    gtin: str = "",
) -> Product:
    """Create a product. SKU unique after normalisation, GTIN unique and check-digit valid,
    list price > 0, standard cost >= 0. No lock: the unique indexes settle races."""
    values = _clean_values(
        {"sku": sku, "gtin": gtin, "list_price": list_price, "standard_cost": standard_cost}
    )
    _check_identifiers_free(sku=values["sku"], gtin=values["gtin"])
    product = Product(
        sku=values["sku"],
        name=name.strip(),
        description=description,
        category=category,
        unit=unit,
        list_price=values["list_price"],
        standard_cost=values["standard_cost"],
        tax_category=tax_category,
        gtin=values["gtin"],
        created_by=by,
        updated_by=by,
    )
    if currency:
        product.currency = currency
    _save_checked(product, sku=product.sku, gtin=product.gtin, force_insert=True)
    audit_record(
        actor=by,
        action="product.created",
        obj=product,
        data={"sku": product.sku, "name": product.name, "list_price": product.list_price},
    )
    return product


@transaction.atomic
def product_update(*, product: Product, data: Mapping[str, Any], by: User | None) -> Product:
    """Change the fields in ``data`` (any of UPDATABLE_FIELDS). Same rules as creation; locks
    the product row; writes and audits only when something actually changed."""
    unknown = set(data) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"product_update does not change {sorted(unknown)}")
    values = _clean_values(data)
    product = Product.objects.select_for_update().get(pk=product.pk)
    before = snapshot(product, AUDITED_FIELDS)
    for name, value in values.items():
        setattr(product, name, value.strip() if name == "name" else value)
    changes = diff(before, snapshot(product, AUDITED_FIELDS))
    if not changes:
        return product
    if "sku" in changes or "gtin" in changes:
        _check_identifiers_free(sku=product.sku, gtin=product.gtin, exclude_pk=product.pk)
    product.updated_by = by
    _save_checked(product, sku=product.sku, gtin=product.gtin)
    audit_record(actor=by, action="product.updated", obj=product, changes=changes)
    return product


def _set_active(*, product: Product, active: bool, by: User | None) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.is_active == active:
        return product
    product.is_active = active
    product.deactivated_at = None if active else timezone.now()
    product.updated_by = by
    product.save(update_fields=["is_active", "deactivated_at", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="product.reactivated" if active else "product.deactivated",
        obj=product,
        changes={"is_active": (not active, active)},
    )
    return product


@transaction.atomic
def product_deactivate(*, product: Product, by: User | None) -> Product:
    """Take a product out of use; it stays for the documents that refer to it. Locks the row;
    deactivating an inactive product changes nothing."""
    return _set_active(product=product, active=False, by=by)


@transaction.atomic
def product_reactivate(*, product: Product, by: User | None) -> Product:
    """Put a deactivated product back in use. Locks the row."""
    return _set_active(product=product, active=True, by=by)
