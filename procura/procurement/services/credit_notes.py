"""Supplier credit notes: what a supplier states it owes us back (a price correction, goods
returned, a rebate).

A credit note arrives as a ``SupplierInvoice`` of kind ``credit_note`` (read from an e-invoice
or a PDF, or entered by hand). It is never matched against receipts: finance posts it (the same
right as approving invoices; its amounts must add up), and a posted credit note is credit
owed by the supplier until applied to one of their approved, open invoices in the same
currency: automatically to the invoice it names when that one is open (now, or when it is
approved later), otherwise by hand. Applying records a ``credit_note`` settlement on the
invoice, so its balance, what is left to pay and the payables aging drop; the credit note's
``amount_paid`` is what was applied and its balance the credit left (``paid`` once used up).
What is left shows in the payables aging as a negative amount of its supplier.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import ZERO, round_money
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.models import (
    SupplierInvoice,
    SupplierInvoiceKind,
    SupplierInvoiceStatus,
    SupplierPayment,
)
from procura.procurement.models.invoices import PAYABLE_INVOICE_STATUSES
from procura.procurement.services.invoices import (
    check_credited_invoice,
    credit_note_settle,
    lock_invoice,
    require_separate_duty,
)


def _status(invoice: SupplierInvoice) -> str:
    return invoice.get_status_display().lower()


def _require_credit_note(note: SupplierInvoice) -> None:
    if note.kind != SupplierInvoiceKind.CREDIT_NOTE:
        raise Conflict(
            errors.CREDIT_NOTE_ONLY.format(number=note.invoice_number),
            code=Code.CREDIT_NOTE_INVALID,
        )


def _check_amounts(note: SupplierInvoice) -> None:
    """Subtotal + tax = total, and the lines (when there are any) add up to the subtotal
    (400, nothing changes)."""
    problems: dict[str, list[str]] = {}
    added = round_money(note.subtotal + note.tax)
    if added != note.total:
        problems["total"] = [
            errors.CREDIT_NOTE_TOTALS.format(
                subtotal=note.subtotal, tax=note.tax, sum=added, total=note.total
            )
        ]
    totals = [line.line_total for line in note.lines.all()]
    if totals:
        lines = round_money(sum(totals, ZERO))
        if lines != note.subtotal:
            problems["subtotal"] = [
                errors.CREDIT_NOTE_LINES.format(lines=lines, subtotal=note.subtotal)
            ]
    if note.total <= ZERO:
        problems.setdefault("total", []).append("A credit note's total is above zero.")
    if problems:
        message = next(iter(problems.values()))[0]
        raise InvalidInput(message, code=Code.CREDIT_NOTE_INVALID, errors=problems)


class _Named(Enum):
    """``credited_invoice`` not given: the invoice the credit note names already."""

    ALREADY = "already"


NAMED_ALREADY = _Named.ALREADY


@transaction.atomic
def credit_note_post(
    *,
    note: SupplierInvoice,
    by: User,
    credited_invoice: SupplierInvoice | None | _Named = NAMED_ALREADY,
) -> SupplierInvoice:
    """Post a draft credit note without a three-way match: supplier and number required (409),
    amounts must add up (400); ``credited_invoice`` (by default the one already named; None
    for none, clearing the link read from the document) must be an invoice of the same
    supplier. Not by whoever entered it (403, as approving an invoice). Then applied to the
    invoice it names when that one is approved and open. Locks the credit note's row, then
    the invoice's."""
    note = lock_invoice(note)
    _require_credit_note(note)
    if note.status != SupplierInvoiceStatus.DRAFT:
        raise Conflict(
            errors.CREDIT_NOTE_NOT_DRAFT.format(number=note.invoice_number, status=_status(note)),
            code=Code.INVALID_TRANSITION,
        )
    missing = [
        name
        for name, value in (
            ("the supplier", note.supplier_id),
            ("the credit note number", note.invoice_number.strip()),
        )
        if not value
    ]
    if missing:
        raise Conflict(
            errors.CREDIT_NOTE_INCOMPLETE.format(
                number=note.invoice_number or note.pk, missing=" and ".join(missing)
            ),
            code=Code.CREDIT_NOTE_INVALID,
        )
    require_separate_duty(note, by, "supplier_invoice.approve")
    named = note.credited_invoice
    if credited_invoice is not NAMED_ALREADY:
        note.credited_invoice = credited_invoice
    if note.credited_invoice is not None:
        check_credited_invoice(
            kind=note.kind,
            supplier_id=note.supplier_id,
            credited=note.credited_invoice,
            field="credited_invoice",
        )
    _check_amounts(note)
    before = note.status
    note.status = SupplierInvoiceStatus.APPROVED
    note.approved_by = by
    note.approved_at = timezone.now()
    note.updated_by = by
    note.save()
    changes: dict[str, tuple[str, str]] = {"status": (before, str(note.status))}
    if note.credited_invoice != named:
        changes["credited_invoice"] = (
            named.invoice_number if named else "",
            note.credited_invoice.invoice_number if note.credited_invoice else "",
        )
    audit_record(
        actor=by,
        action="supplier_invoice.credit_note_posted",
        obj=note,
        changes=changes,
        data={
            "total": str(note.total),
            "credited_invoice": note.credited_invoice.invoice_number
            if note.credited_invoice
            else "",
        },
    )
    target = note.credited_invoice
    if (
        target is not None
        and target.status in PAYABLE_INVOICE_STATUSES
        and target.currency == note.currency
        and target.balance > ZERO
    ):
        _apply(note=note, invoice=target, by=by, amount=None)
    return note


def _apply(
    *, note: SupplierInvoice, invoice: SupplierInvoice, by: User, amount: Decimal | None
) -> SupplierPayment:
    """Apply under both rows' locks, taken in key order so two applications touching the
    same pair never deadlock; every check is made on the locked rows."""
    first, second = sorted([note.pk, invoice.pk])
    locked = {
        row.pk: row for row in (lock_invoice(SupplierInvoice(pk=pk)) for pk in (first, second))
    }
    note, invoice = locked[note.pk], locked[invoice.pk]
    names = {"invoice": invoice.invoice_number, "number": note.invoice_number}
    _require_credit_note(note)
    if note.status not in PAYABLE_INVOICE_STATUSES:
        message = (
            errors.CREDIT_NOTE_NOTHING_OPEN.format(number=note.invoice_number)
            if note.status == SupplierInvoiceStatus.PAID
            else errors.CREDIT_NOTE_NOT_POSTED.format(
                number=note.invoice_number, status=_status(note)
            )
        )
        raise Conflict(message, code=Code.CREDIT_NOTE_INVALID)
    if invoice.kind != SupplierInvoiceKind.INVOICE:
        raise _refuse(errors.CREDIT_NOTE_TARGET_NOT_INVOICE.format(**names))
    if invoice.supplier_id != note.supplier_id:
        raise _refuse(
            errors.CREDIT_NOTE_OTHER_SUPPLIER.format(
                invoice_supplier=invoice.supplier, supplier=note.supplier, **names
            )
        )
    if invoice.currency != note.currency:
        raise _refuse(
            errors.CREDIT_NOTE_OTHER_CURRENCY.format(
                invoice_currency=invoice.currency, currency=note.currency, **names
            )
        )
    if invoice.status not in PAYABLE_INVOICE_STATUSES:
        raise Conflict(
            errors.CREDIT_NOTE_INVOICE_NOT_PAYABLE.format(status=_status(invoice), **names),
            code=Code.INVALID_TRANSITION,
        )
    limit = min(note.balance, invoice.balance)
    applied = limit if amount is None else round_money(amount)
    if applied <= ZERO or applied > limit:
        message = errors.CREDIT_NOTE_TOO_MUCH.format(
            amount=applied, limit=limit, open=note.balance, balance=invoice.balance
        )
        raise Conflict(message, code=Code.CREDIT_NOTE_INVALID, errors={"amount": [message]})
    return credit_note_settle(note=note, invoice=invoice, amount=applied, by=by)


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, code=Code.CREDIT_NOTE_INVALID, errors={"invoice": [message]})


@transaction.atomic
def credit_note_apply(
    *,
    note: SupplierInvoice,
    invoice: SupplierInvoice,
    by: User,
    amount: Decimal | None = None,
) -> SupplierPayment:
    """Apply what is left on a posted credit note (or ``amount`` of it, at most the credit
    left and the invoice's balance: 409 beyond) to an approved, open invoice of the same
    supplier and currency (400 otherwise; 409 for a credit note not posted or used up, or an
    invoice not approved for payment). One transaction; both rows locked."""
    return _apply(note=note, invoice=invoice, by=by, amount=amount)
