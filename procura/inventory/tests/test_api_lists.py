"""Stock levels and the stock ledger through the fast read path: each page is what the schema
documents and what the full serializer writes for the same rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procura.core.testing import assert_fast_list
from procura.inventory import selectors
from procura.inventory.api.serializers import StockLevelSerializer, StockMovementSerializer
from procura.inventory.models import Location
from procura.inventory.services.movements import stock_receive
from procura.inventory.tests.factories import LocationFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocked(clerk):
    locations: list[Location] = [LocationFactory(), LocationFactory()]  # type: ignore[list-item]
    for n, product in enumerate(ProductFactory.create_batch(3)):
        for location in locations:
            stock_receive(
                product=product,
                location=location,
                quantity=Decimal("12.5") + n,
                unit_cost=Decimal("3.3333"),
                by=clerk if n else None,
            )
    return locations


def test_stock_levels_are_the_documented_serializer_output(stocked, client_as):
    body = assert_fast_list(
        client_as("warehouse"),
        "/api/v1/stock-levels/",
        serializer_class=StockLevelSerializer,
        queryset=selectors.stock_level_list(),
    )
    assert body["count"] == 6
    assert {row["available"] for row in body["results"]} == {"12.500", "13.500", "14.500"}


def test_stock_movements_are_the_documented_serializer_output(stocked, client_as, clerk):
    body = assert_fast_list(
        client_as("warehouse"),
        "/api/v1/stock-movements/",
        serializer_class=StockMovementSerializer,
        queryset=selectors.stock_movement_list(),
    )
    assert body["count"] == 6
    assert {row["actor_email"] for row in body["results"]} == {"", clerk.email}
