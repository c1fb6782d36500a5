"""Sales orders: creation with price snapshots and tax, confirmation (stock reservation and the
credit check), picking, cancellation. Every status change goes through ``change_status``: one
history row and one audit event in the transaction of the change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.catalog.conversions import convert_quantity
from procura.catalog.models import Product
from procura.catalog.selectors import tax_rate_for
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import ZERO, round_money, round_quantity
from procura.core.numbering import next_document_number
from procura.inventory.models import Location, Lot
from procura.inventory.services import SourceRef, stock_release
from procura.partners.models import Customer, PartnerAddress
from procura.sales import errors
from procura.sales.customer_prices import LIST_PRICE, CustomerPrice, customer_price
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_order
from procura.sales.models import SalesOrder, SalesOrderHistory, SalesOrderLine, SalesOrderStatus
from procura.sales.pricing import document_totals, line_amounts

S = SalesOrderStatus
ORDER_PREFIX = "SO"


@dataclass(frozen=True)
class LineInput:
    product: Product
    quantity: Decimal
    discount_percent: Decimal = ZERO
    description: str = ""
    lot: Lot | None = None
    # A price agreed beforehand (an accepted quote): taken as it is, with its source.
    agreed_price: CustomerPrice | None = None


def _line_input(raw: LineInput | Mapping[str, Any]) -> LineInput:
    if isinstance(raw, LineInput):
        return raw
    return LineInput(
        product=raw["product"],
        quantity=Decimal(raw["quantity"]),
        discount_percent=Decimal(raw.get("discount_percent") or 0),
        description=raw.get("description") or "",
        lot=raw.get("lot"),
    )


def change_status(
    order: SalesOrder, to: str, *, by: User | None, reason: str = "", **data: Any
) -> None:
    """Move a locked order to ``to``: saves it, appends the history row and the audit event."""
    before = order.status
    order.status = to
    order.updated_by = by
    order.save(update_fields=["status", "updated_by", "updated_at", *data.pop("fields", [])])
    SalesOrderHistory.objects.create(
        order=order, from_status=before, to_status=to, by=by, reason=reason
    )
    audit_record(
        actor=by,
        action=f"sales_order.{to}",
        obj=order,
        changes={"status": (before, to)},
        data={"reason": reason, **data},
    )


def require_status(order: SalesOrder, allowed: Sequence[str], action: str) -> None:
    if order.status not in allowed:
        raise Conflict(
            errors.ILLEGAL_TRANSITION.format(status=order.status, action=action),
            code=SalesErrorCode.ILLEGAL_TRANSITION,
            data={"status": order.status},
        )


def check_customer(customer: Customer) -> None:
    if not customer.is_active:
        raise InvalidInput(
            errors.CUSTOMER_INACTIVE.format(code=customer.code),
            code=SalesErrorCode.CUSTOMER_INACTIVE,
            errors={"customer": [errors.CUSTOMER_INACTIVE.format(code=customer.code)]},
        )


def _rate(cache: dict[int, Decimal], product: Product, *, region: str, on: date) -> Decimal:
    """The tax rate of the product's category in the region, looked up once per order."""
    if product.tax_category_id not in cache:
        cache[product.tax_category_id] = tax_rate_for(
            tax_category=product.tax_category, region=region, on=on
        )
    return cache[product.tax_category_id]


def _build_lines(
    order: SalesOrder, lines: Sequence[LineInput], *, on: date
) -> list[SalesOrderLine]:
    built = []
    rates: dict[int, Decimal] = {}
    for index, line in enumerate(lines, start=1):
        product = line.product
        field = f"lines.{index - 1}.product"
        if not product.is_active:
            message = errors.PRODUCT_INACTIVE.format(sku=product.sku)
            raise InvalidInput(
                message, code=SalesErrorCode.PRODUCT_INACTIVE, errors={field: [message]}
            )
        price = line.agreed_price or customer_price(
            customer=order.customer,
            product=product,
            quantity=round_quantity(line.quantity),
            currency=order.currency,
            on=on,
        )
        if (
            line.agreed_price is None
            and price.source == LIST_PRICE
            and product.currency != order.currency
        ):
            message = errors.CURRENCY_MISMATCH.format(
                sku=product.sku, product_currency=product.currency, currency=order.currency
            )
            raise InvalidInput(
                message, code=SalesErrorCode.CURRENCY_MISMATCH, errors={field: [message]}
            )
        built.append(
            SalesOrderLine(
                order=order,
                line_no=index,
                product=product,
                description=(line.description or product.name)[:200],
                quantity=round_quantity(line.quantity),
                unit=product.unit,
                price_unit=product.weight_unit if product.catch_weight else "",
                lot=_chosen_lot(line, index - 1),
                unit_price=price.unit_price,
                price_source=price.source,
                discount_percent=line.discount_percent,
                tax_rate=_rate(rates, product, region=order.customer.tax_region, on=on),
            )
        )
    return built


def priced_lines(
    order: SalesOrder, lines: Sequence[LineInput | Mapping[str, Any]], *, on: date
) -> list[SalesOrderLine]:
    """The lines as ``order`` (saved or not) would take them on ``on``: price and its source,
    tax rate, unit; amounts by ``apply_totals``. Quotes price their lines the same way."""
    return _build_lines(order, [_line_input(line) for line in lines], on=on)


def _chosen_lot(line: LineInput, index: int) -> Lot | None:
    lot = line.lot
    if lot is None:
        return None
    if lot.product_id != line.product.pk or not line.product.lot_tracked:
        message = errors.LOT_NOT_OF_PRODUCT.format(lot=lot.code, sku=line.product.sku)
        raise InvalidInput(
            message,
            code=SalesErrorCode.LOT_NOT_OF_PRODUCT,
            errors={f"lines.{index}.lot": [message]},
        )
    return lot


def priced_quantity(line: SalesOrderLine) -> Decimal:
    """What the line's unit price multiplies: the ordered quantity, or for a catch-weight line
    its nominal weight (the estimate until the actual weight is shipped)."""
    if not line.price_unit or line.price_unit == line.unit:
        return line.quantity
    return convert_quantity(line.product, line.quantity, source=line.unit, target=line.price_unit)


def apply_totals(order: SalesOrder, lines: Sequence[SalesOrderLine]) -> None:
    """Compute every line's amounts and the order's totals in place (not saved)."""
    amounts = []
    for line in lines:
        computed = line_amounts(
            quantity=priced_quantity(line),
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            order_discount_percent=order.discount_percent,
            tax_rate=line.tax_rate,
        )
        line.net_amount = computed.net
        line.tax_amount = computed.tax
        amounts.append(computed)
    totals = document_totals(amounts, shipping_charge=order.shipping_charge)
    order.subtotal = totals.subtotal
    order.discount_amount = totals.discount_amount
    order.tax_total = totals.tax_total
    order.total = totals.total


TOTAL_FIELDS = ["subtotal", "discount_amount", "tax_total", "total"]
LINE_AMOUNT_FIELDS = ["quantity", "net_amount", "tax_amount"]


@transaction.atomic
def sales_order_create(
    *,
    customer: Customer,
    location: Location,
    lines: Sequence[LineInput | Mapping[str, Any]],
    by: User | None,
    ship_to: PartnerAddress | None = None,
    requested_date: date | None = None,
    notes: str = "",
    customer_reference: str = "",
    discount_percent: Decimal = ZERO,
    shipping_charge: Decimal = ZERO,
    allow_backorder: bool = False,
    backorder_of: SalesOrder | None = None,
    order_date: date | None = None,
) -> SalesOrder:
    """A draft order in the customer's currency and payment terms. Each line snapshots the
    product's list price and the tax rate of (customer tax region, product tax category) on the
    order date; amounts are rounded half-up per line. No lock: nothing existing changes except
    the SO number sequence (locked by ``next_document_number``)."""
    check_customer(customer)
    if not lines:
        raise InvalidInput(
            errors.NO_LINES, code=SalesErrorCode.NO_LINES, errors={"lines": [errors.NO_LINES]}
        )
    if not location.is_active:
        message = errors.LOCATION_INACTIVE.format(code=location.code)
        raise InvalidInput(
            message, code=SalesErrorCode.LOCATION_INACTIVE, errors={"location": [message]}
        )
    if ship_to is not None and ship_to.customer_id != customer.pk:
        raise InvalidInput(
            errors.SHIP_TO_NOT_CUSTOMERS,
            code=SalesErrorCode.SHIP_TO_NOT_CUSTOMERS,
            errors={"ship_to": [errors.SHIP_TO_NOT_CUSTOMERS]},
        )
    on = order_date or timezone.localdate()
    order = SalesOrder(
        number=next_document_number(ORDER_PREFIX, on=on),
        customer=customer,
        ship_to=ship_to,
        location=location,
        order_date=on,
        requested_date=requested_date,
        currency=customer.currency,
        payment_terms_days=customer.payment_terms_days,
        notes=notes.strip(),
        customer_reference=customer_reference.strip(),
        allow_backorder=allow_backorder,
        discount_percent=Decimal(discount_percent),
        shipping_charge=round_money(shipping_charge),
        backorder_of=backorder_of,
        created_by=by,
        updated_by=by,
    )
    built = _build_lines(order, [_line_input(line) for line in lines], on=on)
    apply_totals(order, built)
    # Field validation only: the database enforces the constraints and the unique number.
    order.full_clean(
        exclude=["number", "customer", "location", "ship_to", "backorder_of"],
        validate_unique=False,
        validate_constraints=False,
    )
    order.save()
    SalesOrderLine.objects.bulk_create(built)
    SalesOrderHistory.objects.create(order=order, to_status=S.DRAFT, by=by)
    audit_record(
        actor=by,
        action="sales_order.created",
        obj=order,
        data={
            "customer": customer.code,
            "total": str(order.total),
            "lines": len(built),
            "backorder_of": backorder_of.number if backorder_of else "",
        },
    )
    return order


@transaction.atomic
def sales_order_pick(*, order: SalesOrder, by: User | None, reason: str = "") -> SalesOrder:
    """confirmed -> picking (the warehouse started on it). Locks the order."""
    order = lock_order(order)
    require_status(order, [S.CONFIRMED], "picked")
    change_status(order, S.PICKING, by=by, reason=reason)
    return order


@transaction.atomic
def sales_order_cancel(*, order: SalesOrder, by: User | None, reason: str = "") -> SalesOrder:
    """draft|confirmed -> cancelled; a confirmed order's reservations are released. Locks the
    order, then (through the stock service) each stock row."""
    order = lock_order(order)
    require_status(order, [S.DRAFT, S.CONFIRMED], "cancelled")
    source = SourceRef.of(order)
    lines = list(order.lines.select_related("product").filter(quantity_reserved__gt=0))
    for line in sorted(lines, key=lambda item: str(item.product_id)):
        stock_release(
            product=line.product,
            location=order.location,
            quantity=line.quantity_reserved,
            by=by,
            source=source,
        )
        line.quantity_reserved = ZERO
    SalesOrderLine.objects.bulk_update(lines, ["quantity_reserved"])
    change_status(order, S.CANCELLED, by=by, reason=reason)
    return order


EDITABLE_FIELDS = (
    "ship_to",
    "location",
    "requested_date",
    "notes",
    "customer_reference",
    "discount_percent",
    "shipping_charge",
    "allow_backorder",
)


def _replace_lines(
    order: SalesOrder, lines: Sequence[Mapping[str, Any]], *, on: date
) -> list[SalesOrderLine]:
    """A line sent with the ``id`` of an existing line keeps that line's price and tax snapshot
    (its quantity, discount and description change); a line without one is new and takes
    today's price. Existing lines not sent are removed."""
    existing = {line.pk: line for line in order.lines.select_related("product")}
    kept: list[SalesOrderLine] = []
    new_inputs: list[LineInput] = []
    for index, raw in enumerate(lines):
        line_id = raw.get("id")
        if line_id is None:
            new_inputs.append(_line_input(raw))
            continue
        line = existing.pop(int(line_id), None)
        if line is None or line.product_id != raw["product"].pk:
            message = errors.LINE_NOT_ON_ORDER.format(line=line_id)
            raise InvalidInput(
                message,
                code=SalesErrorCode.LINE_NOT_ON_ORDER,
                errors={f"lines.{index}.id": [message]},
            )
        line.quantity = round_quantity(raw["quantity"])
        line.discount_percent = Decimal(raw.get("discount_percent") or 0)
        line.description = (raw.get("description") or line.product.name)[:200]
        kept.append(line)
    order.lines.filter(pk__in=list(existing)).delete()
    added = _build_lines(order, new_inputs, on=on)
    result = kept + added
    for number, line in enumerate(result, start=1):
        line.line_no = number
    # Renumber in two steps so the (order, line_no) unique constraint never sees a clash.
    for line in kept:
        line.line_no += 10_000
    SalesOrderLine.objects.bulk_update(kept, ["line_no"])
    for line in kept:
        line.line_no -= 10_000
    return result


@transaction.atomic
def sales_order_update(
    *,
    order: SalesOrder,
    by: User | None,
    lines: Sequence[Mapping[str, Any]] | None = None,
    **fields: Any,
) -> SalesOrder:
    """Change a draft: header fields among EDITABLE_FIELDS and, when ``lines`` is given, every
    line (see ``_replace_lines``). Totals are recomputed. Locks the order."""
    order = lock_order(order)
    require_status(order, [S.DRAFT], "changed")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"sales_order_update does not change {sorted(unknown)}")
    if lines is not None and not lines:
        raise InvalidInput(
            errors.NO_LINES, code=SalesErrorCode.NO_LINES, errors={"lines": [errors.NO_LINES]}
        )
    ship_to = fields.get("ship_to")
    if ship_to is not None and ship_to.customer_id != order.customer_id:
        raise InvalidInput(
            errors.SHIP_TO_NOT_CUSTOMERS,
            code=SalesErrorCode.SHIP_TO_NOT_CUSTOMERS,
            errors={"ship_to": [errors.SHIP_TO_NOT_CUSTOMERS]},
        )
    before = {name: getattr(order, name) for name in (*EDITABLE_FIELDS, "total")}
    for name, value in fields.items():
        setattr(order, name, value)
    if "shipping_charge" in fields:
        order.shipping_charge = round_money(order.shipping_charge)
    current = (
        _replace_lines(order, lines, on=order.order_date)
        if lines is not None
        else list(order.lines.order_by("line_no"))
    )
    apply_totals(order, current)
    SalesOrderLine.objects.bulk_update(
        [line for line in current if line.pk],
        ["line_no", "quantity", "discount_percent", "description", "net_amount", "tax_amount"],
    )
    SalesOrderLine.objects.bulk_create([line for line in current if not line.pk])
    order.updated_by = by
    order.save()
    changes = {
        name: (str(value), str(getattr(order, name)))
        for name, value in before.items()
        if value != getattr(order, name)
    }
    audit_record(
        actor=by,
        action="sales_order.updated",
        obj=order,
        changes=changes,
        data={"lines": len(current)} if lines is not None else None,
    )
    return order
