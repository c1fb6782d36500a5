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


def test_concurrent_reservations_of_one_lot_never_oversell_it(audit_head, make_user):
    from procura.core.units import UnitOfMeasure
    from procura.inventory.errors import InventoryErrorCode
    from procura.inventory.models import LotReservation, LotStock
    from procura.inventory.services import SourceRef, lot_register, stock_reserve

    clerk = make_user("warehouse")
    product = ProductFactory.create(
        unit=UnitOfMeasure.CASE,
        lot_tracked=True,
        catch_weight=True,
        weight_unit=UnitOfMeasure.LB,
        nominal_weight=Decimal("50"),
    )
    location = LocationFactory.create()
    lots = [lot_register(product=product, code=f"LOT-{n}", by=clerk) for n in range(2)]
    for lot in lots:
        stock_receive(
            product=product,
            location=location,
            quantity=3,
            unit_cost="100",
            by=clerk,
            lot=lot,
            weight="150",
        )

    def reserve(n: int) -> object:
        order = SourceRef(type="sales.salesorder", id=str(n), number=f"SO-{n}")
        return stock_reserve(
            product=product, location=location, quantity=1, by=clerk, source=order, lot=lots[0]
        )

    results = run_in_threads(8, reserve)

    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 5, failures
    assert all(getattr(r, "code", "") == InventoryErrorCode.LOT_INSUFFICIENT for r in failures)
    stock = LotStock.objects.get(lot=lots[0])
    assert stock.reserved == stock.on_hand == Decimal("3.000")
    assert LotStock.objects.get(lot=lots[1]).reserved == Decimal("0.000")
    assert LotReservation.objects.aggregate(total=Sum("quantity"))["total"] == Decimal("3.000")
    assert StockLevel.objects.get(product=product, location=location).reserved == Decimal("3.000")
