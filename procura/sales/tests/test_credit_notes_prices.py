"""Credit notes (full and partial, balance and aging move, PDF e-mailed) and customer price
lists (validity, quantity breaks, customer over group, source snapshotted on the line)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone

from procura.notifications.models import NotificationLog
from procura.sales.models import CustomerInvoice, PriceList, PriceListItem
from procura.sales.receivables import receivables_aging
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.orders import sales_order_create
from procura.sales.services.shipments import shipment_create
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def invoiced(django_capture_on_commit_callbacks):
    location = make_location()
    product = make_stocked_product(location, price="10.00")
    make_tax_rate(product.tax_category, rate="0")
    customer = make_sales_customer()
    order = sales_order_create(
        customer=customer,
        location=location,
        lines=[{"product": product, "quantity": D(10)}],
        by=None,
    )
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None)
    invoice = customer_invoice_create(order=order, by=None, issue_date=TODAY - timedelta(days=45))
    return invoice


def test_partial_credit_reduces_balance_and_aging_and_emails_the_pdf(
    invoiced, client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")
    line = invoiced.lines.get()
    before = receivables_aging(as_of=TODAY)[0].total
    assert before == D("100.00")

    with django_capture_on_commit_callbacks(execute=True):
        response = finance.post(
            "/api/v1/credit-notes/",
            {
                "invoice": invoiced.pk,
                "reason": "damaged",
                "reason_text": "2 cases thawed",
                "lines": [{"invoice_line": line.pk, "quantity": "2"}],
            },
            format="json",
        )

    assert response.status_code == 201, response.json()
    assert response.json()["total"] == "20.00"
    invoiced.refresh_from_db()
    assert invoiced.balance == D("80.00")
    assert receivables_aging(as_of=TODAY)[0].total == D("80.00")
    mail = NotificationLog.objects.get(template="sales/credit_note_issued", channel="email")
    assert mail.attachment_loader.endswith("credit_note_pdf_attachments")
    pdf = finance.get(f"/api/v1/credit-notes/{response.json()['id']}/pdf/")
    assert pdf.content.startswith(b"%PDF")


def test_a_price_correction_credits_the_difference(invoiced, client_as):
    line = invoiced.lines.get()
    response = client_as("finance").post(
        "/api/v1/credit-notes/",
        {
            "invoice": invoiced.pk,
            "reason": "price_correction",
            "lines": [{"invoice_line": line.pk, "quantity": "10", "unit_price": "1.50"}],
        },
        format="json",
    )

    assert response.json()["total"] == "15.00"


def test_crediting_more_than_invoiced_is_refused_and_changes_nothing(invoiced, client_as):
    finance = client_as("finance")
    line = invoiced.lines.get()
    finance.post(
        "/api/v1/credit-notes/",
        {
            "invoice": invoiced.pk,
            "reason": "return",
            "lines": [{"invoice_line": line.pk, "quantity": "8"}],
        },
        format="json",
    )

    response = finance.post(
        "/api/v1/credit-notes/",
        {
            "invoice": invoiced.pk,
            "reason": "return",
            "lines": [{"invoice_line": line.pk, "quantity": "3"}],
        },
        format="json",
    )

    assert response.status_code == 409
    assert "8.000 already credited" in response.json()["errors"]["lines.0.quantity"][0]
    assert CustomerInvoice.objects.get(pk=invoiced.pk).balance == D("20.00")


def test_full_credit_settles_the_invoice(invoiced, client_as):
    response = client_as("finance").post(
        "/api/v1/credit-notes/", {"invoice": invoiced.pk, "reason": "other"}, format="json"
    )

    assert response.json()["total"] == "100.00"
    invoiced.refresh_from_db()
    assert (invoiced.balance, invoiced.status) == (D("0.00"), "paid")


def test_customer_price_list_with_quantity_breaks_is_applied_and_snapshotted(client_as):
    location = make_location()
    product = make_stocked_product(location, price="10.00")
    make_tax_rate(product.tax_category, rate="0")
    customer = make_sales_customer(kind="retailer")
    sales = client_as("sales")
    created = sales.post(
        "/api/v1/price-lists/",
        {
            "name": "Retail 2026",
            "customer_kind": "retailer",
            "currency": customer.currency,
            "valid_from": str(TODAY - timedelta(days=1)),
            "items": [
                {"product": str(product.pk), "unit_price": "9.00"},
                {"product": str(product.pk), "min_quantity": "20", "unit_price": "8.50"},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    own = PriceList.objects.create(
        name="HEB special",
        customer=customer,
        currency=customer.currency,
        valid_from=TODAY,
        valid_to=TODAY + timedelta(days=30),
    )
    PriceListItem.objects.create(
        price_list=own, product=product, min_quantity=D(50), unit_price=D("8.00")
    )

    def order(quantity):
        body = {
            "customer": customer.pk,
            "location": location.pk,
            "lines": [{"product": str(product.pk), "quantity": quantity}],
        }
        return sales.post("/api/v1/sales-orders/", body, format="json").json()["lines"][0]

    assert (order("5")["unit_price"], order("5")["price_source"]) == (
        "9.0000",
        "price list Retail 2026",
    )
    assert order("25")["price_source"] == "price list Retail 2026 (from 20)"
    assert (order("60")["unit_price"], order("60")["price_source"]) == (
        "8.0000",
        "price list HEB special (from 50)",
    )
    quote = sales.get(
        "/api/v1/price-lists/price/",
        {"customer": customer.pk, "product": str(product.pk), "quantity": "25"},
    )
    assert quote.json() == {
        "unit_price": "8.5000",
        "price_source": "price list Retail 2026 (from 20)",
    }


def test_an_expired_price_list_falls_back_to_the_list_price(client_as):
    location = make_location()
    product = make_stocked_product(location, price="10.00")
    make_tax_rate(product.tax_category, rate="0")
    customer = make_sales_customer()
    old = PriceList.objects.create(
        name="Last year",
        customer=customer,
        currency=customer.currency,
        valid_from=TODAY - timedelta(days=400),
        valid_to=TODAY - timedelta(days=35),
    )
    PriceListItem.objects.create(price_list=old, product=product, unit_price=D("7.00"))

    line = (
        client_as("sales")
        .post(
            "/api/v1/sales-orders/",
            {
                "customer": customer.pk,
                "location": location.pk,
                "lines": [{"product": str(product.pk), "quantity": "1"}],
            },
            format="json",
        )
        .json()["lines"][0]
    )

    assert (line["unit_price"], line["price_source"]) == ("10.0000", "list price")
