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


@dataclass(frozen=True)
class LineMatch:
    """One invoice line against its order line: the figures a person checks and what the match
    allowed. Quantities in the order line's unit; prices in the document currency."""

    line_no: int
    description: str
    order_line_no: int | None
    unit: str
    ordered_quantity: Decimal | None
    received_quantity: Decimal | None
    invoiced_elsewhere: Decimal | None
    invoiced_quantity: Decimal
    quantity_variance: Decimal | None  # invoiced in all minus received (positive: not received)
    quantity_allowed: Decimal | None  # what may be invoiced in all
    ordered_price: Decimal | None
    invoiced_price: Decimal
    price_variance: Decimal | None  # invoiced minus ordered unit price
    price_tolerance: Decimal | None  # the unit-price rise allowed
    price_tolerance_rule: str
    line_total: Decimal
    price_variance_amount: Decimal | None  # price variance x invoiced quantity, rounded
    issues: tuple[MatchIssue, ...]

    @property
    def ok(self) -> bool:
        return not self.issues


def line_match(
    line: SupplierInvoiceLine, tolerances: MatchTolerances, elsewhere: Decimal | None = None
) -> LineMatch:
    """The figures of one line and every reason it does not match. ``elsewhere``: what other
    counted invoices bill of the order line, when the caller read it for many lines at once."""
    order_line = line.order_line
    if order_line is None:
        issue = MatchIssue(
            MatchException.LINE_NOT_ON_ORDER,
            f"Line {line.line_no} ({line.description}) is not on a purchase order.",
            line.line_no,
        )
        return LineMatch(
            line_no=line.line_no,
            description=line.description,
            order_line_no=None,
            unit="",
            ordered_quantity=None,
            received_quantity=None,
            invoiced_elsewhere=None,
            invoiced_quantity=line.quantity,
            quantity_variance=None,
            quantity_allowed=None,
            ordered_price=None,
            invoiced_price=line.unit_price,
            price_variance=None,
            price_tolerance=None,
            price_tolerance_rule="",
            line_total=line.line_total,
            price_variance_amount=None,
            issues=(issue,),
        )
    issues = []
    by_percent = order_line.unit_price * tolerances.price_percent / 100
    allowed = max(by_percent, tolerances.price_amount)
    rule = (
        f"{tolerances.price_percent}% of the order price"
        if by_percent >= tolerances.price_amount
        else f"{tolerances.price_amount} a unit"
    )
    price_variance = line.unit_price - order_line.unit_price
    if price_variance > allowed:
        issues.append(
            MatchIssue(
                MatchException.PRICE_OVER_TOLERANCE,
                f"Line {line.line_no}: invoiced at {line.unit_price}, ordered at "
                f"{order_line.unit_price} (tolerance {allowed:.4f}).",
                line.line_no,
            )
        )
    received = order_line.quantity_received
    if elsewhere is None:
        elsewhere = _invoiced_elsewhere(line)
    invoiced = elsewhere + line.quantity
    quantity_allowed = received * (1 + tolerances.quantity_percent / 100)
    if invoiced > quantity_allowed:
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
    return LineMatch(
        line_no=line.line_no,
        description=line.description or order_line.description,
        order_line_no=order_line.line_no,
        unit=order_line.unit,
        ordered_quantity=order_line.quantity,
        received_quantity=received,
        invoiced_elsewhere=elsewhere,
        invoiced_quantity=line.quantity,
        quantity_variance=invoiced - received,
        quantity_allowed=quantity_allowed,
        ordered_price=order_line.unit_price,
        invoiced_price=line.unit_price,
        price_variance=price_variance,
        price_tolerance=allowed,
        price_tolerance_rule=rule,
        line_total=line.line_total,
        price_variance_amount=round_money(price_variance * line.quantity),
        issues=tuple(issues),
    )


def line_matches(
    invoice: SupplierInvoice, tolerances: MatchTolerances | None = None
) -> list[LineMatch]:
    """The per-line three-way match of ``invoice``, as it stands now (read only)."""
    tolerances = tolerances or MatchTolerances.from_settings()
    lines = list(invoice.lines.select_related("order_line__order").order_by("line_no"))
    elsewhere = {
        row["order_line_id"]: Decimal(row["total"] or 0)
        for row in SupplierInvoiceLine.objects.filter(
            order_line_id__in={line.order_line_id for line in lines if line.order_line_id},
            invoice__status__in=COUNTED_STATUSES,
        )
        .exclude(invoice_id=invoice.pk)
        .order_by()
        .values("order_line_id")
        .annotate(total=Sum("quantity"))
    }
    for line in lines:
        line.invoice = invoice
    return [
        line_match(line, tolerances, elsewhere.get(line.order_line_id or 0, Decimal(0)))
        for line in lines
    ]


def three_way_match(
    invoice: SupplierInvoice, tolerances: MatchTolerances | None = None
) -> list[MatchIssue]:
    """Every reason the invoice does not match; empty when it matches."""
    tolerances = tolerances or MatchTolerances.from_settings()
    lines = list(invoice.lines.select_related("order_line__order").order_by("line_no"))
    issues: list[MatchIssue] = []
    for line in lines:
        line.invoice = invoice
        issues += line_match(line, tolerances).issues
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
