"""Each person's work: what waits for them, as short lists with business numbers, ages and amounts.

One read feeds the home page. Which lists a person gets follows their roles and the same object
rules as the lists behind them (an approver sees the steps assigned to them, a requester their
own requests, a portal customer their own orders and invoices). Segregation of duties shows here
too: a finance user is not offered the invoices they entered to approve or pay; those are
counted as waiting for a colleague. Every list costs one query, whatever is in it: its first
items, each row carrying the list's total (and what waits for a colleague) as window counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When, Window
from django.utils import timezone

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.money import round_money
from procura.core.permissions import has_any_role, user_roles
from procura.inventory.selectors import low_stock_list
from procura.procurement.models import (
    PurchaseOrder,
    PurchaseOrderStatus,
    PurchaseRequest,
    PurchaseRequestStatus,
    SupplierInvoice,
    SupplierInvoiceKind,
    SupplierInvoiceStatus,
)
from procura.procurement.selectors.requests import purchase_request_list
from procura.sales.models import CustomerInvoice, InvoiceStatus, SalesOrder, SalesOrderStatus
from procura.sales.selectors import portal_customer_id

ITEMS_PER_LIST = 5


@dataclass(frozen=True)
class QueueItem:
    kind: str
    id: str
    number: str
    title: str
    party: str
    status: str
    amount: Decimal | None
    currency: str
    since: date | None
    age_days: int | None
    due: date | None = None


@dataclass(frozen=True)
class QueueSection:
    key: str
    title: str
    action: str
    count: int
    items: list[QueueItem]
    note: str = ""


@dataclass(frozen=True)
class WorkQueue:
    sections: list[QueueSection] = field(default_factory=list)


def _day(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value


def _age(since: date | datetime | None, today: date) -> int | None:
    day = _day(since)
    return None if day is None else max((today - day).days, 0)


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_money(value)


def _section(
    *,
    key: str,
    title: str,
    action: str,
    queryset: QuerySet[Any],
    item: Callable[[Any], QueueItem],
    aside: Q | None = None,
    note: Callable[[int], str] | None = None,
) -> QueueSection:
    """The list's first items and its total in one query.

    Rows matching ``aside`` (e.g. what the person entered themselves and a colleague must
    decide) are neither listed nor counted; ``note`` turns their number into the list's note.
    """
    if aside is None:
        rows = list(queryset.annotate(queue_total=Window(Count("pk")))[:ITEMS_PER_LIST])
    else:
        # Set-aside rows sort last, so the first rows are the listed ones whenever any exist.
        rows = list(
            queryset.annotate(
                queue_total=Window(Count("pk", filter=~aside)),
                queue_aside=Window(Count("pk", filter=aside)),
                queue_is_aside=Case(
                    When(aside, then=Value(True)), default=Value(False), output_field=BooleanField()
                ),
            ).order_by("queue_is_aside", *queryset.query.order_by)[:ITEMS_PER_LIST]
        )
    set_aside = rows[0].queue_aside if rows and aside is not None else 0
    return QueueSection(
        key=key,
        title=title,
        action=action,
        count=rows[0].queue_total if rows else 0,
        items=[item(row) for row in rows if not getattr(row, "queue_is_aside", False)],
        note=note(set_aside) if note is not None and set_aside else "",
    )


# --- procure-to-pay ------------------------------------------------------------------------


def _request_item(today: date, since: str) -> Callable[[PurchaseRequest], QueueItem]:
    def build(request: PurchaseRequest) -> QueueItem:
        moment = getattr(request, since) or request.created_at
        return QueueItem(
            kind="purchase_request",
            id=str(request.pk),
            number=request.number,
            title=request.title,
            party=request.requester.full_name,
            status=request.status,
            amount=_money(request.total),
            currency=request.currency,
            since=_day(moment),
            age_days=_age(moment, today),
            due=request.needed_by,
        )

    return build


def _approvals(user: User, today: date) -> QueueSection:
    queryset = (
        purchase_request_list(user=user, awaiting_me=True)
        .filter(status=PurchaseRequestStatus.PENDING_APPROVAL)
        # The queue shows no approval steps: the list's prefetch would be a query for nothing.
        .prefetch_related(None)
        .order_by("submitted_at", "id")
    )
    return _section(
        key="approvals",
        title="Requests waiting for your approval",
        action="Approve, reject or return",
        queryset=queryset,
        item=_request_item(today, "submitted_at"),
    )


def _my_requests(user: User, today: date) -> QueueSection:
    queryset = (
        PurchaseRequest.objects.filter(
            requester=user,
            status__in=[
                PurchaseRequestStatus.DRAFT,
                PurchaseRequestStatus.RETURNED,
                PurchaseRequestStatus.PENDING_APPROVAL,
                PurchaseRequestStatus.APPROVED,
            ],
        )
        .select_related("requester")
        .order_by(F("updated_at").desc(), "-id")
    )
    return _section(
        key="my_requests",
        title="Your open requests",
        action="Finish drafts, change what was returned, follow the rest",
        queryset=queryset,
        item=_request_item(today, "updated_at"),
    )


def _requests_to_order(today: date) -> QueueSection:
    queryset = (
        PurchaseRequest.objects.filter(status=PurchaseRequestStatus.APPROVED)
        .select_related("requester")
        .order_by("decided_at", "id")
    )
    return _section(
        key="requests_to_order",
        title="Approved requests to order",
        action="Turn them into purchase orders",
        queryset=queryset,
        item=_request_item(today, "decided_at"),
    )


def _po_item(today: date) -> Callable[[PurchaseOrder], QueueItem]:
    def build(order: PurchaseOrder) -> QueueItem:
        return QueueItem(
            kind="purchase_order",
            id=str(order.pk),
            number=order.number,
            title=order.supplier.name,
            party=order.supplier.name,
            status=order.status,
            amount=_money(order.total),
            currency=order.currency,
            since=_day(order.issued_at),
            age_days=_age(order.issued_at, today),
            due=order.expected_date,
        )

    return build


def _orders_to_receive(today: date) -> QueueSection:
    queryset = (
        PurchaseOrder.objects.filter(
            status__in=[PurchaseOrderStatus.ISSUED, PurchaseOrderStatus.PARTIALLY_RECEIVED]
        )
        .select_related("supplier")
        .order_by(F("expected_date").asc(nulls_last=True), "issued_at", "id")
    )
    return _section(
        key="orders_to_receive",
        title="Purchase orders to receive",
        action="Post the goods receipt when the delivery arrives",
        queryset=queryset,
        item=_po_item(today),
    )


def _supplier_invoice_item(today: date) -> Callable[[SupplierInvoice], QueueItem]:
    def build(invoice: SupplierInvoice) -> QueueItem:
        supplier = invoice.supplier.name if invoice.supplier is not None else "Supplier not set"
        return QueueItem(
            kind="supplier_invoice",
            id=str(invoice.pk),
            number=invoice.invoice_number,
            title=supplier,
            party=supplier,
            status=invoice.status,
            amount=_money(invoice.total - invoice.amount_paid),
            currency=invoice.currency,
            since=invoice.invoice_date,
            age_days=_age(invoice.invoice_date, today),
            due=invoice.due_date,
        )

    return build


def _finance_invoices(user: User, today: date) -> list[QueueSection]:
    invoices = SupplierInvoice.objects.select_related("supplier")
    # Exceptions first: they hold up payment and need a person's decision; then drafts by due
    # date, those without one (not read yet) last on every database.
    to_review = invoices.filter(
        status__in=[SupplierInvoiceStatus.DRAFT, SupplierInvoiceStatus.EXCEPTION]
    ).order_by(
        Case(When(status=SupplierInvoiceStatus.EXCEPTION, then=Value(0)), default=Value(1)),
        F("due_date").asc(nulls_last=True),
        "id",
    )
    entered_by_me = Q(created_by=user)
    return [
        _section(
            key="invoices_to_review",
            title="Supplier invoices to match or resolve",
            action="Run the three-way match; accept or dispute exceptions",
            queryset=to_review,
            item=_supplier_invoice_item(today),
        ),
        _section(
            key="invoices_to_approve",
            title="Matched invoices to approve",
            action="Approve for payment",
            queryset=invoices.filter(status=SupplierInvoiceStatus.MATCHED).order_by(
                "due_date", "id"
            ),
            item=_supplier_invoice_item(today),
            aside=entered_by_me,
            note=lambda mine: f"{mine} you entered wait for a colleague to approve.",
        ),
        _section(
            key="invoices_to_pay",
            title="Approved invoices to pay",
            action="Record the payment, earliest due first",
            queryset=invoices.filter(
                status__in=[SupplierInvoiceStatus.APPROVED, SupplierInvoiceStatus.PARTIALLY_PAID],
                kind=SupplierInvoiceKind.INVOICE,
            ).order_by("due_date", "id"),
            item=_supplier_invoice_item(today),
            aside=entered_by_me,
            note=lambda mine: f"{mine} you entered wait for a colleague to pay.",
        ),
    ]


# --- order-to-cash -------------------------------------------------------------------------


def _sales_order_item(today: date, since: str) -> Callable[[SalesOrder], QueueItem]:
    def build(order: SalesOrder) -> QueueItem:
        moment = getattr(order, since) or order.created_at
        return QueueItem(
            kind="sales_order",
            id=str(order.pk),
            number=order.number,
            title=order.customer.name,
            party=order.customer.name,
            status=order.status,
            amount=_money(order.total),
            currency=order.currency,
            since=_day(moment),
            age_days=_age(moment, today),
            due=order.requested_date,
        )

    return build


def _sales_orders(
    *, key: str, title: str, action: str, statuses: list[str], since: str, today: date
) -> QueueSection:
    queryset = (
        SalesOrder.objects.filter(status__in=statuses)
        .select_related("customer")
        .order_by(F("requested_date").asc(nulls_last=True), "created_at", "id")
    )
    return _section(
        key=key,
        title=title,
        action=action,
        queryset=queryset,
        item=_sales_order_item(today, since),
    )


def _customer_invoice_item(today: date) -> Callable[[CustomerInvoice], QueueItem]:
    def build(invoice: CustomerInvoice) -> QueueItem:
        return QueueItem(
            kind="customer_invoice",
            id=str(invoice.pk),
            number=invoice.number,
            title=invoice.customer.name,
            party=invoice.customer.name,
            status=invoice.status,
            amount=_money(invoice.total - invoice.amount_paid),
            currency=invoice.currency,
            since=invoice.due_date,
            age_days=_age(invoice.due_date, today),
            due=invoice.due_date,
        )

    return build


def _overdue_receivables(today: date, customer_id: int | None = None) -> QueueSection:
    queryset = (
        CustomerInvoice.objects.filter(
            status__in=[InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID], due_date__lt=today
        )
        .select_related("customer")
        .order_by("due_date", "id")
    )
    if customer_id is not None:
        queryset = queryset.filter(customer_id=customer_id)
    return _section(
        key="overdue_receivables",
        title="Overdue customer invoices" if customer_id is None else "Your overdue invoices",
        action="Chase payment" if customer_id is None else "Please arrange payment",
        queryset=queryset,
        item=_customer_invoice_item(today),
    )


# --- inventory -----------------------------------------------------------------------------


def _low_stock(today: date) -> QueueSection:
    def build(rule: Any) -> QueueItem:
        return QueueItem(
            kind="low_stock",
            id=str(rule.pk),
            number=rule.product.sku,
            title=rule.product.name,
            party=rule.location.code,
            status="below_reorder_point",
            amount=None,
            currency="",
            since=None,
            age_days=None,
        )

    return _section(
        key="low_stock",
        title="Products at or below their reorder point",
        action="Request or order more",
        queryset=low_stock_list(),
        item=build,
    )


# --- the portal ----------------------------------------------------------------------------


def _portal(customer_id: int, today: date) -> list[QueueSection]:
    open_orders = (
        SalesOrder.objects.filter(customer_id=customer_id)
        .exclude(status__in=[SalesOrderStatus.PAID, SalesOrderStatus.CANCELLED])
        .select_related("customer")
        .order_by("-created_at", "-id")
    )
    return [
        _section(
            key="portal_orders",
            title="Your open orders",
            action="Follow them until they are delivered",
            queryset=open_orders,
            item=_sales_order_item(today, "created_at"),
        ),
        _overdue_receivables(today, customer_id=customer_id),
    ]


def work_queue(*, user: User, today: date | None = None) -> WorkQueue:
    """The lists that are ``user``'s work, in the order of their working day."""
    today = today or timezone.localdate()
    roles = user_roles(user)
    customer_id = portal_customer_id(user)
    if customer_id is not None:
        return WorkQueue(sections=_portal(customer_id, today) if customer_id > 0 else [])

    def held(*wanted: Role) -> bool:
        return has_any_role(user, [role.value for role in wanted])

    sections: list[QueueSection] = []
    # Anyone may be named on an approval step; approvers always see the list, others when
    # something waits for them.
    approvals = _approvals(user, today)
    if approvals.count or held(Role.APPROVER):
        sections.append(approvals)
    if Role.REQUESTER.value in roles or held(Role.APPROVER):
        sections.append(_my_requests(user, today))
    if held(Role.PROCUREMENT):
        sections.append(_requests_to_order(today))
    if held(Role.PROCUREMENT, Role.WAREHOUSE):
        sections.append(_orders_to_receive(today))
    if held(Role.FINANCE):
        sections.extend(_finance_invoices(user, today))
    if held(Role.SALES):
        sections.append(
            _sales_orders(
                key="orders_to_confirm",
                title="Sales orders to confirm",
                action="Check stock and credit, then confirm",
                statuses=[SalesOrderStatus.DRAFT],
                since="created_at",
                today=today,
            )
        )
    if held(Role.WAREHOUSE):
        sections.append(
            _sales_orders(
                key="orders_to_ship",
                title="Sales orders to pick and ship",
                action="Pick, pack and ship",
                statuses=[SalesOrderStatus.CONFIRMED, SalesOrderStatus.PICKING],
                since="confirmed_at",
                today=today,
            )
        )
    if held(Role.FINANCE, Role.SALES):
        sections.append(
            _sales_orders(
                key="orders_to_invoice",
                title="Shipped orders to invoice",
                action="Issue the customer invoice",
                statuses=[SalesOrderStatus.SHIPPED, SalesOrderStatus.DELIVERED],
                since="updated_at",
                today=today,
            )
        )
        sections.append(_overdue_receivables(today))
    if held(Role.WAREHOUSE, Role.PROCUREMENT):
        sections.append(_low_stock(today))
    return WorkQueue(sections=sections)
