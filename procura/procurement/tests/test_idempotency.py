"""Idempotency-Key on the POSTs that create purchase orders, supplier invoices and payments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db.models import Model
from rest_framework.test import APIClient

from procura.accounts.models import User
from procura.audit.models import AuditChainHead
from procura.catalog.tests.factories import make_product
from procura.core.models import IdempotencyKey
from procura.core.testing import run_in_threads
from procura.procurement.models import PurchaseOrder, SupplierInvoice, SupplierPayment
from procura.procurement.services.invoices import (
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
)
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import (
    approved_request,
    item,
    make_location,
    make_order,
    make_org,
    make_person,
    make_supplier_with_contact,
    order_line,
)


@dataclass
class Endpoint:
    user: User
    url: str
    body: dict[str, Any]
    other_body: dict[str, Any]
    model: type[Model]


def _purchase_order() -> Endpoint:
    supplier = make_supplier_with_contact()
    location = make_location()
    product = make_product()
    body = {
        "supplier": supplier.pk,
        "ship_to": location.pk,
        "lines": [{"product": str(product.pk), "quantity": "10", "unit_price": "4.25"}],
    }
    other = {**body, "lines": [{"product": str(product.pk), "quantity": "11"}]}
    return Endpoint(
        make_person("procurement"), "/api/v1/purchase-orders/", body, other, PurchaseOrder
    )


def _orders_from_requests() -> Endpoint:
    request = approved_request(make_org(), item("5", "10", supplier=make_supplier_with_contact()))
    body = {"requests": [request.pk], "ship_to": make_location().pk}
    other = {**body, "ship_to": make_location().pk}
    return Endpoint(
        make_person("procurement"),
        "/api/v1/purchase-orders/create-from-requests/",
        body,
        other,
        PurchaseOrder,
    )


def _received_line() -> Any:
    buyer = make_person("procurement")
    order = make_order(buyer, lines=[order_line(make_product(), "10", "3")])
    line = order.lines.get()
    goods_receipt_post(
        order=order, by=buyer, lines=[{"order_line": line, "quantity_received": Decimal("10")}]
    )
    return line


def _supplier_invoice() -> Endpoint:
    line = _received_line()
    body = {
        "supplier": line.order.supplier_id,
        "invoice_number": "TX-1001",
        "invoice_date": "2026-03-02",
        "subtotal": "30.00",
        "total": "30.00",
        "lines": [{"order_line": line.pk, "quantity": "10", "unit_price": "3"}],
    }
    other = {**body, "invoice_number": "TX-1002"}
    return Endpoint(
        make_person("finance"), "/api/v1/supplier-invoices/", body, other, SupplierInvoice
    )


def _supplier_payment() -> Endpoint:
    line = _received_line()
    clerk = make_person("finance")
    invoice = supplier_invoice_create(
        by=clerk,
        supplier=line.order.supplier,
        invoice_number="TX-2001",
        invoice_date=date(2026, 3, 2),
        subtotal=Decimal("30"),
        total=Decimal("30"),
        lines=[{"order_line": line, "quantity": Decimal("10"), "unit_price": Decimal("3")}],
    )
    supplier_invoice_match(invoice=invoice, by=clerk)
    controller = make_person("finance")
    supplier_invoice_approve(invoice=invoice, by=controller)
    body = {"invoice": invoice.pk, "amount": "10.00", "paid_on": "2026-03-20", "method": "ach"}
    other = {**body, "amount": "12.00"}
    treasurer = make_person("finance")  # neither entered nor approved it
    return Endpoint(treasurer, "/api/v1/supplier-payments/", body, other, SupplierPayment)


ENDPOINTS: dict[str, Callable[[], Endpoint]] = {
    "purchase-orders": _purchase_order,
    "create-from-requests": _orders_from_requests,
    "supplier-invoices": _supplier_invoice,
    "supplier-payments": _supplier_payment,
}


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", ENDPOINTS)
def test_same_key_and_body_returns_the_first_response_and_creates_nothing(name):
    endpoint = ENDPOINTS[name]()
    client = _client(endpoint.user)

    first = client.post(endpoint.url, endpoint.body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    count = endpoint.model._default_manager.count()
    again = client.post(endpoint.url, endpoint.body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert first.status_code == 201, first.content
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert endpoint.model._default_manager.count() == count


@pytest.mark.django_db
@pytest.mark.parametrize("name", ENDPOINTS)
def test_same_key_with_another_body_is_422_and_creates_nothing(name):
    endpoint = ENDPOINTS[name]()
    client = _client(endpoint.user)
    assert (
        client.post(
            endpoint.url, endpoint.body, format="json", HTTP_IDEMPOTENCY_KEY="k-2"
        ).status_code
        == 201
    )
    count = endpoint.model._default_manager.count()

    other = client.post(
        endpoint.url, endpoint.other_body, format="json", HTTP_IDEMPOTENCY_KEY="k-2"
    )

    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert endpoint.model._default_manager.count() == count


@pytest.mark.django_db
def test_keys_are_per_user_and_a_failed_request_does_not_burn_its_key():
    endpoint = _purchase_order()
    colleague = make_person("procurement")
    bad = {**endpoint.body, "lines": [{"product": "999999", "quantity": "1"}]}
    client = _client(endpoint.user)

    assert (
        client.post(endpoint.url, bad, format="json", HTTP_IDEMPOTENCY_KEY="k-3").status_code == 400
    )
    mine = client.post(endpoint.url, endpoint.body, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    theirs = _client(colleague).post(
        endpoint.url, endpoint.other_body, format="json", HTTP_IDEMPOTENCY_KEY="k-3"
    )

    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]
    assert PurchaseOrder.objects.count() == 2


@pytest.mark.django_db
def test_the_header_is_documented_on_each_creating_operation():
    from procura.core.tests.openapi import openapi_schema

    paths = openapi_schema()["paths"]
    for path in [
        "/api/v1/purchase-orders/",
        "/api/v1/purchase-orders/create-from-requests/",
        "/api/v1/supplier-invoices/",
        "/api/v1/supplier-payments/",
    ]:
        parameters = paths[path]["post"].get("parameters", [])
        assert {"in": "header", "name": "Idempotency-Key"}.items() <= next(
            (p for p in parameters if p["name"] == "Idempotency-Key"), {}
        ).items(), path


@pytest.mark.postgres
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ENDPOINTS)
def test_two_parallel_requests_with_one_key_make_one_object(name):
    AuditChainHead.objects.get_or_create(id=1)
    endpoint = ENDPOINTS[name]()
    count = endpoint.model._default_manager.count()

    def post(_: int) -> tuple[int, Any]:
        response = _client(endpoint.user).post(
            endpoint.url, endpoint.body, format="json", HTTP_IDEMPOTENCY_KEY="parallel-1"
        )
        return response.status_code, response.json()

    results = run_in_threads(2, post)

    assert not [r for r in results if isinstance(r, Exception)], results
    (status_a, body_a), (status_b, body_b) = results
    assert status_a == status_b == 201
    assert body_a == body_b
    assert endpoint.model._default_manager.count() == count + 1
    assert IdempotencyKey.objects.filter(key="parallel-1").count() == 1


@pytest.mark.django_db
def test_a_key_with_control_characters_is_a_field_error_and_creates_nothing():
    endpoint = _purchase_order()

    response = _client(endpoint.user).post(
        endpoint.url, endpoint.body, format="json", HTTP_IDEMPOTENCY_KEY="k\x00-1"
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert not PurchaseOrder.objects.exists()
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db
def test_a_multipart_body_with_a_key_is_read_like_json_not_a_server_error():
    endpoint = _supplier_payment()
    body = {key: str(value) for key, value in endpoint.body.items()}
    client = _client(endpoint.user)

    first = client.post(endpoint.url, body, format="multipart", HTTP_IDEMPOTENCY_KEY="k-mp")
    again = client.post(endpoint.url, body, format="multipart", HTTP_IDEMPOTENCY_KEY="k-mp")

    assert first.status_code == 201, first.content
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert SupplierPayment.objects.count() == 1


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write",
    [lambda pk: pk + 0.9, lambda pk: str(pk).translate(ARABIC_INDIC)],
    ids=["float", "arabic-indic-digits"],
)
def test_an_id_not_written_as_an_integer_is_refused_not_rounded(write):
    endpoint = _purchase_order()
    body = {**endpoint.body, "supplier": write(endpoint.body["supplier"])}

    response = _client(endpoint.user).post(endpoint.url, body, format="json")

    assert response.status_code == 400, response.content
    assert "supplier" in response.json()["errors"]
    assert not PurchaseOrder.objects.exists()
