"""Customers: retailers, restaurants and distributors we sell to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.errors import NotAllowed
from procura.core.permissions import has_any_role
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
PARTNER_EDITOR_ROLES = (Role.PROCUREMENT, Role.SALES)
FINANCE_ONLY_CREDIT = "Finance may change only the credit limit and payment terms."


def customer_editable_fields(by: User | None) -> frozenset[str]:
    """What ``by`` may change on a customer: everything for sales, procurement and admins (and
    system writes without a user), only the credit terms for finance."""
    if by is None or has_any_role(by, PARTNER_EDITOR_ROLES):
        return CUSTOMER_FIELDS
    if has_any_role(by, (Role.FINANCE,)):
        return CREDIT_FIELDS
    return frozenset()


@transaction.atomic
def customer_create(
    *, by: User | None, data: Mapping[str, Any], addresses: Sequence[AddressData] | None = None
) -> Customer:
    """A new customer with its billing and shipping addresses; credit limit >= 0, a valid tax
    region ('US-TX') and a unique code."""
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
    """Change a customer (row locked FOR UPDATE). Finance may change only the credit limit and
    payment terms (403 for any other field); ``addresses`` replaces the whole list."""
    editable = customer_editable_fields(by)
    refused = sorted(set(data) - editable) + (["addresses"] if addresses is not None else [])
    if editable != CUSTOMER_FIELDS and refused:
        raise NotAllowed(
            FINANCE_ONLY_CREDIT,
            code=PartnersErrorCode.FIELD_NOT_ALLOWED,
            errors={field: [FINANCE_ONLY_CREDIT] for field in refused},
        )
    planned = build_addresses(addresses)
    customer, _ = update_and_record(
        customer,
        by=by,
        data=data,
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
