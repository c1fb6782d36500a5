"""Customer price lists: creation and change, with the rules that keep a customer's price
unambiguous.

A list belongs to one customer or to one customer group (customer kind), in one currency, valid
from a date (to a date, or open-ended), with quantity breaks per product. Rules:

- each (product, from-quantity) break appears once in a list;
- two active lists of the same customer (or group) in the same currency whose validity periods
  overlap may not price the same product (409 naming the other list and the products): the
  price a customer gets on a day never depends on which list was saved last;
- a change replaces the items when they are sent; order lines and quotes keep the price they
  snapshotted, so editing a list never alters an existing document.

Writes of one customer's (or group's) lists in one currency are serialised by an advisory lock,
so two concurrent saves cannot both pass the overlap check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from procura.accounts.models import User
from procura.audit.services import audit_record, diff, snapshot
from procura.catalog.models import Product
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import CURRENCY_CHOICES, round_quantity, round_rate
from procura.partners.models import Customer, CustomerKind
from procura.sales.locks import lock_price_list_target
from procura.sales.models import PriceList, PriceListItem

OVERLAP_CODE = "price_list_overlap"
DUPLICATE_BREAK_CODE = "duplicate_price_break"
OVERLAP = (
    "Price list {other} ({period}) already prices {skus} for {target} in {currency}; "
    "the validity periods overlap."
)
DUPLICATE_BREAK = "{sku} already has a price from {quantity} (price {first})."
EDITABLE_FIELDS = (
    "name",
    "customer",
    "customer_kind",
    "currency",
    "valid_from",
    "valid_to",
    "is_active",
)
CURRENCIES = {code for code, _label in CURRENCY_CHOICES}


@dataclass(frozen=True)
class PriceBreak:
    product: Product
    unit_price: Decimal
    min_quantity: Decimal = Decimal(0)


def _price_break(raw: PriceBreak | Mapping[str, Any]) -> PriceBreak:
    if isinstance(raw, PriceBreak):
        return raw
    return PriceBreak(
        product=raw["product"],
        unit_price=Decimal(raw["unit_price"]),
        min_quantity=Decimal(raw.get("min_quantity") or 0),
    )


def _period(valid_from: date, valid_to: date | None) -> str:
    return f"{valid_from:%Y-%m-%d} to {valid_to:%Y-%m-%d}" if valid_to else f"from {valid_from}"


def _check_header(price_list: PriceList) -> None:
    if not price_list.name.strip():
        raise InvalidInput("Name the price list.", errors={"name": ["Name the price list."]})
    if (price_list.customer_id is None) == (not price_list.customer_kind):
        message = "Give either a customer or a customer group (kind), not both."
        raise InvalidInput(message, errors={"customer": [message]})
    if price_list.customer_kind and price_list.customer_kind not in CustomerKind.values:
        message = f"Unknown customer group {price_list.customer_kind}."
        raise InvalidInput(message, errors={"customer_kind": [message]})
    if price_list.currency not in CURRENCIES:
        message = f"Unknown currency {price_list.currency}."
        raise InvalidInput(message, errors={"currency": [message]})
    if price_list.valid_to is not None and price_list.valid_to < price_list.valid_from:
        raise InvalidInput(
            "Ends before it starts.", errors={"valid_to": ["Ends before it starts."]}
        )


def _build_items(price_list: PriceList, items: Sequence[PriceBreak]) -> list[PriceListItem]:
    if not items:
        message = "Add at least one price."
        raise InvalidInput(message, errors={"items": [message]})
    seen: dict[tuple[Any, Decimal], int] = {}
    built = []
    for index, item in enumerate(items):
        quantity = round_quantity(item.min_quantity)
        price = round_rate(item.unit_price)
        if quantity < 0:
            message = "A quantity break starts at 0 or more."
            raise InvalidInput(message, errors={f"items.{index}.min_quantity": [message]})
        if price <= 0:
            message = "A price is more than 0."
            raise InvalidInput(message, errors={f"items.{index}.unit_price": [message]})
        key = (item.product.pk, quantity)
        if key in seen:
            message = DUPLICATE_BREAK.format(
                sku=item.product.sku, quantity=f"{quantity.normalize():f}", first=seen[key] + 1
            )
            raise InvalidInput(
                message,
                code=DUPLICATE_BREAK_CODE,
                errors={f"items.{index}.min_quantity": [message]},
            )
        seen[key] = index
        built.append(
            PriceListItem(
                price_list=price_list, product=item.product, min_quantity=quantity, unit_price=price
            )
        )
    return built


def _check_overlap(price_list: PriceList, product_ids: set[Any]) -> None:
    """409 when another active list of the same customer (or group) and currency, valid on a
    day this one is, prices one of ``product_ids``."""
    if not price_list.is_active:
        return
    others = PriceList.objects.filter(
        Q(customer__isnull=True)
        if price_list.customer is None
        else Q(customer_id=price_list.customer.pk),
        is_active=True,
        currency=price_list.currency,
        customer_kind=price_list.customer_kind,
    ).exclude(pk=price_list.pk)
    if price_list.valid_to is not None:
        others = others.filter(valid_from__lte=price_list.valid_to)
    others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=price_list.valid_from))
    clash = (
        PriceListItem.objects.filter(price_list__in=others, product_id__in=product_ids)
        .select_related("price_list", "product")
        .order_by("price_list__valid_from", "price_list_id", "product__sku")
    )
    rows = list(clash)
    if not rows:
        return
    other = rows[0].price_list
    skus = sorted({row.product.sku for row in rows if row.price_list_id == other.pk})
    customer = price_list.customer
    target = customer.name if customer is not None else f"group {price_list.customer_kind}"
    message = OVERLAP.format(
        other=other.name,
        period=_period(other.valid_from, other.valid_to),
        skus=", ".join(skus),
        target=target,
        currency=price_list.currency,
    )
    raise Conflict(
        message,
        code=OVERLAP_CODE,
        errors={"valid_from": [message]},
        data={"price_list": other.pk, "products": skus},
    )


def _check_customer(customer: Customer | None) -> None:
    if customer is not None and not customer.is_active:
        message = f"Customer {customer.code} is inactive."
        raise InvalidInput(message, errors={"customer": [message]})


@transaction.atomic
def price_list_create(
    *,
    by: User | None,
    name: str,
    currency: str,
    valid_from: date,
    items: Sequence[PriceBreak | Mapping[str, Any]],
    customer: Customer | None = None,
    customer_kind: str = "",
    valid_to: date | None = None,
    is_active: bool = True,
) -> PriceList:
    price_list = PriceList(
        name=name.strip(),
        customer=customer,
        customer_kind=customer_kind or "",
        currency=currency,
        valid_from=valid_from,
        valid_to=valid_to,
        is_active=is_active,
        created_by=by,
        updated_by=by,
    )
    _check_header(price_list)
    _check_customer(customer)
    built = _build_items(price_list, [_price_break(item) for item in items])
    lock_price_list_target(
        customer_id=price_list.customer_id,
        customer_kind=price_list.customer_kind,
        currency=price_list.currency,
    )
    _check_overlap(price_list, {item.product_id for item in built})
    price_list.save()
    PriceListItem.objects.bulk_create(built)
    audit_record(
        actor=by,
        action="price_list.created",
        obj=price_list,
        data={
            "items": len(built),
            "currency": price_list.currency,
            "valid": _period(price_list.valid_from, price_list.valid_to),
        },
    )
    return price_list


@transaction.atomic
def price_list_update(
    *,
    price_list: PriceList,
    by: User | None,
    items: Sequence[PriceBreak | Mapping[str, Any]] | None = None,
    **fields: Any,
) -> PriceList:
    """Change header fields among EDITABLE_FIELDS and, when ``items`` is given, replace every
    price and quantity break. Locks the list, then its (new) customer-or-group and currency."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"price_list_update does not change {sorted(unknown)}")
    price_list = PriceList.objects.select_for_update().get(pk=price_list.pk)
    before = snapshot(price_list, EDITABLE_FIELDS)
    if "customer" in fields and "customer_kind" not in fields and fields["customer"] is not None:
        fields["customer_kind"] = ""
    if "customer_kind" in fields and "customer" not in fields and fields["customer_kind"]:
        fields["customer"] = None
    for name, value in fields.items():
        setattr(price_list, name, value if name != "customer_kind" else (value or ""))
    price_list.name = price_list.name.strip()
    _check_header(price_list)
    if "customer" in fields:
        _check_customer(price_list.customer)
    built = (
        _build_items(price_list, [_price_break(item) for item in items])
        if items is not None
        else None
    )
    lock_price_list_target(
        customer_id=price_list.customer_id,
        customer_kind=price_list.customer_kind,
        currency=price_list.currency,
    )
    product_ids = (
        {item.product_id for item in built}
        if built is not None
        else set(price_list.items.values_list("product_id", flat=True))
    )
    _check_overlap(price_list, product_ids)
    price_list.updated_by = by
    price_list.save()
    if built is not None:
        price_list.items.all().delete()
        PriceListItem.objects.bulk_create(built)
    audit_record(
        actor=by,
        action="price_list.updated",
        obj=price_list,
        changes=diff(before, snapshot(price_list, EDITABLE_FIELDS)),
        data={"items": len(built)} if built is not None else None,
    )
    return price_list
