"""Price corrections on an issued invoice, which is never edited.

A correction names the right unit price of invoice lines. It re-prices what the customer keeps
of each line (the invoiced quantity less what returns credited) from the line's current price
(the invoice price after earlier corrections) to the new one:
- lowered prices make a credit note (reason ``price_correction``, crediting the difference per
  unit) through the credit-note service: balance and aging go down;
- raised prices make a debit note: a supplementary invoice (``DN-`` number, kind
  ``debit_note``) charging the difference per unit, due after the order's payment terms, which
  adds to the balance and aging like any invoice and goes to the billing contact.
Lowering some lines and raising others in one correction is refused: they are two documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import ZERO, round_quantity, round_rate
from procura.core.numbering import next_document_number
from procura.currency.selectors import stamp_rate
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_invoices
from procura.sales.models import (
    CreditNote,
    CreditNoteLine,
    CreditReason,
    CustomerInvoice,
    CustomerInvoiceLine,
    InvoiceKind,
)
from procura.sales.notices import notify_invoice_issued
from procura.sales.pricing import document_totals, line_amounts
from procura.sales.services.credit_notes import credit_note_issue, price_corrected_downward

DEBIT_NOTE_PREFIX = "DN"


def current_unit_price(line: CustomerInvoiceLine) -> Decimal:
    """The line's price now: the invoice price less downward corrections plus debit notes."""
    raised = CustomerInvoiceLine.objects.filter(corrects_line=line).aggregate(
        total=Sum("unit_price")
    )["total"]
    return round_rate(line.unit_price - price_corrected_downward(line) + (raised or ZERO))


def kept_quantity(line: CustomerInvoiceLine) -> Decimal:
    """What the customer keeps of the line: invoiced less what was credited as coming back."""
    credited = (
        CreditNoteLine.objects.filter(invoice_line=line)
        .exclude(credit_note__reason=CreditReason.PRICE_CORRECTION)
        .aggregate(total=Sum("quantity"))["total"]
    )
    return round_quantity(line.quantity - (credited or ZERO))


@dataclass
class _Change:
    line: CustomerInvoiceLine
    quantity: Decimal
    old: Decimal
    new: Decimal

    @property
    def delta(self) -> Decimal:
        return self.new - self.old


@dataclass
class PriceCorrection:
    """What a correction produced: a credit note or a debit note."""

    credit_note: CreditNote | None = None
    debit_note: CustomerInvoice | None = None


@transaction.atomic
def invoice_price_correct(
    *,
    invoice: CustomerInvoice,
    lines: Sequence[Mapping[str, Any]],
    reason_text: str,
    by: User | None,
    issue_date: date | None = None,
) -> PriceCorrection:
    """Re-price ``lines`` ({invoice_line, unit_price}) of the invoice. Locks the invoice."""
    text = (reason_text or "").strip()
    if not text:
        raise InvalidInput(
            errors.PRICE_CORRECTION_REASON, errors={"reason_text": [errors.PRICE_CORRECTION_REASON]}
        )
    if invoice.kind != InvoiceKind.INVOICE:
        message = errors.NOT_AN_INVOICE.format(number=invoice.number)
        raise Conflict(message, code=SalesErrorCode.NOT_AN_INVOICE, errors={"invoice": [message]})
    if not lines:
        raise InvalidInput(errors.CREDIT_EMPTY, errors={"lines": [errors.CREDIT_EMPTY]})
    invoice = lock_invoices([invoice.pk])[invoice.pk]
    invoice_lines = {
        line.pk: line
        for line in CustomerInvoiceLine.objects.filter(invoice=invoice).select_related("order_line")
    }
    changes: list[_Change] = []
    seen: set[int] = set()
    for index, entry in enumerate(lines):
        raw = entry["invoice_line"]
        line = invoice_lines.get(getattr(raw, "pk", raw))
        if line is None or line.pk in seen:
            message = (
                "This line is not on the invoice." if line is None else "This line is given twice."
            )
            raise InvalidInput(message, errors={f"lines.{index}.invoice_line": [message]})
        seen.add(line.pk)
        new = round_rate(entry["unit_price"])
        if new < 0:
            message = "A price cannot be negative."
            raise InvalidInput(message, errors={f"lines.{index}.unit_price": [message]})
        old = current_unit_price(line)
        if new == old:
            message = errors.PRICE_UNCHANGED.format(line_no=line.order_line.line_no, price=old)
            raise InvalidInput(
                message,
                code=SalesErrorCode.PRICE_UNCHANGED,
                errors={f"lines.{index}.unit_price": [message]},
            )
        quantity = kept_quantity(line)
        if quantity <= 0:
            message = errors.PRICE_NOTHING_LEFT.format(line_no=line.order_line.line_no)
            raise Conflict(message, errors={f"lines.{index}.invoice_line": [message]})
        changes.append(_Change(line=line, quantity=quantity, old=old, new=new))
    directions = {change.delta > 0 for change in changes}
    if len(directions) > 1:
        raise InvalidInput(
            errors.PRICE_MIXED_DIRECTIONS,
            code=SalesErrorCode.PRICE_MIXED_DIRECTIONS,
            errors={"lines": [errors.PRICE_MIXED_DIRECTIONS]},
        )
    if directions == {False}:
        note = credit_note_issue(
            invoice=invoice,
            reason=CreditReason.PRICE_CORRECTION,
            reason_text=text,
            lines=[
                {"invoice_line": c.line, "quantity": c.quantity, "unit_price": -c.delta}
                for c in changes
            ],
            by=by,
            issue_date=issue_date,
        )
        return PriceCorrection(credit_note=note)
    return PriceCorrection(
        debit_note=_debit_note_issue(
            invoice=invoice, changes=changes, reason_text=text, by=by, issue_date=issue_date
        )
    )


def _debit_note_issue(
    *,
    invoice: CustomerInvoice,
    changes: list[_Change],
    reason_text: str,
    by: User | None,
    issue_date: date | None,
) -> CustomerInvoice:
    order = invoice.order
    on = issue_date or timezone.localdate()
    note = CustomerInvoice(
        number=next_document_number(DEBIT_NOTE_PREFIX, on=on),
        kind=InvoiceKind.DEBIT_NOTE,
        corrects=invoice,
        reason_text=reason_text,
        customer=invoice.customer,
        order=order,
        currency=invoice.currency,
        issue_date=on,
        due_date=on + timedelta(days=order.payment_terms_days),
        created_by=by,
        updated_by=by,
    )
    built = []
    amounts = []
    for change in changes:
        line = change.line
        computed = line_amounts(
            quantity=change.quantity,
            unit_price=change.delta,
            discount_percent=line.discount_percent,
            order_discount_percent=order.discount_percent,
            tax_rate=line.tax_rate,
        )
        amounts.append(computed)
        built.append(
            CustomerInvoiceLine(
                invoice=note,
                order_line=line.order_line,
                corrects_line=line,
                description=(
                    f"Price correction of {invoice.number}: {line.description} "
                    f"{change.old} -> {change.new} per {line.unit}"
                )[:200],
                quantity=change.quantity,
                unit=line.unit,
                unit_price=change.delta,
                discount_percent=line.discount_percent,
                tax_rate=line.tax_rate,
                net_amount=computed.net,
                tax_amount=computed.tax,
            )
        )
    totals = document_totals(amounts, shipping_charge=ZERO)
    note.subtotal = totals.subtotal
    note.discount_amount = totals.discount_amount
    note.tax_total = totals.tax_total
    note.shipping_charge = ZERO
    note.total = totals.total
    stamp_rate(note, on=on)
    note.save()
    CustomerInvoiceLine.objects.bulk_create(built)
    audit_record(
        actor=by,
        action="customer_invoice.debit_note_issued",
        obj=note,
        data={
            "invoice": invoice.number,
            "total": str(note.total),
            "reason": reason_text,
            "lines": [
                {
                    "line": c.line.order_line.line_no,
                    "from": str(c.old),
                    "to": str(c.new),
                    "quantity": str(c.quantity),
                }
                for c in changes
            ],
        },
    )
    notify_invoice_issued(note)
    return note
