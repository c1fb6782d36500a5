"""The large procurement lists through the fast read path: the output is what the schema
documents and what the full serializer writes for the same objects."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.catalog.tests.factories import make_product
from procura.core.testing import (
    assert_documented_response,
    assert_fast_list,
    assert_list_matches_serializer,
)
from procura.procurement.api.order_serializers import PurchaseOrderSerializer
from procura.procurement.selectors.orders import purchase_order_list
from procura.procurement.services.orders import purchase_order_update
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db

PO_URL = "/api/v1/purchase-orders/"


@pytest.fixture
def orders():
    buyer = make_person("procurement")
    issued = make_order(
        buyer,
        lines=[
            order_line(make_product(), "12.5", "4.1250"),
            order_line(None, "3", "0.10"),
            order_line(make_product(), "1", "999.99"),
        ],
    )
    draft = make_order(buyer, issue=False)
    purchase_order_update(order=draft, by=buyer, notes="Call before delivery; dock 4")
    return [issued, draft, *(make_order(buyer) for _ in range(3))]


def test_purchase_order_list_is_the_documented_serializer_output(orders, client_as):
    client = client_as("procurement")
    response = client.get(PO_URL, {"page_size": 50})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(orders)
    assert_documented_response(PO_URL, body)
    assert_list_matches_serializer(
        body["results"],
        serializer_class=PurchaseOrderSerializer,
        queryset=purchase_order_list(include_archived=True),
    )
    first = next(row for row in body["results"] if row["id"] == orders[0].pk)
    assert [line["line_no"] for line in first["lines"]] == [1, 2, 3]
    assert first["lines"][0]["quantity"] == "12.500"
    assert first["total"] == str(orders[0].total)


def test_purchase_order_list_sparse_fields_filters_and_ordering(orders, client_as):
    client = client_as("auditor")
    body = client.get(PO_URL, {"fields": "id,number,total", "ordering": "-number"}).json()
    assert [set(row) for row in body["results"]] == [{"id", "number", "total"}] * len(orders)
    numbers = [row["number"] for row in body["results"]]
    assert numbers == sorted(numbers, reverse=True)
    drafts = client.get(PO_URL, {"status": "draft"}).json()
    assert [row["id"] for row in drafts["results"]] == [orders[1].pk]
    found = client.get(PO_URL, {"search": orders[2].number}).json()
    assert [row["id"] for row in found["results"]] == [orders[2].pk]
    page = client.get(PO_URL, {"page_size": 2, "page": 3, "ordering": "number"}).json()
    assert page["count"] == len(orders)
    assert page["next"] is None
    assert page["previous"] is not None
    assert len(page["results"]) == 1
    assert page["results"][0]["total"] == str(Decimal(page["results"][0]["total"]))


def test_a_list_asked_again_with_other_values_answers_for_those(orders, client_as):
    """A list's SQL is kept per filter and values once built: asked again, with other values
    or the same ones, it answers for what is asked, rows and count."""
    client = client_as("auditor")
    for order in orders:
        order.refresh_from_db()
    by_status = {
        status: sorted(o.pk for o in orders if o.status == status)
        for status in {o.status for o in orders}
    }
    assert len(by_status) == 2
    for _ in range(2):
        for status, expected in by_status.items():
            body = client.get(PO_URL, {"status": status}).json()
            assert sorted(row["id"] for row in body["results"]) == expected
            assert body["count"] == len(expected)
        for order in orders[2:5]:
            body = client.get(PO_URL, {"search": order.number, "page_size": 1}).json()
            assert [row["id"] for row in body["results"]] == [order.pk]
            assert body["count"] == 1
        numbers = sorted(o.number for o in orders)
        for page, number in enumerate(numbers, start=1):
            body = client.get(PO_URL, {"ordering": "number", "page_size": 1, "page": page}).json()
            assert [row["number"] for row in body["results"]] == [number]


@pytest.fixture
def paid_orders():
    from procura.procurement.tests.test_api_orders import paid_order

    people = {
        "buyer": make_person("procurement"),
        "clerk": make_person("finance"),
        "controller": make_person("finance"),
        "treasurer": make_person("finance"),
    }
    return [paid_order(people, n) for n in range(3)]


@pytest.mark.parametrize(
    ("url", "serializer", "selector"),
    [
        ("/api/v1/goods-receipts/", "GoodsReceiptSerializer", "goods_receipt_list"),
        ("/api/v1/supplier-invoices/", "SupplierInvoiceSerializer", "supplier_invoice_list"),
        ("/api/v1/supplier-payments/", "SupplierPaymentSerializer", "supplier_payment_list"),
    ],
)
def test_order_side_lists_are_the_documented_serializer_output(
    paid_orders, client_as, url, serializer, selector
):
    from procura.procurement.api import order_serializers
    from procura.procurement.selectors import orders as order_selectors

    body = assert_fast_list(
        client_as("auditor"),
        url,
        serializer_class=getattr(order_serializers, serializer),
        queryset=getattr(order_selectors, selector)(),
    )
    assert body["count"] == len(paid_orders)


def test_supplier_invoice_balance_is_total_less_paid(paid_orders, client_as):
    body = client_as("finance").get("/api/v1/supplier-invoices/").json()
    assert {row["balance"] for row in body["results"]} == {"20.00"}


def test_purchase_request_list_with_pending_steps(org, client_as):
    from procura.procurement.api.serializers import PurchaseRequestListSerializer
    from procura.procurement.selectors.requests import purchase_request_list
    from procura.procurement.tests.factories import make_request, submitted_request

    submitted = [submitted_request(org.requester, total=total) for total in ("500", "900")]
    draft = make_request(org.requester)
    client = client_as("admin")
    body = assert_fast_list(
        client,
        "/api/v1/purchase-requests/",
        serializer_class=PurchaseRequestListSerializer,
        queryset=purchase_request_list(user=client.user),
    )
    by_id = {row["id"]: row for row in body["results"]}
    assert by_id[draft.pk]["current_step"] is None
    assert all(by_id[request.pk]["current_step"] is not None for request in submitted)
    assert by_id[draft.pk]["requester"]["id"] == org.requester.pk
    assert by_id[draft.pk]["item_count"] == 1
    sparse = client.get("/api/v1/purchase-requests/", {"fields": "id,current_step"}).json()
    assert {row["id"]: row["current_step"] for row in sparse["results"]} == {
        pk: row["current_step"] for pk, row in by_id.items()
    }
