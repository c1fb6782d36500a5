"""Budget figures: what is pending, committed and actually spent against each budget, in the
company currency, each document converted at its own rate.

- pending: requests waiting for approval (they count at submit so two requests cannot both
  take the last of a budget);
- committed: approved requests not yet ordered, plus order lines not yet invoiced (issued
  orders, and drafts made from requests);
- actual: lines of approved (or paid) supplier invoices.

A document is counted in a budget when its date is in the budget's period, its department is
the budget's (any for a budget without one) and, line by line, the product is in the budget's
category or below it. Figures for any number of budgets take three queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from procura.core.money import ZERO, convert_money, line_amount, round_money
from procura.procurement.models import (
    Budget,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    PurchaseRequestItem,
    PurchaseRequestStatus,
    SupplierInvoiceKind,
    SupplierInvoiceLine,
    SupplierInvoiceStatus,
)

COMMITTED_ORDER_STATUSES = (
    PurchaseOrderStatus.ISSUED,
    PurchaseOrderStatus.PARTIALLY_RECEIVED,
    PurchaseOrderStatus.RECEIVED,
)
ACTUAL_INVOICE_STATUSES = (
    SupplierInvoiceStatus.APPROVED,
    SupplierInvoiceStatus.PARTIALLY_PAID,
    SupplierInvoiceStatus.PAID,
)


@dataclass
class BudgetFigures:
    amount: Decimal
    pending: Decimal = ZERO
    committed: Decimal = ZERO
    actual: Decimal = ZERO
    unconverted_documents: set[str] = field(default_factory=set)

    @property
    def consumed(self) -> Decimal:
        return round_money(self.pending + self.committed + self.actual)

    @property
    def remaining(self) -> Decimal:
        return round_money(self.amount - self.consumed)

    @property
    def used_percent(self) -> Decimal:
        return round_money(self.consumed * 100 / self.amount) if self.amount else ZERO


@dataclass(frozen=True)
class SpendLine:
    """One line of spend, in the company currency (None: its document has no rate)."""

    kind: str  # "pending" | "committed" | "actual"
    document: str
    on: date
    department_id: int | None
    category_path: str
    amount: Decimal | None


def budget_list(*, on: date | None = None) -> QuerySet[Budget]:
    queryset = Budget.objects.select_related("department", "category").order_by(
        "-starts_on", "name", "id"
    )
    if on is not None:
        queryset = queryset.filter(starts_on__lte=on, ends_on__gte=on)
    return queryset


def budgets_covering(*, on: date, department_id: int | None) -> QuerySet[Budget]:
    """Active budgets whose period holds ``on`` for the department (or for any department)."""
    return (
        Budget.objects.active()
        .filter(starts_on__lte=on, ends_on__gte=on)
        .filter(Q(department__isnull=True) | Q(department_id=department_id))
        .select_related("category")
    )


def _local_date(moment: datetime | None) -> date:
    return timezone.localdate(moment) if moment else timezone.localdate()


def _converted(amount: Decimal, rate: Decimal | None) -> Decimal | None:
    return None if rate is None else convert_money(amount, rate)


def spend_lines(
    *,
    start: date,
    end: date,
    exclude_request_id: int | None = None,
    exclude_order_id: int | None = None,
) -> list[SpendLine]:
    """Every line of spend dated from ``start`` to ``end`` (three queries)."""
    lines: list[SpendLine] = []
    requests = (
        PurchaseRequestItem.objects.filter(
            request__status__in=[
                PurchaseRequestStatus.PENDING_APPROVAL,
                PurchaseRequestStatus.APPROVED,
            ],
            request__submitted_at__date__gte=start,
            request__submitted_at__date__lte=end,
        )
        .exclude(request_id=exclude_request_id)
        .values_list(
            "request__number",
            "request__status",
            "request__submitted_at",
            "request__department_id",
            "product__category__path",
            "line_total",
            "request__exchange_rate",
        )
    )
    for number, status, submitted_at, department_id, path, total, rate in requests:
        lines.append(
            SpendLine(
                kind="pending" if status == PurchaseRequestStatus.PENDING_APPROVAL else "committed",
                document=number,
                on=_local_date(submitted_at),
                department_id=department_id,
                category_path=path or "",
                amount=_converted(total, rate),
            )
        )
    orders = (
        PurchaseOrderLine.objects.filter(
            Q(order__status__in=COMMITTED_ORDER_STATUSES)
            | Q(order__status=PurchaseOrderStatus.DRAFT, request_item__isnull=False),
            order__created_at__date__lte=end,
        )
        .filter(Q(order__issued_at__isnull=True) | Q(order__issued_at__date__gte=start))
        .exclude(order_id=exclude_order_id)
        .values_list(
            "order__number",
            "order__issued_at",
            "order__created_at",
            "request_item__request__department_id",
            "product__category__path",
            "quantity",
            "quantity_invoiced",
            "unit_price",
            "order__exchange_rate",
        )
    )
    for number, issued_at, created_at, department_id, path, qty, invoiced, price, rate in orders:
        open_quantity = qty - invoiced
        on = _local_date(issued_at or created_at)
        if open_quantity <= 0 or not start <= on <= end:
            continue
        lines.append(
            SpendLine(
                kind="committed",
                document=number,
                on=on,
                department_id=department_id,
                category_path=path or "",
                amount=_converted(line_amount(open_quantity, price), rate),
            )
        )
    invoices = SupplierInvoiceLine.objects.filter(
        invoice__status__in=ACTUAL_INVOICE_STATUSES,
        invoice__invoice_date__gte=start,
        invoice__invoice_date__lte=end,
    ).values_list(
        "invoice__invoice_number",
        "invoice__invoice_date",
        "order_line__request_item__request__department_id",
        "order_line__product__category__path",
        "line_total",
        "invoice__exchange_rate",
        "invoice__kind",
    )
    for number, invoice_date, department_id, path, total, rate, kind in invoices:
        if kind == SupplierInvoiceKind.CREDIT_NOTE:
            total = -total  # a posted credit note takes spend back
        lines.append(
            SpendLine(
                kind="actual",
                document=number,
                on=invoice_date,
                department_id=department_id,
                category_path=path or "",
                amount=_converted(total, rate),
            )
        )
    return lines


def applies(budget: Budget, *, on: date, department_id: int | None, category_path: str) -> bool:
    if not budget.starts_on <= on <= budget.ends_on:
        return False
    if budget.department_id is not None and budget.department_id != department_id:
        return False
    return budget.category is None or category_path.startswith(budget.category.path)


def budget_figures(
    budgets: Sequence[Budget],
    *,
    exclude_request_id: int | None = None,
    exclude_order_id: int | None = None,
) -> dict[int, BudgetFigures]:
    """Figures of each budget (categories must be loaded with the budgets)."""
    figures = {budget.pk: BudgetFigures(amount=budget.amount) for budget in budgets}
    if not budgets:
        return figures
    lines = spend_lines(
        start=min(budget.starts_on for budget in budgets),
        end=max(budget.ends_on for budget in budgets),
        exclude_request_id=exclude_request_id,
        exclude_order_id=exclude_order_id,
    )
    for budget in budgets:
        figure = figures[budget.pk]
        for line in _matching(budget, lines):
            if line.amount is None:
                figure.unconverted_documents.add(line.document)
                continue
            setattr(figure, line.kind, getattr(figure, line.kind) + line.amount)
    return figures


def _matching(budget: Budget, lines: Iterable[SpendLine]) -> Iterable[SpendLine]:
    return (
        line
        for line in lines
        if applies(
            budget, on=line.on, department_id=line.department_id, category_path=line.category_path
        )
    )
