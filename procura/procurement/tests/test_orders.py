"""Purchase orders and goods receipts, through their services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from procura.catalog.tests.factories import make_product
from procura.core.errors import Conflict, DomainError, InvalidInput
from procura.core.tests.redis_server import free_port
from procura.inventory.models import StockLevel
from procura.notifications.models import NotificationLog
from procura.notifications.tasks import deliver_notification_task
from procura.partners.tests.factories import make_supplier
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.models import PurchaseOrderStatus, PurchaseRequestStatus
from procura.procurement.notices import NO_PRIMARY_CONTACT
from procura.procurement.services.orders import (
    purchase_order_cancel,
    purchase_order_close,
    purchase_order_create,
    purchase_order_issue,
    purchase_order_update,
    purchase_orders_create_from_requests,
)
from procura.procurement.services.receipts import goods_receipt_post, goods_receipt_return
from procura.procurement.tests.factories import (
    approved_request,
    item,
    make_location,
    make_order,
    make_person,
    make_supplier_with_contact,
    order_line,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer():
    return make_person("procurement")


def on_hand(product, location) -> Decimal:
    level = StockLevel.objects.filter(product=product, location=location).first()
    return level.on_hand if level else Decimal(0)


def test_orders_from_requests_one_per_supplier(org, buyer):
    plant_a, plant_b = make_supplier_with_contact(), make_supplier_with_contact()
    ribeye, chuck = make_product(unit="lb"), make_product(unit="lb")
    first = approved_request(
        org,
        item("100", "9.50", product=ribeye, unit="lb", supplier=plant_a),
        item("50", "3.25", product=chuck, unit="lb", supplier=plant_b),
    )
    second = approved_request(org, item("20", "9.40", product=ribeye, unit="lb", supplier=plant_a))
    ship_to = make_location()

    orders = purchase_orders_create_from_requests(
        by=buyer, requests=[first, second], ship_to=ship_to
    )

    assert {o.supplier_id: o.total for o in orders} == {
        plant_a.pk: Decimal("1138.00"),
        plant_b.pk: Decimal("162.50"),
    }
    order_a = next(o for o in orders if o.supplier == plant_a)
    assert order_a.number.startswith("PO-")
    assert order_a.payment_terms_days == plant_a.payment_terms_days
    assert [(line.quantity, line.unit_price) for line in order_a.lines.all()] == [
        (Decimal("100.000"), Decimal("9.5000")),
        (Decimal("20.000"), Decimal("9.4000")),
    ]
    first.refresh_from_db()
    assert first.status == PurchaseRequestStatus.ORDERED
    with pytest.raises(Conflict):
        purchase_orders_create_from_requests(by=buyer, requests=[first], ship_to=ship_to)


def test_request_item_without_a_supplier_cannot_be_ordered(org, buyer):
    request = approved_request(org, item("1", "10"))
    with pytest.raises(DomainError) as exc:
        purchase_orders_create_from_requests(by=buyer, requests=[request], ship_to=make_location())
    assert exc.value.code == Code.SUPPLIER_MISSING


def test_supplier_on_hold_gets_no_orders(buyer):
    supplier = make_supplier(on_hold=True)
    with pytest.raises(DomainError) as exc:
        purchase_order_create(
            by=buyer, supplier=supplier, ship_to=make_location(), lines=[order_line()]
        )
    assert exc.value.code == Code.SUPPLIER_UNAVAILABLE


def test_product_line_defaults_and_unit_check(buyer):
    product = make_product(unit="kg", standard_cost=Decimal("7.10"))
    order = purchase_order_create(
        by=buyer,
        supplier=make_supplier_with_contact(),
        ship_to=make_location(),
        lines=[{"product": product, "quantity": Decimal("3")}],
    )
    line = order.lines.get()
    assert (line.description, line.unit, line.unit_price, line.line_total) == (
        product.name,
        "kg",
        Decimal("7.1000"),
        Decimal("21.30"),
    )
    with pytest.raises(InvalidInput):
        purchase_order_create(
            by=buyer,
            supplier=make_supplier_with_contact(),
            ship_to=make_location(),
            lines=[{"product": product, "quantity": Decimal("3"), "unit": "lb"}],
        )


def test_issue_mails_the_pdf_to_the_primary_contact(buyer, django_capture_on_commit_callbacks):
    supplier = make_supplier_with_contact()
    order = make_order(buyer, supplier=supplier, issue=False)
    with django_capture_on_commit_callbacks(execute=True):
        purchase_order_issue(order=order, by=buyer)

    order.refresh_from_db()
    assert order.status == PurchaseOrderStatus.ISSUED
    assert order.last_mailed_at is not None
    message = mail.outbox[-1]
    assert message.to == [f"orders@{supplier.code.lower()}.example.com"]
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == (f"{order.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    with pytest.raises(Conflict):
        purchase_order_issue(order=order, by=buyer)


def test_issue_without_a_primary_contact_records_the_problem(
    buyer, django_capture_on_commit_callbacks
):
    order = make_order(buyer, supplier=make_supplier(), issue=False)
    with django_capture_on_commit_callbacks(execute=True):
        purchase_order_issue(order=order, by=buyer)
    order.refresh_from_db()
    assert order.last_mail_error == NO_PRIMARY_CONTACT


def test_change_after_issue_is_a_revision_keeping_the_previous(
    buyer, django_capture_on_commit_callbacks
):
    order = make_order(buyer)
    line = order.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        purchase_order_update(
            order=order,
            by=buyer,
            reason="Plant short on ribeye",
            lines=[
                {
                    "id": line.pk,
                    "product": line.product,
                    "quantity": Decimal("80"),
                    "unit_price": line.unit_price,
                }
            ],
        )
    order.refresh_from_db()
    assert order.revision == 1
    assert order.total == Decimal("340.00")
    previous = order.revisions.get()
    assert (previous.revision, previous.snapshot["total"]) == (0, "425.00")
    assert previous.snapshot["lines"][0]["quantity"] == "100.000"
    assert "revision 1" in mail.outbox[-1].subject


def test_draft_change_is_not_a_revision(buyer):
    order = make_order(buyer, issue=False)
    purchase_order_update(order=order, by=buyer, notes="Deliver before 6am")
    order.refresh_from_db()
    assert (order.revision, order.revisions.count()) == (0, 0)


def test_partial_then_full_receipt_moves_stock_and_status(buyer):
    product = make_product(unit="lb")
    ship_to = make_location()
    order = make_order(buyer, ship_to=ship_to, lines=[order_line(product, "100", "4.25")])
    line = order.lines.get()

    receipt = goods_receipt_post(
        order=order,
        by=buyer,
        lines=[
            {
                "order_line": line,
                "quantity_received": Decimal("60"),
                "quantity_rejected": Decimal("5"),
                "rejection_reason": "Temperature abuse",
            }
        ],
    )
    order.refresh_from_db()
    assert receipt.number.startswith("GRN-")
    assert order.status == PurchaseOrderStatus.PARTIALLY_RECEIVED
    assert on_hand(product, ship_to) == Decimal("60")

    goods_receipt_post(
        order=order, by=buyer, lines=[{"order_line": line, "quantity_received": Decimal("40")}]
    )
    order.refresh_from_db()
    assert order.status == PurchaseOrderStatus.RECEIVED
    assert on_hand(product, ship_to) == Decimal("100")
    level = StockLevel.objects.get(product=product, location=ship_to)
    assert level.average_cost == Decimal("4.2500")


def test_over_receipt_beyond_tolerance_is_refused(buyer, settings):
    order = make_order(buyer, lines=[order_line(make_product(), "100", "1")])
    line = order.lines.get()
    goods_receipt_post(
        order=order, by=buyer, lines=[{"order_line": line, "quantity_received": Decimal("105")}]
    )
    with pytest.raises(Conflict) as exc:
        goods_receipt_post(
            order=order,
            by=buyer,
            lines=[{"order_line": line, "quantity_received": Decimal("0.001")}],
        )
    assert exc.value.code == Code.OVER_RECEIPT

    settings.PROCUREMENT_RECEIPT_TOLERANCE_PERCENT = "0"
    other = make_order(buyer, lines=[order_line(make_product(), "10", "1")])
    with pytest.raises(Conflict):
        goods_receipt_post(
            order=other,
            by=buyer,
            lines=[{"order_line": other.lines.get(), "quantity_received": Decimal("10.5")}],
        )


def test_receipt_rules(buyer):
    draft = make_order(buyer, issue=False)
    with pytest.raises(Conflict):
        goods_receipt_post(
            order=draft,
            by=buyer,
            lines=[{"order_line": draft.lines.get(), "quantity_received": Decimal(1)}],
        )
    order = make_order(buyer)
    with pytest.raises(InvalidInput) as exc:
        goods_receipt_post(
            order=order,
            by=buyer,
            lines=[{"order_line": draft.lines.get(), "quantity_received": Decimal(1)}],
        )
    assert "lines.0.order_line" in (exc.value.errors or {})
    with pytest.raises(InvalidInput) as exc:
        goods_receipt_post(
            order=order,
            by=buyer,
            lines=[{"order_line": order.lines.get(), "quantity_rejected": Decimal(1)}],
        )
    assert "lines.0.rejection_reason" in (exc.value.errors or {})


def test_return_to_supplier_is_a_new_movement(buyer):
    product = make_product(unit="lb")
    ship_to = make_location()
    order = make_order(buyer, ship_to=ship_to, lines=[order_line(product, "10", "2")])
    receipt = goods_receipt_post(
        order=order,
        by=buyer,
        lines=[{"order_line": order.lines.get(), "quantity_received": Decimal("10")}],
    )
    receipt_line = receipt.lines.get()

    goods_receipt_return(
        receipt=receipt,
        by=buyer,
        reason="Off colour",
        lines=[{"receipt_line": receipt_line, "quantity": Decimal("4")}],
    )

    order.refresh_from_db()
    assert order.status == PurchaseOrderStatus.PARTIALLY_RECEIVED
    assert on_hand(product, ship_to) == Decimal("6")
    with pytest.raises(DomainError) as exc:
        goods_receipt_return(
            receipt=receipt,
            by=buyer,
            reason="again",
            lines=[{"receipt_line": receipt_line, "quantity": Decimal("7")}],
        )
    assert exc.value.code == Code.RETURN_INVALID


def test_cancel_and_close_rules(org, buyer):
    supplier = make_supplier_with_contact()
    request = approved_request(org, item("5", "10", supplier=supplier))
    (order,) = purchase_orders_create_from_requests(
        by=buyer, requests=[request], ship_to=make_location()
    )
    purchase_order_cancel(order=order, by=buyer, reason="Wrong plant")
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.APPROVED

    received = make_order(buyer)
    goods_receipt_post(
        order=received,
        by=buyer,
        lines=[{"order_line": received.lines.get(), "quantity_received": Decimal("50")}],
    )
    with pytest.raises(Conflict):
        purchase_order_cancel(order=received, by=buyer)
    purchase_order_close(order=received, by=buyer, reason="Short-closed, plant out of stock")
    received.refresh_from_db()
    assert received.status == PurchaseOrderStatus.CLOSED
    with pytest.raises(Conflict):
        purchase_order_close(order=received, by=buyer)
    with pytest.raises(Conflict):
        purchase_order_update(order=received, by=buyer, notes="x")


def _order_mails(order):
    return NotificationLog.objects.filter(
        object_type="procurement.purchaseorder", object_id=str(order.pk)
    ).order_by("pk")


def test_the_order_mail_is_logged_and_a_redelivery_sends_it_once(
    buyer, django_capture_on_commit_callbacks
):
    order = make_order(buyer, issue=False)
    with django_capture_on_commit_callbacks(execute=True):
        purchase_order_issue(order=order, by=buyer)
    sent = len(mail.outbox)
    (log,) = _order_mails(order)
    assert (log.template, log.status, log.attempts) == ("procurement/purchase_order", "sent", 1)

    deliver_notification_task(log.pk)  # the same message delivered again

    assert len(mail.outbox) == sent
    order.refresh_from_db()
    assert order.mailed_revision == 0
    log.refresh_from_db()
    assert log.attempts == 1


def test_a_revision_withdraws_the_earlier_mail_not_sent_yet(buyer):
    order = make_order(buyer, issue=False)
    purchase_order_issue(order=order, by=buyer)  # committed, its mail not delivered yet
    line = order.lines.get()
    purchase_order_update(
        order=order,
        by=buyer,
        reason="Plant short",
        lines=[
            {
                "id": line.pk,
                "product": line.product,
                "quantity": Decimal("1"),
                "unit_price": line.unit_price,
            }
        ],
    )
    first, second = _order_mails(order)
    assert first.status == "skipped"
    assert "revision 1 replaced it" in first.error
    assert second.attachment_args == [order.pk, 1]

    mail.outbox.clear()
    deliver_notification_task(first.pk)
    deliver_notification_task(second.pk)

    assert [message.subject for message in mail.outbox] == [
        f"Purchase order {order.number} (revision 1)"
    ]
    order.refresh_from_db()
    assert (order.mailed_revision, order.last_mail_error) == (1, "")


def test_cancelling_withdraws_the_order_mail_not_sent_yet(buyer):
    order = make_order(buyer, issue=False)
    purchase_order_issue(order=order, by=buyer)

    purchase_order_cancel(order=order, by=buyer, reason="Ordered twice")

    (log,) = _order_mails(order)
    assert log.status == "skipped"
    mail.outbox.clear()
    deliver_notification_task(log.pk)
    assert mail.outbox == []
    order.refresh_from_db()
    assert order.last_mailed_at is None


def test_a_mail_server_that_refuses_is_retried_and_recorded_on_the_order(
    buyer, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens: the connection is refused
    settings.EMAIL_TIMEOUT = 2
    order = make_order(buyer, issue=False)

    with django_capture_on_commit_callbacks(execute=True):
        purchase_order_issue(order=order, by=buyer)

    (log,) = _order_mails(order)
    assert log.status == "failed"
    assert log.attempts == settings.NOTIFICATIONS_MAX_ATTEMPTS
    order.refresh_from_db()
    assert order.status == PurchaseOrderStatus.ISSUED
    assert order.last_mail_error.startswith("Mail server:")
    assert order.last_mailed_at is None


def test_a_purchase_order_task_queued_before_an_upgrade_still_mails_once(buyer):
    from procura.procurement.tasks import send_purchase_order_task

    order = make_order(buyer, issue=False)
    purchase_order_issue(order=order, by=buyer)  # its mail queued, not delivered yet

    assert send_purchase_order_task(order.pk, 0) is True  # the old task, redelivered
    assert send_purchase_order_task(order.pk, 5) is False  # not the order's revision

    first, second = _order_mails(order)
    assert first.status == "skipped"
    mail.outbox.clear()
    deliver_notification_task(first.pk)
    deliver_notification_task(second.pk)
    assert len(mail.outbox) == 1
    order.refresh_from_db()
    assert order.mailed_revision == 0
    assert send_purchase_order_task(order.pk, 0) is False  # already mailed
