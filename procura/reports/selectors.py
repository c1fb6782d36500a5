"""Reports: read-only aggregates across domains."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from procura.core.money import round_money
from procura.procurement.models import PurchaseOrderLine, PurchaseOrderStatus
from procura.sales.models import CustomerInvoice


@dataclass(frozen=True)
class DepartmentRef:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class DepartmentSpendRow:
    department: DepartmentRef | None
    currency: str
    total: Decimal
    orders: int


def _month_start(month: date) -> datetime:
    return timezone.make_aware(datetime.combine(month.replace(day=1), time.min))


def _next_month(month: date) -> date:
    first = month.replace(day=1)
    return (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else first.replace(month=first.month + 1)
    )


def spend_by_department(*, month: date) -> list[DepartmentSpendRow]:
    """Committed spend in ``month``: the lines of orders issued in that month (local time;
    cancelled orders excluded), summed per requesting department and currency. Lines not
    raised from a purchase request (direct orders) have no department. One query."""
    rows = (
        PurchaseOrderLine.objects.filter(
            order__issued_at__gte=_month_start(month),
            order__issued_at__lt=_month_start(_next_month(month)),
        )
        .exclude(order__status=PurchaseOrderStatus.CANCELLED)
        .values(
            department_id=F("request_item__request__department_id"),
            department_code=F("request_item__request__department__code"),
            department_name=F("request_item__request__department__name"),
            currency=F("order__currency"),
        )
        .annotate(total=Sum("line_total"), orders=Count("order_id", distinct=True))
        .order_by("currency", "-total", "department_name")
    )
    return [
        DepartmentSpendRow(
            department=(
                DepartmentRef(row["department_id"], row["department_code"], row["department_name"])
                if row["department_id"] is not None
                else None
            ),
            currency=row["currency"],
            total=round_money(row["total"]),
            orders=row["orders"],
        )
        for row in rows
    ]


# --- Spend and sales over a period, for the charts of the reports page ---------------------

SPEND_GROUPS = ("month", "department", "category", "supplier")


@dataclass(frozen=True)
class PeriodRow:
    """One bar of a chart: what it is (``key`` stable, ``name`` shown), in one currency."""

    key: str
    name: str
    currency: str
    total: Decimal
    orders: int
    total_company: Decimal | None = None  # at each document's own rate; None if one has none


def _company(expression: Any, rate: str) -> dict[str, Any]:
    """Annotations for a total in the company currency: each document's amount at its own
    rate, and how many amounts have no rate (then the converted total is not shown)."""
    return {
        "total_company": Sum(
            ExpressionWrapper(
                expression * F(rate), output_field=DecimalField(max_digits=28, decimal_places=10)
            )
        ),
        "unrated": Count("pk", filter=Q(**{f"{rate}__isnull": True})),
    }


def _company_total(row: Any) -> Decimal | None:
    if row["unrated"] or row["total_company"] is None:
        return None
    return round_money(row["total_company"])


def month_range(*, months: int, until: date | None = None) -> tuple[date, date]:
    """The first day of the month ``months - 1`` months before ``until``'s, and the first day
    after ``until``'s month: the last ``months`` calendar months, this one included."""
    last = (until or timezone.localdate()).replace(day=1)
    year, month = last.year, last.month - (months - 1)
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1), _next_month(last)


def spend_summary(*, by: str, start: date, end: date) -> list[PeriodRow]:
    """Committed spend of the orders issued from ``start`` up to ``end`` (exclusive; local
    time; cancelled orders excluded), per month, requesting department, product category or
    supplier, and currency. Months without spend are present with zero, so a chart of twelve
    months has twelve bars. One query."""
    if by not in SPEND_GROUPS:
        raise ValueError(f"Unknown grouping {by!r}")
    lines = PurchaseOrderLine.objects.filter(
        order__issued_at__gte=_month_start(start), order__issued_at__lt=_month_start(end)
    ).exclude(order__status=PurchaseOrderStatus.CANCELLED)
    groupings: dict[str, dict[str, Any]] = {
        "month": {"k": TruncMonth("order__issued_at"), "l": Value("")},
        "department": {
            "k": F("request_item__request__department__code"),
            "l": F("request_item__request__department__name"),
        },
        "category": {"k": F("product__category_id"), "l": F("product__category__name")},
        "supplier": {"k": F("order__supplier__code"), "l": F("order__supplier__name")},
    }
    keys = groupings[by]
    rows = (
        lines.values(key=keys["k"], label=keys["l"], currency=F("order__currency"))
        .annotate(
            total=Sum("line_total"),
            orders=Count("order_id", distinct=True),
            **_company(F("line_total"), "order__exchange_rate"),
        )
        .order_by()
    )
    result = [
        PeriodRow(
            key=_group_key(by, row["key"]),
            name=_group_label(by, row["key"], row["label"]),
            currency=row["currency"],
            total=round_money(row["total"]),
            orders=row["orders"],
            total_company=_company_total(row),
        )
        for row in rows
    ]
    if by == "month":
        currencies = {row.currency for row in result} or {str(settings.DEFAULT_CURRENCY)}
        present = {(row.key, row.currency) for row in result}
        month = start
        while month < end:
            for currency in currencies:
                if (month.strftime("%Y-%m"), currency) not in present:
                    result.append(
                        PeriodRow(
                            month.strftime("%Y-%m"), _month_label(month), currency, ZERO, 0, ZERO
                        )
                    )
            month = _next_month(month)
        return sorted(result, key=lambda row: (row.currency, row.key))
    return sorted(result, key=lambda row: (row.currency, -row.total, row.name))


def sales_by_customer(*, start: date, end: date) -> list[PeriodRow]:
    """Net sales (invoiced, before tax, after discounts) per customer and currency, of the
    customer invoices issued from ``start`` up to ``end`` (exclusive). One query."""
    rows = (
        CustomerInvoice.objects.filter(issue_date__gte=start, issue_date__lt=end)
        .values(key=F("customer__code"), label=F("customer__name"), currency_code=F("currency"))
        .annotate(
            total=Sum(F("subtotal") - F("discount_amount")),
            orders=Count("order_id", distinct=True),
            **_company(F("subtotal") - F("discount_amount"), "exchange_rate"),
        )
        .order_by()
    )
    result = [
        PeriodRow(
            key=row["key"],
            name=row["label"],
            currency=row["currency_code"],
            total=round_money(row["total"]),
            orders=row["orders"],
            total_company=_company_total(row),
        )
        for row in rows
    ]
    return sorted(result, key=lambda row: (row.currency, -row.total, row.name))


ZERO = Decimal("0.00")
UNASSIGNED = {"department": "No department (direct orders)", "category": "Not in the catalog"}


def _group_key(by: str, key: Any) -> str:
    if by == "month":
        return (
            timezone.localtime(key).strftime("%Y-%m") if isinstance(key, datetime) else str(key)[:7]
        )
    return "" if key is None else str(key)


def _group_label(by: str, key: Any, label: Any) -> str:
    if by == "month":
        month = timezone.localtime(key).date() if isinstance(key, datetime) else key
        return _month_label(month)
    return str(label) if label else UNASSIGNED.get(by, "—")


def _month_label(month: date) -> str:
    return month.strftime("%b %Y")
