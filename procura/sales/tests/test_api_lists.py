"""The sales lists through the fast read path: each page is what the schema documents and what
the full serializer writes for the same objects."""

from __future__ import annotations

import pytest

from procura.core.testing import assert_fast_list
from procura.sales import selectors
from procura.sales.api.serializers import (
    CustomerInvoiceSerializer,
    CustomerPaymentSerializer,
    SalesOrderListSerializer,
    ShipmentSerializer,
)
from procura.sales.tests.test_api import _orders_shipped_invoiced

pytestmark = pytest.mark.django_db

LISTS = [
    ("/api/v1/sales-orders/", SalesOrderListSerializer, selectors.sales_order_list),
    ("/api/v1/shipments/", ShipmentSerializer, selectors.shipment_list),
    ("/api/v1/customer-invoices/", CustomerInvoiceSerializer, selectors.customer_invoice_list),
    ("/api/v1/customer-payments/", CustomerPaymentSerializer, selectors.customer_payment_list),
]


@pytest.mark.parametrize(("url", "serializer_class", "selector"), LISTS)
def test_list_is_the_documented_serializer_output(
    world, client_as, url, serializer_class, selector
):
    _orders_shipped_invoiced(world, 3)
    body = assert_fast_list(
        client_as("admin"), url, serializer_class=serializer_class, queryset=selector()
    )
    assert body["count"] == len(body["results"]) >= 3


def test_invoice_balance_and_sparse_fields(world, client_as):
    _orders_shipped_invoiced(world, 2)
    client = client_as("finance")
    body = client.get("/api/v1/customer-invoices/", {"fields": "id,total,balance"}).json()
    for row in body["results"]:
        assert set(row) == {"id", "total", "balance"}
        invoice = selectors.customer_invoice_list().get(pk=row["id"])
        assert row["balance"] == str(invoice.balance)
        assert invoice.balance == invoice.total - 5
