"""Partner services: validation and normalisation, primary contacts, deactivation, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from procura.audit.models import AuditEvent
from procura.core.errors import Conflict, DomainError, NotAllowed
from procura.partners import services
from procura.partners.models import Contact, PartyStatus
from procura.partners.tests.factories import (
    make_carrier,
    make_contact,
    make_customer,
    make_plant,
    make_supplier,
    make_supplier_plant,
)

pytestmark = pytest.mark.django_db


def test_supplier_create_trims_and_uppercases_code_and_records_audit():
    supplier = make_supplier(code="  pp-beef ", name=" Prairie Plains Beef ")

    assert supplier.code == "PP-BEEF"
    assert supplier.name == "Prairie Plains Beef"
    event = AuditEvent.objects.get(action="supplier.created", object_id=str(supplier.pk))
    assert event.changes["code"] == {"before": None, "after": "PP-BEEF"}
