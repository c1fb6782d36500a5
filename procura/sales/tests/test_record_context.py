"""The sales order page: the documents that followed the order, its workflow with the next
step and who takes it, and the reader's actions with the reason a refused one is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.portal import customer_portal_link
from procura.sales.tests.factories import make_order

ORDERS = "/api/v1/sales-orders/"


def by_action(body):
    return {a["action"]: a for a in body["available_actions"]}


@pytest.mark.django_db
def test_order_shows_shipments_invoices_and_payments_and_the_next_step(world, client_as):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "2")]
        ),
        by=None,
    )
    sales = client_as("sales")
    body = sales.get(f"{ORDERS}{order.pk}/").json()
    assert body["workflow"]["next"]["who"] == "the warehouse"
    assert body["workflow"]["next"]["mine"] is False
    ship = by_action(body)["sales_order.ship"]
    assert (ship["allowed"], ship["reason"]) == (False, "role")
    warehouse = client_as("warehouse")
    assert by_action(warehouse.get(f"{ORDERS}{order.pk}/").json())["sales_order.ship"]["allowed"]

    shipment = warehouse.post(f"{ORDERS}{order.pk}/ship/", {}, format="json").json()
    finance = client_as("finance")
    after_ship = finance.get(f"{ORDERS}{order.pk}/").json()
    assert after_ship["workflow"]["next"]["label"] == "Invoice the shipped goods"
    assert after_ship["workflow"]["next"]["mine"] is True
    invoice = finance.post("/api/v1/customer-invoices/", {"order": order.pk}, format="json").json()
    payment = finance.post(
        "/api/v1/customer-payments/",
        {"customer": world.customer.pk, "amount": "5.00", "method": "ach", "reference": "W-1"},
        format="json",
    ).json()

    body = finance.get(f"{ORDERS}{order.pk}/").json()
    assert [(d["kind"], d["number"]) for d in body["related_documents"]] == [
        ("shipment", shipment["number"]),
        ("customer_invoice", invoice["number"]),
        ("customer_payment", payment["number"]),
    ]
    assert body["related_documents"][2]["amount"] == "5.00"
    steps = {s["status"]: s["state"] for s in body["workflow"]["steps"]}
    assert steps["draft"] == steps["confirmed"] == steps["shipped"] == "done"
    assert steps["invoiced"] == "current"
    assert body["workflow"]["next"]["label"] == "Collect the payment"
    # Nothing is left to ship: the button would be refused by state.
    assert by_action(body)["sales_order.cancel"]["reason"] == "role"
    assert (
        by_action(client_as("warehouse").get(f"{ORDERS}{order.pk}/").json())["sales_order.ship"][
            "reason"
        ]
        == "state"
    )


@pytest.mark.django_db
def test_portal_users_and_statements_carry_names_not_ids(world, client_as, make_user):
    portal = make_user("customer", full_name="Pat Portal")
    customer_portal_link(user=portal, customer=world.customer, by=None)
    body = client_as("sales").get("/api/v1/customer-portal-users/").json()
    (row,) = body["results"]
    assert row["user_name"] == "Pat Portal"
    assert row["customer_name"] == world.customer.name
    statement = client_as("finance").get(
        f"/api/v1/receivables/statement/?customer={world.customer.pk}"
    )
    assert statement.json()["customer_name"] == world.customer.name


INVOICES = "/api/v1/customer-invoices/"


def _invoiced_order(world, client_as):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "2")]
        ),
        by=None,
    )
    shipment = client_as("warehouse").post(f"{ORDERS}{order.pk}/ship/", {}, format="json").json()
    finance = client_as("finance")
    invoice = finance.post(INVOICES, {"order": order.pk}, format="json").json()
    return order, shipment, finance, invoice


@pytest.mark.django_db
def test_invoice_page_links_order_shipments_credit_notes_and_payments_with_the_next_step(
    world, client_as, django_assert_max_num_queries
):
    order, shipment, finance, invoice = _invoiced_order(world, client_as)
    body = finance.get(f"{INVOICES}{invoice['id']}/").json()
    assert body["workflow"]["next"]["label"].startswith("Collect the payment (due ")
    assert (body["workflow"]["next"]["who"], body["workflow"]["next"]["mine"]) == (
        "finance",
        True,
    )
    assert [s["state"] for s in body["workflow"]["steps"]] == ["current", "upcoming", "upcoming"]
    assert by_action(body)["customer_payment.create"]["allowed"] is True
    assert by_action(body)["credit_note.create"]["allowed"] is True
    # Sales reads the invoice but neither records payments nor credits: refused by role.
    as_sales = by_action(client_as("sales").get(f"{INVOICES}{invoice['id']}/").json())
    assert as_sales["customer_payment.create"]["reason"] == "role"

    line = finance.get(f"{INVOICES}{invoice['id']}/").json()["lines"][0]
    note = finance.post(
        "/api/v1/credit-notes/",
        {
            "invoice": invoice["id"],
            "reason": "damaged",
            "lines": [{"invoice_line": line["id"], "quantity": "1"}],
        },
        format="json",
    ).json()
    for amount in ("1.00", "2.00"):
        finance.post(
            "/api/v1/customer-payments/",
            {
                "customer": world.customer.pk,
                "amount": amount,
                "method": "ach",
                "reference": f"W-{amount}",
                "allocations": [{"invoice": invoice["id"], "amount": amount}],
            },
            format="json",
        )

    body = finance.get(f"{INVOICES}{invoice['id']}/").json()
    kinds = [(d["kind"], d["number"]) for d in body["related_documents"]]
    assert kinds[:3] == [
        ("sales_order", order.number),
        ("shipment", shipment["number"]),
        ("credit_note", note["number"]),
    ]
    # The credit note's own settlement is listed as the credit note, not again as a payment.
    assert [(d["kind"], d["amount"]) for d in body["related_documents"][3:]] == [
        ("customer_payment", "1.00"),
        ("customer_payment", "2.00"),
    ]
    assert body["status"] == "partially_paid"
    assert [s["state"] for s in body["workflow"]["steps"]] == ["done", "current", "upcoming"]

    # The page costs the same queries however many payments the invoice has.
    finance.post(
        "/api/v1/customer-payments/",
        {
            "customer": world.customer.pk,
            "amount": "1.00",
            "method": "ach",
            "reference": "W-3",
            "allocations": [{"invoice": invoice["id"], "amount": "1.00"}],
        },
        format="json",
    )
    with django_assert_max_num_queries(30) as captured:
        finance.get(f"{INVOICES}{invoice['id']}/")
    baseline = len(captured)
    for index in range(3):
        finance.post(
            "/api/v1/customer-payments/",
            {
                "customer": world.customer.pk,
                "amount": "0.50",
                "method": "ach",
                "reference": f"X-{index}",
                "allocations": [{"invoice": invoice["id"], "amount": "0.50"}],
            },
            format="json",
        )
    with django_assert_max_num_queries(baseline):
        finance.get(f"{INVOICES}{invoice['id']}/")


@pytest.mark.django_db
def test_paid_invoice_has_no_next_step_and_refuses_payment_by_state(world, client_as):
    _, _, finance, invoice = _invoiced_order(world, client_as)
    finance.post(
        "/api/v1/customer-payments/",
        {
            "customer": world.customer.pk,
            "amount": invoice["total"],
            "method": "ach",
            "reference": "FULL",
            "allocations": [{"invoice": invoice["id"], "amount": invoice["total"]}],
        },
        format="json",
    )
    body = finance.get(f"{INVOICES}{invoice['id']}/").json()
    assert body["status"] == "paid"
    assert body["workflow"]["next"] is None
    assert [s["state"] for s in body["workflow"]["steps"]] == ["done", "done", "current"]
    assert by_action(body)["customer_payment.create"]["reason"] == "state"


@pytest.mark.django_db
def test_portal_customer_reads_own_invoice_with_the_order_they_may_open(
    world, client_as, make_user
):
    order, _, _, invoice = _invoiced_order(world, client_as)
    portal = make_user("customer")
    customer_portal_link(user=portal, customer=world.customer, by=None)
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(portal)
    body = client.get(f"{INVOICES}{invoice['id']}/").json()
    readable = {d["kind"]: d["readable"] for d in body["related_documents"]}
    assert readable["sales_order"] is True
    assert readable["shipment"] is False
    assert by_action(body)["credit_note.create"]["reason"] == "role"
    assert body["workflow"]["next"]["mine"] is False


@pytest.mark.django_db
def test_invoice_list_rows_carry_no_record_context(world, client_as):
    _, _, finance, _ = _invoiced_order(world, client_as)
    (row,) = finance.get(INVOICES).json()["results"]
    assert "available_actions" not in row
    assert "workflow" not in row


@pytest.mark.django_db
def test_invoice_and_its_debit_note_link_to_each_other(world, client_as):
    _, _, finance, invoice = _invoiced_order(world, client_as)
    line = invoice["lines"][0]
    raised = str(Decimal(line["unit_price"]) + Decimal("1"))
    response = finance.post(
        f"{INVOICES}{invoice['id']}/price-corrections/",
        {
            "reason_text": "Contract price",
            "lines": [{"invoice_line": line["id"], "unit_price": raised}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    debit = response.json()
    assert debit["document_type"] == "debit_note"

    body = finance.get(f"{INVOICES}{invoice['id']}/").json()
    assert ("customer_invoice", debit["number"]) in [
        (d["kind"], d["number"]) for d in body["related_documents"]
    ]
    note = finance.get(f"{INVOICES}{debit['id']}/").json()
    assert ("customer_invoice", invoice["number"]) in [
        (d["kind"], d["number"]) for d in note["related_documents"]
    ]
    assert note["workflow"]["next"]["action"] == "customer_payment.create"
