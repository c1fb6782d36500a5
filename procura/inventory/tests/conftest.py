from __future__ import annotations

from collections.abc import Callable

import pytest

from procura.accounts.models import User
from procura.catalog.models import Product
from procura.inventory.models import Location
from procura.inventory.tests.factories import LocationFactory, ProductFactory


@pytest.fixture
def product(db: None) -> Product:
    return ProductFactory.create(sku="BEEF-CHUCK", name="Beef chuck")


@pytest.fixture
def location(db: None) -> Location:
    return LocationFactory.create(code="CS-DAL", name="Dallas Cold Storage")


@pytest.fixture
def other_location(db: None) -> Location:
    return LocationFactory.create(code="CS-CHI", name="Chicago Cold Storage")


@pytest.fixture
def clerk(make_user: Callable[..., User]) -> User:
    return make_user("warehouse")
