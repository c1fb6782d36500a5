"""Receivables reads: balance per customer, aging buckets as of any date, customer statement.

"As of" a date: an invoice counts once issued on or before it, and what is open on it is its
total less the payments applied on or before it. Days past due = as-of date - due date; the
buckets are current (not yet due), 1-30, 31-60, 61-90 and over 90 days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from procura.core.money import ZERO, round_money
from procura.currency.selectors import CompanyTotals, Rate, company_totals
from procura.partners.models import Customer
from procura.sales.models import CustomerInvoice, CustomerPayment

BUCKETS = ("current", "1_30", "31_60", "61_90", "over_90")
API_BUCKETS = {bucket: bucket if bucket[0].isalpha() else f"days_{bucket}" for bucket in BUCKETS}


def bucket_for(days_past_due: int) -> str:
    if days_past_due <= 0:
        return "current"
    if days_past_due <= 30:
        return "1_30"
    if days_past_due <= 60:
        return "31_60"
    if days_past_due <= 90:
        return "61_90"
    return "over_90"


@dataclass
class AgingRow:
    customer_id: int
    customer_code: str
    customer_name: str
    currency: str
    buckets: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(BUCKETS, ZERO))
    rate: Rate | None = None  # to the company currency, set by receivables_aging_report
    company_amounts: dict[str, Decimal] | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO)


def _money_zero() -> Value:
    return Value(ZERO, output_field=DecimalField(max_digits=16, decimal_places=2))


def invoices_open_on(*, as_of: date, customer_id: int | None = None) -> QuerySet[CustomerInvoice]:
    queryset = (
        CustomerInvoice.objects.filter(issue_date__lte=as_of)
        .select_related("customer")
        .annotate(
            paid_as_of=Coalesce(
                Sum("allocations__amount", filter=Q(allocations__applied_on__lte=as_of)),
                _money_zero(),
            )
        )
        .order_by("customer__code", "due_date", "id")
    )
    if customer_id is not None:
        queryset = queryset.filter(customer_id=customer_id)
    return queryset


def receivables_aging(*, as_of: date, customer_id: int | None = None) -> list[AgingRow]:
    """One row per customer and currency with something open on ``as_of``. One query."""
    rows: dict[tuple[int, str], AgingRow] = {}
    for invoice in invoices_open_on(as_of=as_of, customer_id=customer_id):
        open_amount = invoice.total - invoice.paid_as_of  # type: ignore[attr-defined]
        if open_amount <= 0:
            continue
        key = (invoice.customer_id, invoice.currency)
        row = rows.get(key)
        if row is None:
            row = rows[key] = AgingRow(
                customer_id=invoice.customer_id,
                customer_code=invoice.customer.code,
                customer_name=invoice.customer.name,
                currency=invoice.currency,
            )
        row.buckets[bucket_for((as_of - invoice.due_date).days)] += open_amount
    # SQLite sums decimals as floats; every figure leaves here in cents.
    for row in rows.values():
        row.buckets = {bucket: round_money(amount) for bucket, amount in row.buckets.items()}
    return list(rows.values())


@dataclass(frozen=True)
class AgingReport:
    as_of: date
    rows: list[AgingRow]
    company: CompanyTotals | None  # None: in each row's own currency only


def receivables_aging_report(
    *, as_of: date, customer_id: int | None = None, in_company_currency: bool = True
) -> AgingReport:
    """The aging with every row and bucket also in the company currency, at each currency's
    rate on ``as_of``. Without ``in_company_currency`` (a customer reading their own aging: our
    rates and our currency are none of their business) the amounts stay in the invoices'
    currencies and no rate is looked up."""
    rows = receivables_aging(as_of=as_of, customer_id=customer_id)
    if not in_company_currency:
        return AgingReport(as_of=as_of, rows=rows, company=None)
    company = company_totals(
        rows,
        on=as_of,
        amounts=lambda row: {
            **{API_BUCKETS[bucket]: amount for bucket, amount in row.buckets.items()},
            "total": row.total,
        },
    )
    return AgingReport(as_of=as_of, rows=rows, company=company)


@dataclass(frozen=True)
class CustomerBalance:
    customer_id: int
    customer_code: str
    customer_name: str
    currency: str
    open_invoices: Decimal
    unapplied_credit: Decimal

    @property
    def balance(self) -> Decimal:
        return self.open_invoices - self.unapplied_credit


def receivables_balances(*, customer_id: int | None = None) -> list[CustomerBalance]:
    """Every customer with open invoices or unapplied credit. Two queries."""
    open_filter = Q(invoices__status__in=["open", "partially_paid"])
    customers = Customer.objects.order_by("code")
    if customer_id is not None:
        customers = customers.filter(pk=customer_id)
    invoiced = {
        row["pk"]: row
        for row in customers.annotate(
            total=Coalesce(Sum("invoices__total", filter=open_filter), _money_zero()),
            paid=Coalesce(Sum("invoices__amount_paid", filter=open_filter), _money_zero()),
        ).values("pk", "code", "name", "currency", "total", "paid")
    }
    credits = dict(
        CustomerPayment.objects.filter(unapplied_amount__gt=0)
        .values("customer_id")
        .annotate(credit=Sum("unapplied_amount"))
        .values_list("customer_id", "credit")
    )
    result = []
    for pk, row in invoiced.items():
        open_amount = row["total"] - row["paid"]
        credit = credits.get(pk, ZERO)
        if open_amount == 0 and credit == 0:
            continue
        result.append(
            CustomerBalance(
                customer_id=pk,
                customer_code=row["code"],
                customer_name=row["name"],
                currency=row["currency"],
                open_invoices=open_amount,
                unapplied_credit=credit,
            )
        )
    return result


@dataclass(frozen=True)
class StatementEntry:
    date: date
    kind: str
    number: str
    reference: str
    amount: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Statement:
    customer: Customer
    date_from: date
    date_to: date
    opening_balance: Decimal
    entries: list[StatementEntry]
    closing_balance: Decimal


def customer_statement(*, customer: Customer, date_from: date, date_to: date) -> Statement:
    """Invoices (+) and payments (-) between the dates with a running balance, from the
    balance carried in from before ``date_from``."""
    invoices = CustomerInvoice.objects.filter(customer=customer)
    payments = CustomerPayment.objects.filter(customer=customer)
    opening = (invoices.filter(issue_date__lt=date_from).aggregate(s=Sum("total"))["s"] or ZERO) - (
        payments.filter(received_on__lt=date_from).aggregate(s=Sum("amount"))["s"] or ZERO
    )
    movements: list[tuple[date, int, str, str, str, Decimal]] = []
    for invoice in invoices.filter(
        issue_date__gte=date_from, issue_date__lte=date_to
    ).select_related("order"):
        movements.append(
            (invoice.issue_date, 0, "invoice", invoice.number, invoice.order.number, invoice.total)
        )
    for payment in payments.filter(received_on__gte=date_from, received_on__lte=date_to):
        movements.append(
            (payment.received_on, 1, "payment", payment.number, payment.reference, -payment.amount)
        )
    movements.sort(key=lambda item: (item[0], item[1], item[3]))
    balance = opening
    entries = []
    for day, _, kind, number, reference, amount in movements:
        balance += amount
        entries.append(
            StatementEntry(
                date=day,
                kind=kind,
                number=number,
                reference=reference,
                amount=amount,
                balance=balance,
            )
        )
    return Statement(
        customer=customer,
        date_from=date_from,
        date_to=date_to,
        opening_balance=opening,
        entries=entries,
        closing_balance=balance,
    )
