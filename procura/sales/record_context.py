"""What the sales order page shows around the order for the person reading it: the actions
they may take or why not, the linked documents (order -> shipments -> invoices -> payments)
and the workflow with its next step and who takes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from procura.accounts.permission_matrix import record_action, role_next_step
from procura.core.records import LinkedDocument, RecordAction, Workflow, workflow_of
from procura.sales.models import (
    CustomerInvoice,
    PaymentAllocation,
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
    docs = [
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
    invoices: list[CustomerInvoice] = list(order.invoices.order_by("issue_date", "id"))
    docs += [
        LinkedDocument(
            kind="customer_invoice",
            id=invoice.pk,
            number=invoice.number,
            status=invoice.status,
            status_label=invoice.get_status_display(),
            date=invoice.issue_date,
            amount=invoice.total,
            currency=invoice.currency,
        )
        for invoice in invoices
    ]
    allocations = (
        PaymentAllocation.objects.filter(invoice__in=invoices)
        .select_related("payment")
        .order_by("applied_on", "id")
    )
    applied: dict[int, tuple[Any, Decimal]] = {}
    for allocation in allocations:
        payment = allocation.payment
        _, total = applied.get(payment.pk, (payment, Decimal(0)))
        applied[payment.pk] = (payment, total + allocation.amount)
    docs += [
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
    return docs
