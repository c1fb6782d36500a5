"""What the record pages show around a record: the reader's actions with the reason when they
are refused, the linked documents, the workflow with its next step, and the per-line match."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.catalog.tests.factories import make_product
from procura.procurement.models import SupplierInvoiceStatus
from procura.procurement.services.invoices import (
    supplier_invoice_accept_exception,
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
    supplier_payment_create,
)
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tests.factories import (
    make_order,
    make_person,
    order_line,
    submitted_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "buyer": make_person("procurement", full_name="Bo Buyer"),
        "clerk": make_person("finance", full_name="Fran Clerk"),
        "controller": make_person("finance", full_name="Cy Controller"),
        "treasurer": make_person("finance", full_name="Tess Treasurer"),
    }


def received(people, *lines):
    order = make_order(people["buyer"], lines=list(lines))
    goods_receipt_post(
        order=order,
        by=people["buyer"],
        lines=[
            {"order_line": line, "quantity_received": line.quantity}
            for line in order.lines.order_by("line_no")
        ],
    )
    return order


def enter(people, order, prices, number="INV-881"):
    lines = [
        {"order_line": line, "quantity": line.quantity, "unit_price": Decimal(price)}
        for line, price in zip(order.lines.order_by("line_no"), prices, strict=True)
    ]
    amount = sum((line["quantity"] * line["unit_price"] for line in lines), Decimal(0)).quantize(
        Decimal("0.01")
    )
    return supplier_invoice_create(
        by=people["clerk"],
        supplier=order.supplier,
        invoice_number=number,
        invoice_date=date(2026, 3, 1),
        subtotal=amount,
        tax=Decimal(0),
        total=amount,
        lines=cast(Any, lines),
    )


def by_action(body):
    return {a["action"]: a for a in body["available_actions"]}


def test_whoever_entered_the_invoice_sees_approve_disabled_with_the_reason(people, as_user):
    order = received(people, order_line(make_product(), "100", "4.25"))
    invoice = enter(people, order, ["4.25"])
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    url = f"/api/v1/supplier-invoices/{invoice.pk}/"

    mine = as_user(people["clerk"]).get(url).json()
    approve = by_action(mine)["supplier_invoice.approve"]
    assert approve["allowed"] is False
    assert approve["reason"] == "separation_of_duties"
    assert approve["detail"] == "You entered this invoice; someone else must approve it."
    assert mine["workflow"]["next"]["label"] == "Approve for payment"
    assert "Fran Clerk" in mine["workflow"]["next"]["who"]
    assert mine["workflow"]["next"]["mine"] is False
    assert mine["entered_by"]["full_name"] == "Fran Clerk"
    assert mine["purchase_order_number"] == order.number

    colleague = as_user(people["controller"]).get(url).json()
    assert by_action(colleague)["supplier_invoice.approve"] == {
        "action": "supplier_invoice.approve",
        "label": "Approve for payment",
        "allowed": True,
        "reason": None,
        "detail": "",
    }
    assert colleague["workflow"]["next"]["mine"] is True
    # Paying waits for the approval: refused by state, not by duty.
    assert by_action(colleague)["supplier_payment.create"]["reason"] == "state"
    # A buyer reads the invoice but holds none of its actions.
    buyer = as_user(people["buyer"]).get(url).json()
    assert {a["reason"] for a in buyer["available_actions"]} == {"role"}


def test_the_match_is_shown_per_line_with_variance_and_tolerance(people, as_user):
    order = received(
        people,
        order_line(make_product(), "100", "4.25"),
        order_line(make_product(), "10", "20.00"),
    )
    invoice = enter(people, order, ["4.50", "20.10"])
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    invoice.refresh_from_db()
    assert invoice.status == SupplierInvoiceStatus.EXCEPTION

    body = as_user(people["controller"]).get(f"/api/v1/supplier-invoices/{invoice.pk}/").json()
    first, second = body["match_lines"]
    assert first["ordered_quantity"] == "100.000"
    assert first["received_quantity"] == "100.000"
    assert first["invoiced_quantity"] == "100.000"
    assert first["ordered_price"] == "4.2500"
    assert first["invoiced_price"] == "4.5000"
    assert first["price_variance"] == "0.2500"
    # 2 % of 4.25 is 0.085: the 0.05 floor does not apply.
    assert first["price_tolerance"] == "0.0850"
    assert first["price_tolerance_rule"] == "2% of the order price"
    assert first["price_variance_amount"] == "25.00"
    assert first["quantity_variance"] == "0.000"
    assert first["ok"] is False
    assert [i["code"] for i in first["issues"]] == ["price_over_tolerance"]
    # 0.10 on 20.00 is within 2 % (0.40).
    assert second["ok"] is True
    assert second["price_tolerance"] == "0.4000"


def test_invoice_detail_queries_do_not_grow_with_its_lines(people, as_user):
    def queries_for(count, number):
        order = received(people, *[order_line(make_product(), "5", "3.00") for _ in range(count)])
        invoice = enter(people, order, ["3.00"] * count, number=number)
        client = as_user(people["controller"])
        client.get(f"/api/v1/supplier-invoices/{invoice.pk}/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/api/v1/supplier-invoices/{invoice.pk}/").status_code == 200
        return len(ctx.captured_queries)

    assert queries_for(6, "INV-6") == queries_for(1, "INV-1")


def test_order_links_its_request_receipts_invoices_and_payments(people, org, as_user):
    order = received(people, order_line(make_product(), "100", "4.25"))
    request = submitted_request(org.requester)
    order.requests.add(request)
    invoice = enter(people, order, ["4.25"])
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    supplier_invoice_approve(invoice=invoice, by=people["controller"])
    supplier_payment_create(
        invoice=invoice,
        by=people["treasurer"],
        amount=Decimal("100.00"),
        paid_on=date(2026, 3, 20),
        method="ach",
        reference="ACH-5521",
    )

    body = as_user(people["buyer"]).get(f"/api/v1/purchase-orders/{order.pk}/").json()
    chain = [(d["kind"], d["number"]) for d in body["related_documents"]]
    receipt = order.receipts.get()
    assert chain == [
        ("purchase_request", request.number),
        ("goods_receipt", receipt.number),
        ("supplier_invoice", "INV-881"),
        ("supplier_payment", "ACH-5521"),
    ]
    assert body["workflow"]["steps"][3] == {
        "status": "received",
        "label": "Received",
        "state": "current",
    }
    # Received and billed in full: what is left is closing the order, a buyer's step.
    assert body["workflow"]["next"] == {
        "label": "Close the order",
        "who": "a buyer",
        "action": "purchase_order.close",
        "mine": True,
    }
    close = by_action(body)["purchase_order.close"]
    assert close["allowed"] is True
    assert all(d["readable"] for d in body["related_documents"])
    # The warehouse reads the order but not the payables: those are listed, not linked.
    warehouse = as_user(make_person("warehouse")).get(f"/api/v1/purchase-orders/{order.pk}/")
    readable = {d["kind"]: d["readable"] for d in warehouse.json()["related_documents"]}
    assert readable == {
        "purchase_request": False,
        "goods_receipt": True,
        "supplier_invoice": False,
        "supplier_payment": False,
    }

    invoice_body = as_user(people["clerk"]).get(f"/api/v1/supplier-invoices/{invoice.pk}/").json()
    assert [d["kind"] for d in invoice_body["related_documents"]] == [
        "purchase_request",
        "purchase_order",
        "goods_receipt",
        "supplier_payment",
    ]
    request_body = as_user(org.requester).get(f"/api/v1/purchase-requests/{request.pk}/").json()
    assert request_body["related_documents"][0]["number"] == order.number


def test_the_requester_cannot_approve_their_own_request_and_is_told_why(org, as_user):
    request = submitted_request(org.requester)
    body = as_user(org.requester).get(f"/api/v1/purchase-requests/{request.pk}/").json()
    approve = by_action(body)["purchase_request.approve"]
    # Requesters hold no approval role: refused by role first.
    assert approve["reason"] == "role"
    assert body["workflow"]["next"]["label"] == "Approve step 1"
    assert body["workflow"]["next"]["who"] == org.manager.full_name
    assert body["workflow"]["next"]["mine"] is False

    manager = as_user(org.manager).get(f"/api/v1/purchase-requests/{request.pk}/").json()
    assert by_action(manager)["purchase_request.approve"]["allowed"] is True
    assert manager["workflow"]["next"]["mine"] is True
    head = as_user(org.head).get(f"/api/v1/purchase-requests/{request.pk}/").json()
    assert by_action(head)["purchase_request.approve"] == {
        "action": "purchase_request.approve",
        "label": "Approve",
        "allowed": False,
        "reason": "scope",
        "detail": "This step waits for another approver.",
    }


def test_an_approver_asking_for_something_is_refused_approval_by_separation_of_duties(org, as_user):
    request = submitted_request(org.manager)
    body = as_user(org.manager).get(f"/api/v1/purchase-requests/{request.pk}/").json()
    approve = by_action(body)["purchase_request.approve"]
    assert approve["reason"] == "separation_of_duties"
    assert approve["detail"] == "You asked for this; a colleague must approve it."


def test_me_names_the_object_rule_of_each_action(as_user):
    requester = make_person("requester")
    body = as_user(requester).get("/api/v1/auth/me/").json()
    assert body["permission_scopes"]["purchase_request.create"] == "own"
    assert body["permission_scopes"]["product.view"] == "all"
    assert "purchase_order.create" not in body["permission_scopes"]
    assert set(body["permission_scopes"]) == set(body["permissions"])


def test_the_four_payables_duties_show_disabled_for_whoever_did_another(people, as_user):
    order = received(people, order_line(make_product(), "100", "4.25"))
    invoice = enter(people, order, ["4.60"])  # over the order price: an exception
    supplier_invoice_match(invoice=invoice, by=people["clerk"])
    url = f"/api/v1/supplier-invoices/{invoice.pk}/"

    accept = by_action(as_user(people["clerk"]).get(url).json())[
        "supplier_invoice.accept_exception"
    ]
    assert accept["allowed"] is False
    assert accept["reason"] == "separation_of_duties"
    assert accept["detail"] == (
        "You entered this invoice; someone else must accept its match exception."
    )

    supplier_invoice_accept_exception(invoice=invoice, by=people["controller"], comment="Agreed")
    approve = by_action(as_user(people["controller"]).get(url).json())["supplier_invoice.approve"]
    assert approve["reason"] == "separation_of_duties"
    assert approve["detail"].startswith("You accepted the match exception of this invoice")

    supplier_invoice_approve(invoice=invoice, by=people["treasurer"])
    pay = by_action(as_user(people["treasurer"]).get(url).json())["supplier_payment.create"]
    assert pay["allowed"] is False
    assert pay["detail"] == "You approved this invoice; someone else must pay it."
    payer = make_person("finance")
    assert by_action(as_user(payer).get(url).json())["supplier_payment.create"]["allowed"] is True


def test_an_approver_picks_a_delegate_among_colleagues_who_may_approve(org, as_user):
    people = as_user(org.manager).get("/api/v1/delegations/candidates/").json()
    names = {p["full_name"] for p in people}
    assert org.head.full_name in names
    assert org.finance.full_name in names
    assert org.manager.full_name not in names  # not oneself
    assert org.requester.full_name not in names  # requesters approve nothing
    # Requesters hold no delegation to give.
    assert as_user(org.requester).get("/api/v1/delegations/candidates/").status_code == 403


def test_approval_rules_name_their_department_and_approvers(org, as_user):
    body = as_user(org.requester).get("/api/v1/approval-rules/").json()
    steps = [step for rule in body["results"] for step in rule["steps"]]
    assert steps
    assert all("user_name" in step for step in steps)
    assert all("department_name" in rule for rule in body["results"])
