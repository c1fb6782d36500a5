"""GET /api/v1/reports/work-queue/: each person's work, by their roles and object rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.catalog.tests.factories import make_product, make_tax_category
from procura.procurement.services.invoices import supplier_invoice_create, supplier_invoice_match
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import (
    make_order,
    make_org,
    make_person,
    order_line,
    submitted_request,
)
from procura.sales.services.portal import customer_portal_link
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)
from procura.sales.tests.factories import make_order as make_sales_order

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/work-queue/"


def _sections(client):
    response = client.get(URL)
    assert response.status_code == 200, response.content
    return {section["key"]: section for section in response.json()["sections"]}


def test_an_approver_sees_the_request_waiting_for_them_with_its_number_and_amount(client_as):
    org = make_org()
    request = submitted_request(org.requester, total="750.00")

    mine = _sections(client_as(user=org.manager))["approvals"]

    assert mine["count"] == 1
    (row,) = mine["items"]
    assert row["number"] == request.number
    assert row["kind"] == "purchase_request"
    assert row["party"] == org.requester.full_name
    assert (row["amount"], row["currency"]) == ("750.00", "USD")
    assert row["age_days"] == 0
    # the requester follows it in their own list; an unrelated approver has nothing
    assert _sections(client_as(user=org.requester))["my_requests"]["items"][0]["number"] == (
        request.number
    )
    assert _sections(client_as("approver"))["approvals"]["count"] == 0


def _matched_invoice(clerk, buyer):
    order = make_order(buyer, lines=[order_line(make_product(), "10", "4.25")])
    goods_receipt_post(
        order=order,
        by=buyer,
        lines=[{"order_line": order.lines.get(), "quantity_received": Decimal("10")}],
    )
    invoice = supplier_invoice_create(
        by=clerk,
        supplier=order.supplier,
        invoice_number="INV-77",
        invoice_date=date(2026, 3, 1),
        subtotal=Decimal("42.50"),
        tax=Decimal(0),
        total=Decimal("42.50"),
        lines=[
            {
                "order_line": order.lines.get(),
                "quantity": Decimal("10"),
                "unit_price": Decimal("4.25"),
            }
        ],
    )
    supplier_invoice_match(invoice=invoice, by=clerk)
    return invoice


def test_a_finance_user_is_not_offered_what_they_entered_but_a_colleague_is(client_as):
    clerk, controller = make_person("finance"), make_person("finance")
    invoice = _matched_invoice(clerk, make_person("procurement"))

    own = _sections(client_as(user=clerk))["invoices_to_approve"]
    colleague = _sections(client_as(user=controller))["invoices_to_approve"]

    assert own["count"] == 0
    assert own["items"] == []
    assert own["note"] == "1 you entered wait for a colleague to approve."
    assert colleague["count"] == 1
    assert colleague["note"] == ""
    assert colleague["items"][0]["number"] == invoice.invoice_number
    assert colleague["items"][0]["title"] == invoice.supplier.name
    assert colleague["items"][0]["amount"] == "42.50"


def test_what_a_person_entered_is_counted_apart_from_the_list_they_work(client_as):
    clerk, controller = make_person("finance"), make_person("finance")
    buyer = make_person("procurement")
    theirs = [_matched_invoice(controller, buyer) for _ in range(2)]
    mine = [_matched_invoice(clerk, buyer) for _ in range(6)]

    to_approve = _sections(client_as(user=clerk))["invoices_to_approve"]

    assert to_approve["count"] == 2
    assert {item["id"] for item in to_approve["items"]} == {str(invoice.pk) for invoice in theirs}
    assert to_approve["note"] == f"{len(mine)} you entered wait for a colleague to approve."


def test_lists_by_role_and_portal_scope(client_as):
    location = make_location()
    tax_category = make_tax_category()
    make_tax_rate(tax_category, "US-TX", "8.25")
    product = make_stocked_product(location, tax_category=tax_category)
    mine, other = make_sales_customer(), make_sales_customer()
    order = make_sales_order(customer=mine, location=location, lines=[(product, "2")])
    make_sales_order(customer=other, location=location, lines=[(product, "1")])
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=mine, by=None)

    portal_lists = _sections(portal)
    sales_lists = _sections(client_as("sales"))

    assert set(portal_lists) == {"portal_orders", "overdue_receivables"}
    assert [i["number"] for i in portal_lists["portal_orders"]["items"]] == [order.number]
    assert sales_lists["orders_to_confirm"]["count"] == 2
    assert "invoices_to_approve" not in sales_lists
    assert "orders_to_ship" in _sections(client_as("warehouse"))


def _queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200, response.content
    return len(queries), response.json()["sections"]


def test_each_list_costs_one_query_however_much_waits(client_as):
    org = make_org()
    clerk = make_person("finance")
    submitted_request(org.requester)
    admin = client_as("admin")
    _queue_queries(admin)  # the test client's user keeps its roles once read, as a request does
    # What the request itself costs (authentication, permission): an endpoint with no lists.
    with CaptureQueriesContext(connection) as baseline:
        assert admin.get("/api/v1/inbox/unread-count/").status_code == 200
    first, sections = _queue_queries(admin)
    for _ in range(4):
        submitted_request(org.requester)
    _matched_invoice(clerk, make_person("procurement"))
    _matched_invoice(admin.user, make_person("procurement"))
    second, sections = _queue_queries(admin)

    assert second == first
    assert len(sections) >= 8
    # one query a list, plus the request's own, however much waits
    assert second <= len(sections) + len(baseline)
    by_key = {section["key"]: section for section in sections}
    assert by_key["invoices_to_approve"]["count"] == 1
    assert by_key["invoices_to_approve"]["note"] == "1 you entered wait for a colleague to approve."


def test_invoices_in_exception_come_before_drafts_to_review(client_as):
    clerk, buyer = make_person("finance"), make_person("procurement")
    order = make_order(buyer, lines=[order_line(make_product(), "10", "4.25")])
    line = order.lines.get()
    goods_receipt_post(
        order=order, by=buyer, lines=[{"order_line": line, "quantity_received": Decimal(10)}]
    )

    def enter(number, invoice_date, unit_price):
        total = Decimal(10) * Decimal(unit_price)
        return supplier_invoice_create(
            by=clerk,
            supplier=order.supplier,
            invoice_number=number,
            invoice_date=invoice_date,
            subtotal=total,
            tax=Decimal(0),
            total=total,
            lines=[
                {"order_line": line, "quantity": Decimal(10), "unit_price": Decimal(unit_price)}
            ],
        )

    enter("DRAFT-EARLY", date(2026, 1, 2), "4.25")
    disputed = enter("OVER-PRICE", date(2026, 3, 1), "5.00")
    supplier_invoice_match(invoice=disputed, by=clerk)

    items = _sections(client_as(user=make_person("finance")))["invoices_to_review"]["items"]

    assert [item["number"] for item in items] == ["OVER-PRICE", "DRAFT-EARLY"]
