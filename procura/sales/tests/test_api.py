"""The order-to-cash API through the real URLs, authentication and roles."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.audit.models import AuditEvent
from procura.inventory.models import StockLevel
from procura.notifications.models import NotificationLog
from procura.sales import errors
from procura.sales.models import SalesOrder
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.portal import customer_portal_link
from procura.sales.tests.factories import make_order, make_sales_customer

pytestmark = pytest.mark.django_db
ORDERS = "/api/v1/sales-orders/"


def _order_body(world, quantity="3", **extra):
    return {
        "customer": world.customer.pk,
        "location": world.location.pk,
        "lines": [{"product": str(world.product.pk), "quantity": quantity}],
        **extra,
    }


def test_the_whole_loop_through_the_api(world, client_as, django_capture_on_commit_callbacks):
    sales, warehouse, finance = client_as("sales"), client_as("warehouse"), client_as("finance")
    with django_capture_on_commit_callbacks(execute=True):
        # order -> confirm
        order = sales.post(ORDERS, _order_body(world, "10"), format="json").json()
        assert sales.post(f"{ORDERS}{order['id']}/confirm/", {}, format="json").status_code == 200
        # ship: stock falls
        shipped = warehouse.post(
            f"{ORDERS}{order['id']}/ship/", {"tracking_number": "1Z999"}, format="json"
        )
        assert shipped.status_code == 201
        level = StockLevel.objects.get(product=world.product, location=world.location)
        assert (level.on_hand, level.reserved) == (D("90"), D("0"))
        # deliver -> invoice
        assert (
            warehouse.post(
                f"/api/v1/shipments/{shipped.json()['id']}/deliver/", {}, format="json"
            ).status_code
            == 200
        )
        invoice = finance.post(
            "/api/v1/customer-invoices/", {"order": order["id"]}, format="json"
        ).json()
        assert invoice["total"] == "108.25"
        # partial payment, then the rest
        first = finance.post(
            "/api/v1/customer-payments/",
            {
                "customer": world.customer.pk,
                "amount": "50.00",
                "method": "ach",
                "allocations": [{"invoice": invoice["id"], "amount": "50.00"}],
            },
            format="json",
        )
        assert first.status_code == 201
        assert (
            finance.get(f"/api/v1/customer-invoices/{invoice['id']}/").json()["status"]
            == "partially_paid"
        )
        second = finance.post(
            "/api/v1/customer-payments/",
            {"customer": world.customer.pk, "amount": "58.25", "method": "wire"},
            format="json",
        )
        assert second.status_code == 201
    detail = sales.get(f"{ORDERS}{order['id']}/").json()
    assert detail["status"] == "paid"
    assert [h["to_status"] for h in detail["history"]] == [
        "draft",
        "confirmed",
        "shipped",
        "delivered",
        "invoiced",
        "paid",
    ]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "sales_order.created",
        "sales_order.confirmed",
        "stock.reserved",
        "stock.issued",
        "shipment.created",
        "shipment.delivered",
        "customer_invoice.issued",
        "customer_payment.received",
        "customer_invoice.payment_applied",
        "sales_order.paid",
    } <= actions
    sent = set(NotificationLog.objects.filter(status="sent").values_list("channel", "template"))
    assert sent == {
        (channel, f"sales/{template}")
        for channel in ("email", "sms")
        for template in ("order_confirmed", "order_shipped", "invoice_issued")
    }
    history = sales.get(f"{ORDERS}{order['id']}/history/").json()
    assert history["count"] >= 6


def test_invoice_email_carries_the_pdf(
    world, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "1")]
        ),
        by=None,
    )
    client_as("warehouse").post(f"{ORDERS}{order.pk}/ship/", {}, format="json")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invoice = (
            client_as("finance")
            .post("/api/v1/customer-invoices/", {"order": order.pk}, format="json")
            .json()
        )
    (mail,) = mailoutbox
    assert mail.attachments[0][0] == f"{invoice['number']}.pdf"
    assert mail.attachments[0][1].startswith(b"%PDF")


def test_confirm_short_stock_is_409_with_short_lines(world, client_as):
    sales = client_as("sales")
    order = sales.post(ORDERS, _order_body(world, "500"), format="json").json()
    response = sales.post(f"{ORDERS}{order['id']}/confirm/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["short_lines"][0]["available"] == "100.000"


def test_credit_override_by_finance_through_the_api(world, client_as):
    world.customer.credit_limit = D("10.00")
    world.customer.save()
    order = client_as("sales").post(ORDERS, _order_body(world, "3"), format="json").json()
    refused = client_as("sales").post(f"{ORDERS}{order['id']}/confirm/", {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["credit_limit"] == "10.00"
    overridden = client_as("finance").post(
        f"{ORDERS}{order['id']}/confirm/",
        {"override_credit": True, "comment": "Prepaid"},
        format="json",
    )
    assert overridden.status_code == 200
    assert overridden.json()["credit_override_comment"] == "Prepaid"


def test_pdfs(world, client_as):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "1")]
        ),
        by=None,
    )
    shipment = client_as("warehouse").post(f"{ORDERS}{order.pk}/ship/", {}, format="json").json()
    slip = client_as("warehouse").get(f"/api/v1/shipments/{shipment['id']}/packing-slip/")
    assert slip.status_code == 200
    assert slip["Content-Type"] == "application/pdf"
    assert slip.content.startswith(b"%PDF")
    invoice = (
        client_as("finance")
        .post("/api/v1/customer-invoices/", {"order": order.pk}, format="json")
        .json()
    )
    pdf = client_as("finance").get(f"/api/v1/customer-invoices/{invoice['id']}/pdf/")
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("role", "status"),
    [("sales", 201), ("customer", 403), ("warehouse", 403), ("finance", 403), ("auditor", 403)],
)
def test_who_may_create_orders(world, client_as, role, status):
    response = client_as(role).post(ORDERS, _order_body(world), format="json")
    assert response.status_code == status


def test_only_warehouse_ships_and_only_finance_invoices(world, client_as):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "1")]
        ),
        by=None,
    )
    assert (
        client_as("sales").post(f"{ORDERS}{order.pk}/ship/", {}, format="json").status_code == 403
    )
    assert (
        client_as("warehouse").post(f"{ORDERS}{order.pk}/ship/", {}, format="json").status_code
        == 201
    )
    assert (
        client_as("sales")
        .post("/api/v1/customer-invoices/", {"order": order.pk}, format="json")
        .status_code
        == 403
    )
    assert client_as("auditor").get(ORDERS).status_code == 200
    assert (
        client_as("auditor").post(f"{ORDERS}{order.pk}/cancel/", {}, format="json").status_code
        == 403
    )


# --- idempotency --------------------------------------------------------------------------------


def test_same_key_and_body_returns_the_first_response_and_creates_nothing(world, client_as):
    sales = client_as("sales")
    first = sales.post(ORDERS, _order_body(world), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = sales.post(ORDERS, _order_body(world), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert SalesOrder.objects.count() == 1


def test_same_key_with_another_body_is_422(world, client_as):
    sales = client_as("sales")
    sales.post(ORDERS, _order_body(world), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    other = sales.post(ORDERS, _order_body(world, "4"), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert SalesOrder.objects.count() == 1


def test_a_failed_request_does_not_burn_its_key(world, client_as):
    sales = client_as("sales")
    body = _order_body(world)
    world.customer.is_active = False
    world.customer.save()
    assert sales.post(ORDERS, body, format="json", HTTP_IDEMPOTENCY_KEY="k-3").status_code == 400
    world.customer.is_active = True
    world.customer.save()
    assert sales.post(ORDERS, body, format="json", HTTP_IDEMPOTENCY_KEY="k-3").status_code == 201


# --- customer portal ----------------------------------------------------------------------------


def test_portal_customer_sees_and_places_only_their_own_orders(world, client_as):
    other = make_sales_customer()
    make_order(customer=other, location=world.location, lines=[(world.product, "1")])
    mine = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "1")]
    )
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=world.customer, by=None)
    # lists and details
    listed = portal.get(ORDERS).json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    assert portal.get(f"{ORDERS}{mine.pk + 0}/").status_code == 200
    other_order = SalesOrder.objects.get(customer=other)
    assert portal.get(f"{ORDERS}{other_order.pk}/").status_code == 404
    # placing: always for their own account, shipped from where the server chooses
    body = _order_body(world)
    del body["customer"], body["location"]
    placed = portal.post(ORDERS, body, format="json")
    assert placed.status_code == 201
    assert placed.json()["customer"] == world.customer.pk
    foreign = portal.post(ORDERS, {**body, "customer": other.pk}, format="json")
    assert foreign.status_code == 403
    # no confirming, no payments list, own balance only
    assert portal.post(f"{ORDERS}{mine.pk}/confirm/", {}, format="json").status_code == 403
    assert portal.get("/api/v1/customer-payments/").status_code == 403
    assert portal.get("/api/v1/shipments/").status_code == 403
    assert portal.get("/api/v1/notification-logs/").status_code == 403
    assert portal.get("/api/v1/receivables/balances/").status_code == 200
    assert portal.get("/api/v1/products/").status_code == 200


def test_portal_customer_changes_their_draft_as_the_portal_form_sends_it(world, client_as):
    """The portal's edit form: the version read as If-Match, kept lines with their discount as
    it stands; a second save on the old version is 412 problem+json and changes nothing."""
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "1")]
    )
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=world.customer, by=None)
    url = f"{ORDERS}{order.pk}/"
    read = portal.get(url)
    line = read.json()["lines"][0]
    actions = {a["action"]: a["allowed"] for a in read.json()["available_actions"]}
    assert actions["sales_order.update"] is True
    body = {
        "requested_date": None,
        "customer_reference": "PO-7781",
        "notes": "",
        "lines": [
            {
                "id": line["id"],
                "product": line["product"],
                "quantity": "4",
                "discount_percent": line["discount_percent"],
                "description": line["description"],
            }
        ],
    }
    changed = portal.patch(url, body, format="json", HTTP_IF_MATCH=read["ETag"])
    assert changed.status_code == 200, changed.json()
    assert changed.json()["lines"][0]["quantity"] == "4.000"
    assert changed["ETag"] != read["ETag"]
    assert portal.get(url)["ETag"] == changed["ETag"]
    # a save from a screen opened before that change
    stale = portal.patch(
        url, {**body, "customer_reference": "late"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )
    assert stale.status_code == 412
    assert stale["Content-Type"].startswith("application/problem+json")
    assert stale.json()["code"] == "stale"
    order.refresh_from_db()
    assert order.customer_reference == "PO-7781"
    # once confirmed, the customer may no longer change it
    sales_order_confirm(order=order, by=None)
    confirmed = portal.get(url)
    actions = {a["action"]: a["allowed"] for a in confirmed.json()["available_actions"]}
    assert actions.get("sales_order.update") is not True
    refused = portal.patch(url, body, format="json", HTTP_IF_MATCH=confirmed["ETag"])
    assert refused.status_code == 409


def test_unlinked_customer_user_sees_nothing(world, client_as):
    make_order(customer=world.customer, location=world.location, lines=[(world.product, "1")])
    portal = client_as("customer")
    assert portal.get(ORDERS).json()["count"] == 0
    body = _order_body(world)
    assert portal.post(ORDERS, body, format="json").status_code == 403


# --- lists keep a constant number of queries ----------------------------------------------------


def _count(client, url):
    client.get(url)  # warm per-user caches (roles)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _orders_shipped_invoiced(world, n):
    from procura.sales.services.invoices import customer_invoice_create
    from procura.sales.services.payments import customer_payment_create
    from procura.sales.services.shipments import shipment_create

    for _ in range(n):
        order = sales_order_confirm(
            order=make_order(
                customer=world.customer,
                location=world.location,
                lines=[(world.product, "1"), (world.product, "1")],
            ),
            by=None,
        )
        shipment_create(order=order, by=None)
        invoice = customer_invoice_create(order=order, by=None)
        customer_payment_create(
            customer=world.customer,
            amount=D("5"),
            method="ach",
            by=None,
            allocations=[{"invoice": invoice, "amount": D("5")}],
        )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sales-orders/",
        "/api/v1/shipments/",
        "/api/v1/customer-invoices/",
        "/api/v1/customer-payments/",
        "/api/v1/receivables/balances/",
        "/api/v1/receivables/aging/",
        "/api/v1/customer-portal-users/",
        "/api/v1/notification-logs/",
    ],
)
def test_list_query_count_does_not_grow(world, client_as, url):
    admin = client_as("admin")
    _orders_shipped_invoiced(world, 2)
    few = _count(admin, url)
    _orders_shipped_invoiced(world, 4)
    assert _count(admin, url) == few


# --- editing a draft ----------------------------------------------------------------------------


def test_editing_a_draft_keeps_snapshots_of_kept_lines_and_prices_new_ones_now(world, client_as):
    from procura.catalog.services.products import product_update

    sales = client_as("sales")
    created = sales.post(ORDERS, _order_body(world, "2"), format="json")
    order, etag = created.json(), created["ETag"]
    product_update(product=world.product, data={"list_price": D("12.00")}, by=None)
    kept = order["lines"][0]
    # when the kept line changes quantity and a new line of the same product is added
    response = sales.patch(
        f"{ORDERS}{order['id']}/",
        {
            "notes": "Deliver before 6am",
            "lines": [
                {"id": kept["id"], "product": kept["product"], "quantity": "3"},
                {"product": str(world.product.pk), "quantity": "1"},
            ],
        },
        format="json",
        HTTP_IF_MATCH=etag,
    )
    # then
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [(line["line_no"], line["unit_price"], line["quantity"]) for line in body["lines"]] == [
        (1, "10.0000", "3.000"),
        (2, "12.0000", "1.000"),
    ]
    assert body["subtotal"] == "42.00"
    assert body["notes"] == "Deliver before 6am"
    # and the old ETag is now stale
    stale = sales.patch(
        f"{ORDERS}{order['id']}/", {"notes": "x"}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412


def test_a_confirmed_order_cannot_be_edited(world, client_as):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "1")]
        ),
        by=None,
    )
    response = client_as("sales").patch(f"{ORDERS}{order.pk}/", {"notes": "late"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_transition"


# --- the portal customer's own fields and view --------------------------------------------------


def _portal(world, client_as):
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=world.customer, by=None)
    return portal


@pytest.mark.parametrize(
    ("extra", "refused"),
    [
        ({"discount_percent": "95.00"}, "discount_percent"),
        ({"shipping_charge": "0.01"}, "shipping_charge"),
        ({"allow_backorder": True}, "allow_backorder"),
    ],
)
def test_portal_customer_cannot_set_price_or_fulfilment_fields(world, client_as, extra, refused):
    portal = _portal(world, client_as)
    mine = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "1")]
    )
    body = _order_body(world)
    del body["customer"], body["location"]
    before = portal.get(f"{ORDERS}{mine.pk}/").json()

    created = portal.post(ORDERS, {**body, **extra}, format="json")
    patched = portal.patch(f"{ORDERS}{mine.pk}/", extra, format="json")
    line_discount = portal.post(
        ORDERS,
        {**body, "lines": [{**body["lines"][0], "discount_percent": "50"}]},
        format="json",
    )

    assert created.status_code == 403, created.content
    assert created.json()["errors"] == {refused: [errors.STAFF_ONLY_FIELD]}
    assert patched.status_code == 403
    assert line_discount.status_code == 403
    assert "lines[0].discount_percent" in line_discount.json()["errors"]
    assert SalesOrder.objects.filter(customer=world.customer).count() == 1
    assert portal.get(f"{ORDERS}{mine.pk}/").json()["total"] == before["total"]


def test_portal_customer_still_orders_and_edits_their_own_fields(world, client_as):
    portal = _portal(world, client_as)
    # The web app's form sends the staff fields at their defaults: that changes nothing.
    body = _order_body(
        world,
        customer_reference="PO-77",
        notes="Dock 3",
        discount_percent="0",
        shipping_charge="0",
        allow_backorder=False,
    )
    del body["customer"], body["location"]
    body["lines"][0]["discount_percent"] = "0"

    placed = portal.post(ORDERS, body, format="json")
    edited = portal.patch(
        f"{ORDERS}{placed.json()['id']}/",
        {"customer_reference": "PO-78", "lines": [{"product": world.product.pk, "quantity": "2"}]},
        format="json",
    )

    assert placed.status_code == 201, placed.content
    assert edited.status_code == 200, edited.content
    assert edited.json()["customer_reference"] == "PO-78"


def test_sales_staff_still_set_discounts(world, client_as):
    placed = client_as("sales").post(
        ORDERS, _order_body(world, discount_percent="5.00", shipping_charge="12.00"), format="json"
    )
    assert placed.status_code == 201, placed.content
    assert placed.json()["discount_percent"] == "5.00"


def test_portal_customer_sees_a_status_timeline_not_the_audit_trail(world, client_as):
    portal = _portal(world, client_as)
    mine = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "1")]
    )
    sales_order_confirm(order=mine, by=client_as("sales").user)

    detail = portal.get(f"{ORDERS}{mine.pk}/").json()
    history = portal.get(f"{ORDERS}{mine.pk}/history/")
    staff_detail = client_as("sales").get(f"{ORDERS}{mine.pk}/").json()

    assert history.status_code == 403
    assert [step["to_status"] for step in detail["history"]][-1] == "confirmed"
    assert all(set(step) == {"from_status", "to_status", "at"} for step in detail["history"])
    assert "credit_override_comment" not in detail
    assert "by_email" in staff_detail["history"][-1]
