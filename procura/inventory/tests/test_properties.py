"""Random sequences of stock operations keep the ledger and the levels consistent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procura.core.errors import DomainError
from procura.core.money import round_money, round_quantity
from procura.inventory.models import StockLevel, StockMovement
from procura.inventory.services import (
    stock_adjust,
    stock_issue,
    stock_receive,
    stock_release,
    stock_reserve,
    stock_transfer,
)
from procura.inventory.tests.factories import LocationFactory, ProductFactory

CENT = Decimal("0.01")

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("10"), places=3)
costs = st.decimals(min_value=Decimal("0"), max_value=Decimal("20"), places=4)
where = st.integers(min_value=0, max_value=1)
operations = st.one_of(
    st.tuples(st.just("receive"), where, quantities, costs),
    st.tuples(st.just("issue"), where, quantities),
    st.tuples(st.just("ship"), where, quantities),
    st.tuples(st.just("adjust_up"), where, quantities, costs),
    st.tuples(st.just("adjust_down"), where, quantities),
    st.tuples(st.just("transfer"), where, quantities),
    st.tuples(st.just("reserve"), where, quantities),
    st.tuples(st.just("release"), where, quantities),
)


class Rollback(Exception):
    pass


def apply(op: tuple, product, locations, by) -> None:
    name, index, quantity, *rest = op
    location = locations[index]
    if name == "receive":
        stock_receive(
            product=product, location=location, quantity=quantity, unit_cost=rest[0], by=by
        )
    elif name == "issue":
        stock_issue(product=product, location=location, quantity=quantity, by=by)
    elif name == "ship":
        stock_issue(
            product=product, location=location, quantity=quantity, by=by, from_reservation=True
        )
    elif name == "adjust_up":
        stock_adjust(
            product=product,
            location=location,
            quantity=quantity,
            reason="found",
            unit_cost=rest[0],
            by=by,
        )
    elif name == "adjust_down":
        stock_adjust(product=product, location=location, quantity=-quantity, reason="lost", by=by)
    elif name == "transfer":
        stock_transfer(
            product=product,
            from_location=location,
            to_location=locations[1 - index],
            quantity=quantity,
            by=by,
        )
    elif name == "reserve":
        stock_reserve(product=product, location=location, quantity=quantity, by=by)
    else:
        stock_release(product=product, location=location, quantity=quantity, by=by)


def expected_change(op: tuple, levels: dict[int, tuple[Decimal, Decimal]]) -> dict[int, tuple]:
    """The model: what on hand and reserved should become if the operation is allowed."""
    name, index, quantity, *_ = op
    on_hand, reserved = levels[index]
    available = on_hand - reserved
    after = dict(levels)
    if name in {"receive", "adjust_up"}:
        after[index] = (on_hand + quantity, reserved)
    elif name in {"issue", "adjust_down"} and quantity <= available:
        after[index] = (on_hand - quantity, reserved)
    elif name == "ship" and quantity <= reserved:
        after[index] = (on_hand - quantity, reserved - quantity)
    elif name == "transfer" and quantity <= available:
        other_on_hand, other_reserved = levels[1 - index]
        after[index] = (on_hand - quantity, reserved)
        after[1 - index] = (other_on_hand + quantity, other_reserved)
    elif name == "reserve" and quantity <= available:
        after[index] = (on_hand, reserved + quantity)
    elif name == "release" and quantity <= reserved:
        after[index] = (on_hand, reserved - quantity)
    return after


def assert_consistent(product, locations, model) -> None:
    for index, location in enumerate(locations):
        level = StockLevel.objects.filter(product=product, location=location).first()
        on_hand = level.on_hand if level else Decimal("0")
        reserved = level.reserved if level else Decimal("0")
        assert (on_hand, reserved) == model[index]
        assert on_hand >= 0
        assert reserved <= on_hand
        ledger = StockMovement.objects.filter(product=product, location=location).aggregate(
            quantity=Sum("quantity"), value=Sum("value")
        )
        # SQLite sums decimals as floats; round back to the fields' places.
        assert round_quantity(ledger["quantity"] or 0) == on_hand
        if level:
            assert round_money(ledger["value"] or 0) == level.value
            assert abs(level.value - on_hand * level.average_cost) <= CENT


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(operations, min_size=1, max_size=20))
def test_random_movement_sequences_keep_levels_equal_to_the_ledger(ops, make_user):
    clerk = make_user("warehouse")
    try:
        with transaction.atomic():
            product = ProductFactory.create()
            locations = [LocationFactory.create(), LocationFactory.create()]
            model = {0: (Decimal("0"), Decimal("0")), 1: (Decimal("0"), Decimal("0"))}
            for op in ops:
                expected = expected_change(op, model)
                try:
                    apply(op, product, locations, clerk)
                except DomainError:
                    assert expected == model, op
                model = expected
                assert_consistent(product, locations, model)
            raise Rollback
    except Rollback:
        pass
