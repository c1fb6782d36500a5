"""Reads of purchase orders, goods receipts, supplier invoices and payments, and the accounts
payable aging."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from procura.core.money import ZERO
from procura.currency.selectors import CompanyTotals, Rate, company_totals
from procura.partners.models import Supplier
from procura.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    SupplierDebitNote,
    SupplierInvoice,
    SupplierInvoiceKind,
    SupplierInvoiceStatus,
    SupplierPayment,
)
from procura.procurement.models.invoices import OPEN_INVOICE_STATUSES


@functools.cache
def _purchase_orders(*, include_archived: bool) -> QuerySet[PurchaseOrder]:
    """The orders' queryset with its joins and filter, built once per worker (never evaluated
    itself: every caller gets a copy)."""
    queryset = PurchaseOrder.objects.select_related("supplier", "ship_to")
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return queryset


def purchase_order_list(*, include_archived: bool = False) -> QuerySet[PurchaseOrder]:
    """Orders with supplier, location and lines (one query each, whatever the page size).
    Archived orders (closed more than a year ago) only when asked for."""
    return _purchase_orders(include_archived=include_archived).prefetch_related(
        Prefetch("lines", queryset=PurchaseOrderLine.objects.order_by("line_no"))
    )


def purchase_order_detail_queryset() -> QuerySet[PurchaseOrder]:
    return purchase_order_list(include_archived=True).prefetch_related("requests", "revisions")


def goods_receipt_list() -> QuerySet[GoodsReceipt]:
    return GoodsReceipt.objects.select_related("order", "order__supplier").prefetch_related(
        Prefetch(
            "lines",
            queryset=GoodsReceiptLine.objects.select_related("order_line", "lot").order_by("id"),
        ),
        Prefetch("debit_notes", queryset=SupplierDebitNote.objects.order_by("id")),
    )


# What is still owed on a supplier invoice, in SQL (``SupplierInvoice.balance`` in Python).
SUPPLIER_INVOICE_BALANCE = F("total") - F("amount_paid")


def supplier_invoice_list() -> QuerySet[SupplierInvoice]:
    return SupplierInvoice.objects.select_related(
        "supplier", "purchase_order", "approved_by", "exception_accepted_by", "credited_invoice"
    ).prefetch_related("lines", "payments")


def supplier_invoice_detail_queryset() -> QuerySet[SupplierInvoice]:
    """One invoice on its page: also who entered it and, on a credit note, where it went."""
    return (
        supplier_invoice_list()
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "credit_applications",
                queryset=SupplierPayment.objects.select_related("invoice").order_by("id"),
            )
        )
    )


def supplier_invoice_by_number(*, supplier: Supplier, number: str) -> SupplierInvoice | None:
    """The supplier's invoice with this number, in any letter case."""
    return SupplierInvoice.objects.filter(
        supplier=supplier, invoice_number__iexact=number.strip()
    ).first()


def supplier_open_invoice_by_number(*, supplier: Supplier, number: str) -> SupplierInvoice | None:
    """The supplier's open invoice (not a credit note) with this number, in any letter case."""
    return SupplierInvoice.objects.filter(
        supplier=supplier,
        kind=SupplierInvoiceKind.INVOICE,
        status__in=OPEN_INVOICE_STATUSES,
        invoice_number__iexact=number.strip(),
    ).first()


def supplier_payment_list() -> QuerySet[SupplierPayment]:
    return SupplierPayment.objects.select_related("invoice", "invoice__supplier")


AGING_BUCKETS = ("current", "days_1_30", "days_31_60", "days_61_90", "over_90")


def aging_bucket(days_past_due: int) -> str:
    if days_past_due <= 0:
        return "current"
    if days_past_due <= 30:
        return "days_1_30"
    if days_past_due <= 60:
        return "days_31_60"
    if days_past_due <= 90:
        return "days_61_90"
    return "over_90"


@dataclass
class AgingRow:
    supplier_id: int
    supplier_code: str
    supplier_name: str
    currency: str
    buckets: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(AGING_BUCKETS, ZERO))
    rate: Rate | None = None  # to the company currency, set by ap_aging_report
    company_amounts: dict[str, Decimal] | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)


def _settled_by(as_of: date, link: str) -> Subquery:
    """What the settlements linked through ``link`` (``invoice``: paid or applied on the
    invoice; ``credit_note``: applied from the credit note) add up to on or before
    ``as_of``."""
    return Subquery(
        SupplierPayment.objects.filter(**{f"{link}_id": OuterRef("pk")}, paid_on__lte=as_of)
        .order_by()
        .values(f"{link}_id")
        .annotate(total=Sum("amount"))
        .values("total"),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def ap_aging(*, as_of: date) -> list[AgingRow]:
    """Open balance per supplier and currency as of ``as_of``, by days past due: invoices dated
    on or before that day, less payments made and credit applied on or before it; a posted
    credit note counts what was not yet applied of it as a negative amount (credit the
    supplier owes us). Drafts and voided documents do not count. One query."""
    invoices = (
        SupplierInvoice.objects.filter(invoice_date__lte=as_of)
        .exclude(status__in=[SupplierInvoiceStatus.DRAFT, SupplierInvoiceStatus.VOID])
        .annotate(
            paid_by_then=Coalesce(_settled_by(as_of, "invoice"), Value(ZERO)),
            applied_by_then=Coalesce(_settled_by(as_of, "credit_note"), Value(ZERO)),
        )
        .values_list(
            "supplier_id",
            "supplier__code",
            "supplier__name",
            "currency",
            "due_date",
            "kind",
            "total",
            "paid_by_then",
            "applied_by_then",
        )
    )
    rows: dict[tuple[int, str], AgingRow] = {}
    for supplier_id, code, name, currency, due_date, kind, total, paid, applied in invoices:
        if kind == SupplierInvoiceKind.CREDIT_NOTE:
            balance = -(total - applied)
        else:
            balance = total - paid
            if balance < 0:
                continue
        if balance == 0:
            continue
        key = (supplier_id, currency)
        row = rows.setdefault(key, AgingRow(supplier_id, code, name, currency))
        row.buckets[aging_bucket((as_of - due_date).days)] += balance
    return sorted(rows.values(), key=lambda row: (row.supplier_code, row.currency))


@dataclass(frozen=True)
class ApAgingReport:
    as_of: date
    rows: list[AgingRow]
    company: CompanyTotals


def ap_aging_report(*, as_of: date) -> ApAgingReport:
    """The AP aging with every row and column also in the company currency, at each
    currency's rate on ``as_of``."""
    rows = ap_aging(as_of=as_of)
    company = company_totals(
        rows, on=as_of, amounts=lambda row: {**row.buckets, "total": row.total}
    )
    return ApAgingReport(as_of=as_of, rows=rows, company=company)
