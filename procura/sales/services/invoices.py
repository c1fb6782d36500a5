"""Customer invoices from shipped quantities, and the reminders for overdue ones."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict
from procura.core.money import ZERO
from procura.core.numbering import next_document_number
from procura.currency.selectors import stamp_rate
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_order
from procura.sales.models import (
    CustomerInvoice,
    CustomerInvoiceLine,
    InvoiceReminder,
    SalesOrder,
    SalesOrderLine,
    SalesOrderStatus,
)
from procura.sales.notices import notify_invoice_issued, notify_invoice_overdue
from procura.sales.pricing import document_totals, line_amounts
from procura.sales.selectors import OPEN_INVOICE
from procura.sales.services.orders import change_status, require_status

S = SalesOrderStatus
INVOICE_PREFIX = "INV"
INVOICEABLE = [S.PICKING, S.SHIPPED, S.DELIVERED]


def billed_quantity(line: SalesOrderLine) -> tuple[Decimal, str]:
    """What is billed for a line now and in which unit: the shipped, not yet invoiced quantity,
    or for a catch-weight line (priced per lb or kg) the actual weight shipped and not yet
    invoiced."""
    if line.price_unit and line.price_unit != line.unit:
        return line.weight_shipped - line.weight_invoiced, line.price_unit
    return line.quantity_shipped - line.quantity_invoiced, line.unit


@transaction.atomic
def customer_invoice_create(
    *, order: SalesOrder, by: User | None, issue_date: date | None = None
) -> CustomerInvoice:
    """Invoice what was shipped and not yet invoiced, at the order's snapshot prices, discounts
    and tax rates; the shipping charge goes on the order's first invoice. Due date = issue date
    + the order's payment terms. Locks the order. The order becomes invoiced once everything
    ordered is invoiced. The PDF goes to the billing contact after commit."""
    order = lock_order(order)
    require_status(order, INVOICEABLE, "invoiced")
    lines = [
        line
        for line in order.lines.order_by("line_no")
        if line.quantity_shipped > line.quantity_invoiced
    ]
    if not lines:
        raise Conflict(
            errors.NOTHING_TO_INVOICE.format(number=order.number),
            code=SalesErrorCode.NOTHING_TO_INVOICE,
        )
    on = issue_date or timezone.localdate()
    first = not order.invoices.exists()
    invoice = CustomerInvoice(
        number=next_document_number(INVOICE_PREFIX, on=on),
        customer=order.customer,
        order=order,
        currency=order.currency,
        issue_date=on,
        due_date=on + timedelta(days=order.payment_terms_days),
        created_by=by,
        updated_by=by,
    )
    invoice_lines = []
    amounts = []
    for line in lines:
        quantity, unit = billed_quantity(line)
        computed = line_amounts(
            quantity=quantity,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            order_discount_percent=order.discount_percent,
            tax_rate=line.tax_rate,
        )
        amounts.append(computed)
        invoice_lines.append(
            CustomerInvoiceLine(
                invoice=invoice,
                order_line=line,
                description=line.description,
                quantity=quantity,
                unit=unit,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
                tax_rate=line.tax_rate,
                net_amount=computed.net,
                tax_amount=computed.tax,
            )
        )
        line.quantity_invoiced = line.quantity_shipped
        line.weight_invoiced = line.weight_shipped
    totals = document_totals(amounts, shipping_charge=order.shipping_charge if first else ZERO)
    invoice.subtotal = totals.subtotal
    invoice.discount_amount = totals.discount_amount
    invoice.tax_total = totals.tax_total
    invoice.shipping_charge = totals.shipping_charge
    invoice.total = totals.total
    stamp_rate(invoice, on=on)
    invoice.save()
    CustomerInvoiceLine.objects.bulk_create(invoice_lines)
    SalesOrderLine.objects.bulk_update(lines, ["quantity_invoiced", "weight_invoiced"])
    audit_record(
        actor=by,
        action="customer_invoice.issued",
        obj=invoice,
        data={"order": order.number, "total": str(invoice.total), "due": str(invoice.due_date)},
    )
    everything_invoiced = not order.lines.filter(quantity_invoiced__lt=F("quantity")).exists()
    if everything_invoiced and order.status in (S.SHIPPED, S.DELIVERED):
        change_status(order, S.INVOICED, by=by, reason=f"Invoice {invoice.number}")
    notify_invoice_issued(invoice)
    return invoice


def reminder_levels() -> tuple[int, ...]:
    return tuple(sorted(settings.SALES_REMINDER_DAYS))


def overdue_invoice_ids(*, on: date) -> list[int]:
    first = reminder_levels()[0]
    return list(
        CustomerInvoice.objects.filter(OPEN_INVOICE, due_date__lte=on - timedelta(days=first))
        .order_by("due_date", "id")
        .values_list("id", flat=True)
    )


@transaction.atomic
def invoice_reminder_send(*, invoice_id: int, on: date) -> int | None:
    """Send the reminder for the highest level (7, 30, 60 days) the invoice has reached and not
    had yet; levels passed over are recorded too, so each is sent at most once. Locks the
    invoice. Returns the level sent, or None."""
    invoice = (
        CustomerInvoice.objects.select_for_update(of=("self",))
        .select_related("customer", "order")
        .filter(OPEN_INVOICE, pk=invoice_id)
        .first()
    )
    if invoice is None:
        return None
    days_overdue = (on - invoice.due_date).days
    reached = [level for level in reminder_levels() if days_overdue >= level]
    done = set(invoice.reminders.values_list("level", flat=True))
    missing = [level for level in reached if level not in done]
    if not missing:
        return None
    InvoiceReminder.objects.bulk_create(
        InvoiceReminder(invoice=invoice, level=level, sent_on=on) for level in missing
    )
    level = missing[-1]
    audit_record(
        actor=None,
        action="customer_invoice.reminded",
        obj=invoice,
        data={"level": level, "days_overdue": days_overdue, "balance": str(invoice.balance)},
    )
    notify_invoice_overdue(invoice, days=days_overdue)
    return level


def invoice_reminders_send(*, on: date | None = None) -> list[int]:
    """Every overdue invoice, each in its own transaction. Returns the levels sent."""
    today = on or timezone.localdate()
    sent: Iterable[int | None] = (
        invoice_reminder_send(invoice_id=invoice_id, on=today)
        for invoice_id in overdue_invoice_ids(on=today)
    )
    return [level for level in sent if level is not None]
