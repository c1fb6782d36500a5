"""Orders, receipts, invoices, payments and aging through the API: roles, errors, lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.catalog.tests.factories import make_product
from procura.procurement.services.invoices import (
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
    supplier_payment_create,
)
from procura.procurement.services.orders import purchase_order_update
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "procurement",
    "approver",
    "requester",
    "finance",
    "warehouse",
    "sales",
    "auditor",
    "customer",
]
LISTS = {
    "/api/v1/purchase-requests/": set(ROLES) - {"customer"},
    "/api/v1/approvals/mine/": set(ROLES) - {"customer"},
    "/api/v1/approval-rules/": set(ROLES) - {"customer"},
    "/api/v1/delegations/": set(ROLES) - {"customer"},
    "/api/v1/purchase-orders/": {"admin", "procurement", "finance", "warehouse", "auditor"},
    "/api/v1/goods-receipts/": {"admin", "procurement", "finance", "warehouse", "auditor"},
    "/api/v1/supplier-invoices/": {"admin", "procurement", "finance", "auditor"},
    "/api/v1/supplier-payments/": {"admin", "procurement", "finance", "auditor"},
    "/api/v1/reports/ap-aging/": {"admin", "finance", "auditor"},
}
WRITES = {
    "/api/v1/purchase-orders/": {"admin", "procurement"},
    "/api/v1/purchase-orders/create-from-requests/": {"admin", "procurement"},
    "/api/v1/goods-receipts/": {"admin", "procurement", "warehouse"},
    "/api/v1/supplier-invoices/": {"admin", "finance"},
    "/api/v1/supplier-payments/": {"admin", "finance"},
    "/api/v1/approval-rules/": {"admin"},
    # Auditors only read.
    "/api/v1/purchase-requests/": set(ROLES) - {"customer", "auditor"},
    "/api/v1/delegations/": set(ROLES) - {"customer", "auditor"},
}


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_with_every_role(client_as, role):
    client = client_as(role)
    for url, readers in LISTS.items():
        expected = 200 if role in readers else 403
        assert client.get(url).status_code == expected, (url, role)
    for url, writers in WRITES.items():
        # an empty body: writers get past the role check (400), everyone else 403
        expected = 400 if role in writers else 403
        assert client.post(url, {}).status_code == expected, (url, role)


@pytest.fixture
def people():
    return {
        "buyer": make_person("procurement"),
        "clerk": make_person("finance"),
        "controller": make_person("finance"),
        "treasurer": make_person("finance"),
    }


def paid_order(people, n: int):
    order = make_order(people["buyer"], lines=[order_line(make_product(), "10", "3")])
    line = order.lines.get()
    goods_receipt_post(
        order=order,
        by=people["buyer"],
        lines=[{"order_line": line, "quantity_received": Decimal("10")}],
    )
    invoice = supplier_invoice_create(
        by=people["clerk"],
        supplier=order.supplier,
        invoice_number=f"N-{n}",
        invoice_date=date(2026, 3, 1),
        subtotal=Decimal("30"),
        total=Decimal("30"),
        lines=[{"order_line": line, "quantity": Decimal("10"), "unit_price": Decimal("3")}],
    )
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_approve(invoice=invoice, by=people["controller"])
    supplier_payment_create(
        invoice=invoice,
        by=people["treasurer"],
        amount=Decimal("10"),
        paid_on=date(2026, 3, 5),
        method="ach",
    )
    return order


def count_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, {"page_size": 50}).status_code == 200
    return len(ctx.captured_queries)


def test_order_side_lists_keep_a_constant_query_count(people, client_as):
    client = client_as("auditor")
    urls = [
        "/api/v1/purchase-orders/",
        "/api/v1/goods-receipts/",
        "/api/v1/supplier-invoices/",
        "/api/v1/supplier-payments/",
        "/api/v1/reports/ap-aging/",
    ]
    for n in range(2):
        paid_order(people, n)
    few = [count_queries(client, url) for url in urls]
    for n in range(2, 8):
        paid_order(people, n)
    assert [count_queries(client, url) for url in urls] == few
    assert client.get("/api/v1/purchase-orders/").json()["count"] == 8


def test_duplicate_invoice_number_is_a_conflict_naming_the_first(people, client_as):
    order = paid_order(people, 1)
    client = client_as("finance")
    response = client.post(
        "/api/v1/supplier-invoices/",
        {
            "supplier": order.supplier_id,
            "invoice_number": "n-1",
            "invoice_date": "2026-03-03",
            "subtotal": "1.00",
            "total": "1.00",
            "lines": [{"description": "Freight", "quantity": "1", "unit_price": "1"}],
        },
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate_invoice"
    assert body["existing_invoice"] == order.invoices.get().pk


def test_over_receipt_is_409_through_the_api(people, client_as):
    order = make_order(people["buyer"], lines=[order_line(make_product(), "10", "3")])
    response = client_as("warehouse").post(
        "/api/v1/goods-receipts/",
        {
            "order": order.pk,
            "lines": [{"order_line": order.lines.get().pk, "quantity_received": "10.6"}],
        },
    )
    assert response.status_code == 409
    assert response.json()["code"] == "over_receipt"


def test_pdf_and_revisions(people, client_as):
    order = make_order(people["buyer"])
    line = order.lines.get()
    purchase_order_update(
        order=order,
        by=people["buyer"],
        reason="price agreed lower",
        lines=[
            {
                "id": line.pk,
                "product": line.product,
                "quantity": line.quantity,
                "unit_price": Decimal("4.00"),
            }
        ],
    )
    client = client_as("procurement")
    pdf = client.get(f"/api/v1/purchase-orders/{order.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert (
        client.get(f"/api/v1/purchase-orders/{order.pk}/pdf/", {"revision": 0}).status_code == 200
    )
    assert (
        client.get(f"/api/v1/purchase-orders/{order.pk}/pdf/", {"revision": 7}).status_code == 400
    )
    revisions = client.get(f"/api/v1/purchase-orders/{order.pk}/revisions/").json()
    assert [(r["revision"], r["snapshot"]["total"]) for r in revisions] == [(0, "425.00")]
    assert client.get(f"/api/v1/purchase-orders/{order.pk}/").json()["total"] == "400.00"


def test_ap_aging_buckets_as_of_a_date(people, client_as):
    order = paid_order(people, 1)  # 30.00 due 2026-03-22 (21 days), 10.00 paid on 2026-03-05
    client = client_as("finance")

    def row(as_of):
        rows = client.get("/api/v1/reports/ap-aging/", {"as_of": as_of}).json()["rows"]
        return (
            {
                k: v
                for k, v in rows[0].items()
                if k in {"current", "days_1_30", "days_31_60", "days_61_90", "over_90", "total"}
            }
            if rows
            else None
        )

    assert row("2026-02-28") is None  # not yet invoiced
    assert row("2026-03-04") == {
        "current": "30.00",
        "days_1_30": "0.00",
        "days_31_60": "0.00",
        "days_61_90": "0.00",
        "over_90": "0.00",
        "total": "30.00",
    }
    assert row("2026-04-10")["days_1_30"] == "20.00"
    report = client.get("/api/v1/reports/ap-aging/", {"as_of": "2026-04-10"}).json()
    assert report["rows"][0]["rate"] == "1.00000000"  # in the company currency already
    assert report["rows"][0]["total_company"] == "20.00"
    assert report["company"]["totals"]["days_1_30"] == "20.00"
    assert report["company"]["missing"] == []
    assert row("2026-05-01")["days_31_60"] == "20.00"
    assert row("2026-09-01")["over_90"] == "20.00"
    assert client.get("/api/v1/reports/ap-aging/", {"as_of": "soon"}).status_code == 400
    assert (
        order.supplier.code
        == client.get("/api/v1/reports/ap-aging/").json()["rows"][0]["supplier_code"]
    )


def test_order_detail_etag_and_stale_if_match(people, client_as):
    order = make_order(people["buyer"], issue=False)
    client = client_as("procurement")
    url = f"/api/v1/purchase-orders/{order.pk}/"
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    changed = client.patch(url, {"notes": "Dock 4"}, HTTP_IF_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["revision"] == 0
    assert client.patch(url, {"notes": "Dock 5"}, HTTP_IF_MATCH=etag).status_code == 412
    assert client.post(f"{url}issue/").json()["status"] == "issued"
    assert client.post(f"{url}issue/").status_code == 409
    assert client.post(f"{url}cancel/", {"reason": "Plant closed"}).json()["status"] == "cancelled"


def test_return_exception_acceptance_and_void_through_the_api(people, client_as):
    product = make_product()
    order = make_order(people["buyer"], lines=[order_line(product, "10", "3")])
    line = order.lines.get()
    warehouse = client_as("warehouse")
    receipt = warehouse.post(
        "/api/v1/goods-receipts/",
        {"order": order.pk, "lines": [{"order_line": line.pk, "quantity_received": "10"}]},
    ).json()
    returned = warehouse.post(
        f"/api/v1/goods-receipts/{receipt['id']}/return/",
        {
            "reason": "Off smell",
            "lines": [{"receipt_line": receipt["lines"][0]["id"], "quantity": "2"}],
        },
    )
    assert returned.status_code == 200, returned.json()
    assert returned.json()["lines"][0]["quantity_returned"] == "2.000"

    clerk, controller = client_as("finance"), client_as("finance")
    invoice = clerk.post(
        "/api/v1/supplier-invoices/",
        {
            "supplier": order.supplier_id,
            "invoice_number": "Z-1",
            "invoice_date": "2026-03-01",
            "subtotal": "33.00",
            "total": "33.00",
            "lines": [{"order_line": line.pk, "quantity": "10", "unit_price": "3.30"}],
        },
    ).json()
    matched = clerk.post(f"/api/v1/supplier-invoices/{invoice['id']}/match/").json()
    assert matched["status"] == "exception"
    assert sorted(i["code"] for i in matched["match_exceptions"]) == [
        "price_over_tolerance",
        "quantity_not_received",
    ]
    url = f"/api/v1/supplier-invoices/{invoice['id']}/"
    assert controller.post(f"{url}accept-exception/", {}).status_code == 400
    accepted = controller.post(f"{url}accept-exception/", {"comment": "Credit note to follow"})
    assert accepted.json()["status"] == "matched"
    assert client_as("procurement").post(f"{url}void/", {"comment": "x"}).status_code == 403
    voided = controller.post(f"{url}void/", {"comment": "Re-issued by the plant"})
    assert voided.json()["status"] == "void"
