"""Fixtures of the sales tests: a warehouse, a taxed product in stock, a customer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from procura.catalog.models import Product
from procura.catalog.tests.factories import make_tax_category
from procura.inventory.models import Location
from procura.partners.models import Customer
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)


@dataclass
class SalesWorld:
    location: Location
    product: Product
    customer: Customer


@pytest.fixture
def world(db: None) -> SalesWorld:
    """100 lb of a 10.00 product (8.25 % tax in US-TX) at a warehouse, and a Texas customer
    with a credit limit of 10,000."""
    tax_category = make_tax_category()
    make_tax_rate(tax_category, "US-TX", "8.25")
    location = make_location()
    product = make_stocked_product(location, on_hand="100", tax_category=tax_category)
    return SalesWorld(location=location, product=product, customer=make_sales_customer())
