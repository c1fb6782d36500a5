"""Sales reads: list and detail querysets (with their joins, so a page costs the same number of
queries whatever its size) and the customer scope of the portal."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from django.db.models import F, Prefetch, Q, QuerySet, Sum

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.money import ZERO
from procura.core.permissions import user_roles
from procura.inventory.models import Location, LocationKind, StockLevel
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
                "order_line__line_no", "id"
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


def portal_ship_from(*, customer_id: int, product_ids: list[UUID]) -> Location | None:
    """Where a portal order ships from: customers do not see the warehouses, so the server
    chooses. The active stock location holding the most available quantity of the ordered
    products; when none holds any, the location of the customer's latest order; else the first
    active stock location by code. Two to four small queries."""
    stock_kinds = [kind for kind in LocationKind.values if kind != LocationKind.TRANSIT]
    best = (
        StockLevel.objects.filter(
            product_id__in=product_ids,
            location__is_active=True,
            location__kind__in=stock_kinds,
        )
        .values("location_id")
        .annotate(free=Sum(F("on_hand") - F("reserved")))
        .filter(free__gt=0)
        .order_by("-free", "location__code")
        .values_list("location_id", flat=True)
        .first()
    )
    if best is not None:
        return Location.objects.get(pk=best)
    latest = (
        SalesOrder.objects.filter(customer_id=customer_id, location__is_active=True)
        .order_by("-created_at", "-id")
        .select_related("location")
        .first()
    )
    if latest is not None:
        return latest.location
    return Location.objects.filter(is_active=True, kind__in=stock_kinds).order_by("code").first()
