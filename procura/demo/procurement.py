"""Demo procure-to-pay: the default approval rules, purchase requests in every state, orders
with partial receipts, supplier invoices matched and in exception, payments. Everything goes
through the procurement services, as the people of the demo organisation would do it.

Idempotent: the rules are installed when none exist in the default currency; the documents are
created only while the demo requester has no request yet.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.accounts.services import user_update
from procura.catalog.models import Product
from procura.demo.accounts import demo_email
from procura.demo.seed import SeedContext
from procura.inventory.models import Location
from procura.inventory.services.locations import location_create
from procura.partners.models import Supplier
from procura.procurement.models import ApprovalRule, PurchaseRequest, PurchaseRequestStatus
from procura.procurement.services.approval_rules import approval_rules_install_default
from procura.procurement.services.approvals import (
    purchase_request_approve,
    purchase_request_reject,
    purchase_request_return,
)
from procura.procurement.services.invoices import (
    InvoiceLineInput,
    supplier_invoice_accept_exception,
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
    supplier_payment_create,
)
from procura.procurement.services.orders import (
    purchase_order_issue,
    purchase_orders_create_from_requests,
)
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.services.requests import (
    purchase_request_cancel,
    purchase_request_create,
    purchase_request_submit,
)

# The demo requester must be able to submit what they ask for (the limit is checked on submit).
REQUESTER_LIMIT = Decimal("50000")
DEMO_LOCATION = ("DEMO-CS", "Demo cold store")


def _people() -> dict[str, User] | None:
    locals_ = [
        "requester",
        "manager",
        "director",
        "buyer",
        "finance",
        "payables",
        "treasury",
        "warehouse",
        "admin",
    ]
    users = {u.email: u for u in User.objects.filter(email__in=[demo_email(x) for x in locals_])}
    people = {local: users.get(demo_email(local)) for local in locals_}
    if any(user is None for user in people.values()):
        return None
    return {local: user for local, user in people.items() if user is not None}


def _items(products: list[Product], supplier: Supplier, plan: list[tuple[str, str]]) -> list[Any]:
    """Request items: catalog products when there are some, free text otherwise."""
    items: list[Any] = []
    for index, (quantity, price) in enumerate(plan):
        product = products[index % len(products)] if products else None
        items.append(
            {
                "product": product,
                "description": "" if product else f"Boxed beef, lot {index + 1}",
                "unit": product.unit if product else "case",
                "quantity": Decimal(quantity),
                "estimated_unit_price": Decimal(price),
                "supplier": supplier,
            }
        )
    return items


def _approve_fully(request: PurchaseRequest, people: dict[str, User]) -> None:
    for approver in (people["manager"], people["director"], people["finance"]):
        request.refresh_from_db()
        if request.status != PurchaseRequestStatus.PENDING_APPROVAL:
            return
        purchase_request_approve(request=request, by=approver, comment="Fine by me.")


def _requests(
    ctx: SeedContext, people: dict[str, User], products: list[Product], suppliers: list[Supplier]
) -> list[PurchaseRequest]:
    requester = people["requester"]
    supplier_a, supplier_b = suppliers[0], suppliers[-1]

    def new(title: str, supplier: Supplier, plan: list[tuple[str, str]]) -> PurchaseRequest:
        request = purchase_request_create(
            by=requester,
            title=title,
            currency=settings.DEFAULT_CURRENCY,
            needed_by=timezone.localdate() + timedelta(days=14),
            suggested_supplier=supplier,
            items=_items(products, supplier, plan),
        )
        ctx.record_created("purchase request")
        return request

    new("Sample pork bellies for the new account", supplier_a, [("2", "45.00")])
    pending = new(
        "Chuck rolls for the grind program", supplier_a, [("300", "3.90"), ("40", "6.10")]
    )
    purchase_request_submit(request=pending, by=requester)
    rejected = new("Wagyu strip loins for the trade show", supplier_b, [("10", "58.00")])
    purchase_request_submit(request=rejected, by=requester)
    purchase_request_reject(
        request=rejected, by=people["manager"], comment="Not in this year's budget."
    )
    returned = new("Short ribs, weekly standing order", supplier_b, [("120", "7.25")])
    purchase_request_submit(request=returned, by=requester)
    purchase_request_return(
        request=returned, by=people["manager"], comment="Split by delivery week, please."
    )
    cancelled = new("Duplicate of the chuck roll request", supplier_a, [("1", "3.90")])
    purchase_request_cancel(request=cancelled, by=requester, reason="Entered twice.")
    approved = new("Tri-tip for the catering contract", supplier_b, [("80", "8.40")])
    purchase_request_submit(request=approved, by=requester)
    _approve_fully(approved, people)
    to_order = [
        new("Brisket for the barbecue chain", supplier_a, [("400", "4.50"), ("150", "3.10")]),
        new("Ground beef 80/20 chubs", supplier_b, [("600", "3.35")]),
    ]
    for request in to_order:
        purchase_request_submit(request=request, by=requester)
        _approve_fully(request, people)
    return to_order


def _location(people: dict[str, User]) -> Location:
    location = Location.objects.filter(is_active=True).order_by("code").first()
    if location is not None:
        return location
    code, name = DEMO_LOCATION
    return location_create(code=code, name=name, by=people["admin"])


def _orders_receipts_invoices(
    ctx: SeedContext, people: dict[str, User], requests: list[PurchaseRequest]
) -> None:
    buyer, finance, admin = people["buyer"], people["finance"], people["admin"]
    payables = people["payables"]
    orders = purchase_orders_create_from_requests(
        by=buyer,
        requests=requests,
        ship_to=_location(people),
        expected_date=timezone.localdate() + timedelta(days=5),
    )
    ctx.record_created("purchase order", len(orders))
    today = timezone.localdate()
    for index, order in enumerate(orders):
        purchase_order_issue(order=order, by=buyer)
        lines = list(order.lines.order_by("line_no"))
        # the first order is fully received, the others half
        share = Decimal(1) if index == 0 else Decimal("0.5")
        goods_receipt_post(
            order=order,
            by=people["warehouse"],
            lines=[
                {
                    "order_line": line,
                    "quantity_received": (line.quantity * share).quantize(Decimal("0.001")),
                }
                for line in lines
            ],
        )
        ctx.record_created("goods receipt")
        # invoice what was received; the second supplier bills a little over the order price
        markup = Decimal(0) if index == 0 else Decimal("0.40")
        invoice_lines: list[InvoiceLineInput] = []
        subtotal = Decimal(0)
        for line in lines:
            line.refresh_from_db()
            price = line.unit_price + markup
            invoice_lines.append(
                {"order_line": line, "quantity": line.quantity_received, "unit_price": price}
            )
            subtotal += (line.quantity_received * price).quantize(Decimal("0.01"))
        invoice = supplier_invoice_create(
            by=finance,
            supplier=order.supplier,
            invoice_number=f"{order.supplier.code}-{order.number[-6:]}",
            invoice_date=today - timedelta(days=40 - 10 * index),
            subtotal=subtotal,
            total=subtotal,
            lines=invoice_lines,
        )
        ctx.record_created("supplier invoice")
        supplier_invoice_match(invoice=invoice, by=finance)
        invoice.refresh_from_db()
        if invoice.match_exceptions and index > 1:
            supplier_invoice_accept_exception(
                invoice=invoice, by=admin, comment="Price rise agreed with the plant by phone."
            )
        invoice.refresh_from_db()
        if invoice.status == "matched" and index < 2:
            # segregation of duties: the second finance user approves what the first entered,
            # treasury pays; the rest waits in their work queues
            supplier_invoice_approve(invoice=invoice, by=payables)
            supplier_payment_create(
                invoice=invoice,
                by=people["treasury"],
                amount=(invoice.total / 2).quantize(Decimal("0.01")),
                paid_on=today - timedelta(days=5),
                method="ach",
                reference=f"ACH-{invoice.pk:05d}",
            )
            ctx.record_created("supplier payment")


@transaction.atomic
def seed(ctx: SeedContext) -> None:
    people = _people()
    if people is None:
        ctx.log("demo users missing: procurement demo skipped")
        return
    if not ApprovalRule.objects.filter(currency=settings.DEFAULT_CURRENCY).exists():
        rules = approval_rules_install_default(
            by=people["admin"], currency=settings.DEFAULT_CURRENCY
        )
        ctx.record_created("approval rule", len(rules))
    if PurchaseRequest.objects.filter(requester=people["requester"]).exists():
        return
    suppliers = list(Supplier.objects.filter(is_active=True, on_hold=False).order_by("code")[:2])
    if not suppliers:
        ctx.log("no suppliers yet: purchase requests and orders skipped")
        return
    if people["requester"].spending_limit < REQUESTER_LIMIT:
        people["requester"] = user_update(
            user=people["requester"],
            by=people["admin"],
            changes={"spending_limit": REQUESTER_LIMIT},
        )
    products = list(Product.objects.filter(is_active=True).order_by("sku")[:6])
    to_order = _requests(ctx, people, products, suppliers)
    _orders_receipts_invoices(ctx, people, to_order)
