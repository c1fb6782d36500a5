"""Reports: read-only aggregates across domains."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.utils import timezone

from procura.core.money import round_money
from procura.procurement.models import PurchaseOrderLine, PurchaseOrderStatus


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
