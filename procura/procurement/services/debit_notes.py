"""Supplier debit notes: goods returned to the supplier are owed back to us.

A return of received goods raises one debit note for its lines: each line's returned quantity
(cases) or, for a catch-weight line priced by weight, its returned net weight, at the order
line's price. The note is credit expected from the supplier until applied to one of their
invoices: automatically when an invoice of the same order is approved, or by hand to an
approved invoice of the supplier in the same currency. Applying it records a ``debit_note``
settlement on the invoice, so its balance and the payables aging drop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.catalog.conversions import WEIGHT_UNITS, weight_to
from procura.core.errors import Conflict, DomainError
from procura.core.money import ZERO, line_amount, round_money, round_quantity
from procura.core.numbering import next_document_number
from procura.inventory.models import Lot
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_row
from procura.procurement.models import (
    GoodsReceipt,
    PurchaseOrder,
    PurchaseOrderLine,
    ReceiptReturn,
    SupplierDebitNote,
    SupplierDebitNoteLine,
    SupplierInvoice,
    SupplierPayment,
)
from procura.procurement.models.invoices import PAYABLE_INVOICE_STATUSES
from procura.procurement.services.invoices import debit_note_settle

DEBIT_NOTE_PREFIX = "SDN"


@dataclass(frozen=True)
class ReturnedLine:
    receipt_return: ReceiptReturn
    order_line: PurchaseOrderLine
    lot: Lot | None
    weight: Decimal | None


def priced_quantity(
    line: PurchaseOrderLine, *, quantity: Decimal, weight: Decimal | None
) -> Decimal:
    """What the order line's price multiplies for a returned ``quantity``: the returned net
    weight in the line's unit when the line is priced by weight (catch weight), else the
    quantity."""
    product = line.product
    if (
        weight is not None
        and product is not None
        and product.catch_weight
        and line.unit in WEIGHT_UNITS
    ):
        return round_quantity(weight_to(weight, source=product.weight_unit, target=line.unit))
    return quantity


def debit_note_for_return(
    *,
    receipt: GoodsReceipt,
    order: PurchaseOrder,
    returned: Sequence[ReturnedLine],
    reason: str,
    by: User,
) -> SupplierDebitNote | None:
    """The debit note of one return (inside the return's transaction); none when the goods
    cost nothing."""
    rows = []
    for entry in returned:
        line = entry.order_line
        quantity = entry.receipt_return.quantity
        priced = priced_quantity(line, quantity=quantity, weight=entry.weight)
        rows.append(
            SupplierDebitNoteLine(
                receipt_return=entry.receipt_return,
                order_line=line,
                description=line.description,
                lot_code=entry.lot.code if entry.lot is not None else "",
                quantity=quantity,
                weight=entry.weight,
                weight_unit=line.product.weight_unit
                if entry.weight is not None and line.product is not None
                else "",
                priced_quantity=priced,
                unit_price=line.unit_price,
                amount=line_amount(priced, line.unit_price),
            )
        )
    total = round_money(sum((row.amount for row in rows), ZERO))
    if total <= ZERO:
        return None
    note = SupplierDebitNote.objects.create(
        number=next_document_number(DEBIT_NOTE_PREFIX),
        supplier_id=order.supplier_id,
        order=order,
        receipt=receipt,
        currency=order.currency,
        reason=reason,
        total=total,
        created_by=by,
        updated_by=by,
    )
    for row in rows:
        row.debit_note = note
    SupplierDebitNoteLine.objects.bulk_create(rows)
    audit_record(
        actor=by,
        action="supplier_debit_note.issued",
        obj=note,
        data={
            "order": order.number,
            "receipt": receipt.number,
            "total": str(total),
            "lines": [
                {
                    "line": row.order_line.line_no,
                    "quantity": str(row.quantity),
                    "weight": "" if row.weight is None else str(row.weight),
                    "lot": row.lot_code,
                    "amount": str(row.amount),
                }
                for row in rows
            ],
        },
    )
    return note


def _refuse(message: str, *, field: str = "invoice") -> DomainError:
    return DomainError(message, code=Code.DEBIT_NOTE_INVALID, errors={field: [message]})


@transaction.atomic
def debit_note_apply(
    *,
    note: SupplierDebitNote,
    invoice: SupplierInvoice,
    by: User,
    amount: Decimal | None = None,
) -> SupplierPayment:
    """Apply what is open on ``note`` (or ``amount`` of it) to an approved invoice of the same
    supplier and currency, never beyond the invoice's balance. Locks the invoice, then the
    note (the order invoice approval takes them in)."""
    invoice = lock_row(SupplierInvoice, invoice.pk)
    note = lock_row(SupplierDebitNote, note.pk)
    if note.open_amount <= ZERO:
        raise Conflict(
            errors.DEBIT_NOTE_NOTHING_OPEN.format(number=note.number),
            code=Code.DEBIT_NOTE_INVALID,
        )
    names = {"invoice": invoice.invoice_number, "number": note.number}
    if invoice.supplier_id != note.supplier_id:
        raise _refuse(
            errors.DEBIT_NOTE_OTHER_SUPPLIER.format(
                invoice_supplier=invoice.supplier, supplier=note.supplier, **names
            )
        )
    if invoice.currency != note.currency:
        raise _refuse(
            errors.DEBIT_NOTE_OTHER_CURRENCY.format(
                invoice_currency=invoice.currency, currency=note.currency, **names
            )
        )
    if invoice.status not in PAYABLE_INVOICE_STATUSES:
        raise Conflict(
            errors.DEBIT_NOTE_INVOICE_NOT_PAYABLE.format(
                status=invoice.get_status_display().lower(), **names
            ),
            code=Code.INVALID_TRANSITION,
        )
    limit = min(note.open_amount, invoice.balance)
    applied = limit if amount is None else round_money(amount)
    if applied <= ZERO or applied > limit:
        raise _refuse(
            errors.DEBIT_NOTE_TOO_MUCH.format(
                amount=applied, limit=limit, open=note.open_amount, balance=invoice.balance
            ),
            field="amount",
        )
    return debit_note_settle(note=note, invoice=invoice, amount=applied, by=by)
