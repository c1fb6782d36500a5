"""Sales documents in a foreign currency keep the rate to the company currency of their date,
and money received records the exchange gain or loss realised against the invoice's rate."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from procura.currency.models import ExchangeRate
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.payments import customer_payment_create
from procura.sales.services.shipments import shipment_create
from procura.sales.tests.factories import make_order, make_sales_customer, make_stocked_product

pytestmark = pytest.mark.django_db


def test_a_euro_sale_keeps_its_rates_and_the_payment_realises_the_difference(
    world, client_as, settings
):
    settings.COMPANY_CURRENCY = "USD"
    today = timezone.localdate()
    paid_on = today + timedelta(days=10)
    ExchangeRate.objects.create(base="EUR", currency="USD", rate_date=today, rate="1.10")
    ExchangeRate.objects.create(base="EUR", currency="USD", rate_date=paid_on, rate="1.20")
    customer = make_sales_customer(currency="EUR")
    product = make_stocked_product(world.location, price="10.00", currency="EUR")
    order = make_order(customer=customer, location=world.location, lines=[(product, "10")])
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None, ship_date=today)
    invoice = customer_invoice_create(order=order, by=None, issue_date=today)
    payment = customer_payment_create(
        customer=customer, amount=invoice.total, method="wire", by=None, received_on=paid_on
    )
    client = client_as("finance")

    order_body = client.get(f"/api/v1/sales-orders/{order.pk}/").json()
    invoice_body = client.get(f"/api/v1/customer-invoices/{invoice.pk}/").json()
    payment_body = client.get(f"/api/v1/customer-payments/{payment.pk}/").json()

    assert (order_body["exchange_rate"], order_body["exchange_rate_date"]) == (
        "1.10000000",
        today.isoformat(),
    )
    assert invoice_body["currency"] == "EUR"
    assert invoice_body["exchange_rate"] == "1.10000000"
    assert payment_body["exchange_rate"] == "1.20000000"
    assert payment_body["exchange_rate_date"] == paid_on.isoformat()
    (allocation,) = payment_body["allocations"]
    total = Decimal(invoice_body["total"])
    expected = (total * Decimal("1.20")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) - (
        total * Decimal("1.10")
    ).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(allocation["exchange_difference"]) == expected
    assert expected > 0  # the euro rose: a gain on the receivable


def test_a_sale_in_the_company_currency_has_rate_one_and_no_difference(world, client_as, settings):
    settings.COMPANY_CURRENCY = "USD"
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "2")]
    )
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None)
    invoice = customer_invoice_create(order=order, by=None)
    payment = customer_payment_create(
        customer=world.customer, amount=invoice.total, method="wire", by=None
    )

    body = client_as("finance").get(f"/api/v1/customer-payments/{payment.pk}/").json()

    assert body["exchange_rate"] == "1.00000000"
    assert body["allocations"][0]["exchange_difference"] == "0.00"
