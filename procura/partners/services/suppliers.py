"""Suppliers (packers), their plants and which supplier sells from which plant to whom."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Model

from procura.accounts.models import User
from procura.core.errors import Conflict, DomainError
from procura.partners.models import Customer, Plant, Supplier, SupplierPlant
from procura.partners.services.addresses import (
    AddressData,
    address_checks,
    address_writer,
    build_addresses,
)
from procura.partners.services.common import (
    Changes,
    PartnersErrorCode,
    create_and_record,
    set_active,
    update_and_record,
)

SUPPLIER_FIELDS = frozenset(
    {
        "code",
        "name",
        "legal_name",
        "tax_id",
        "iban",
        "payment_terms_days",
        "currency",
        "on_hold",
        "notes",
    }
)
PLANT_FIELDS = frozenset(
    {
        "code",
        "name",
        "supplier",
        "establishment_number",
        "line1",
        "line2",
        "city",
        "region",
        "postal_code",
        "country",
        "notes",
    }
)
SUPPLIER_PLANT_FIELDS = frozenset({"notes"})

PLANT_SUPPLIER_INACTIVE = "The plant's supplier is inactive; reactivate the supplier first."
LINK_PARTY_INACTIVE = "Only an active supplier and an active plant can be linked."
INACTIVE_MEMBERS = "Only active {label} can be linked; inactive: {names}."


@transaction.atomic
def supplier_create(
    *, by: User | None, data: Mapping[str, Any], addresses: Sequence[AddressData] | None = None
) -> Supplier:
    """A new supplier with its addresses; the code is unique (trimmed, upper-cased)."""
    planned = build_addresses(addresses)
    return create_and_record(
        Supplier(**data),
        by=by,
        action="supplier.created",
        checks=address_checks(planned),
        write_nested=address_writer(planned),
    )


@transaction.atomic
def supplier_update(
    *,
    supplier: Supplier,
    by: User | None,
    data: Mapping[str, Any],
    addresses: Sequence[AddressData] | None = None,
) -> Supplier:
    """Change a supplier (row locked FOR UPDATE); ``addresses`` replaces the whole list."""
    planned = build_addresses(addresses)
    supplier, _ = update_and_record(
        supplier,
        by=by,
        data=data,
        editable=SUPPLIER_FIELDS,
        action="supplier.updated",
        checks=address_checks(planned),
        write_nested=address_writer(planned),
    )
    return supplier


@transaction.atomic
def supplier_deactivate(*, supplier: Supplier, by: User | None) -> Supplier:
    """Suppliers are never deleted once referenced; deactivating keeps the history readable.
    Its plants and supplier-plant links stay as they are (reactivating restores the supplier
    whole); an inactive supplier cannot get new links or reactivated plants."""
    return set_active(supplier, by=by, active=False, action="supplier.deactivated")


@transaction.atomic
def supplier_reactivate(*, supplier: Supplier, by: User | None) -> Supplier:
    return set_active(supplier, by=by, active=True, action="supplier.reactivated")


@transaction.atomic
def plant_create(*, by: User | None, data: Mapping[str, Any]) -> Plant:
    """A plant of a supplier; the establishment number is normalised ('EST. 245C' -> '245C')
    and unique."""
    return create_and_record(Plant(**data), by=by, action="plant.created")


@transaction.atomic
def plant_update(*, plant: Plant, by: User | None, data: Mapping[str, Any]) -> Plant:
    plant, _ = update_and_record(
        plant, by=by, data=data, editable=PLANT_FIELDS, action="plant.updated"
    )
    return plant


@transaction.atomic
def plant_deactivate(*, plant: Plant, by: User | None) -> Plant:
    return set_active(plant, by=by, active=False, action="plant.deactivated")


@transaction.atomic
def plant_reactivate(*, plant: Plant, by: User | None) -> Plant:
    """A plant comes back only while its supplier is active (409 otherwise)."""
    if not Supplier.objects.filter(pk=plant.supplier_id, is_active=True).exists():
        raise Conflict(PLANT_SUPPLIER_INACTIVE, code=PartnersErrorCode.INACTIVE_PARTY)
    return set_active(plant, by=by, active=True, action="plant.reactivated")


def _check_active(items: Iterable[Any] | None, *, field: str, label: str) -> list[Any] | None:
    """The items as a list (None stays None: leave the set alone); 422 naming inactive ones."""
    if items is None:
        return None
    items = list(items)
    if not items:
        return items
    # Read the flags from the database: the instances passed in may be stale.
    stored = type(items[0])._default_manager.filter(pk__in=[item.pk for item in items])
    inactive = sorted(str(item) for item in stored.filter(is_active=False))
    if inactive:
        message = INACTIVE_MEMBERS.format(label=label, names=", ".join(inactive))
        raise DomainError(message, code=PartnersErrorCode.INACTIVE_PARTY, errors={field: [message]})
    return items


def _check_link_parties(supplier: Supplier, plant: Plant) -> None:
    if not (supplier.is_active and plant.is_active):
        raise DomainError(LINK_PARTY_INACTIVE, code=PartnersErrorCode.INACTIVE_PARTY)


def _link_sets_writer(sets: Mapping[str, list[Any] | None]) -> Callable[[SupplierPlant], Changes]:
    """Replace the link's approved customers and products (None: leave that set alone)."""

    def write(link: SupplierPlant) -> Changes:
        changes: Changes = {}
        for field, items in sets.items():
            if items is None:
                continue
            manager = getattr(link, field)
            before = sorted(str(pk) for pk in manager.values_list("pk", flat=True))
            after = sorted(str(item.pk) for item in items)
            if before != after:
                manager.set(items)
                changes[field] = (before or None, after)
        return changes

    return write


def _link_sets(
    approved_customers: Iterable[Customer] | None, products: Iterable[Model] | None
) -> dict[str, list[Any] | None]:
    return {
        "approved_customers": _check_active(
            approved_customers, field="approved_customers", label="customers"
        ),
        "products": _check_active(products, field="products", label="products"),
    }


@transaction.atomic
def supplier_plant_create(
    *,
    by: User | None,
    supplier: Supplier,
    plant: Plant,
    approved_customers: Iterable[Customer] = (),
    products: Iterable[Model] = (),
    notes: str = "",
) -> SupplierPlant:
    """Link a supplier to a plant it sells from: which products, to which approved customers.
    One link per pair; 422 when either side, an approved customer or a product is inactive."""
    _check_link_parties(supplier, plant)
    sets = _link_sets(approved_customers, products)
    return create_and_record(
        SupplierPlant(supplier=supplier, plant=plant, notes=notes),
        by=by,
        action="supplier_plant.created",
        write_nested=_link_sets_writer(sets),
    )


@transaction.atomic
def supplier_plant_update(
    *,
    link: SupplierPlant,
    by: User | None,
    data: Mapping[str, Any],
    approved_customers: Iterable[Customer] | None = None,
    products: Iterable[Model] | None = None,
) -> SupplierPlant:
    """Change the notes, the approved customers or the products (each set as a whole) of a
    link (row locked FOR UPDATE)."""
    sets = _link_sets(approved_customers, products)
    link, _ = update_and_record(
        link,
        by=by,
        data=data,
        editable=SUPPLIER_PLANT_FIELDS,
        action="supplier_plant.updated",
        write_nested=_link_sets_writer(sets),
    )
    return link


@transaction.atomic
def supplier_plant_deactivate(*, link: SupplierPlant, by: User | None) -> SupplierPlant:
    return set_active(link, by=by, active=False, action="supplier_plant.deactivated")


@transaction.atomic
def supplier_plant_reactivate(*, link: SupplierPlant, by: User | None) -> SupplierPlant:
    """Only while both the supplier and the plant are active (422 otherwise)."""
    _check_link_parties(link.supplier, link.plant)
    return set_active(link, by=by, active=True, action="supplier_plant.reactivated")
