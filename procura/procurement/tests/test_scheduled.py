"""Scheduled work: daily spend summary to finance, monthly archive of old closed orders."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from procura.catalog.tests.factories import make_category, make_product
from procura.procurement.models import PurchaseOrder
from procura.procurement.services.orders import purchase_order_close
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tasks import archive_closed_orders_task, send_daily_spend_summary_task
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db


def test_daily_spend_summary_goes_to_finance():
    buyer = make_person("procurement")
    finance = make_person("finance", email="ap@example.com")
    offal = make_category("Offal")
    yesterday = timezone.now() - timedelta(days=1)
    with time_machine.travel(yesterday, tick=False):
        make_order(buyer, lines=[order_line(make_product(category=offal), "10", "2.50")])
    make_order(buyer, lines=[order_line(make_product(), "1", "999")])  # today: not in it

    assert send_daily_spend_summary_task() == 1
    message = mail.outbox[-1]
    assert message.to == [finance.email]
    assert "Offal: 25.00 USD" in message.body
    assert "Direct orders: 25.00 USD" in message.body
    assert "999" not in message.body


def test_closed_orders_are_archived_after_a_year_and_stay_readable(client_as):
    buyer = make_person("procurement")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        order = make_order(buyer, lines=[order_line(make_product(), "1", "1")])
        goods_receipt_post(
            order=order,
            by=buyer,
            lines=[{"order_line": order.lines.get(), "quantity_received": Decimal(1)}],
        )
        purchase_order_close(order=order, by=buyer)
    with time_machine.travel(start + timedelta(days=300), tick=False):
        assert archive_closed_orders_task() == 0
    with time_machine.travel(start + timedelta(days=366), tick=False):
        assert archive_closed_orders_task() == 1
        assert archive_closed_orders_task() == 0

    assert PurchaseOrder.objects.get(pk=order.pk).archived_at is not None
    client = client_as("procurement")
    assert client.get("/api/v1/purchase-orders/").json()["count"] == 0
    assert client.get("/api/v1/purchase-orders/", {"include_archived": "true"}).json()["count"] == 1
    assert client.get(f"/api/v1/purchase-orders/{order.pk}/").status_code == 200
