"""How a supplier delivers, from its receipts and invoice matches over a window of days:

- on time: receipts on or before the order's expected date, of the receipts against orders
  that had one;
- quantity accuracy: order lines (of orders issued in the window that are fully received or
  closed) whose received quantity is the ordered quantity;
- price accuracy: invoice lines whose unit price is the order line's;
- rating: the mean of the three that have data, in percent.

Figures for any number of suppliers take three queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils import timezone

from procura.core.money import round_money
from procura.procurement.models import (
    GoodsReceipt,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    SupplierInvoiceLine,
    SupplierInvoiceStatus,
)

DEFAULT_WINDOW_DAYS = 365


@dataclass(frozen=True)
class SupplierPerformance:
    supplier_id: int
    receipts: int
    on_time_receipts: int
    order_lines: int
    exact_quantity_lines: int
    invoice_lines: int
    exact_price_lines: int

    @staticmethod
    def _percent(part: int, whole: int) -> Decimal | None:
        return round_money(Decimal(part) * 100 / whole) if whole else None

    @property
    def on_time_percent(self) -> Decimal | None:
        return self._percent(self.on_time_receipts, self.receipts)

    @property
    def quantity_accuracy_percent(self) -> Decimal | None:
        return self._percent(self.exact_quantity_lines, self.order_lines)

    @property
    def price_accuracy_percent(self) -> Decimal | None:
        return self._percent(self.exact_price_lines, self.invoice_lines)

    @property
    def rating_percent(self) -> Decimal | None:
        known = [
            value
            for value in (
                self.on_time_percent,
                self.quantity_accuracy_percent,
                self.price_accuracy_percent,
            )
            if value is not None
        ]
        return round_money(sum(known, Decimal(0)) / len(known)) if known else None


def supplier_performance(
    supplier_ids: Iterable[int], *, days: int = DEFAULT_WINDOW_DAYS
) -> dict[int, SupplierPerformance]:
    ids = sorted(set(supplier_ids))
    since = timezone.localdate() - timedelta(days=days)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    receipts = (
        GoodsReceipt.objects.filter(
            order__supplier_id__in=ids,
            received_on__gte=since,
            order__expected_date__isnull=False,
        )
        .values("order__supplier_id")
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=Q(received_on__lte=F("order__expected_date"))),
        )
    )
    for row in receipts:
        counts[row["order__supplier_id"]]["receipts"] = row["total"]
        counts[row["order__supplier_id"]]["on_time"] = row["on_time"]
    lines = (
        PurchaseOrderLine.objects.filter(
            order__supplier_id__in=ids,
            order__issued_at__date__gte=since,
            order__status__in=[PurchaseOrderStatus.RECEIVED, PurchaseOrderStatus.CLOSED],
            quantity_received__gt=0,
        )
        .values("order__supplier_id")
        .annotate(total=Count("id"), exact=Count("id", filter=Q(quantity_received=F("quantity"))))
    )
    for line_row in lines:
        counts[line_row["order__supplier_id"]]["lines"] = line_row["total"]
        counts[line_row["order__supplier_id"]]["exact_lines"] = line_row["exact"]
    invoices = (
        SupplierInvoiceLine.objects.filter(
            invoice__supplier_id__in=ids,
            invoice__invoice_date__gte=since,
            order_line__isnull=False,
        )
        .exclude(invoice__status=SupplierInvoiceStatus.VOID)
        .values("invoice__supplier_id")
        .annotate(
            total=Count("id"),
            exact=Count("id", filter=Q(unit_price=F("order_line__unit_price"))),
        )
    )
    for invoice_row in invoices:
        counts[invoice_row["invoice__supplier_id"]]["invoice_lines"] = invoice_row["total"]
        counts[invoice_row["invoice__supplier_id"]]["exact_prices"] = invoice_row["exact"]
    return {
        supplier_id: SupplierPerformance(
            supplier_id=supplier_id,
            receipts=counts[supplier_id]["receipts"],
            on_time_receipts=counts[supplier_id]["on_time"],
            order_lines=counts[supplier_id]["lines"],
            exact_quantity_lines=counts[supplier_id]["exact_lines"],
            invoice_lines=counts[supplier_id]["invoice_lines"],
            exact_price_lines=counts[supplier_id]["exact_prices"],
        )
        for supplier_id in ids
    }
