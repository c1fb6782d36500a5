"""The demo partners load, meet the brief and can be loaded again without duplicates."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from procura.demo import partners as demo
from procura.demo.seed import SeedContext
from procura.partners.models import Carrier, Contact, Customer, Plant, Supplier, SupplierPlant

pytestmark = pytest.mark.django_db


def test_demo_partners_are_complete_and_idempotent():
    demo.seed(SeedContext(stdout=io.StringIO()))
    counts = [
        model.objects.count()
        for model in (Supplier, Plant, Customer, Carrier, Contact, SupplierPlant)
    ]

    again = SeedContext(stdout=io.StringIO())
    demo.seed(again)

    assert sum(again.created.values()) == 0
    assert counts == [
        model.objects.count()
        for model in (Supplier, Plant, Customer, Carrier, Contact, SupplierPlant)
    ]
    assert counts[0] == 15
    assert counts[2] == 40
    assert counts[3] == 6
    assert len({c.tax_region for c in Customer.objects.all()}) >= 4
    soon = timezone.localdate() + timedelta(days=30)
    assert Carrier.objects.filter(insurance_expires_on__lte=soon).count() == 1
    assert Contact.objects.filter(is_primary=True, customer__isnull=False).count() == 40
