"""Spend: what was ordered (issued orders) on a day, by department, supplier and category
(the daily summary finance receives)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import F, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from procura.core.money import round_money
from procura.procurement.models import PurchaseOrderLine, PurchaseOrderStatus

DIRECT_ORDER = "Direct orders"
UNCATEGORISED = "Uncategorised"


@dataclass(frozen=True)
class SpendSummary:
    day: date
    by_department: list[tuple[str, str, Decimal]]
    by_supplier: list[tuple[str, str, Decimal]]
    by_category: list[tuple[str, str, Decimal]]


def spend_summary(*, day: date) -> SpendSummary:
    """Totals of the lines of orders issued on ``day`` (cancelled orders excluded), per
    currency. The department is the requesting department; orders placed directly by a buyer
    count as direct orders."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    lines = (
        PurchaseOrderLine.objects.filter(
            order__issued_at__gte=start, order__issued_at__lt=start + timedelta(days=1)
        )
        .exclude(order__status=PurchaseOrderStatus.CANCELLED)
        .annotate(currency=F("order__currency"))
    )

    def grouped(label: object) -> list[tuple[str, str, Decimal]]:
        rows = (
            lines.annotate(label=label)
            .values("label", "currency")
            .annotate(total=Sum("line_total"))
            .order_by("-total", "label")
        )
        return [(row["label"], row["currency"], round_money(row["total"])) for row in rows]

    return SpendSummary(
        day=day,
        by_department=grouped(
            Coalesce(F("request_item__request__department__name"), Value(DIRECT_ORDER))
        ),
        by_supplier=grouped(F("order__supplier__name")),
        by_category=grouped(Coalesce(F("product__category__name"), Value(UNCATEGORISED))),
    )
