"""Order-to-cash services: snapshots, reservation, backorders, credit, shipping, invoicing,
payments and reminders."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from procura.audit.models import AuditEvent
from procura.catalog.services.products import product_update
from procura.core.errors import Conflict, NotAllowed
from procura.inventory.models import StockLevel
from procura.sales.models import (
    CustomerPayment,
    InvoiceReminder,
    InvoiceStatus,
    SalesOrder,
    SalesOrderStatus,
)
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create, invoice_reminders_send
from procura.sales.services.orders import (
    sales_order_cancel,
)
from procura.sales.services.payments import customer_payment_apply, customer_payment_create
from procura.sales.services.shipments import shipment_create, shipment_deliver
from procura.sales.tests.factories import make_order, make_stocked_product

pytestmark = pytest.mark.django_db
S = SalesOrderStatus


def _level(world) -> StockLevel:
    return StockLevel.objects.get(product=world.product, location=world.location)


def test_price_snapshot_survives_a_product_price_change(world):
    # given an order at the list price of 10.00
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "2")]
    )
    # when the product's price changes
    product_update(product=world.product, data={"list_price": D("12.50")}, by=None)
    # then the order line keeps 10.00, and so does the invoice made from it
    sales_order_confirm(order=order, by=None)
    shipment_create(order=order, by=None)
    invoice = customer_invoice_create(order=order, by=None)
    line = order.lines.get()
    assert line.unit_price == D("10.0000")
    assert invoice.subtotal == D("20.00")


def test_order_totals_with_discounts_shipping_and_tax(world):
    # when
    order = make_order(
        customer=world.customer,
        location=world.location,
        lines=[(world.product, "3")],
        discount_percent=D("10"),
        shipping_charge=D("15.00"),
    )
    # then 30.00 - 3.00 + tax 8.25 % of 27.00 (2.2275 -> 2.23) + 15.00
    assert (order.subtotal, order.discount_amount, order.tax_total, order.total) == (
        D("30.00"),
        D("3.00"),
        D("2.23"),
        D("44.23"),
    )
    assert order.number.startswith(f"SO-{date.today().year}-")


def test_confirm_reserves_stock_and_records_history(world):
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "4")]
    )
    # when
    order = sales_order_confirm(order=order, by=None)
    # then
    assert order.status == S.CONFIRMED
    assert _level(world).reserved == D("4")
    assert list(order.status_history.values_list("to_status", flat=True)) == ["draft", "confirmed"]
    assert AuditEvent.objects.filter(
        action="sales_order.confirmed", object_id=str(order.pk)
    ).exists()


def test_confirm_short_line_is_409_listing_available_quantities(world):
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "150")]
    )
    # when
    with pytest.raises(Conflict) as caught:
        sales_order_confirm(order=order, by=None)
    # then
    assert caught.value.code == "insufficient_stock"
    assert caught.value.data["short_lines"] == [
        {
            "line_no": 1,
            "product": str(world.product.pk),
            "sku": world.product.sku,
            "requested": "150.000",
            "available": "100.000",
        }
    ]
    assert _level(world).reserved == 0


def test_confirm_with_backorders_moves_the_short_part_to_a_new_order(world):
    order = make_order(
        customer=world.customer,
        location=world.location,
        lines=[(world.product, "130")],
        allow_backorder=True,
    )
    # when
    order = sales_order_confirm(order=order, by=None)
    # then 100 are reserved on the order, 30 wait on a draft backorder at the same price
    backorder = SalesOrder.objects.get(backorder_of=order)
    assert order.lines.get().quantity == D("100")
    assert order.total == D("1082.50")
    assert backorder.status == S.DRAFT
    assert backorder.lines.get().quantity == D("30")
    assert backorder.lines.get().unit_price == D("10.0000")
    assert _level(world).reserved == D("100")


def test_credit_limit_exceeded_is_409_with_the_figures(world):
    world.customer.credit_limit = D("50.00")
    world.customer.save()
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "5")]
    )
    # when
    with pytest.raises(Conflict) as caught:
        sales_order_confirm(order=order, by=None)
    # then
    assert caught.value.code == "credit_limit_exceeded"
    assert caught.value.data["exposure"] == "54.13"
    assert caught.value.data["credit_limit"] == "50.00"


def test_only_finance_overrides_the_credit_limit_with_a_comment(world, make_user):
    world.customer.credit_limit = D("50.00")
    world.customer.save()
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "5")]
    )
    # when sales tries, then refused
    with pytest.raises(NotAllowed):
        sales_order_confirm(order=order, by=make_user("sales"), override_credit=True, comment="ok")
    # when finance overrides
    order = sales_order_confirm(
        order=order, by=make_user("finance"), override_credit=True, comment="Paid by wire today"
    )
    # then
    assert order.status == S.CONFIRMED
    assert order.credit_override_comment == "Paid by wire today"


def test_cancel_releases_the_reservation(world):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "4")]
        ),
        by=None,
    )
    # when
    sales_order_cancel(order=order, by=None, reason="Customer changed their mind")
    # then
    assert _level(world).reserved == 0
    assert order.status_history.order_by("-id")[0].reason == "Customer changed their mind"


def test_cancel_after_shipping_is_409(world):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "4")]
        ),
        by=None,
    )
    shipment_create(order=order, by=None)
    with pytest.raises(Conflict):
        sales_order_cancel(order=SalesOrder.objects.get(pk=order.pk), by=None)


def test_partial_shipments_issue_stock_and_finish_as_shipped_then_delivered(world):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "10")]
        ),
        by=None,
    )
    line = order.lines.get()
    # when 4 ship first
    first = shipment_create(order=order, by=None, lines=[{"order_line": line.pk, "quantity": "4"}])
    # then stock falls by 4 and the order is picking
    order.refresh_from_db()
    level = _level(world)
    assert (level.on_hand, level.reserved, order.status) == (D("96"), D("6"), S.PICKING)
    # when the rest ships and both deliveries are recorded
    second = shipment_create(order=order, by=None)
    order.refresh_from_db()
    assert order.status == S.SHIPPED
    shipment_deliver(shipment=first, by=None)
    order.refresh_from_db()
    assert order.status == S.SHIPPED
    shipment_deliver(shipment=second, by=None)
    order.refresh_from_db()
    assert order.status == S.DELIVERED
    assert _level(world).on_hand == D("90")


def test_shipping_more_than_reserved_is_409(world):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer, location=world.location, lines=[(world.product, "2")]
        ),
        by=None,
    )
    with pytest.raises(Conflict):
        shipment_create(
            order=order, by=None, lines=[{"order_line": order.lines.get().pk, "quantity": "3"}]
        )


def _invoiced(world, quantity="10", **fields):
    order = sales_order_confirm(
        order=make_order(
            customer=world.customer,
            location=world.location,
            lines=[(world.product, quantity)],
            **fields,
        ),
        by=None,
    )
    shipment_create(order=order, by=None)
    return customer_invoice_create(order=order, by=None, issue_date=fields.get("order_date"))


def test_invoice_due_date_follows_payment_terms_and_shipping_goes_on_it(world):
    invoice = _invoiced(world, shipping_charge=D("20.00"))
    assert invoice.due_date == invoice.issue_date + timedelta(days=30)
    assert invoice.total == D("128.25")  # 100 + 8.25 tax + 20 shipping
    assert invoice.number.startswith("INV-")


def test_payments_partial_then_overpayment_becomes_credit_applied_later(world):
    invoice = _invoiced(world)  # 108.25
    # when a partial payment arrives
    customer_payment_create(
        customer=world.customer,
        amount=D("50.00"),
        method="ach",
        by=None,
        allocations=[{"invoice": invoice, "amount": D("50.00")}],
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == (InvoiceStatus.PARTIALLY_PAID, D("58.25"))
    # when more than the rest arrives (applied oldest first)
    payment = customer_payment_create(
        customer=world.customer, amount=D("100.00"), method="check", by=None
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert payment.unapplied_amount == D("41.75")
    assert SalesOrder.objects.get(pk=invoice.order_id).status == S.PAID
    # when a later invoice comes, the credit pays part of it
    second = _invoiced(world, quantity="5")  # 54.13
    customer_payment_apply(
        payment=payment, allocations=[{"invoice": second, "amount": D("41.75")}], by=None
    )
    second.refresh_from_db()
    assert second.balance == D("12.38")
    assert CustomerPayment.objects.get(pk=payment.pk).unapplied_amount == 0


def test_applying_more_than_the_balance_is_409(world):
    invoice = _invoiced(world, quantity="1")  # 10.83
    payment = customer_payment_create(
        customer=world.customer, amount=D("20.00"), method="ach", by=None, allocations=[]
    )
    with pytest.raises(Conflict):
        customer_payment_apply(
            payment=payment, allocations=[{"invoice": invoice, "amount": D("15.00")}], by=None
        )


def test_reminders_at_7_30_and_60_days_are_sent_once_each(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    invoice = _invoiced(world, quantity="1")
    due = invoice.due_date
    mailoutbox.clear()
    # when the daily task runs on several days
    sent = []
    with django_capture_on_commit_callbacks(execute=True):
        for days in (6, 7, 8, 30, 31, 60, 61):
            sent += invoice_reminders_send(on=due + timedelta(days=days))
    # then one reminder per level, by e-mail to the contact
    assert sent == [7, 30, 60]
    assert sorted(InvoiceReminder.objects.values_list("level", flat=True)) == [7, 30, 60]
    assert [m.subject for m in mailoutbox] == [
        f"Reminder: invoice {invoice.number} is {days} days overdue" for days in (7, 30, 60)
    ]


def test_reminder_passed_over_levels_are_not_sent_later(world):
    invoice = _invoiced(world, quantity="1")
    # when the first run is already 45 days past due
    assert invoice_reminders_send(on=invoice.due_date + timedelta(days=45)) == [30]
    # then 7 is never sent afterwards, 60 still is
    assert invoice_reminders_send(on=invoice.due_date + timedelta(days=46)) == []
    assert invoice_reminders_send(on=invoice.due_date + timedelta(days=60)) == [60]


def test_inactive_product_or_other_currency_cannot_be_ordered(world):
    from procura.core.errors import InvalidInput

    other = make_stocked_product(world.location, on_hand="0", currency="EUR")
    with pytest.raises(InvalidInput) as caught:
        make_order(customer=world.customer, location=world.location, lines=[(other, "1")])
    assert caught.value.code == "currency_mismatch"


def test_daily_reminder_task_is_scheduled_and_sends(world, settings, time_machine):
    from procura.sales.tasks import send_overdue_reminders_task

    entry = settings.CELERY_BEAT_SCHEDULE["sales-overdue-invoice-reminders"]
    assert entry["task"] == "procura.sales.tasks.send_overdue_reminders_task"
    invoice = _invoiced(world, quantity="1")
    time_machine.move_to(invoice.due_date + timedelta(days=31))
    assert send_overdue_reminders_task() == {"level_30": 1}
    assert send_overdue_reminders_task() == {}
