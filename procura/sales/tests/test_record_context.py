"""The sales order page: the documents that followed the order, its workflow with the next
step and who takes it, and the reader's actions with the reason a refused one is refused."""

from __future__ import annotations

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
