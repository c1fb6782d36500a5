"""Three-way match of a supplier invoice: each line against its order line (price) and what
was received (quantity), and the header against its lines. Pure computation over rows the
caller has locked."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models import Sum

from procura.core.money import round_money
from procura.procurement.models import (
    SupplierInvoice,
    SupplierInvoiceLine,
    SupplierInvoiceStatus,
)


class MatchException(StrEnum):
    PRICE_OVER_TOLERANCE = "price_over_tolerance"
    QUANTITY_NOT_RECEIVED = "quantity_not_received"
    LINE_NOT_ON_ORDER = "line_not_on_order"
    CURRENCY_MISMATCH = "currency_mismatch"
    TOTALS_DO_NOT_ADD_UP = "totals_do_not_add_up"


@dataclass(frozen=True)
class MatchTolerances:
    price_percent: Decimal
    price_amount: Decimal
    quantity_percent: Decimal
    total_amount: Decimal

    @classmethod
    def from_settings(cls) -> MatchTolerances:
        def read(name: str, default: str) -> Decimal:
            return Decimal(str(getattr(settings, name, default)))

        return cls(
            price_percent=read("PROCUREMENT_MATCH_PRICE_TOLERANCE_PERCENT", "2"),
            price_amount=read("PROCUREMENT_MATCH_PRICE_TOLERANCE_AMOUNT", "0.05"),
            quantity_percent=read("PROCUREMENT_MATCH_QUANTITY_TOLERANCE_PERCENT", "0"),
            total_amount=read("PROCUREMENT_MATCH_TOTAL_TOLERANCE_AMOUNT", "0.05"),
        )


@dataclass(frozen=True)
class MatchIssue:
    code: str
    message: str
    line_no: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Invoices whose quantities count against what was received.
COUNTED_STATUSES = (
    SupplierInvoiceStatus.MATCHED,
    SupplierInvoiceStatus.EXCEPTION,
    SupplierInvoiceStatus.APPROVED,
    SupplierInvoiceStatus.PARTIALLY_PAID,
    SupplierInvoiceStatus.PAID,
)


def _invoiced_elsewhere(line: SupplierInvoiceLine) -> Decimal:
    total = (
        SupplierInvoiceLine.objects.filter(
            order_line_id=line.order_line_id, invoice__status__in=COUNTED_STATUSES
        )
        .exclude(invoice_id=line.invoice_id)
        .aggregate(total=Sum("quantity"))["total"]
    )
    return Decimal(total or 0)


def _line_issues(line: SupplierInvoiceLine, tolerances: MatchTolerances) -> list[MatchIssue]:
    order_line = line.order_line
    if order_line is None:
        return [
            MatchIssue(
                MatchException.LINE_NOT_ON_ORDER,
                f"Line {line.line_no} ({line.description}) is not on a purchase order.",
                line.line_no,
            )
        ]
    issues = []
    allowed = max(order_line.unit_price * tolerances.price_percent / 100, tolerances.price_amount)
    if line.unit_price - order_line.unit_price > allowed:
        issues.append(
            MatchIssue(
                MatchException.PRICE_OVER_TOLERANCE,
                f"Line {line.line_no}: invoiced at {line.unit_price}, ordered at "
                f"{order_line.unit_price} (tolerance {allowed:.4f}).",
                line.line_no,
            )
        )
    received = order_line.quantity_received
    invoiced = _invoiced_elsewhere(line) + line.quantity
    if invoiced > received * (1 + tolerances.quantity_percent / 100):
        issues.append(
            MatchIssue(
                MatchException.QUANTITY_NOT_RECEIVED,
                f"Line {line.line_no}: {invoiced} invoiced in all, only {received} received.",
                line.line_no,
            )
        )
    if order_line.order.currency != line.invoice.currency:
        issues.append(
            MatchIssue(
                MatchException.CURRENCY_MISMATCH,
                f"Line {line.line_no}: the order is in {order_line.order.currency}.",
                line.line_no,
            )
        )
    return issues


def three_way_match(
    invoice: SupplierInvoice, tolerances: MatchTolerances | None = None
) -> list[MatchIssue]:
    """Every reason the invoice does not match; empty when it matches."""
    tolerances = tolerances or MatchTolerances.from_settings()
    lines = list(invoice.lines.select_related("order_line__order").order_by("line_no"))
    issues: list[MatchIssue] = []
    for line in lines:
        line.invoice = invoice
        issues += _line_issues(line, tolerances)
    lines_total = round_money(sum((line.line_total for line in lines), Decimal(0)))
    if abs(lines_total - invoice.subtotal) > tolerances.total_amount:
        issues.append(
            MatchIssue(
                MatchException.TOTALS_DO_NOT_ADD_UP,
                f"The lines add up to {lines_total}, the invoice says {invoice.subtotal}.",
            )
        )
    if abs(invoice.subtotal + invoice.tax - invoice.total) > tolerances.total_amount:
        issues.append(
            MatchIssue(
                MatchException.TOTALS_DO_NOT_ADD_UP,
                f"Subtotal {invoice.subtotal} plus tax {invoice.tax} is not the total "
                f"{invoice.total}.",
            )
        )
    return issues
