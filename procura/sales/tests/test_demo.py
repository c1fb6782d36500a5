"""The sales demo step: every state, current and overdue invoices, payments, a portal login;
running it again adds nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from procura.demo.seed import SeedContext, run_seed
from procura.notifications.models import NotificationLog
from procura.sales.models import (
    CustomerInvoice,
    CustomerPayment,
    CustomerPortalUser,
    SalesOrder,
    SalesOrderStatus,
    Shipment,
)

pytestmark = pytest.mark.django_db


def _seed() -> None:
    run_seed(
        SeedContext(verbosity=0), only={"accounts", "partners", "catalog", "inventory", "sales"}
    )


def test_sales_demo_covers_every_state_and_is_idempotent():
    # when
    _seed()
    # then every order state is there
    states = set(SalesOrder.objects.values_list("status", flat=True))
    assert states == set(SalesOrderStatus.values)
    assert Shipment.objects.filter(carrier__isnull=False).exists()
    today = timezone.localdate()
    open_invoices = CustomerInvoice.objects.exclude(status="paid")
    assert open_invoices.filter(due_date__lt=today).exists()
    assert open_invoices.filter(due_date__gte=today).exists()
    assert CustomerPayment.objects.filter(unapplied_amount__gt=0).exists()
    link = CustomerPortalUser.objects.select_related("user").get()
    assert link.user.email == "customer@procura.example"
    assert NotificationLog.objects.count() == 0
    counts = (SalesOrder.objects.count(), CustomerInvoice.objects.count(), date.today())
    # when run again
    _seed()
    # then nothing new
    assert (SalesOrder.objects.count(), CustomerInvoice.objects.count(), date.today()) == counts
