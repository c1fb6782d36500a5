"""Suppliers (packers), their plants and which supplier sells from which plant to whom."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction

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
CUSTOMER_INACTIVE = "Only active customers can be approved: {codes}."


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


def _check_active_customers(customers: Iterable[Customer]) -> list[Customer]:
    customers = list(customers)
    inactive = sorted(customer.code for customer in customers if not customer.is_active)
    if inactive:
        raise DomainError(
            CUSTOMER_INACTIVE.format(codes=", ".join(inactive)),
            code=PartnersErrorCode.INACTIVE_PARTY,
            errors={"approved_customers": [CUSTOMER_INACTIVE.format(codes=", ".join(inactive))]},
        )
    return customers


def _check_link_parties(supplier: Supplier, plant: Plant) -> None:
    if not (supplier.is_active and plant.is_active):
        raise DomainError(LINK_PARTY_INACTIVE, code=PartnersErrorCode.INACTIVE_PARTY)


def _approved_ids(link: SupplierPlant) -> list[int]:
    return sorted(link.approved_customers.values_list("pk", flat=True))


@transaction.atomic
def supplier_plant_create(
    *,
    by: User | None,
    supplier: Supplier,
    plant: Plant,
    approved_customers: Iterable[Customer] = (),
    notes: str = "",
) -> SupplierPlant:
    """Link a supplier to a plant it sells from (one link per pair; 422 when either side or an
    approved customer is inactive)."""
    _check_link_parties(supplier, plant)
    customers = _check_active_customers(approved_customers)

    def write_customers(link: SupplierPlant) -> dict[str, tuple[Any, Any]]:
        link.approved_customers.set(customers)
        return {"approved_customers": (None, _approved_ids(link))} if customers else {}

    return create_and_record(
        SupplierPlant(supplier=supplier, plant=plant, notes=notes),
        by=by,
        action="supplier_plant.created",
        write_nested=write_customers,
    )


@transaction.atomic
def supplier_plant_update(
    *,
    link: SupplierPlant,
    by: User | None,
    data: Mapping[str, Any],
    approved_customers: Iterable[Customer] | None = None,
) -> SupplierPlant:
    """Change the notes or the approved customers (the whole set) of a link."""
    customers = None if approved_customers is None else _check_active_customers(approved_customers)

    def write_customers(locked: SupplierPlant) -> dict[str, tuple[Any, Any]]:
        if customers is None:
            return {}
        before = _approved_ids(locked)
        after = sorted(customer.pk for customer in customers)
        if before == after:
            return {}
        locked.approved_customers.set(customers)
        return {"approved_customers": (before, after)}

    link, _ = update_and_record(
        link,
        by=by,
        data=data,
        editable=SUPPLIER_PLANT_FIELDS,
        action="supplier_plant.updated",
        write_nested=write_customers,
    )
    return link


@transaction.atomic
def supplier_plant_deactivate(*, link: SupplierPlant, by: User | None) -> SupplierPlant:
    return set_active(link, by=by, active=False, action="supplier_plant.deactivated")


@transaction.atomic
def supplier_plant_reactivate(*, link: SupplierPlant, by: User | None) -> SupplierPlant:
    _check_link_parties(link.supplier, link.plant)
    return set_active(link, by=by, active=True, action="supplier_plant.reactivated")
