"""Sales reads: list and detail querysets (with their joins, so a page costs the same number of
queries whatever its size) and the customer scope of the portal."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Prefetch, Q, QuerySet, Sum

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.money import ZERO
from procura.core.permissions import user_roles
from procura.partners.models import Customer
from procura.sales.models import (
    CustomerInvoice,
    CustomerPayment,
    CustomerPortalUser,
    InvoiceStatus,
    PaymentAllocation,
    SalesOrder,
    SalesOrderHistory,
    SalesOrderLine,
    Shipment,
    ShipmentLine,
)

OPEN_INVOICE = Q(status__in=[InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID])


def portal_customer_id(user: User) -> int | None:
    """The customer a portal user acts for; None for staff. A customer-role user without a link
    sees nothing (-1 matches no row)."""
    roles = user_roles(user)
    if Role.CUSTOMER not in roles or Role.ADMIN in roles:
        return None
    if len(roles - {Role.CUSTOMER}) > 0:
        return None
    link = CustomerPortalUser.objects.filter(user=user).values_list("customer_id", flat=True)
    return link.first() or -1


def _scoped(queryset: QuerySet, user: User | None, field: str = "customer_id") -> QuerySet:
    if user is None:
        return queryset
    customer_id = portal_customer_id(user)
    if customer_id is None:
        return queryset
    return queryset.filter(**{field: customer_id})


def sales_order_list(*, user: User | None = None) -> QuerySet[SalesOrder]:
    queryset = SalesOrder.objects.select_related("customer", "location").order_by(
        "-created_at", "-id"
    )
    return _scoped(queryset, user)


def sales_order_detail_queryset(*, user: User | None = None) -> QuerySet[SalesOrder]:
    return (
        sales_order_list(user=user)
        .select_related("ship_to", "backorder_of")
        .prefetch_related(
            Prefetch("lines", SalesOrderLine.objects.select_related("product").order_by("line_no")),
            Prefetch("status_history", SalesOrderHistory.objects.select_related("by")),
        )
    )


def shipment_list(*, user: User | None = None) -> QuerySet[Shipment]:
    queryset = Shipment.objects.select_related("order__customer", "carrier").prefetch_related(
        Prefetch(
            "lines",
            ShipmentLine.objects.select_related("order_line__product", "lot").order_by(
                "order_line__line_no"
            ),
        )
    )
    return _scoped(queryset, user, "order__customer_id")


# What is still owed on an invoice, in SQL (``CustomerInvoice.balance`` in Python).
INVOICE_BALANCE = F("total") - F("amount_paid")


def customer_invoice_list(*, user: User | None = None) -> QuerySet[CustomerInvoice]:
    queryset = CustomerInvoice.objects.select_related("customer", "order").prefetch_related("lines")
    return _scoped(queryset, user)


def customer_payment_list() -> QuerySet[CustomerPayment]:
    return CustomerPayment.objects.select_related("customer").prefetch_related(
        Prefetch("allocations", PaymentAllocation.objects.select_related("invoice"))
    )


def customer_open_receivables(*, customer: Customer) -> Decimal:
    """What the customer owes now: open invoice balances less unapplied payments (credit)."""
    invoiced = CustomerInvoice.objects.filter(OPEN_INVOICE, customer=customer).aggregate(
        total=Sum("total"), paid=Sum("amount_paid")
    )
    credit = CustomerPayment.objects.filter(customer=customer).aggregate(
        credit=Sum("unapplied_amount")
    )["credit"]
    return (invoiced["total"] or ZERO) - (invoiced["paid"] or ZERO) - (credit or ZERO)
