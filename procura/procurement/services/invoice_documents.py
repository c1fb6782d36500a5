"""Draft supplier invoices read from processed invoice documents.

What extraction found (supplier, numbers, dates, totals, lines) becomes a draft invoice linked to
the purchase order the document names and to that order's lines, ready for the three-way match.
Fields read with low confidence are listed on the invoice so a person checks them first; the
person's corrections of the document refresh the invoice as long as it is a draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.money import CURRENCY_CODES, line_amount_gap, round_money
from procura.currency.selectors import stamp_rate
from procura.documents.models import Document, DocumentAttachment
from procura.partners.models import Supplier
from procura.procurement.locks import lock_row
from procura.procurement.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    SupplierInvoice,
    SupplierInvoiceKind,
    SupplierInvoiceLine,
    SupplierInvoiceStatus,
)
from procura.procurement.models.requests import default_currency
from procura.procurement.selectors.orders import (
    supplier_invoice_by_number,
    supplier_open_invoice_by_number,
)
from procura.procurement.services.invoices import (
    InvoiceLineInput,
    check_invoice_lines,
    invoice_line_rows,
    supplier_invoice_create,
)

LOW_CONFIDENCE = 0.6
# An extracted line goes with the order line whose description is at least this similar.
LINE_MATCH_RATIO = 0.6


# Payment terms of a draft whose supplier is not known yet.
UNKNOWN_SUPPLIER_TERMS_DAYS = 30


@dataclass(frozen=True)
class InvoiceHeader:
    """The invoice's header; what the document did not state is a placeholder listed among
    the fields to check (no supplier, a blank number, the upload date, zero amounts)."""

    supplier: Supplier | None
    invoice_number: str
    invoice_date: date
    subtotal: Decimal
    total: Decimal

    @property
    def complete(self) -> bool:
        return self.supplier is not None and bool(self.invoice_number)


@dataclass
class DocumentInvoice:
    """The invoice as the document states it, parsed, with what needs a person's eye."""

    header: InvoiceHeader
    purchase_order: PurchaseOrder | None
    due_date: date | None
    currency: str | None
    tax: Decimal
    lines: list[InvoiceLineInput]
    low_confidence: list[str] = field(default_factory=list)
    kind: str = SupplierInvoiceKind.INVOICE
    # On a credit note: the number of the invoice it credits as read, and that invoice when
    # the supplier has it open.
    credited_reference: str = ""
    credited_invoice: SupplierInvoice | None = None


def _value(fields: dict[str, Any], name: str) -> str | None:
    value = (fields.get(name) or {}).get("value")
    return str(value).strip() if value not in (None, "") else None


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _order_line_for(
    description: str, candidates: list[PurchaseOrderLine]
) -> PurchaseOrderLine | None:
    wanted = _words(description)
    scored = [
        (SequenceMatcher(None, wanted, _words(line.description)).ratio(), line)
        for line in candidates
    ]
    scored.sort(key=lambda pair: (-pair[0], pair[1].line_no))
    if scored and scored[0][0] >= LINE_MATCH_RATIO:
        return scored[0][1]
    return None


def _lines(
    items: list[dict[str, Any]], order: PurchaseOrder | None
) -> tuple[list[InvoiceLineInput], bool]:
    """Invoice lines from the extracted items, each linked to the order line it names; also
    whether any item was doubtful or unusable."""
    open_lines = list(order.lines.order_by("line_no")) if order else []
    lines: list[InvoiceLineInput] = []
    doubtful = False
    for item in items:
        quantity = _decimal(item.get("quantity"))
        price = _decimal(item.get("unit_price"))
        amount = _decimal(item.get("amount"))
        if quantity is None and price is None and amount is not None:
            # A line that states only its amount (a lump sum; UBL makes the quantity and the
            # price optional): one unit at that amount.
            quantity, price = Decimal(1), amount
        if price is None and quantity and amount is not None:
            price = (amount / quantity).quantize(Decimal("0.0001"))
        if (quantity is None or quantity <= 0) and price and amount is not None:
            quantity = (amount / price).quantize(Decimal("0.001"))
        if quantity is not None and quantity < 0 and price is not None and price > 0:
            # A returned or cancelled item (-1 x 25.00 = -25.00): the same line at a negative
            # price, since a line's quantity is never below zero.
            quantity, price = -quantity, -price
        if float(item.get("confidence") or 0) < LOW_CONFIDENCE:
            doubtful = True
        # A negative price is an allowance or a credited line, when its amount says so too.
        negative_ok = price is not None and price < 0 and amount is not None and amount < 0
        if quantity is None or quantity <= 0 or price is None or (price < 0 and not negative_ok):
            doubtful = True
            continue
        description = str(item.get("description") or "").strip()[:300]
        order_line = _order_line_for(description, open_lines) if description else None
        if order_line is not None:
            open_lines.remove(order_line)
        line: InvoiceLineInput = {
            "order_line": order_line,
            "description": description or "Line read from the document",
            "quantity": quantity,
            "unit_price": price,
        }
        if amount is not None and line_amount_gap(quantity, price, amount) is None:
            # The document's own amount, which quantity x a four-place price may miss by a
            # cent or more (1000 x 0.12345): the lines then add up to the document's totals.
            line["line_total"] = amount
        lines.append(line)
    return lines, doubtful


def _credited(item: dict[str, Any]) -> dict[str, Any]:
    """A line of a negative document as a credit note's line: what it credits, positive."""
    flipped = dict(item)
    for name in ("quantity", "unit_price", "amount"):
        value = _decimal(item.get(name))
        if value is not None:
            flipped[name] = str(-value if name == "amount" else abs(value))
    return flipped


def read_document_invoice(document: Document) -> DocumentInvoice:
    """Parse the document's extraction (with a person's corrections laid over it)."""
    extraction = document.extraction or {}
    fields: dict[str, Any] = extraction.get("fields") or {}
    low = list(extraction.get("low_confidence_fields") or [])
    supplier = (
        Supplier.objects.filter(pk=document.supplier_ref).first()
        if document.supplier_ref is not None
        else None
    )
    order = None
    po_number = _value(fields, "po_number")
    # PEPPOL and XRechnung buyers often have the order number sent as the buyer reference.
    buyer_reference = str((extraction.get("einvoice") or {}).get("buyer_reference") or "").strip()
    references = [ref for ref in (po_number, buyer_reference) if ref]
    if references:
        found = {
            row.number.upper(): row
            for row in PurchaseOrder.objects.select_related("supplier").filter(
                number__in=[ref.upper() for ref in references]
            )
        }
        order = next((found[r.upper()] for r in references if r.upper() in found), None)
        if order is not None and supplier is None:
            supplier = order.supplier
            low.append("supplier")
        elif order is not None and supplier is not None and order.supplier_id != supplier.pk:
            order = None
        if order is None and po_number and "po_number" not in low:
            low.append("po_number")
    items = list(extraction.get("line_items") or [])
    currency = (_value(fields, "currency") or "").upper()
    number = (_value(fields, "invoice_number") or "")[:60]
    invoice_date = _date(_value(fields, "invoice_date"))
    subtotal = _decimal(_value(fields, "subtotal"))
    total = _decimal(_value(fields, "total"))
    tax = _decimal(_value(fields, "tax"))
    credit = extraction.get("kind") == "credit_note"
    if total is not None and total < 0:
        # A document of a negative total credits us that much, whoever read it (a page printing
        # "-119.00"): a credit note of positive amounts, like the e-invoice reader gives.
        credit = True
        total, subtotal, tax = (-v if v is not None else None for v in (total, subtotal, tax))
        items = [_credited(item) for item in items]
    lines, doubtful_lines = _lines(items, order)
    if doubtful_lines:
        low.append("line_items")
    if subtotal is None and total is not None:
        subtotal = total - (tax or 0)
    if total is None and subtotal is not None:
        total = subtotal + (tax or 0)
    unknown = {
        "supplier": supplier is None,
        "invoice_number": not number,
        "invoice_date": invoice_date is None,
        "subtotal": _decimal(_value(fields, "subtotal")) is None,
        "total": _decimal(_value(fields, "total")) is None,
    }
    low += [name for name, missing in unknown.items() if missing]
    kind = SupplierInvoiceKind.CREDIT_NOTE if credit else SupplierInvoiceKind.INVOICE
    reference = (_value(fields, "credited_invoice_number") or "")[:60] if credit else ""
    credited = _credited_invoice(supplier, reference) if credit else None
    if credit and credited is None:
        low.append("credited_invoice")
    header = InvoiceHeader(
        supplier,
        number,
        invoice_date or document.created_at.date(),
        subtotal if subtotal is not None else Decimal(0),
        total if total is not None else Decimal(0),
    )
    return DocumentInvoice(
        header=header,
        purchase_order=order,
        due_date=_date(_value(fields, "due_date")),
        currency=currency if currency in CURRENCY_CODES else None,
        tax=tax or Decimal(0),
        lines=lines,
        low_confidence=sorted(set(low)),
        kind=kind,
        credited_reference=reference,
        credited_invoice=credited,
    )


def _credited_invoice(supplier: Supplier | None, reference: str) -> SupplierInvoice | None:
    """The invoice a credit note credits: the supplier's open invoice of the number the
    document names; none while the supplier is unknown or has no such open invoice (the
    draft lists ``credited_invoice`` among the fields to check)."""
    if supplier is None or not reference:
        return None
    return supplier_open_invoice_by_number(supplier=supplier, number=reference)


def _attach(document: Document, invoice: SupplierInvoice) -> None:
    DocumentAttachment.objects.get_or_create(
        document=document,
        object_type=ContentType.objects.get_for_model(SupplierInvoice),
        object_id=invoice.pk,
    )


def _actor(document: Document) -> User:
    return document.corrected_by or document.uploaded_by


@transaction.atomic
def supplier_invoice_from_document(*, document: Document) -> SupplierInvoice | None:
    """Create, or refresh while it is a draft, the supplier invoice read from ``document``.

    Rules: one invoice per document (a unique link; processing again or a correction refreshes
    it, never a second one); an invoice the supplier's number is already entered under is taken
    as done (the document is attached to it, nothing else changes); every other document gets a
    draft, even when its supplier, number, date or totals are unknown: those are listed among
    the fields to check, and the draft cannot be matched until they are known (a correction or
    a new supplier supplies them). Runs in the caller's transaction, which holds the document
    row; locks the invoice row to refresh it.
    """
    read = read_document_invoice(document)
    linked = SupplierInvoice.objects.filter(source_document=document).first()
    if linked is not None:
        return _refresh(linked, read, by=_actor(document))
    header = read.header
    if not header.complete or header.supplier is None:
        invoice = _incomplete_draft(document, read)
        _attach(document, invoice)
        return invoice
    existing = supplier_invoice_by_number(supplier=header.supplier, number=header.invoice_number)
    if existing is not None:
        _attach(document, existing)
        return existing
    invoice = supplier_invoice_create(
        by=_actor(document),
        supplier=header.supplier,
        invoice_number=header.invoice_number,
        invoice_date=header.invoice_date,
        due_date=read.due_date,
        currency=read.currency,
        subtotal=header.subtotal,
        tax=read.tax,
        total=header.total,
        lines=read.lines,
        purchase_order=read.purchase_order,
        source_document=document,
        low_confidence_fields=read.low_confidence,
        kind=read.kind,
        credited_invoice=read.credited_invoice,
        credited_invoice_reference=read.credited_reference,
    )
    _attach(document, invoice)
    return invoice


def _incomplete_draft(document: Document, read: DocumentInvoice) -> SupplierInvoice:
    """A draft of what the document states, its supplier or number still unknown."""
    header = read.header
    by = _actor(document)
    supplier = header.supplier
    terms = supplier.payment_terms_days if supplier else UNKNOWN_SUPPLIER_TERMS_DAYS
    if supplier is not None:
        check_invoice_lines(supplier=supplier, lines=read.lines, purchase_order=read.purchase_order)
    invoice = SupplierInvoice(
        kind=read.kind,
        supplier=supplier,
        invoice_number=header.invoice_number,
        purchase_order=read.purchase_order,
        invoice_date=header.invoice_date,
        due_date=read.due_date or header.invoice_date + timedelta(days=terms),
        currency=read.currency or (supplier.currency if supplier else default_currency()),
        subtotal=round_money(header.subtotal),
        tax=round_money(read.tax),
        total=round_money(header.total),
        source_document=document,
        low_confidence_fields=read.low_confidence,
        credited_invoice=read.credited_invoice,
        credited_invoice_reference=read.credited_reference,
        created_by=by,
        updated_by=by,
    )
    # A foreign-currency draft keeps its date's rate like one entered by hand.
    stamp_rate(invoice, on=invoice.invoice_date)
    invoice.save()
    SupplierInvoiceLine.objects.bulk_create(invoice_line_rows(invoice, read.lines))
    audit_record(
        actor=by,
        action="supplier_invoice.created",
        obj=invoice,
        data={
            "supplier": supplier.pk if supplier else None,
            "number": header.invoice_number,
            "total": str(invoice.total),
            "document": document.pk,
            "incomplete": read.low_confidence,
        },
    )
    return invoice


HEADER_FIELDS = (
    "kind",
    "supplier_id",
    "purchase_order_id",
    "invoice_number",
    "invoice_date",
    "due_date",
    "currency",
    "subtotal",
    "tax",
    "total",
    "low_confidence_fields",
    "credited_invoice_id",
    "credited_invoice_reference",
)


def _line_keys(lines: Iterable[SupplierInvoiceLine]) -> list[tuple[Any, ...]]:
    return [
        (line.order_line_id, line.description, line.quantity, line.unit_price, line.line_total)
        for line in lines
    ]


def _refresh(invoice: SupplierInvoice, read: DocumentInvoice, *, by: User) -> SupplierInvoice:
    invoice = lock_row(SupplierInvoice, invoice.pk)
    header = read.header
    if invoice.status != SupplierInvoiceStatus.DRAFT:
        return invoice
    if header.complete and header.supplier is not None:
        other = supplier_invoice_by_number(supplier=header.supplier, number=header.invoice_number)
        if other is not None and other.pk != invoice.pk:
            return invoice
    if header.supplier is not None:
        check_invoice_lines(
            supplier=header.supplier, lines=read.lines, purchase_order=read.purchase_order
        )
    before = {name: getattr(invoice, name) for name in HEADER_FIELDS}
    lines_before = _line_keys(invoice.lines.order_by("line_no"))
    invoice.kind = read.kind
    invoice.supplier = header.supplier
    invoice.purchase_order = read.purchase_order
    invoice.invoice_number = header.invoice_number
    invoice.invoice_date = header.invoice_date
    invoice.due_date = read.due_date or invoice.due_date
    invoice.currency = read.currency or invoice.currency
    invoice.subtotal = round_money(header.subtotal)
    invoice.tax = round_money(read.tax)
    invoice.total = round_money(header.total)
    invoice.low_confidence_fields = read.low_confidence
    invoice.credited_invoice = read.credited_invoice
    invoice.credited_invoice_reference = read.credited_reference
    changes = {
        name: (str(before[name]), str(getattr(invoice, name)))
        for name in HEADER_FIELDS
        if before[name] != getattr(invoice, name)
    }
    if "currency" in changes or "invoice_date" in changes:
        stamp_rate(invoice, on=invoice.invoice_date)
    rows = invoice_line_rows(invoice, read.lines)
    if not changes and _line_keys(rows) == lines_before:
        return invoice  # processed again, nothing new: no write, no audit event
    invoice.updated_by = by
    invoice.save()
    invoice.lines.all().delete()
    invoice.lines.bulk_create(rows)
    audit_record(
        actor=by,
        action="supplier_invoice.refreshed_from_document",
        obj=invoice,
        changes=changes,
        data={"document": invoice.source_document_id, "lines": len(read.lines)},
    )
    return invoice
