"""Concurrent writers on PostgreSQL: real threads, each with its own connection."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum

from procura.audit.models import AuditChainHead
from procura.core.testing import run_in_threads
from procura.inventory.errors import InsufficientStock
from procura.inventory.models import StockLevel, StockMovement
from procura.inventory.services import stock_issue, stock_receive, stock_transfer
from procura.inventory.tests.factories import LocationFactory, ProductFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def ledger_sum(product, location) -> Decimal:
    total = StockMovement.objects.filter(product=product, location=location).aggregate(
        total=Sum("quantity")
    )["total"]
    return total or Decimal("0")


@pytest.fixture
def audit_head() -> None:
    AuditChainHead.objects.get_or_create(id=1)


def test_twenty_concurrent_issues_of_ten_on_hand_succeed_exactly_ten_times(audit_head, make_user):
    clerk = make_user("warehouse")
    product = ProductFactory.create()
    location = LocationFactory.create()
    stock_receive(product=product, location=location, quantity=10, unit_cost="3.00", by=clerk)

    results = run_in_threads(
        20, lambda _: stock_issue(product=product, location=location, quantity=1, by=clerk)
    )

    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 10
    assert all(isinstance(r, InsufficientStock) for r in failures), failures
    assert all(r.available == Decimal("0") for r in failures)  # type: ignore[attr-defined]
    level = StockLevel.objects.get(product=product, location=location)
    assert level.on_hand == Decimal("0.000")
    assert level.value == Decimal("0.00")
    assert ledger_sum(product, location) == level.on_hand
    assert connection.vendor == "postgresql"


def test_opposite_transfers_between_two_locations_never_deadlock_and_conserve_stock(
    audit_head, make_user
):
    clerk = make_user("warehouse")
    product = ProductFactory.create()
    east, west = LocationFactory.create(), LocationFactory.create()
    stock_receive(product=product, location=east, quantity=100, unit_cost="2.00", by=clerk)
    stock_receive(product=product, location=west, quantity=100, unit_cost="4.00", by=clerk)

    def work(index: int) -> object:
        source, target = (east, west) if index % 2 else (west, east)
        for _ in range(5):
            stock_transfer(
                product=product, from_location=source, to_location=target, quantity=1, by=clerk
            )
        return "done"

    results = run_in_threads(10, work)

    assert results == ["done"] * 10
    levels = StockLevel.objects.filter(product=product)
    assert sum(level.on_hand for level in levels) == Decimal("200.000")
    assert sum(level.value for level in levels) == Decimal("600.00")
    for level in levels:
        assert ledger_sum(product, level.location) == level.on_hand
