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
from procura.accounts.roles import Role
from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.catalog.selectors import tax_rate_for
from procura.core.errors import Conflict, InvalidInput, NotAllowed
from procura.core.money import ZERO, round_money, round_quantity
from procura.core.numbering import next_document_number
from procura.core.permissions import has_any_role
from procura.inventory.locks import lock_stock_levels, stock_key
from procura.inventory.models import Location
from procura.inventory.services import SourceRef, stock_release, stock_reserve
from procura.partners.models import Customer, PartnerAddress
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_order
from procura.sales.models import SalesOrder, SalesOrderHistory, SalesOrderLine, SalesOrderStatus
from procura.sales.notices import notify_order_event
from procura.sales.pricing import document_totals, line_amounts
from procura.sales.selectors import customer_open_receivables

S = SalesOrderStatus
ORDER_PREFIX = "SO"


@dataclass(frozen=True)
class LineInput:
    product: Product
    quantity: Decimal
    discount_percent: Decimal = ZERO
    description: str = ""


def _line_input(raw: LineInput | Mapping[str, Any]) -> LineInput:
    if isinstance(raw, LineInput):
        return raw
    return LineInput(
        product=raw["product"],
        quantity=Decimal(raw["quantity"]),
        discount_percent=Decimal(raw.get("discount_percent") or 0),
        description=raw.get("description") or "",
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


def _check_customer(customer: Customer) -> None:
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
        if product.currency != order.currency:
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
                unit_price=product.list_price,
                discount_percent=line.discount_percent,
                tax_rate=_rate(rates, product, region=order.customer.tax_region, on=on),
            )
        )
    return built


def apply_totals(order: SalesOrder, lines: Sequence[SalesOrderLine]) -> None:
    """Compute every line's amounts and the order's totals in place (not saved)."""
    amounts = []
    for line in lines:
        computed = line_amounts(
            quantity=line.quantity,
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
    _check_customer(customer)
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


@dataclass(frozen=True)
class _Plan:
    line: SalesOrderLine
    reserve: Decimal
    short: Decimal
    available: Decimal


def _reservation_plan(order: SalesOrder, lines: list[SalesOrderLine]) -> list[_Plan]:
    """Lock every stock row the order needs (one call, primary-key order) and split each line
    into what can be reserved and what is short. Lines of one product share its availability."""
    levels = lock_stock_levels(stock_key(line.product_id, order.location_id) for line in lines)
    left = {key: level.available for key, level in levels.items()}
    plans = []
    for line in lines:
        key = stock_key(line.product_id, order.location_id)
        available = max(left[key], ZERO)
        reserve = min(available, line.quantity)
        left[key] = available - reserve
        plans.append(
            _Plan(line=line, reserve=reserve, short=line.quantity - reserve, available=available)
        )
    return plans


def _short_lines_error(order: SalesOrder, short: list[_Plan]) -> Conflict:
    return Conflict(
        errors.INSUFFICIENT_STOCK.format(count=len(short), location=order.location.code),
        code=SalesErrorCode.INSUFFICIENT_STOCK,
        data={
            "short_lines": [
                {
                    "line_no": plan.line.line_no,
                    "product": str(plan.line.product_id),
                    "sku": plan.line.product.sku,
                    "requested": str(plan.line.quantity),
                    "available": str(plan.available),
                }
                for plan in short
            ]
        },
    )


def _split_backorder(
    order: SalesOrder, plans: list[_Plan], *, by: User | None
) -> SalesOrder | None:
    """Move the short part of each line to a new draft order (the backorder) and shrink the
    line to what can be reserved; lines with nothing available move entirely."""
    short = [plan for plan in plans if plan.short > 0]
    if not short:
        return None
    backorder = sales_order_create(
        customer=order.customer,
        location=order.location,
        ship_to=order.ship_to,
        requested_date=order.requested_date,
        notes=f"Backorder of {order.number}",
        customer_reference=order.customer_reference,
        discount_percent=order.discount_percent,
        allow_backorder=True,
        backorder_of=order,
        by=by,
        lines=[
            LineInput(
                product=plan.line.product,
                quantity=plan.short,
                discount_percent=plan.line.discount_percent,
                description=plan.line.description,
            )
            for plan in short
        ],
    )
    # The backorder re-priced nothing: it carries the original snapshot prices and rates.
    backorder_lines = list(backorder.lines.order_by("line_no"))
    for line, plan in zip(backorder_lines, short, strict=True):
        line.unit_price = plan.line.unit_price
        line.tax_rate = plan.line.tax_rate
    apply_totals(backorder, backorder_lines)
    SalesOrderLine.objects.bulk_update(
        backorder_lines, ["unit_price", "tax_rate", *LINE_AMOUNT_FIELDS]
    )
    backorder.save(update_fields=TOTAL_FIELDS)
    for plan in short:
        if plan.reserve == 0:
            plan.line.delete()
        else:
            plan.line.quantity = plan.reserve
            plan.line.save(update_fields=["quantity"])
    return backorder


def _credit_check(
    order: SalesOrder, *, by: User | None, override: bool, comment: str
) -> dict[str, str]:
    """Open receivables plus this order against the credit limit (a limit of 0 means none is
    set). Over it: 409 with the figures, unless finance overrides with a comment."""
    customer = order.customer
    if customer.credit_limit <= 0:
        return {}
    open_amount = customer_open_receivables(customer=customer)
    exposure = open_amount + order.total
    if exposure <= customer.credit_limit:
        return {}
    figures = {
        "credit_limit": str(customer.credit_limit),
        "open_receivables": str(open_amount),
        "order_total": str(order.total),
        "exposure": str(exposure),
        "currency": customer.currency,
    }
    if not override:
        raise Conflict(
            errors.CREDIT_LIMIT_EXCEEDED.format(
                limit=customer.credit_limit,
                currency=customer.currency,
                open=open_amount,
                order=order.total,
                exposure=exposure,
            ),
            code=SalesErrorCode.CREDIT_LIMIT_EXCEEDED,
            data=figures,
        )
    if not has_any_role(by, [Role.FINANCE]):
        raise NotAllowed(errors.OVERRIDE_NOT_ALLOWED, code=SalesErrorCode.OVERRIDE_NOT_ALLOWED)
    if not comment.strip():
        raise InvalidInput(
            errors.OVERRIDE_COMMENT_REQUIRED,
            code=SalesErrorCode.OVERRIDE_COMMENT_REQUIRED,
            errors={"comment": [errors.OVERRIDE_COMMENT_REQUIRED]},
        )
    return figures


@transaction.atomic
def sales_order_confirm(
    *,
    order: SalesOrder,
    by: User | None,
    override_credit: bool = False,
    comment: str = "",
) -> SalesOrder:
    """draft -> confirmed. Locks the order, then every stock row it needs (primary-key order).
    Each line's quantity is reserved at the order's location; a short line is a 409 listing the
    short lines with what is available, unless the order allows backorders: then the short part
    moves to a new draft backorder order. Then the credit check (``_credit_check``)."""
    order = lock_order(order)
    require_status(order, [S.DRAFT], "confirmed")
    customer = order.customer
    _check_customer(customer)
    if customer.on_hold:
        raise Conflict(
            errors.CUSTOMER_ON_HOLD.format(code=customer.code),
            code=SalesErrorCode.CUSTOMER_ON_HOLD,
        )
    lines = list(order.lines.select_related("product").order_by("line_no"))
    plans = _reservation_plan(order, lines)
    short = [plan for plan in plans if plan.short > 0]
    if short and (not order.allow_backorder or all(plan.reserve == 0 for plan in plans)):
        raise _short_lines_error(order, short)
    backorder = _split_backorder(order, plans, by=by) if short else None
    if backorder is not None:
        lines = list(order.lines.select_related("product").order_by("line_no"))
        apply_totals(order, lines)
        SalesOrderLine.objects.bulk_update(lines, LINE_AMOUNT_FIELDS)
    figures = _credit_check(order, by=by, override=override_credit, comment=comment)
    source = SourceRef.of(order)
    for line in lines:
        stock_reserve(
            product=line.product,
            location=order.location,
            quantity=line.quantity,
            by=by,
            source=source,
        )
        line.quantity_reserved = line.quantity
    SalesOrderLine.objects.bulk_update(lines, ["quantity_reserved"])
    order.confirmed_at = timezone.now()
    if figures:
        order.credit_override_comment = comment.strip()
    extra: dict[str, Any] = {}
    if figures:
        extra["credit_override"] = figures
    if backorder is not None:
        extra["backorder"] = backorder.number
    change_status(
        order,
        S.CONFIRMED,
        by=by,
        reason=comment.strip(),
        fields=[*TOTAL_FIELDS, "confirmed_at", "credit_override_comment"],
        **extra,
    )
    notify_order_event(order, "order_confirmed")
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
