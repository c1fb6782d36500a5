"""The procurement demo data: created through the services, every state present, idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from procura.procurement.models import (
    ApprovalRule,
    GoodsReceipt,
    PurchaseOrder,
    PurchaseRequest,
    PurchaseRequestStatus,
    SupplierInvoice,
    SupplierPayment,
)

pytestmark = pytest.mark.django_db


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def test_demo_has_requests_in_every_state_and_the_loop_downstream(demo_data):
    # The default policy in the company currency (the buying demo adds a euro one beside it).
    assert ApprovalRule.objects.filter(currency=settings.DEFAULT_CURRENCY).count() == 3
    states = set(PurchaseRequest.objects.values_list("status", flat=True))
    assert states == set(PurchaseRequestStatus.values)
    orders = set(PurchaseOrder.objects.values_list("status", flat=True))
    assert {"received", "partially_received"} <= orders
    assert GoodsReceipt.objects.exists()
    invoice_states = set(SupplierInvoice.objects.values_list("status", flat=True))
    assert "exception" in invoice_states
    assert invoice_states & {"partially_paid", "paid"}
    assert SupplierPayment.objects.exists()

    counts = (PurchaseRequest.objects.count(), PurchaseOrder.objects.count())
    seed()
    assert (PurchaseRequest.objects.count(), PurchaseOrder.objects.count()) == counts
