"""Confirming a sales order: the stock reservation (with backorders) and the credit check."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.errors import Conflict, InvalidInput, NotAllowed
from procura.core.money import ZERO
from procura.core.permissions import has_any_role
from procura.currency.selectors import stamp_rate
from procura.inventory.locks import lock_stock_levels, stock_key
from procura.inventory.services import SourceRef, stock_reserve
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_order
from procura.sales.models import SalesOrder, SalesOrderLine, SalesOrderStatus
from procura.sales.notices import notify_order_event
from procura.sales.selectors import customer_open_receivables
from procura.sales.services.orders import (
    LINE_AMOUNT_FIELDS,
    TOTAL_FIELDS,
    LineInput,
    apply_totals,
    change_status,
    check_customer,
    require_status,
    sales_order_create,
)

S = SalesOrderStatus


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
                lot=plan.line.lot,
            )
            for plan in short
        ],
    )
    # The backorder re-priced nothing: it carries the original snapshot prices and rates.
    backorder_lines = list(backorder.lines.order_by("line_no"))
    for line, plan in zip(backorder_lines, short, strict=True):
        line.unit_price = plan.line.unit_price
        line.price_source = plan.line.price_source
        line.tax_rate = plan.line.tax_rate
    apply_totals(backorder, backorder_lines)
    SalesOrderLine.objects.bulk_update(
        backorder_lines, ["unit_price", "price_source", "tax_rate", *LINE_AMOUNT_FIELDS]
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
    check_customer(customer)
    if customer.on_hold:
        raise Conflict(
            errors.CUSTOMER_ON_HOLD.format(code=customer.code),
            code=SalesErrorCode.CUSTOMER_ON_HOLD,
        )
    lines = list(order.lines.select_related("product", "lot").order_by("line_no"))
    plans = _reservation_plan(order, lines)
    short = [plan for plan in plans if plan.short > 0]
    if short and (not order.allow_backorder or all(plan.reserve == 0 for plan in plans)):
        raise _short_lines_error(order, short)
    backorder = _split_backorder(order, plans, by=by) if short else None
    if backorder is not None:
        lines = list(order.lines.select_related("product", "lot").order_by("line_no"))
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
            lot=line.lot,
        )
        line.quantity_reserved = line.quantity
    SalesOrderLine.objects.bulk_update(lines, ["quantity_reserved"])
    order.confirmed_at = timezone.now()
    stamp_rate(order, on=timezone.localdate())
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
        fields=[
            *TOTAL_FIELDS,
            "confirmed_at",
            "credit_override_comment",
            "exchange_rate",
            "exchange_rate_date",
        ],
        **extra,
    )
    notify_order_event(order, "order_confirmed")
    return order
