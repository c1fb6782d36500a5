"""Customers: retailers, restaurants and distributors we sell to."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction

from procura.accounts.models import User
from procura.accounts.permission_matrix import user_can
from procura.core.errors import NotAllowed
from procura.partners.models import Customer
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

CUSTOMER_FIELDS = frozenset(
    {
        "code",
        "name",
        "kind",
        "legal_name",
        "tax_id",
        "payment_terms_days",
        "credit_limit",
        "currency",
        "tax_region",
        "on_hold",
        "notes",
    }
)
# Finance decides how much credit a customer gets and how long it may take to pay.
CREDIT_FIELDS = frozenset({"credit_limit", "payment_terms_days"})
DETAIL_FIELDS = CUSTOMER_FIELDS - CREDIT_FIELDS
FINANCE_ONLY_CREDIT = "Finance may change only the credit limit and payment terms."
CREDIT_TERMS_FINANCE_ONLY = "Only finance sets a customer's credit limit and payment terms."


def customer_editable_fields(by: User | None) -> frozenset[str]:
    """What ``by`` may set on a customer (permission matrix): the details for sales and
    procurement, the credit terms for finance, everything for admins and for system writes
    without a user."""
    if by is None:
        return CUSTOMER_FIELDS
    fields: set[str] = set()
    if user_can(by, "customer.edit_details"):
        fields |= DETAIL_FIELDS
    if user_can(by, "customer.set_credit_terms"):
        fields |= CREDIT_FIELDS
    return frozenset(fields)


def _differing(data: Mapping[str, Any], base: Mapping[str, Any]) -> list[str]:
    """The fields of ``data`` that would change something: resending a value as it is (a form
    saved whole) needs no right to change it."""
    return [field for field, value in data.items() if field not in base or base[field] != value]


def _refuse_fields(by: User | None, fields: Iterable[str], *, addresses: bool) -> frozenset[str]:
    """The fields ``by`` may set; 403 naming each of ``fields`` they may not."""
    editable = customer_editable_fields(by)
    refused = sorted(set(fields) - editable)
    if addresses and not editable >= DETAIL_FIELDS:
        refused.append("addresses")
    if refused:
        errors = {
            field: [CREDIT_TERMS_FINANCE_ONLY if field in CREDIT_FIELDS else FINANCE_ONLY_CREDIT]
            for field in refused
        }
        raise NotAllowed(
            errors[refused[0]][0], code=PartnersErrorCode.FIELD_NOT_ALLOWED, errors=errors
        )
    return editable


@transaction.atomic
def customer_create(
    *, by: User | None, data: Mapping[str, Any], addresses: Sequence[AddressData] | None = None
) -> Customer:
    """A new customer with its billing and shipping addresses; credit limit >= 0, a valid tax
    region ('US-TX') and a unique code. A credit limit or payment terms need finance (403)."""
    blank = Customer()
    defaults = {field: getattr(blank, field) for field in data if field in CUSTOMER_FIELDS}
    _refuse_fields(by, _differing(data, defaults), addresses=False)
    planned = build_addresses(addresses)
    return create_and_record(
        Customer(**data),
        by=by,
        action="customer.created",
        checks=address_checks(planned),
        write_nested=address_writer(planned),
    )


@transaction.atomic
def customer_update(
    *,
    customer: Customer,
    by: User | None,
    data: Mapping[str, Any],
    addresses: Sequence[AddressData] | None = None,
) -> Customer:
    """Change a customer (row locked FOR UPDATE). Only finance changes the credit limit and
    payment terms, and finance nothing else (403 naming each refused field); ``addresses``
    replaces the whole list."""
    current = {field: getattr(customer, field) for field in data if field in CUSTOMER_FIELDS}
    editable = _refuse_fields(by, _differing(data, current), addresses=addresses is not None)
    planned = build_addresses(addresses)
    customer, _ = update_and_record(
        customer,
        by=by,
        # What is left outside ``editable`` was sent unchanged.
        data={field: value for field, value in data.items() if field in editable},
        editable=editable,
        action="customer.updated",
        checks=address_checks(planned),
        write_nested=address_writer(planned),
    )
    return customer


@transaction.atomic
def customer_deactivate(*, customer: Customer, by: User | None) -> Customer:
    return set_active(customer, by=by, active=False, action="customer.deactivated")


@transaction.atomic
def customer_reactivate(*, customer: Customer, by: User | None) -> Customer:
    return set_active(customer, by=by, active=True, action="customer.reactivated")
