"""Which price a customer gets: its own price list, else its group's (customer kind), else the
product's list price. Among the lists valid on the order date in the order's currency the
customer's own wins; within a list the highest quantity break not above the ordered quantity
applies. The result names its source, snapshotted on the order line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from procura.catalog.models import Product
from procura.partners.models import Customer
from procura.sales.models import PriceListItem

LIST_PRICE = "list price"


@dataclass(frozen=True)
class CustomerPrice:
    unit_price: Decimal
    source: str


def customer_price(
    *, customer: Customer, product: Product, quantity: Decimal, currency: str, on: date
) -> CustomerPrice:
    """One query."""
    items = (
        PriceListItem.objects.select_related("price_list")
        .filter(
            Q(price_list__customer=customer)
            | Q(price_list__customer__isnull=True, price_list__customer_kind=customer.kind),
            product=product,
            min_quantity__lte=quantity,
            price_list__is_active=True,
            price_list__currency=currency,
            price_list__valid_from__lte=on,
        )
        .filter(Q(price_list__valid_to__isnull=True) | Q(price_list__valid_to__gte=on))
        .order_by("-min_quantity", "-price_list__valid_from", "-price_list_id")
    )
    best = None
    for item in items:
        own = item.price_list.customer_id is not None
        rank = (own, item.min_quantity, item.price_list.valid_from)
        if best is None or rank > best[0]:
            best = (rank, item)
    if best is None:
        return CustomerPrice(unit_price=product.list_price, source=LIST_PRICE)
    item = best[1]
    source = f"price list {item.price_list.name}"
    if item.min_quantity > 0:
        source += f" (from {item.min_quantity.normalize():f})"
    return CustomerPrice(unit_price=item.unit_price, source=source[:120])
