"""Payments received and how they are applied to invoices. What is not applied stays on the
payment as the customer's credit, to be applied later."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import round_money
from procura.core.numbering import next_document_number
from procura.currency.selectors import document_rate, exchange_difference
from procura.partners.models import Customer
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_invoices, lock_order, lock_payment
from procura.sales.models import (
    CustomerInvoice,
    CustomerPayment,
    InvoiceStatus,
    PaymentAllocation,
    SalesOrderStatus,
)
from procura.sales.selectors import OPEN_INVOICE
from procura.sales.services.orders import change_status

PAYMENT_PREFIX = "PMT"
Allocation = Mapping[str, Any]
"""{"invoice": CustomerInvoice, "amount": Decimal}"""


def _oldest_first(payment: CustomerPayment) -> list[dict[str, Any]]:
    """Spread the unapplied amount over the customer's open invoices, oldest due first."""
    left = payment.unapplied_amount
    plan: list[dict[str, Any]] = []
    invoices = CustomerInvoice.objects.filter(OPEN_INVOICE, customer=payment.customer).order_by(
        "due_date", "id"
    )
    for invoice in invoices:
        if left <= 0:
            break
        amount = min(left, invoice.balance)
        plan.append({"invoice": invoice, "amount": amount})
        left -= amount
    return plan


def _mark_order_paid(invoice: CustomerInvoice, *, by: User | None) -> None:
    order = lock_order(invoice.order)
    if order.status != SalesOrderStatus.INVOICED:
        return
    if order.invoices.exclude(status=InvoiceStatus.PAID).exists():
        return
    change_status(order, SalesOrderStatus.PAID, by=by, reason=f"Invoice {invoice.number} paid")


def _exchange_gain(
    amount: Decimal, *, invoice: CustomerInvoice, payment: CustomerPayment
) -> Decimal | None:
    """What ``amount`` received is worth in the company currency at the payment's rate less
    what it was booked at on the invoice: positive is a gain on a receivable."""
    if invoice.currency != payment.currency:
        return None
    return exchange_difference(
        amount, booked_rate=invoice.exchange_rate, paid_rate=payment.exchange_rate
    )


def _apply(
    payment: CustomerPayment, allocations: Sequence[Allocation], *, by: User | None, on: date
) -> list[PaymentAllocation]:
    """Runs with the payment locked; locks the invoices (primary-key order)."""
    wanted: dict[int, Decimal] = {}
    for item in allocations:
        invoice = item["invoice"]
        wanted[invoice.pk] = wanted.get(invoice.pk, Decimal(0)) + round_money(item["amount"])
    requested = sum(wanted.values(), Decimal(0))
    if requested > payment.unapplied_amount:
        raise Conflict(
            errors.ALLOCATION_EXCEEDS_CREDIT.format(
                credit=payment.unapplied_amount, amount=requested
            ),
            code=SalesErrorCode.ALLOCATION_EXCEEDS_CREDIT,
            data={"unapplied": str(payment.unapplied_amount), "requested": str(requested)},
        )
    invoices = lock_invoices(wanted)
    created = []
    for invoice_id, amount in wanted.items():
        invoice = invoices[invoice_id]
        if invoice.customer_id != payment.customer_id:
            raise InvalidInput(
                errors.INVOICE_OTHER_CUSTOMER.format(number=invoice.number),
                code=SalesErrorCode.INVOICE_OTHER_CUSTOMER,
                errors={
                    "allocations": [errors.INVOICE_OTHER_CUSTOMER.format(number=invoice.number)]
                },
            )
        if amount > invoice.balance:
            raise Conflict(
                errors.ALLOCATION_EXCEEDS_BALANCE.format(
                    number=invoice.number, balance=invoice.balance, amount=amount
                ),
                code=SalesErrorCode.ALLOCATION_EXCEEDS_BALANCE,
                data={"invoice": invoice.number, "balance": str(invoice.balance)},
            )
        before = invoice.status
        invoice.amount_paid += amount
        invoice.status = (
            InvoiceStatus.PAID if invoice.balance == 0 else InvoiceStatus.PARTIALLY_PAID
        )
        invoice.updated_by = by
        invoice.save(update_fields=["amount_paid", "status", "updated_by", "updated_at"])
        created.append(
            PaymentAllocation.objects.create(
                payment=payment,
                invoice=invoice,
                amount=amount,
                applied_on=on,
                exchange_difference=_exchange_gain(amount, invoice=invoice, payment=payment),
            )
        )
        audit_record(
            actor=by,
            action="customer_invoice.payment_applied",
            obj=invoice,
            changes={"status": (before, invoice.status)} if before != invoice.status else None,
            data={"payment": payment.number, "amount": str(amount)},
        )
        if invoice.status == InvoiceStatus.PAID:
            _mark_order_paid(invoice, by=by)
    CustomerPayment.objects.filter(pk=payment.pk).update(
        unapplied_amount=F("unapplied_amount") - requested
    )
    payment.unapplied_amount -= requested
    return created


@transaction.atomic
def customer_payment_create(
    *,
    customer: Customer,
    amount: Decimal,
    method: str,
    by: User | None,
    received_on: date | None = None,
    reference: str = "",
    notes: str = "",
    allocations: Sequence[Allocation] | None = None,
) -> CustomerPayment:
    """Record money received and apply it: to ``allocations`` when given, else to the open
    invoices oldest due first. The rest stays unapplied (the customer's credit). Locks the new
    payment and the invoices it touches (primary-key order)."""
    on = received_on or timezone.localdate()
    rate, rate_date = document_rate(currency=customer.currency, on=on)
    payment = CustomerPayment.objects.create(
        number=next_document_number(PAYMENT_PREFIX, on=on),
        customer=customer,
        amount=round_money(amount),
        unapplied_amount=round_money(amount),
        currency=customer.currency,
        received_on=on,
        method=method,
        reference=reference.strip(),
        notes=notes.strip(),
        exchange_rate=rate,
        exchange_rate_date=rate_date,
        created_by=by,
        updated_by=by,
    )
    audit_record(
        actor=by,
        action="customer_payment.received",
        obj=payment,
        data={"customer": customer.code, "amount": str(payment.amount), "method": method},
    )
    payment = lock_payment(payment)
    plan = _oldest_first(payment) if allocations is None else allocations
    if plan:
        _apply(payment, plan, by=by, on=on)
    return payment


@transaction.atomic
def customer_payment_apply(
    *, payment: CustomerPayment, allocations: Sequence[Allocation], by: User | None
) -> CustomerPayment:
    """Apply a payment's unapplied credit to invoices. Locks the payment, then the invoices."""
    payment = lock_payment(payment)
    _apply(payment, allocations, by=by, on=timezone.localdate())
    return payment
