"""What the sales order and customer invoice pages show around the record for the person
reading it: the actions they may take or why not, the linked documents (order -> shipments ->
invoices -> credit notes -> payments) and the workflow with its next step and who takes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from procura.accounts.permission_matrix import record_action, role_next_step
from procura.core.records import LinkedDocument, RecordAction, Workflow, workflow_of
from procura.sales.models import (
    CustomerInvoice,
    InvoiceStatus,
    PaymentAllocation,
    PaymentMethod,
    SalesOrder,
    SalesOrderStatus,
    ShipmentStatus,
)

ORDER_PATH = [
    (SalesOrderStatus.DRAFT.value, "Draft"),
    (SalesOrderStatus.CONFIRMED.value, "Confirmed"),
    (SalesOrderStatus.PICKING.value, "Picking"),
    (SalesOrderStatus.SHIPPED.value, "Shipped"),
    (SalesOrderStatus.DELIVERED.value, "Delivered"),
    (SalesOrderStatus.INVOICED.value, "Invoiced"),
    (SalesOrderStatus.PAID.value, "Paid"),
]


def _lines(order: SalesOrder) -> list[Any]:
    return list(order.lines.all())


def _shippable(order: SalesOrder) -> bool:
    return order.status in {SalesOrderStatus.CONFIRMED, SalesOrderStatus.PICKING} and any(
        line.quantity_reserved > 0 for line in _lines(order)
    )


def _invoiceable(order: SalesOrder) -> bool:
    return any(line.quantity_shipped > line.quantity_invoiced for line in _lines(order))


def _decide(user: Any, action: str, label: str, state_ok: bool, status: str) -> RecordAction:
    return record_action(user, action, label, state_ok=state_ok, what="order", status_label=status)


def sales_order_actions(*, order: SalesOrder, user: Any) -> list[RecordAction]:
    status = order.status
    label = order.get_status_display()
    return [
        _decide(user, "sales_order.confirm", "Confirm", status == SalesOrderStatus.DRAFT, label),
        _decide(user, "sales_order.update", "Edit lines", status == SalesOrderStatus.DRAFT, label),
        _decide(
            user, "sales_order.pick", "Start picking", status == SalesOrderStatus.CONFIRMED, label
        ),
        _decide(user, "sales_order.ship", "Ship", _shippable(order), label),
        _decide(
            user, "customer_invoice.create", "Invoice shipped goods", _invoiceable(order), label
        ),
        _decide(
            user,
            "sales_order.cancel",
            "Cancel order",
            status in {SalesOrderStatus.DRAFT, SalesOrderStatus.CONFIRMED},
            label,
        ),
    ]


def sales_order_workflow(*, order: SalesOrder, user: Any) -> Workflow:
    status = order.status
    step: tuple[str, str] | None = None
    if status == SalesOrderStatus.DRAFT:
        step = ("Confirm the order (stock is reserved, credit checked)", "sales_order.confirm")
    elif status in {SalesOrderStatus.CONFIRMED, SalesOrderStatus.PICKING}:
        where = order.location.name if order.location_id else "the warehouse"
        step = (f"Pick and ship from {where}", "sales_order.ship")
    elif status in {SalesOrderStatus.SHIPPED, SalesOrderStatus.DELIVERED}:
        if _invoiceable(order):
            step = ("Invoice the shipped goods", "customer_invoice.create")
        elif status == SalesOrderStatus.SHIPPED:
            step = ("Record the delivery", "shipment.deliver")
    elif status == SalesOrderStatus.INVOICED:
        step = ("Collect the payment", "customer_payment.create")
    return workflow_of(
        ORDER_PATH, status, order.get_status_display(), next_step=role_next_step(user, step)
    )


def sales_order_related(*, order: SalesOrder) -> list[LinkedDocument]:
    """Shipments -> invoices -> the payments applied to them (one query each)."""
    docs = _shipment_documents(order)
    invoices: list[CustomerInvoice] = list(order.invoices.order_by("issue_date", "id"))
    docs += [_invoice_document(invoice) for invoice in invoices]
    return docs + _payments_applied(invoices)


def _shipment_documents(order: SalesOrder) -> list[LinkedDocument]:
    return [
        LinkedDocument(
            kind="shipment",
            id=shipment.pk,
            number=shipment.number,
            status=shipment.status,
            status_label=shipment.get_status_display(),
            date=shipment.delivered_date
            if shipment.status == ShipmentStatus.DELIVERED
            else shipment.ship_date,
        )
        for shipment in order.shipments.order_by("ship_date", "id")
    ]


def _invoice_document(invoice: CustomerInvoice) -> LinkedDocument:
    return LinkedDocument(
        kind="customer_invoice",
        id=invoice.pk,
        number=invoice.number,
        status=invoice.status,
        status_label=invoice.get_status_display(),
        date=invoice.issue_date,
        amount=invoice.total,
        currency=invoice.currency,
    )


def _payments_applied(
    invoices: list[CustomerInvoice], *, credit_notes: bool = True
) -> list[LinkedDocument]:
    """The payments applied to ``invoices``, each with the amount applied to them (one query).
    ``credit_notes=False`` leaves out the settlements of credit notes, listed as credit notes."""
    allocations = (
        PaymentAllocation.objects.filter(invoice__in=invoices)
        .select_related("payment")
        .order_by("applied_on", "id")
    )
    if not credit_notes:
        allocations = allocations.exclude(payment__method=PaymentMethod.CREDIT_NOTE)
    applied: dict[int, tuple[Any, Decimal]] = {}
    for allocation in allocations:
        payment = allocation.payment
        _, total = applied.get(payment.pk, (payment, Decimal(0)))
        applied[payment.pk] = (payment, total + allocation.amount)
    return [
        LinkedDocument(
            kind="customer_payment",
            id=payment.pk,
            number=payment.number,
            status="applied",
            status_label=payment.get_method_display(),
            date=payment.received_on,
            amount=amount,
            currency=payment.currency,
        )
        for payment, amount in applied.values()
    ]


# --- customer invoices ---------------------------------------------------------------------------

INVOICE_PATH = [
    (InvoiceStatus.OPEN.value, "Issued"),
    (InvoiceStatus.PARTIALLY_PAID.value, "Partially paid"),
    (InvoiceStatus.PAID.value, "Paid"),
]

UNPAID = {InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID}


def customer_invoice_actions(*, invoice: CustomerInvoice, user: Any) -> list[RecordAction]:
    label = invoice.get_status_display()
    common: dict[str, Any] = {"what": "invoice", "status_label": label}
    return [
        record_action(
            user,
            "customer_payment.create",
            "Record payment",
            state_ok=invoice.status in UNPAID,
            **common,
        ),
        # A credit on a paid invoice stays as the customer's credit, so it is always possible.
        record_action(user, "credit_note.create", "Credit this invoice", state_ok=True, **common),
    ]


def customer_invoice_workflow(*, invoice: CustomerInvoice, user: Any) -> Workflow:
    step: tuple[str, str] | None = None
    if invoice.status in UNPAID:
        due = invoice.due_date.isoformat() if invoice.due_date else ""
        step = (
            f"Collect the payment (due {due})" if due else "Collect the payment",
            "customer_payment.create",
        )
    return workflow_of(
        INVOICE_PATH,
        invoice.status,
        invoice.get_status_display(),
        next_step=role_next_step(user, step),
    )


def customer_invoice_related(*, invoice: CustomerInvoice) -> list[LinkedDocument]:
    """The order -> its shipments -> the invoice a debit note corrects -> this invoice's credit
    and debit notes -> the payments applied to it (one query each)."""
    order = invoice.order
    docs = [
        LinkedDocument(
            kind="sales_order",
            id=order.pk,
            number=order.number,
            status=order.status,
            status_label=order.get_status_display(),
            date=timezone.localdate(order.created_at),
            amount=order.total,
            currency=order.currency,
        )
    ]
    docs += _shipment_documents(order)
    if invoice.corrects_id is not None and invoice.corrects is not None:
        docs.append(_invoice_document(invoice.corrects))
    docs += [
        LinkedDocument(
            kind="credit_note",
            id=note.pk,
            number=note.number,
            status="issued",
            status_label=note.get_reason_display(),
            date=note.issue_date,
            amount=note.total,
            currency=note.currency,
        )
        for note in invoice.credit_notes.order_by("issue_date", "id")
    ]
    # A debit note is an invoice of its own (DN-) charging more on the one it corrects.
    docs += [_invoice_document(debit) for debit in invoice.debit_notes.order_by("issue_date", "id")]
    return docs + _payments_applied([invoice], credit_notes=False)
