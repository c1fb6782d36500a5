"""Credit notes: an issued invoice is never edited, only credited, in full or in part.

A line is credited by quantity (goods returned, short shipped) at the invoice price, or by a
corrected unit price (a price correction); never beyond what was invoiced less what earlier
credit notes took. The credit note settles the invoice through a ``credit_note`` payment dated
on its issue date, so the invoice's balance, the customer's aging and statement all move; a
credit beyond the open balance stays as the customer's unapplied credit. The PDF goes to the
billing contact after commit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import ZERO, round_money, round_quantity, round_rate
from procura.core.numbering import next_document_number
from procura.currency.selectors import stamp_rate
from procura.notifications.services import notification_queue
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_invoices
from procura.sales.models import (
    CreditNote,
    CreditNoteLine,
    CreditReason,
    CustomerInvoice,
    CustomerInvoiceLine,
    PaymentMethod,
)
from procura.sales.notices import billing_contact
from procura.sales.pricing import document_totals, line_amounts
from procura.sales.services.payments import customer_payment_create

CREDIT_NOTE_PREFIX = "CN"
CREDIT_PDF_LOADER = "procura.sales.documents.credit_note_pdf_attachments"


def _credited(invoice: CustomerInvoice) -> dict[int, tuple[Decimal, Decimal]]:
    """Per invoice line: the quantity already credited off the invoice and the net credited in
    all. A price correction re-prices what the customer keeps and takes no quantity."""
    repriced = Q(credit_note__reason=CreditReason.PRICE_CORRECTION)
    rows = (
        CreditNoteLine.objects.filter(invoice_line__invoice=invoice)
        .values("invoice_line")
        .annotate(
            quantity=Coalesce(Sum("quantity", filter=~repriced), Value(ZERO)),
            net=Sum("net_amount"),
        )
    )
    # Sums come back at the column's scale on PostgreSQL and without it on SQLite.
    return {
        row["invoice_line"]: (round_quantity(row["quantity"]), round_money(row["net"]))
        for row in rows
    }


def price_corrected_downward(line: CustomerInvoiceLine) -> Decimal:
    """What price corrections took off the line per unit (they re-price the whole line)."""
    taken = CreditNoteLine.objects.filter(
        invoice_line=line, credit_note__reason=CreditReason.PRICE_CORRECTION
    ).aggregate(total=Sum("unit_price"))["total"]
    return round_rate(taken or ZERO)


@transaction.atomic
def credit_note_issue(
    *,
    invoice: CustomerInvoice,
    reason: str,
    by: User | None,
    lines: Sequence[Mapping[str, Any]] | None = None,
    reason_text: str = "",
    issue_date: date | None = None,
) -> CreditNote:
    """Credit ``lines`` ({invoice_line, quantity, unit_price?}) of the invoice, or everything
    not yet credited when ``lines`` is omitted. Locks the invoice."""
    if reason not in CreditReason.values:
        raise InvalidInput("Unknown reason.", errors={"reason": ["Choose a listed reason."]})
    invoice = lock_invoices([invoice.pk])[invoice.pk]
    invoice_lines = {
        line.pk: line
        for line in CustomerInvoiceLine.objects.filter(invoice=invoice).select_related("order_line")
    }
    already = _credited(invoice)
    order_discount = invoice.order.discount_percent
    if lines is None:
        lines = [
            {"invoice_line": line, "quantity": line.quantity - already.get(pk, (ZERO, ZERO))[0]}
            for pk, line in invoice_lines.items()
            if line.quantity > already.get(pk, (ZERO, ZERO))[0]
        ]
    if not lines:
        raise InvalidInput(
            errors.CREDIT_EMPTY,
            code=SalesErrorCode.CREDIT_EMPTY,
            errors={"lines": [errors.CREDIT_EMPTY]},
        )
    on = issue_date or timezone.localdate()
    note = CreditNote(
        number=next_document_number(CREDIT_NOTE_PREFIX, on=on),
        invoice=invoice,
        customer=invoice.customer,
        currency=invoice.currency,
        issue_date=on,
        reason=reason,
        reason_text=reason_text.strip(),
        created_by=by,
        updated_by=by,
    )
    built: list[CreditNoteLine] = []
    amounts = []
    taken: dict[int, Decimal] = {}
    for index, entry in enumerate(lines):
        raw = entry["invoice_line"]
        line = invoice_lines.get(getattr(raw, "pk", raw))
        if line is None:
            message = "This line is not on the invoice."
            raise InvalidInput(message, errors={f"lines.{index}.invoice_line": [message]})
        quantity = round_quantity(entry.get("quantity") or line.quantity)
        used = already.get(line.pk, (ZERO, ZERO))[0] + taken.get(line.pk, ZERO)
        if quantity <= 0 or quantity + used > line.quantity:
            message = errors.CREDIT_LINE_EXCEEDS.format(
                line_no=line.order_line.line_no, invoiced=line.quantity, credited=used
            )
            raise Conflict(
                message,
                code=SalesErrorCode.CREDIT_EXCEEDS_INVOICE,
                errors={f"lines.{index}.quantity": [message]},
            )
        taken[line.pk] = taken.get(line.pk, ZERO) + quantity
        price = entry.get("unit_price")
        if price is not None:
            unit_price = round_rate(price)
        elif reason == CreditReason.PRICE_CORRECTION:
            unit_price = line.unit_price
        else:
            # Goods credited at the price they carry after earlier price corrections.
            unit_price = line.unit_price - price_corrected_downward(line)
        if unit_price <= 0 or unit_price > line.unit_price:
            message = f"Credit between 0 and the invoiced {line.unit_price} per {line.unit}."
            raise InvalidInput(message, errors={f"lines.{index}.unit_price": [message]})
        computed = line_amounts(
            quantity=quantity,
            unit_price=unit_price,
            discount_percent=line.discount_percent,
            order_discount_percent=order_discount,
            tax_rate=line.tax_rate,
        )
        amounts.append(computed)
        built.append(
            CreditNoteLine(
                credit_note=note,
                invoice_line=line,
                description=line.description,
                quantity=quantity,
                unit=line.unit,
                unit_price=unit_price,
                tax_rate=line.tax_rate,
                net_amount=computed.net - computed.discount_share,
                tax_amount=computed.tax,
            )
        )
    totals = document_totals(amounts, shipping_charge=ZERO)
    note.subtotal = totals.subtotal - totals.discount_amount
    note.tax_total = totals.tax_total
    note.total = totals.total
    credited_before = sum((net for _q, net in already.values()), ZERO)
    ceiling = invoice.total - invoice.shipping_charge - credited_before
    if note.total > round_money(ceiling) or note.total <= 0:
        message = errors.CREDIT_EXCEEDS_INVOICE.format(
            number=invoice.number,
            creditable=round_money(ceiling),
            currency=invoice.currency,
            amount=note.total,
        )
        raise Conflict(message, code=SalesErrorCode.CREDIT_EXCEEDS_INVOICE)
    applied = min(note.total, invoice.balance)
    note.settlement = customer_payment_create(
        customer=invoice.customer,
        amount=note.total,
        method=PaymentMethod.CREDIT_NOTE,
        by=by,
        received_on=on,
        reference=note.number,
        notes=f"Credit note {note.number} against {invoice.number}",
        allocations=[{"invoice": invoice, "amount": applied}] if applied > 0 else [],
    )
    stamp_rate(note, on=on)
    note.save()
    CreditNoteLine.objects.bulk_create(built)
    audit_record(
        actor=by,
        action="credit_note.issued",
        obj=note,
        data={
            "invoice": invoice.number,
            "reason": reason,
            "total": str(note.total),
            "applied": str(applied),
        },
    )
    contact = billing_contact(invoice.customer)
    if contact is not None:
        notification_queue(
            template="sales/credit_note_issued",
            context={"note": note, "invoice": invoice, "customer": invoice.customer},
            email=contact.email,
            object_type="sales.creditnote",
            object_id=str(note.pk),
            attachment_loader=CREDIT_PDF_LOADER,
            attachment_args=[note.pk],
        )
    return note
