"""Sales test data, built through the services users trigger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from procura.catalog.models import Product, TaxCategory
from procura.catalog.services.taxes import tax_rate_create
from procura.catalog.tests.factories import make_product, make_tax_category
from procura.inventory.models import Location
from procura.inventory.services import location_create, stock_receive
from procura.partners.models import Customer
from procura.partners.tests.factories import make_contact, make_customer
from procura.sales.models import SalesOrder
from procura.sales.services.orders import sales_order_create

TAX_FROM = date(2020, 1, 1)


def make_tax_rate(tax_category: TaxCategory, region: str = "US-TX", rate: str = "8.25") -> None:
    tax_rate_create(
        tax_category=tax_category,
        region=region,
        rate_percent=Decimal(rate),
        valid_from=TAX_FROM,
        by=None,
    )


_locations = iter(range(1, 10_000))


def make_location(code: str | None = None) -> Location:
    return location_create(
        code=code or f"WH-{next(_locations):04d}", name="Warehouse", kind="cold_store", by=None
    )


def make_sales_customer(**fields: Any) -> Customer:
    """A Texas customer with a primary contact reachable by e-mail and SMS."""
    customer = make_customer(**fields)
    make_contact(
        customer,
        name="Pat Buyer",
        email="pat@customer.example",
        phone="+15125550100",
        is_primary=True,
    )
    return customer


def make_stocked_product(
    location: Location, *, on_hand: str = "100", price: str = "10.00", **fields: Any
) -> Product:
    tax_category = fields.pop("tax_category", None) or make_tax_category()
    product = make_product(list_price=Decimal(price), tax_category=tax_category, **fields)
    if Decimal(on_hand) > 0:
        stock_receive(
            product=product, location=location, quantity=on_hand, unit_cost="5.00", by=None
        )
    return product


def make_order(
    *,
    customer: Customer,
    location: Location,
    lines: list[tuple[Product, str]],
    **fields: Any,
) -> SalesOrder:
    return sales_order_create(
        customer=customer,
        location=location,
        lines=[{"product": product, "quantity": Decimal(qty)} for product, qty in lines],
        by=fields.pop("by", None),
        **fields,
    )
