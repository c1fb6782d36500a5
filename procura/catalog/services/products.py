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
WEIGHT_UNIT_REQUIRED = "A catch-weight product is priced by lb or kg: choose the weight unit."
NOMINAL_WEIGHT_REQUIRED = "A catch-weight product needs the nominal net weight of one case (> 0)."
NOMINAL_WEIGHT_NOT_POSITIVE = "The nominal weight must be greater than 0."
TOLERANCE_RANGE = "The weight tolerance is a percentage from 0 to 100."
CATCH_WEIGHT_NEEDS_COUNT_UNIT = (
    "A catch-weight product is counted in cases or each; its weight unit carries lb or kg."
)
STOCK_SHAPE_LOCKED = (
    "{sku} has stock or lots on record: {fields} cannot change until its stock is zero and it has"
    " no lots."
)

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
    "lot_tracked",
    "catch_weight",
    "weight_unit",
    "nominal_weight",
    "weight_tolerance_percent",
)
# Changing these once stock exists would reinterpret quantities already on the ledger (cases
# counted without weight, stock kept without lots), so they are fixed while stock or lots exist.
STOCK_SHAPING_FIELDS = ("lot_tracked", "catch_weight", "weight_unit")
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
    if cleaned.get("nominal_weight") is not None:
        cleaned["nominal_weight"] = to_decimal(cleaned["nominal_weight"])
        if cleaned["nominal_weight"] <= 0:
            raise InvalidInput(
                NOMINAL_WEIGHT_NOT_POSITIVE,
                errors={"nominal_weight": [NOMINAL_WEIGHT_NOT_POSITIVE]},
            )
    if "weight_tolerance_percent" in cleaned:
        cleaned["weight_tolerance_percent"] = to_decimal(cleaned["weight_tolerance_percent"])
        if not 0 <= cleaned["weight_tolerance_percent"] <= 100:
            raise InvalidInput(
                TOLERANCE_RANGE, errors={"weight_tolerance_percent": [TOLERANCE_RANGE]}
            )
    return cleaned


def _check_weight_settings(product: Product) -> None:
    """A catch-weight product is counted in cases (or each) and priced by lb or kg with a
    nominal case weight: the CHECK constraint holds this too, the message names the field."""
    if not product.catch_weight:
        return
    errors_by_field: dict[str, list[str]] = {}
    if product.unit in {"lb", "kg"}:
        errors_by_field["unit"] = [CATCH_WEIGHT_NEEDS_COUNT_UNIT]
    if product.weight_unit not in {"lb", "kg"}:
        errors_by_field["weight_unit"] = [WEIGHT_UNIT_REQUIRED]
    if not product.nominal_weight or product.nominal_weight <= 0:
        errors_by_field["nominal_weight"] = [NOMINAL_WEIGHT_REQUIRED]
    if errors_by_field:
        first = next(iter(errors_by_field.values()))[0]
        raise InvalidInput(first, errors=errors_by_field)


def _check_stock_shape_free(product: Product, changed: set[str]) -> None:
    """409 when lot tracking, catch weight or the weight unit would change under existing stock.
    Reads through the reverse relations inventory declares on the product (no import)."""
    fields = [name for name in STOCK_SHAPING_FIELDS if name in changed]
    if not fields:
        return
    has_stock = product.stock_levels.exclude(on_hand=0).exists() or product.lots.exists()
    if has_stock:
        message = STOCK_SHAPE_LOCKED.format(sku=product.sku, fields=", ".join(fields))
        raise Conflict(
            message,
            code=CatalogErrorCode.STOCK_SHAPE_LOCKED,
            errors={name: [message] for name in fields},
        )


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
    lot_tracked: bool = False,
    catch_weight: bool = False,
    weight_unit: str = "",
    nominal_weight: Decimal | None = None,
    weight_tolerance_percent: Decimal | None = None,
) -> Product:
    """Create a product. SKU unique after normalisation, GTIN unique and check-digit valid,
    list price > 0, standard cost >= 0. No lock: the unique indexes settle races."""
    values = _clean_values(
        {
            "sku": sku,
            "gtin": gtin,
            "list_price": list_price,
            "standard_cost": standard_cost,
            "nominal_weight": nominal_weight,
            **(
                {"weight_tolerance_percent": weight_tolerance_percent}
                if weight_tolerance_percent is not None
                else {}
            ),
        }
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
        lot_tracked=lot_tracked,
        catch_weight=catch_weight,
        weight_unit=weight_unit,
        nominal_weight=values["nominal_weight"],
        created_by=by,
        updated_by=by,
    )
    if "weight_tolerance_percent" in values:
        product.weight_tolerance_percent = values["weight_tolerance_percent"]
    if currency:
        product.currency = currency
    _check_weight_settings(product)
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
    _check_weight_settings(product)
    _check_stock_shape_free(product, set(changes))
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
