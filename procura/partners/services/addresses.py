"""The addresses of a supplier or customer are written as a whole list: a PATCH that carries
``addresses`` replaces them all (what a form showing the list sends back)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from procura.core.errors import Conflict
from procura.partners.models import Customer, PartnerAddress, Supplier
from procura.partners.services.common import Changes, validate

ADDRESS_FIELDS = ("kind", "label", "line1", "line2", "city", "region", "postal_code", "country")
OWNER_FIELDS = ("supplier", "customer")

AddressData = Mapping[str, Any]

ADDRESS_IN_USE = (
    "An address used on orders cannot be removed or replaced; add the new address beside it."
)


def address_values(address: PartnerAddress) -> dict[str, Any]:
    return {name: getattr(address, name) for name in ADDRESS_FIELDS}


def build_addresses(addresses: Sequence[AddressData] | None) -> list[PartnerAddress] | None:
    if addresses is None:
        return None
    return [
        PartnerAddress(**{name: value for name, value in data.items() if name in ADDRESS_FIELDS})
        for data in addresses
    ]


def address_checks(planned: list[PartnerAddress] | None) -> list[Callable[[], None]]:
    """One validation per address, its errors under ``addresses.<index>.<field>``."""
    return [
        partial(validate, address, prefix=f"addresses.{index}.", exclude=OWNER_FIELDS)
        for index, address in enumerate(planned or [])
    ]


def address_writer(
    planned: list[PartnerAddress] | None,
) -> Callable[[Supplier | Customer], Changes]:
    """Replace the owner's addresses by ``planned`` (None: leave them alone)."""

    def write(owner: Supplier | Customer) -> Changes:
        if planned is None:
            return {}
        owner_field = "supplier" if isinstance(owner, Supplier) else "customer"
        existing = list(owner.addresses.all())
        before = [address_values(address) for address in existing]
        after = [address_values(address) for address in planned]
        if before == after:
            return {}
        try:
            with transaction.atomic():
                PartnerAddress.objects.filter(pk__in=[a.pk for a in existing]).delete()
        except ProtectedError as exc:
            raise Conflict(
                ADDRESS_IN_USE, code="address_in_use", errors={"addresses": [ADDRESS_IN_USE]}
            ) from exc
        for address in planned:
            setattr(address, owner_field, owner)
        PartnerAddress.objects.bulk_create(planned)
        return {"addresses": (before, after)}

    return write
