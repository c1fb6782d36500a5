"""The demo looks like a year of business: twelve months of spend, sales across most customers,
open payables and receivables for the aging, and seeding twice changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from procura.partners.models import Customer
from procura.procurement.models import PurchaseOrder, SupplierInvoice, SupplierInvoiceStatus
from procura.reports.selectors import month_range, sales_by_customer, spend_summary
from procura.sales.models import CustomerInvoice, InvoiceStatus, SalesOrder

pytestmark = pytest.mark.django_db


def test_demo_has_twelve_months_of_spend_and_sales_and_open_items_to_age(demo_data):
    counts = (PurchaseOrder.objects.count(), SalesOrder.objects.count())

    call_command("seed_demo", verbosity=0)

    assert (PurchaseOrder.objects.count(), SalesOrder.objects.count()) == counts
    start, end = month_range(months=12)
    months = [
        row for row in spend_summary(by="month", start=start, end=end) if row.currency == "USD"
    ]
    assert len(months) == 12
    assert all(row.total > 0 for row in months), [(row.key, row.total) for row in months]
    departments = {row.name for row in spend_summary(by="department", start=start, end=end)}
    assert len(departments) >= 2
    customers = {row.key for row in sales_by_customer(start=start, end=end)}
    active = Customer.objects.filter(is_active=True, on_hold=False).count()
    assert len(customers) * 4 >= active * 3, (len(customers), active)  # most customers buy
    assert SupplierInvoice.objects.filter(status=SupplierInvoiceStatus.PAID).count() >= 20
    assert SupplierInvoice.objects.filter(status=SupplierInvoiceStatus.APPROVED).exists()
    open_receivables = CustomerInvoice.objects.exclude(status=InvoiceStatus.PAID)
    assert open_receivables.count() >= 5
