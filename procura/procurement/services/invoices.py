"""Supplier invoices: entry (duplicate numbers refused), three-way match, acceptance of
exceptions, approval for payment (segregation of duties), payments, void."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from procura.accounts.models import User
from procura.accounts.permission_matrix import duty_conflict
from procura.audit.services import audit_record
from procura.core.errors import Conflict, DomainError, InvalidInput, NotAllowed
from procura.core.money import line_amount, round_money, round_quantity, round_rate
from procura.currency.selectors import document_rate, exchange_difference, stamp_rate
from procura.documents.extraction.hints import LEARNABLE_FIELDS
from procura.documents.models import Document
from procura.documents.services.reading_hints import document_confirm
from procura.partners.models import Supplier
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_order, lock_row
from procura.procurement.models import (
    DebitNoteStatus,
    PaymentMethod,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    SupplierDebitNote,
    SupplierInvoice,
    SupplierInvoiceKind,
    SupplierInvoiceLine,
    SupplierInvoiceStatus,
    SupplierPayment,
)
from procura.procurement.models.invoices import OPEN_INVOICE_STATUSES, PAYABLE_INVOICE_STATUSES
from procura.procurement.selectors.orders import supplier_invoice_by_number
from procura.procurement.services.inputs import amount_within_limits, required_comment
from procura.procurement.services.matching import three_way_match
from procura.procurement.services.orders import close_order


class InvoiceLineInput(TypedDict, total=False):
    order_line: PurchaseOrderLine | None
    description: str
    quantity: Decimal
    unit_price: Decimal
    # The line amount as the document states it, kept as the line's total where quantity x
    # price (to the four places a unit price keeps) would miss it by rounding: the caller
    # gives it only when the two agree (see ``line_amount_gap``).
    line_total: Decimal


def _label(invoice: SupplierInvoice) -> str:
    return invoice.get_status_display().lower()


def _duplicate(supplier: Supplier, number: str) -> Conflict | None:
    existing = supplier_invoice_by_number(supplier=supplier, number=number)
    if existing is None:
        return None
    return Conflict(
        errors.DUPLICATE_INVOICE.format(
            supplier=supplier.name,
            number=existing.invoice_number,
            existing=existing.pk,
            status=_label(existing),
            date=existing.invoice_date.isoformat(),
        ),
        code=Code.DUPLICATE_INVOICE,
        data={"existing_invoice": existing.pk},
    )


@transaction.atomic
def supplier_invoice_create(
    *,
    by: User,
    supplier: Supplier,
    invoice_number: str,
    invoice_date: date,
    subtotal: Decimal,
    total: Decimal,
    lines: Sequence[InvoiceLineInput],
    tax: Decimal = Decimal(0),
    due_date: date | None = None,
    currency: str | None = None,
    purchase_order: PurchaseOrder | None = None,
    source_document: Document | None = None,
    low_confidence_fields: Sequence[str] = (),
    kind: str = SupplierInvoiceKind.INVOICE,
    credited_invoice: SupplierInvoice | None = None,
    credited_invoice_reference: str = "",
) -> SupplierInvoice:
    """Enter a supplier's invoice (or credit note, ``kind``) as stated on paper (header amounts are kept as given; the
    match compares them with the lines). The supplier's number is unique per supplier, in any
    letter case: a duplicate is refused naming the invoice already entered (409). The due date
    defaults to the invoice date plus the order's (else the supplier's) payment terms."""
    number = invoice_number.strip()
    duplicate = _duplicate(supplier, number)
    if duplicate is not None:
        raise duplicate
    check_invoice_lines(supplier=supplier, lines=lines, purchase_order=purchase_order)
    if credited_invoice is not None:
        check_credited_invoice(
            kind=kind, supplier_id=supplier.pk, credited=credited_invoice, field="credited_invoice"
        )
    if purchase_order is None:
        linked = [line["order_line"] for line in lines if line.get("order_line") is not None]
        purchase_order = linked[0].order if linked and linked[0] is not None else None
    terms = purchase_order.payment_terms_days if purchase_order else supplier.payment_terms_days
    invoice = SupplierInvoice(
        kind=kind,
        supplier=supplier,
        invoice_number=number,
        purchase_order=purchase_order,
        invoice_date=invoice_date,
        due_date=due_date or invoice_date + timedelta(days=terms),
        currency=currency or (purchase_order.currency if purchase_order else supplier.currency),
        subtotal=round_money(subtotal),
        tax=round_money(tax),
        total=round_money(total),
        source_document=source_document,
        low_confidence_fields=list(low_confidence_fields),
        credited_invoice=credited_invoice,
        credited_invoice_reference=credited_invoice_reference,
        created_by=by,
        updated_by=by,
    )
    stamp_rate(invoice, on=invoice_date)
    try:
        with transaction.atomic():
            invoice.save()
    except IntegrityError:
        # entered at the same moment by someone else
        raise _duplicate(supplier, number) or Conflict("Duplicate invoice.") from None
    SupplierInvoiceLine.objects.bulk_create(invoice_line_rows(invoice, lines))
    data: dict[str, Any] = {"supplier": supplier.pk, "number": number, "total": str(invoice.total)}
    if source_document is not None:
        data["document"] = source_document.pk
    audit_record(actor=by, action="supplier_invoice.created", obj=invoice, data=data)
    return invoice


def check_invoice_lines(
    *,
    supplier: Supplier,
    lines: Sequence[InvoiceLineInput],
    purchase_order: PurchaseOrder | None,
) -> None:
    """Lines refer to the supplier's own order lines, or say what they are (400)."""
    problems: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        order_line = line.get("order_line")
        if order_line is not None and order_line.order.supplier_id != supplier.pk:
            problems[f"lines.{index}.order_line"] = [errors.INVOICE_LINE_OTHER_SUPPLIER]
        if order_line is None and not (line.get("description") or "").strip():
            problems[f"lines.{index}.description"] = ["A line not on an order needs a description."]
    if purchase_order is not None and purchase_order.supplier_id != supplier.pk:
        problems["purchase_order"] = ["This order belongs to another supplier."]
    if problems:
        raise InvalidInput("Some fields are invalid; see errors.", errors=problems)


def check_credited_invoice(
    *, kind: str, supplier_id: object, credited: SupplierInvoice, field: str
) -> None:
    """The invoice a credit note credits is an invoice (not a credit note) of the same
    supplier, and only a credit note names one (400)."""
    problem = None
    if kind != SupplierInvoiceKind.CREDIT_NOTE:
        problem = "Only a credit note names the invoice it credits."
    elif credited.kind != SupplierInvoiceKind.INVOICE:
        problem = f"{credited.invoice_number} is a credit note, not an invoice."
    elif credited.supplier_id != supplier_id:
        problem = f"Invoice {credited.invoice_number} is another supplier's."
    if problem:
        raise InvalidInput(problem, errors={field: [problem]})


def invoice_line_rows(
    invoice: SupplierInvoice, lines: Sequence[InvoiceLineInput]
) -> list[SupplierInvoiceLine]:
    """Unsaved line rows numbered from 1, each total the document's own line amount where
    given, else rounded from its quantity and price."""
    rows = []
    for index, line in enumerate(lines):
        order_line = line.get("order_line")
        quantity = round_quantity(line["quantity"])
        price = round_rate(line["unit_price"])
        stated = line.get("line_total")
        total = round_money(stated) if stated is not None else line_amount(quantity, price)
        rows.append(
            SupplierInvoiceLine(
                invoice=invoice,
                line_no=index + 1,
                order_line=order_line,
                description=(line.get("description") or "").strip()
                or (order_line.description if order_line else ""),
                quantity=quantity,
                unit_price=price,
                line_total=amount_within_limits(total, field=f"lines.{index}.unit_price"),
            )
        )
    return rows


def lock_invoice(invoice: SupplierInvoice) -> SupplierInvoice:
    return lock_row(SupplierInvoice, invoice.pk)


def _lock_order_lines_of(invoice: SupplierInvoice) -> None:
    """Lock the order lines the invoice points at (key order): two invoices of one order are
    matched one after the other, so both cannot claim the same received quantity."""
    ids = sorted(
        pk for pk in invoice.lines.values_list("order_line_id", flat=True) if pk is not None
    )
    list(PurchaseOrderLine.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _transition(
    invoice: SupplierInvoice, *, by: User, status: str, action: str, data: dict[str, Any] | None
) -> None:
    before = invoice.status
    invoice.status = status
    invoice.updated_by = by
    invoice.save()
    audit_record(
        actor=by,
        action=f"supplier_invoice.{action}",
        obj=invoice,
        changes={"status": (before, status)},
        data=data,
    )


@transaction.atomic
def supplier_invoice_match(*, invoice: SupplierInvoice, by: User) -> SupplierInvoice:
    """Run the three-way match: ``matched``, or ``exception`` with every reason listed. May be
    run again on an invoice in exception (after a receipt, say). Locks the invoice row, then
    the order lines it refers to."""
    invoice = lock_invoice(invoice)
    if invoice.status not in {SupplierInvoiceStatus.DRAFT, SupplierInvoiceStatus.EXCEPTION}:
        raise Conflict(
            errors.INVOICE_NOT_MATCHABLE.format(status=_label(invoice)),
            code=Code.INVALID_TRANSITION,
        )
    if invoice.kind == SupplierInvoiceKind.CREDIT_NOTE:
        raise Conflict(errors.CREDIT_NOTE_NOT_MATCHED, code=Code.INVOICE_INVALID)
    missing = [
        name
        for name, value in (
            ("the supplier", invoice.supplier_id),
            ("the invoice number", invoice.invoice_number.strip()),
        )
        if not value
    ]
    if missing:
        raise Conflict(
            errors.INVOICE_INCOMPLETE.format(missing=" and ".join(missing)),
            code=Code.INVOICE_INVALID,
        )
    _lock_order_lines_of(invoice)
    issues = three_way_match(invoice)
    invoice.match_exceptions = [issue.as_dict() for issue in issues]
    invoice.matched_at = timezone.now()
    status = SupplierInvoiceStatus.EXCEPTION if issues else SupplierInvoiceStatus.MATCHED
    _transition(
        invoice,
        by=by,
        status=status,
        action=status,
        data={"exceptions": [issue.code for issue in issues]},
    )
    return invoice


@transaction.atomic
def supplier_invoice_accept_exception(
    *, invoice: SupplierInvoice, by: User, comment: str
) -> SupplierInvoice:
    """Finance accepts the listed exceptions (comment required); the invoice counts as matched
    and still needs approval for payment. Not by whoever entered, approved or paid it (403,
    segregation of duties). Locks the invoice row."""
    comment = required_comment(comment)
    invoice = lock_invoice(invoice)
    require_separate_duty(invoice, by, "supplier_invoice.accept_exception")
    if invoice.status != SupplierInvoiceStatus.EXCEPTION:
        raise Conflict(
            errors.INVOICE_NOT_EXCEPTION.format(status=_label(invoice)),
            code=Code.INVALID_TRANSITION,
        )
    invoice.exception_accepted_by = by
    invoice.exception_comment = comment
    _transition(
        invoice,
        by=by,
        status=SupplierInvoiceStatus.MATCHED,
        action="exception_accepted",
        data={"comment": comment, "exceptions": invoice.match_exceptions},
    )
    return invoice


# Segregation of duties (the matrix's "payables" duty group): entering, accepting the match
# exception, approving and paying an invoice are four duties, and whoever performed one of them
# on an invoice performs none of the others on it, administrators included.
DUTY_DONE = {
    "supplier_invoice.create": "entered",
    "supplier_invoice.accept_exception": "accepted the match exception of",
    "supplier_invoice.approve": "approved",
    "supplier_payment.create": "paid",
}
DUTY_VERB = {
    "supplier_invoice.create": "enter it",
    "supplier_invoice.accept_exception": "accept its match exception",
    "supplier_invoice.approve": "approve it",
    "supplier_payment.create": "pay it",
}


def _duties_performed(invoice: SupplierInvoice) -> dict[str, set[object]]:
    """Who performed each payables duty on the invoice (uses prefetched payments)."""
    performed: dict[str, set[object]] = {
        "supplier_invoice.create": {invoice.created_by_id},
        "supplier_invoice.accept_exception": {invoice.exception_accepted_by_id},
        "supplier_invoice.approve": {invoice.approved_by_id},
        "supplier_payment.create": {payment.created_by_id for payment in invoice.payments.all()},
    }
    return {action: users - {None} for action, users in performed.items()}


def supplier_invoice_duty_conflict(
    *, invoice: SupplierInvoice, user_id: object, action: str
) -> str | None:
    """Why ``user_id`` may not perform ``action`` on ``invoice`` by segregation of duties (the
    message), or None. The record page shows it on the disabled button; the services refuse."""
    if action not in DUTY_VERB:
        return None
    conflict = duty_conflict(action, _duties_performed(invoice), user_id)
    if conflict is None:
        return None
    return errors.SOD_INVOICE.format(done=DUTY_DONE[conflict], action=DUTY_VERB[action])


def require_separate_duty(invoice: SupplierInvoice, by: User, action: str) -> None:
    message = supplier_invoice_duty_conflict(invoice=invoice, user_id=by.pk, action=action)
    if message:
        raise NotAllowed(message, code=Code.SEGREGATION_OF_DUTIES)


def _shift_invoiced(invoice: SupplierInvoice, *, sign: int) -> None:
    """Add (1) or give back (-1) the invoice's quantities on its order lines."""
    rows = invoice.lines.filter(order_line__isnull=False).values_list("order_line_id", "quantity")
    for order_line_id, quantity in rows:
        PurchaseOrderLine.objects.filter(pk=order_line_id).update(
            quantity_invoiced=F("quantity_invoiced") + sign * quantity
        )


@transaction.atomic
def supplier_invoice_approve(*, invoice: SupplierInvoice, by: User) -> SupplierInvoice:
    """Approve a matched invoice for payment. Not by whoever entered it, accepted its
    exception or paid it (403, segregation of duties). The order lines' invoiced quantities grow. Locks the invoice row."""
    invoice = lock_invoice(invoice)
    require_separate_duty(invoice, by, "supplier_invoice.approve")
    if invoice.status != SupplierInvoiceStatus.MATCHED:
        raise Conflict(
            errors.INVOICE_NOT_MATCHED.format(status=_label(invoice)),
            code=Code.INVALID_TRANSITION,
        )
    _shift_invoiced(invoice, sign=1)
    invoice.approved_by = by
    invoice.approved_at = timezone.now()
    _transition(invoice, by=by, status=SupplierInvoiceStatus.APPROVED, action="approved", data=None)
    _apply_open_debit_notes(invoice, by=by)
    _apply_posted_credit_notes(invoice, by=by)
    _confirm_reading(invoice, by=by)
    return invoice


def _confirm_reading(invoice: SupplierInvoice, *, by: User) -> None:
    """The values approved as the reader read them teach it where the supplier prints them."""
    if invoice.source_document_id is None or invoice.supplier_id is None:
        return
    document = invoice.source_document
    if document is not None:
        values = {name: getattr(invoice, name) for name in LEARNABLE_FIELDS}
        document_confirm(document=document, supplier_ref=invoice.supplier_id, values=values, by=by)


def _settle_oldest_first(
    invoice: SupplierInvoice,
    notes: Any,
    open_amount: Callable[[Any], Decimal],
    settle: Callable[..., SupplierPayment],
    *,
    by: User,
) -> None:
    """Settle the invoice from ``notes`` (locked, oldest first) until its balance is paid: each
    note gives what it has open, up to what the invoice still owes."""
    for note in notes:
        if invoice.balance <= 0:
            return
        settle(note=note, invoice=invoice, amount=min(open_amount(note), invoice.balance), by=by)


def _apply_posted_credit_notes(invoice: SupplierInvoice, *, by: User) -> None:
    """Posted credit notes that name the invoice (received before it was approved) now reduce
    what is paid on it, oldest first. Locks the notes in key order after the invoice."""
    notes = (
        SupplierInvoice.objects.select_for_update()
        .filter(
            credited_invoice=invoice,
            kind=SupplierInvoiceKind.CREDIT_NOTE,
            status__in=PAYABLE_INVOICE_STATUSES,
            currency=invoice.currency,
        )
        .order_by("pk")
    )
    _settle_oldest_first(invoice, notes, lambda note: note.balance, credit_note_settle, by=by)


def credit_note_settle(
    *, note: SupplierInvoice, invoice: SupplierInvoice, amount: Decimal, by: User
) -> SupplierPayment:
    """Apply ``amount`` of a posted credit note to a payable invoice: a ``credit_note``
    settlement dated today takes it off the invoice's balance (and the payables aging), and
    the credit note's applied amount grows (fully applied: ``paid``). The caller holds both
    rows' locks and checked supplier, currency, status and amounts."""
    payment = supplier_invoice_settle(
        invoice=invoice,
        by=by,
        amount=amount,
        paid_on=timezone.localdate(),
        method=PaymentMethod.CREDIT_NOTE,
        reference=note.invoice_number,
        credit_note=note,
    )
    before = note.status
    note.amount_paid = note.amount_paid + payment.amount
    note.status = (
        SupplierInvoiceStatus.PAID
        if note.amount_paid >= note.total
        else SupplierInvoiceStatus.PARTIALLY_PAID
    )
    note.updated_by = by
    note.save(update_fields=["amount_paid", "status", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="supplier_invoice.credit_note_applied",
        obj=note,
        changes={"status": (before, note.status)} if before != note.status else None,
        data={
            "invoice": invoice.invoice_number,
            "invoice_id": invoice.pk,
            "payment": payment.pk,
            "amount": str(payment.amount),
            "open": str(note.balance),
        },
    )
    return payment


def _apply_open_debit_notes(invoice: SupplierInvoice, *, by: User) -> None:
    """Debit notes raised on the invoice's order for goods returned before it was approved
    (credit expected) now reduce what is paid on it, oldest first."""
    if invoice.purchase_order_id is None or invoice.supplier_id is None:
        return
    notes = (
        SupplierDebitNote.objects.select_for_update()
        .filter(
            order_id=invoice.purchase_order_id,
            supplier_id=invoice.supplier_id,
            currency=invoice.currency,
        )
        .exclude(status=DebitNoteStatus.APPLIED)
        .order_by("pk")
    )
    _settle_oldest_first(invoice, notes, lambda note: note.open_amount, debit_note_settle, by=by)


def debit_note_settle(
    *, note: SupplierDebitNote, invoice: SupplierInvoice, amount: Decimal, by: User
) -> SupplierPayment:
    """Apply ``amount`` of a debit note to a payable invoice: a ``debit_note`` settlement dated
    today takes it off the invoice's balance (and so the payables aging). The caller holds both
    rows' locks and checked supplier, currency, status and amounts."""
    payment = supplier_invoice_settle(
        invoice=invoice,
        by=by,
        amount=amount,
        paid_on=timezone.localdate(),
        method=PaymentMethod.DEBIT_NOTE,
        reference=note.number,
        debit_note=note,
    )
    note.amount_applied = note.amount_applied + payment.amount
    note.status = (
        DebitNoteStatus.APPLIED
        if note.amount_applied >= note.total
        else DebitNoteStatus.PARTIALLY_APPLIED
    )
    note.updated_by = by
    note.save(update_fields=["amount_applied", "status", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="supplier_debit_note.applied",
        obj=note,
        data={
            "invoice": invoice.invoice_number,
            "amount": str(payment.amount),
            "open": str(note.open_amount),
        },
    )
    return payment


@transaction.atomic
def supplier_invoice_void(*, invoice: SupplierInvoice, by: User, reason: str) -> SupplierInvoice:
    """Void an open invoice with no payments (reason required); an approved one gives its
    invoiced quantities back to the order lines. Locks the invoice row."""
    reason = required_comment(reason)
    invoice = lock_invoice(invoice)
    if invoice.status not in OPEN_INVOICE_STATUSES:
        raise Conflict(
            errors.INVOICE_NOT_VOIDABLE.format(status=_label(invoice)),
            code=Code.INVALID_TRANSITION,
        )
    if invoice.amount_paid > 0:
        raise Conflict(errors.INVOICE_HAS_PAYMENTS, code=Code.INVALID_TRANSITION)
    if invoice.status == SupplierInvoiceStatus.APPROVED and not invoice.is_credit_note:
        _shift_invoiced(invoice, sign=-1)
    invoice.voided_at = timezone.now()
    invoice.void_reason = reason
    _transition(
        invoice, by=by, status=SupplierInvoiceStatus.VOID, action="voided", data={"reason": reason}
    )
    return invoice


def _close_settled_orders(invoice: SupplierInvoice, *, by: User) -> None:
    """An order that is fully received, fully invoiced and whose invoices are all paid is
    closed: nothing is left to do on it."""
    order_ids = sorted(
        {
            pk
            for pk in invoice.lines.values_list("order_line__order_id", flat=True)
            if pk is not None
        }
    )
    for order_id in order_ids:
        order = lock_order(PurchaseOrder(pk=order_id))
        if order.status != PurchaseOrderStatus.RECEIVED:
            continue
        lines = list(order.lines.values_list("quantity_received", "quantity_invoiced"))
        fully_invoiced = all(invoiced >= received for received, invoiced in lines)
        unpaid = (
            SupplierInvoice.objects.filter(lines__order_line__order_id=order_id)
            .exclude(status__in=[SupplierInvoiceStatus.PAID, SupplierInvoiceStatus.VOID])
            .exists()
        )
        if fully_invoiced and not unpaid:
            close_order(order, by=by, reason="received, invoiced and paid")


@transaction.atomic
def supplier_payment_create(
    *,
    invoice: SupplierInvoice,
    by: User,
    amount: Decimal,
    paid_on: date,
    method: str,
    reference: str = "",
) -> SupplierPayment:
    """Record a (possibly partial) payment of an approved invoice, never above its open balance
    (422); nobody pays an invoice they entered, whose
    exception they accepted or that they approved (403, segregation of duties). A paid invoice may close its order.
    Locks the invoice row."""
    invoice = lock_invoice(invoice)
    if invoice.is_credit_note:
        raise Conflict(errors.CREDIT_NOTE_NOT_PAID, code=Code.CREDIT_NOTE_INVALID)
    require_separate_duty(invoice, by, "supplier_payment.create")
    if invoice.status not in PAYABLE_INVOICE_STATUSES:
        raise Conflict(
            errors.INVOICE_NOT_PAYABLE.format(status=_label(invoice)),
            code=Code.INVALID_TRANSITION,
        )
    return supplier_invoice_settle(
        invoice=invoice,
        by=by,
        amount=amount,
        paid_on=paid_on,
        method=method,
        reference=reference,
    )


def supplier_invoice_settle(
    *,
    invoice: SupplierInvoice,
    by: User,
    amount: Decimal,
    paid_on: date,
    method: str,
    reference: str = "",
    debit_note: SupplierDebitNote | None = None,
    credit_note: SupplierInvoice | None = None,
) -> SupplierPayment:
    """Take ``amount`` off a payable invoice's open balance (a payment, or a debit note
    applied), never above it (422): the invoice becomes partially paid or paid, and a paid one
    may close its order. The caller holds the invoice row's lock and checked the status."""
    amount = round_money(amount)
    balance = invoice.balance
    if amount <= 0 or amount > balance:
        raise DomainError(
            errors.OVERPAYMENT.format(amount=amount, balance=balance),
            code=Code.OVERPAYMENT,
            errors={"amount": [errors.OVERPAYMENT.format(amount=amount, balance=balance)]},
        )
    payment_rate, _rate_date = document_rate(currency=invoice.currency, on=paid_on)
    payment = SupplierPayment.objects.create(
        invoice=invoice,
        debit_note=debit_note,
        credit_note=credit_note,
        amount=amount,
        paid_on=paid_on,
        method=method,
        reference=reference,
        exchange_rate=payment_rate,
        exchange_difference=exchange_difference(
            amount, booked_rate=invoice.exchange_rate, paid_rate=payment_rate
        ),
        created_by=by,
        updated_by=by,
    )
    invoice.amount_paid = invoice.amount_paid + amount
    status = (
        SupplierInvoiceStatus.PAID
        if invoice.amount_paid >= invoice.total
        else SupplierInvoiceStatus.PARTIALLY_PAID
    )
    _transition(
        invoice,
        by=by,
        status=status,
        action="paid" if status == SupplierInvoiceStatus.PAID else "partially_paid",
        data={"payment": payment.pk, "amount": str(amount), "balance": str(invoice.balance)},
    )
    if status == SupplierInvoiceStatus.PAID:
        _close_settled_orders(invoice, by=by)
    return payment
