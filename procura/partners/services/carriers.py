"""Carriers: the refrigerated trucking companies, known by their SCAC code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from procura.accounts.models import User
from procura.partners.models import Carrier
from procura.partners.services.common import create_and_record, set_active, update_and_record

CARRIER_FIELDS = frozenset(
    {"name", "scac", "mc_number", "dot_number", "insurance_expires_on", "notes"}
)


@transaction.atomic
def carrier_create(*, by: User | None, data: Mapping[str, Any]) -> Carrier:
    """A new carrier; SCAC is 2-4 letters and unique, MC and DOT numbers digits only."""
    return create_and_record(Carrier(**data), by=by, action="carrier.created")


@transaction.atomic
def carrier_update(*, carrier: Carrier, by: User | None, data: Mapping[str, Any]) -> Carrier:
    """Change a carrier (row locked FOR UPDATE)."""
    carrier, _ = update_and_record(
        carrier, by=by, data=data, editable=CARRIER_FIELDS, action="carrier.updated"
    )
    return carrier


@transaction.atomic
def carrier_deactivate(*, carrier: Carrier, by: User | None) -> Carrier:
    return set_active(carrier, by=by, active=False, action="carrier.deactivated")


@transaction.atomic
def carrier_reactivate(*, carrier: Carrier, by: User | None) -> Carrier:
    return set_active(carrier, by=by, active=True, action="carrier.reactivated")
