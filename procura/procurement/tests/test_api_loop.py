"""The whole procure-to-pay loop through the API, as the people involved would do it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.audit.models import AuditEvent
from procura.catalog.tests.factories import make_product
from procura.inventory.models import StockLevel
from procura.procurement.models import GoodsReceipt, PurchaseOrder, PurchaseRequest, SupplierInvoice
from procura.procurement.tests.factories import (
    make_location,
    make_person,
    make_supplier_with_contact,
)

pytestmark = pytest.mark.django_db


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def actions_of(model, pk) -> set[str]:
    return set(
        AuditEvent.objects.filter(
            object_type=model._meta.label_lower, object_id=str(pk)
        ).values_list("action", flat=True)
    )


def test_request_to_payment_through_the_api(org, as_user, django_capture_on_commit_callbacks):
    buyer = make_person("procurement")
    clerk = make_person("finance")
    warehouse = make_person("warehouse")
    supplier = make_supplier_with_contact()
    brisket = make_product(unit="lb")
    cold_store = make_location()

    # an employee asks for 400 lb of brisket at about 4.50 (1,800: manager then department head)
    request = ok(
        as_user(org.requester).post(
            "/api/v1/purchase-requests/",
            {
                "title": "Brisket for the barbecue chain",
                "currency": "USD",
                "suggested_supplier": supplier.pk,
                "items": [
                    {"product": str(brisket.pk), "quantity": "400", "estimated_unit_price": "4.50"}
                ],
            },
        ),
        201,
    )
    assert request["total"] == "1800.00"
    url = f"/api/v1/purchase-requests/{request['id']}/"
    ok(as_user(org.requester).post(f"{url}submit/"))

    # two-step approval
    assert ok(as_user(org.manager).post(f"{url}approve/"))["status"] == "pending_approval"
    approved = ok(as_user(org.head).post(f"{url}approve/", {"comment": "Budgeted"}))
    assert approved["status"] == "approved"

    # the buyer orders it and issues the order (PDF mailed to the plant)
    (order,) = ok(
        as_user(buyer).post(
            "/api/v1/purchase-orders/create-from-requests/",
            {"requests": [request["id"]], "ship_to": cold_store.pk},
        ),
        201,
    )
    assert ok(as_user(org.requester).get(url))["status"] == "ordered"
    order_url = f"/api/v1/purchase-orders/{order['id']}/"
    with django_capture_on_commit_callbacks(execute=True):
        assert ok(as_user(buyer).post(f"{order_url}issue/"))["status"] == "issued"
    line_id = order["lines"][0]["id"]

    # the warehouse receives 250 lb, then the rest (10 lb refused as damaged)
    receipts = "/api/v1/goods-receipts/"
    ok(
        as_user(warehouse).post(
            receipts,
            {"order": order["id"], "lines": [{"order_line": line_id, "quantity_received": "250"}]},
        ),
        201,
    )
    assert ok(as_user(buyer).get(order_url))["status"] == "partially_received"
    level = StockLevel.objects.get(product=brisket, location=cold_store)
    assert level.on_hand == Decimal("250")
    ok(
        as_user(warehouse).post(
            receipts,
            {
                "order": order["id"],
                "lines": [
                    {
                        "order_line": line_id,
                        "quantity_received": "150",
                        "quantity_rejected": "10",
                        "rejection_reason": "Damaged cases",
                    }
                ],
            },
        ),
        201,
    )
    assert ok(as_user(buyer).get(order_url))["status"] == "received"
    level.refresh_from_db()
    assert level.on_hand == Decimal("400")

    # the plant's invoice is entered, matched, approved by another finance person, paid by a
    # third (segregation of duties)
    treasurer = make_person("finance")
    invoice = ok(
        as_user(clerk).post(
            "/api/v1/supplier-invoices/",
            {
                "supplier": supplier.pk,
                "invoice_number": "TX-55012",
                "invoice_date": "2026-03-02",
                "subtotal": "1800.00",
                "tax": "0.00",
                "total": "1800.00",
                "lines": [{"order_line": line_id, "quantity": "400", "unit_price": "4.50"}],
            },
        ),
        201,
    )
    invoice_url = f"/api/v1/supplier-invoices/{invoice['id']}/"
    assert ok(as_user(clerk).post(f"{invoice_url}match/"))["status"] == "matched"
    assert as_user(clerk).post(f"{invoice_url}approve/").status_code == 403
    assert ok(as_user(org.finance).post(f"{invoice_url}approve/"))["status"] == "approved"
    refused = as_user(org.finance).post(
        "/api/v1/supplier-payments/",
        {"invoice": invoice["id"], "amount": "1.00", "paid_on": "2026-03-20", "method": "ach"},
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "segregation_of_duties"
    ok(
        as_user(treasurer).post(
            "/api/v1/supplier-payments/",
            {
                "invoice": invoice["id"],
                "amount": "800.00",
                "paid_on": "2026-03-20",
                "method": "ach",
            },
        ),
        201,
    )
    assert ok(as_user(clerk).get(invoice_url))["balance"] == "1000.00"
    ok(
        as_user(treasurer).post(
            "/api/v1/supplier-payments/",
            {
                "invoice": invoice["id"],
                "amount": "1000.00",
                "paid_on": "2026-03-25",
                "method": "wire",
                "reference": "FW-2231",
            },
        ),
        201,
    )
    assert ok(as_user(clerk).get(invoice_url))["status"] == "paid"
    assert ok(as_user(buyer).get(order_url))["status"] == "closed"

    # every step left its audit event
    assert {
        "purchase_request.created",
        "purchase_request.submitted",
        "purchase_request.step_approved",
        "purchase_request.approved",
        "purchase_request.ordered",
    } <= actions_of(PurchaseRequest, request["id"])
    assert {
        "purchase_order.created",
        "purchase_order.issued",
        "purchase_order.closed",
    } <= actions_of(PurchaseOrder, order["id"])
    for receipt in GoodsReceipt.objects.filter(order_id=order["id"]):
        assert "goods_receipt.posted" in actions_of(GoodsReceipt, receipt.pk)
    assert {
        "supplier_invoice.created",
        "supplier_invoice.matched",
        "supplier_invoice.approved",
        "supplier_invoice.partially_paid",
        "supplier_invoice.paid",
    } <= actions_of(SupplierInvoice, invoice["id"])
    history = ok(as_user(buyer).get(f"{order_url}history/"))
    assert history["count"] >= 3
