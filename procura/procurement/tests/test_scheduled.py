"""Scheduled work: monthly archive of old closed orders."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from procura.catalog.tests.factories import make_product
from procura.procurement.models import PurchaseOrder
from procura.procurement.services.orders import purchase_order_close
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.tasks import archive_closed_orders_task
from procura.procurement.tests.factories import make_order, make_person, order_line

pytestmark = pytest.mark.django_db


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
