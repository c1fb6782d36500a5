"""Done-when check: confirming an order through the API queues its notifications on commit, and
a real Celery worker delivers them (console e-mail and SMS in the worker's settings).

Runs only on PostgreSQL with REDIS_URL set (see procura/core/tests/test_worker.py).
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings

from procura.core.tests.test_worker import celery_worker  # noqa: F401 - the fixture
from procura.notifications.models import NotificationLog
from procura.sales.tests.factories import make_order

DONE_SECONDS = 60

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.worker,
    pytest.mark.skipif(
        not (settings.IS_POSTGRES and settings.REDIS_URL),
        reason="needs PostgreSQL (TEST_DATABASE_URL) and Redis (REDIS_URL)",
    ),
]


def test_order_confirmation_is_delivered_by_a_worker(celery_worker, world, client_as):  # noqa: F811
    order = make_order(
        customer=world.customer, location=world.location, lines=[(world.product, "2")]
    )
    # when
    response = client_as("sales").post(
        f"/api/v1/sales-orders/{order.pk}/confirm/", {}, format="json"
    )
    assert response.status_code == 200
    # then the worker sends the e-mail and the SMS and records it
    logs = NotificationLog.objects.filter(template="sales/order_confirmed")
    deadline = time.monotonic() + DONE_SECONDS
    while logs.exclude(status="sent").exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    worker_log = celery_worker.log_path.read_text()
    assert sorted(logs.values_list("channel", "status", "attempts")) == [
        ("email", "sent", 1),
        ("sms", "sent", 1),
    ], worker_log
    assert f"Order {order.number} confirmed" in worker_log
