"""Demo order-to-cash: orders in every state at the Dallas cold store, shipments with the demo
carriers, invoices current and overdue, payments (full, partial and one leaving a credit), and
the portal login customer@procura.example linked to the first demo customer.

Runs after the partners, catalog and inventory steps, through the sales services (so stock,
history and audit agree), with customer notifications suppressed. Idempotent: it does nothing
when demo orders exist (their notes carry DEMO_MARKER); the portal link is made when missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.catalog.models import Product
from procura.core.errors import DomainError
from procura.demo.seed import SeedContext
from procura.inventory.models import Location, StockLevel
from procura.notifications.services import notifications_suppressed
from procura.partners.models import Carrier, Customer
from procura.sales.models import CustomerPortalUser, SalesOrder
from procura.sales.services.confirmation import sales_order_confirm
from procura.sales.services.invoices import customer_invoice_create
from procura.sales.services.orders import (
    sales_order_cancel,
    sales_order_create,
    sales_order_pick,
)
from procura.sales.services.payments import customer_payment_create
from procura.sales.services.portal import customer_portal_link
from procura.sales.services.shipments import shipment_create, shipment_deliver

DEMO_MARKER = "Demo order"
LOCATION_CODE = "CS-DAL"
PORTAL_EMAIL = "customer@procura.example"


@dataclass(frozen=True)
class DemoOrder:
    """An order placed ``age`` days ago and taken to ``stage``; ``paid`` is the share of its
    invoice paid (0 to 1, or more for an overpayment that leaves a credit)."""

    stage: str
    age: int
    quantity: Decimal
    paid: Decimal = Decimal(0)


ORDERS = (
    DemoOrder("draft", 0, Decimal(12)),
    DemoOrder("confirmed", 1, Decimal(20)),
    DemoOrder("picking", 2, Decimal(15)),
    DemoOrder("partial", 3, Decimal(24)),
    DemoOrder("shipped", 4, Decimal(18)),
    DemoOrder("delivered", 6, Decimal(10)),
    DemoOrder("invoiced", 8, Decimal(16)),
    DemoOrder("invoiced", 45, Decimal(14)),
    DemoOrder("invoiced", 80, Decimal(9), paid=Decimal("0.4")),
    DemoOrder("invoiced", 130, Decimal(6)),
    DemoOrder("paid", 35, Decimal(11), paid=Decimal(1)),
    DemoOrder("paid", 20, Decimal(8), paid=Decimal("1.1")),
    DemoOrder("cancelled", 5, Decimal(7)),
)


@dataclass
class Cast:
    sales: User | None
    warehouse: User | None
    finance: User | None
    location: Location
    carriers: list[Carrier]


def _user(local: str) -> User | None:
    return User.objects.filter(email=f"{local}@procura.example").first()


def _products(location: Location) -> list[Product]:
    stocked = (
        StockLevel.objects.filter(location=location, on_hand__gte=100, product__is_active=True)
        .select_related("product")
        .order_by("product__sku")
    )
    return [level.product for level in stocked[:12]]


def take_to_stage(order: SalesOrder, spec: DemoOrder, cast: Cast, *, on: date, n: int) -> None:
    if spec.stage == "draft":
        return
    if spec.stage == "cancelled":
        sales_order_cancel(order=order, by=cast.sales, reason="Customer changed the menu")
        return
    try:
        sales_order_confirm(order=order, by=cast.sales)
    except DomainError:
        sales_order_confirm(
            order=order, by=cast.finance, override_credit=True, comment="Demo: approved by finance"
        )
    if spec.stage == "confirmed":
        return
    sales_order_pick(order=order, by=cast.warehouse)
    if spec.stage == "picking":
        return
    carrier = cast.carriers[n % len(cast.carriers)] if cast.carriers else None
    ship_on = on + timedelta(days=1)
    if spec.stage == "partial":
        line = order.lines.order_by("line_no")[0]
        half = (line.quantity / 2).quantize(Decimal(1))
        shipment_create(
            order=order,
            lines=[{"order_line": line.pk, "quantity": half}],
            tracking_number=f"DEMO{n:05d}A",
            by=cast.warehouse,
            carrier=carrier,
            ship_date=ship_on,
        )
        return
    shipment = shipment_create(
        order=order,
        tracking_number=f"DEMO{n:05d}",
        by=cast.warehouse,
        carrier=carrier,
        ship_date=ship_on,
    )
    if spec.stage == "shipped":
        return
    shipment_deliver(
        shipment=shipment, by=cast.warehouse, delivered_date=ship_on + timedelta(days=1)
    )
    if spec.stage == "delivered":
        return
    invoice = customer_invoice_create(order=order, by=cast.finance, issue_date=ship_on)
    if spec.paid > 0:
        amount = (invoice.total * spec.paid).quantize(Decimal("0.01"))
        applied = min(amount, invoice.total)
        customer_payment_create(
            customer=order.customer,
            amount=amount,
            method="ach",
            reference=f"ACH-{invoice.number}",
            received_on=min(ship_on + timedelta(days=20), timezone.localdate()),
            by=cast.finance,
            allocations=[{"invoice": invoice, "amount": applied}],
        )


def _place_orders(ctx: SeedContext, cast: Cast, customers: list[Customer]) -> None:
    products = _products(cast.location)
    if not products:
        ctx.log("no stocked products at CS-DAL: demo orders skipped")
        return
    today = timezone.localdate()
    for n, spec in enumerate(ORDERS):
        customer = customers[n % len(customers)]
        first = products[n % len(products)]
        second = products[(n + 5) % len(products)]
        on = today - timedelta(days=spec.age)
        ship_to = customer.addresses.filter(kind="shipping").first()
        order = sales_order_create(
            customer=customer,
            location=cast.location,
            ship_to=ship_to,
            order_date=on,
            requested_date=on + timedelta(days=3),
            notes=f"{DEMO_MARKER} ({spec.stage})",
            customer_reference=f"PO-{4100 + n}",
            shipping_charge=Decimal("45.00") if n % 2 else Decimal(0),
            discount_percent=Decimal(5) if n % 4 == 0 else Decimal(0),
            lines=[
                {"product": first, "quantity": spec.quantity},
                {"product": second, "quantity": spec.quantity / 2, "discount_percent": Decimal(2)},
            ],
            by=cast.sales,
        )
        take_to_stage(order, spec, cast, on=on, n=n)
        ctx.record_created("sales orders")
        ctx.log(f"sales order {order.number} ({spec.stage})")


def _portal_link(ctx: SeedContext, customer: Customer, actor: User | None) -> None:
    user = _user("customer")
    if user is None or CustomerPortalUser.objects.filter(user=user).exists():
        return
    customer_portal_link(user=user, customer=customer, by=actor)
    ctx.record_created("customer portal links")


def seed(ctx: SeedContext) -> None:
    location = Location.objects.filter(code=LOCATION_CODE).first()
    customers = list(
        Customer.objects.filter(is_active=True, on_hold=False, contacts__isnull=False)
        .distinct()
        .order_by("code")[:5]
    )
    if location is None or not customers:
        ctx.log("no demo location or customers yet: sales demo skipped")
        return
    cast = Cast(
        sales=_user("sales"),
        warehouse=_user("warehouse"),
        finance=_user("finance"),
        location=location,
        carriers=list(Carrier.objects.filter(is_active=True).order_by("scac")),
    )
    with notifications_suppressed(), transaction.atomic():
        if not SalesOrder.objects.filter(notes__startswith=DEMO_MARKER).exists():
            _place_orders(ctx, cast, customers)
        _portal_link(ctx, customers[0], _user("admin"))
