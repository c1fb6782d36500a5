"""Concurrent writers on PostgreSQL: real threads, each with its own connection."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from procura.audit.models import AuditChainHead
from procura.core.models import IdempotencyKey
from procura.core.testing import run_in_threads
from procura.inventory.models import StockLevel
from procura.sales.errors import SalesErrorCode
from procura.sales.models import SalesOrder, SalesOrderStatus
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.tests.factories import make_order, make_stocked_product

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def audit_head() -> None:
    AuditChainHead.objects.get_or_create(id=1)


def test_fifty_concurrent_confirmations_against_ten_on_hand(audit_head, world, make_user):
    # given 10 units on hand and 50 draft orders of 1 unit each
    clerk = make_user("sales")
    product = make_stocked_product(world.location, on_hand="10")
    orders = [
        make_order(customer=world.customer, location=world.location, lines=[(product, "1")])
        for _ in range(50)
    ]
    # when all are confirmed at once
    results = run_in_threads(50, lambda i: sales_order_confirm(order=orders[i], by=clerk))
    # then exactly 10 succeed, the others are refused as short, and nothing goes negative
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 40
    assert {getattr(r, "code", repr(r)) for r in failures} == {SalesErrorCode.INSUFFICIENT_STOCK}
    assert SalesOrder.objects.filter(status=SalesOrderStatus.CONFIRMED).count() == 10
    level = StockLevel.objects.get(product=product, location=world.location)
    assert (level.on_hand, level.reserved, level.available) == (D("10"), D("10"), D("0"))


def test_two_parallel_creations_with_one_idempotency_key_make_one_order(
    audit_head, world, make_user
):
    user = make_user("sales")
    body = {
        "customer": world.customer.pk,
        "location": world.location.pk,
        "lines": [{"product": str(world.product.pk), "quantity": "2"}],
    }

    def post(_: int) -> tuple[int, dict]:
        client = APIClient()
        client.force_authenticate(user)
        response = client.post(
            "/api/v1/sales-orders/", body, format="json", HTTP_IDEMPOTENCY_KEY="parallel-1"
        )
        return response.status_code, response.json()

    results = run_in_threads(2, post)
    assert not [r for r in results if isinstance(r, Exception)], results
    statuses = [result[0] for result in results]
    numbers = [result[1]["number"] for result in results]
    assert statuses == [201, 201]
    assert numbers[0] == numbers[1]
    assert SalesOrder.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1
