"""Demo history: a year of business behind the current documents, so charts, aging and queues
have something to show.

Each of the last twelve months gets purchase requests from several departments, approved by
whoever their rules name, ordered, received into the Dallas cold store, invoiced by the
supplier (entered by one finance user, approved by a second, paid by treasury); and sales orders across
the customers, confirmed, shipped, delivered, invoiced and paid. The last two months are left
partly open: invoices to pay, receivables to collect. Everything goes through the services (so
stock, ledgers and audit agree); only the dates a service stamps with "now" (submitted,
issued, received) are moved back to the month the document belongs to.

Idempotent: nothing is done when history orders exist (their notes carry HISTORY_MARKER).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.accounts.services import user_update
from procura.catalog.models import Product
from procura.core.errors import DomainError
from procura.demo.accounts import demo_email
from procura.demo.sales import Cast, DemoOrder, take_to_stage
from procura.demo.seed import SeedContext
from procura.inventory.models import Location
from procura.notifications.services import notifications_suppressed
from procura.partners.models import Carrier, Customer, Supplier
from procura.procurement.models import (
    ApprovalStep,
    ApprovalStepStatus,
    GoodsReceipt,
    PurchaseOrder,
    PurchaseRequest,
    PurchaseRequestStatus,
    SupplierInvoiceStatus,
)
from procura.procurement.services.approvals import purchase_request_approve
from procura.procurement.services.invoices import (
    InvoiceLineInput,
    supplier_invoice_approve,
    supplier_invoice_create,
    supplier_invoice_match,
    supplier_payment_create,
)
from procura.procurement.services.orders import (
    purchase_order_create,
    purchase_order_issue,
    purchase_orders_create_from_requests,
)
from procura.procurement.services.receipts import goods_receipt_post
from procura.procurement.services.requests import purchase_request_create, purchase_request_submit
from procura.sales.models import SalesOrder
from procura.sales.services.orders import sales_order_create

HISTORY_MARKER = "Demo history"
MONTHS = 12
LOCATION_CODE = "CS-DAL"
# Who asks, month after month: operations (two people) and finance, whose department heads
# may approve.
ASKERS = ("requester", "planner", "payables")
REQUEST_LIMIT = Decimal("50000")
SALES_PER_MONTH = 3


def _users(*locals_: str) -> dict[str, User]:
    found = {u.email: u for u in User.objects.filter(email__in=[demo_email(x) for x in locals_])}
    return {local: found[demo_email(local)] for local in locals_ if demo_email(local) in found}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _approve_as_assigned(request: PurchaseRequest, approvers: list[User]) -> None:
    """Approve each pending step as the person it waits for (or, for a step assigned to a
    role, the first of ``approvers`` the rules accept), until the request is decided."""
    for _ in range(6):
        request.refresh_from_db()
        if request.status != PurchaseRequestStatus.PENDING_APPROVAL:
            return
        step = (
            ApprovalStep.objects.filter(request=request, status=ApprovalStepStatus.PENDING)
            .select_related("approver")
            .order_by("round", "sequence")
            .first()
        )
        if step is None:
            return
        candidates = [step.approver] if step.approver is not None else approvers
        for approver in candidates:
            try:
                purchase_request_approve(request=request, by=approver, comment="Fine by me.")
                break
            except DomainError:
                continue
        else:
            return


def _month_day(months_ago: int, day: int) -> date:
    today = timezone.localdate()
    year, month = today.year, today.month - months_ago
    while month < 1:
        month += 12
        year -= 1
    return min(date(year, month, min(day, 28)), today)


def _purchases(
    ctx: SeedContext,
    people: dict[str, User],
    location: Location,
    products: list[Product],
    suppliers: list[Supplier],
    months_ago: int,
) -> None:
    """Two requests ordered from their suggested suppliers and one direct order, received,
    invoiced and (but for the last two months) approved and paid."""
    asked_on = _month_day(months_ago, 3)
    approvers = [people[x] for x in ("manager", "director", "finance", "payables") if x in people]
    requests: list[PurchaseRequest] = []
    for k in range(2):
        asker = people.get(ASKERS[(months_ago + k) % len(ASKERS)]) or people["requester"]
        supplier = suppliers[(months_ago * 2 + k) % len(suppliers)]
        product = products[(months_ago * 3 + k) % len(products)]
        quantity = Decimal(8 + 4 * ((months_ago + k) % 5))
        price = (product.standard_cost or product.list_price or Decimal("4.00")).quantize(
            Decimal("0.01")
        )
        request = purchase_request_create(
            by=asker,
            title=f"{product.name} for {asked_on:%B}",
            currency=settings.DEFAULT_CURRENCY,
            needed_by=asked_on + timedelta(days=10),
            suggested_supplier=supplier,
            items=[
                {
                    "product": product,
                    "description": "",
                    "unit": product.unit,
                    "quantity": quantity,
                    "estimated_unit_price": price,
                    "supplier": supplier,
                }
            ],
        )
        try:
            purchase_request_submit(request=request, by=asker)
        except DomainError as exc:  # rules changed since: the request stays a draft
            ctx.log(f"history request {request.number} not submitted: {exc}")
            continue
        _approve_as_assigned(request, approvers)
        request.refresh_from_db()
        PurchaseRequest.objects.filter(pk=request.pk).update(
            created_at=_at(asked_on), submitted_at=_at(asked_on), decided_at=_at(asked_on)
        )
        if request.status == PurchaseRequestStatus.APPROVED:
            requests.append(request)
        ctx.record_created("history purchase request")
    buyer = people["buyer"] if months_ago % 2 else people.get("sourcing", people["buyer"])
    orders = (
        purchase_orders_create_from_requests(by=buyer, requests=requests, ship_to=location)
        if requests
        else []
    )
    direct_product = products[(months_ago * 5 + 2) % len(products)]
    orders.append(
        purchase_order_create(
            by=buyer,
            supplier=suppliers[(months_ago + 3) % len(suppliers)],
            ship_to=location,
            notes=f"{HISTORY_MARKER}: standing order",
            lines=[
                {
                    "product": direct_product,
                    "quantity": Decimal(12),
                    "unit_price": (direct_product.standard_cost or Decimal("5.00")).quantize(
                        Decimal("0.01")
                    ),
                }
            ],
        )
    )
    for n, order in enumerate(orders):
        issued_on = _month_day(months_ago, 6 + n)
        purchase_order_issue(order=order, by=buyer)
        PurchaseOrder.objects.filter(pk=order.pk).update(
            issued_at=_at(issued_on),
            notes=order.notes or f"{HISTORY_MARKER}: from requests",
        )
        ctx.record_created("history purchase order")
        lines = list(order.lines.order_by("line_no"))
        received_on = min(issued_on + timedelta(days=5), timezone.localdate())
        receipt = goods_receipt_post(
            order=order,
            by=people["warehouse"],
            received_on=received_on,
            lines=[{"order_line": line, "quantity_received": line.quantity} for line in lines],
        )
        GoodsReceipt.objects.filter(pk=receipt.pk).update(created_at=_at(received_on))
        invoice_lines: list[InvoiceLineInput] = []
        subtotal = Decimal(0)
        for line in lines:
            invoice_lines.append(
                {"order_line": line, "quantity": line.quantity, "unit_price": line.unit_price}
            )
            subtotal += (line.quantity * line.unit_price).quantize(Decimal("0.01"))
        invoice = supplier_invoice_create(
            by=people["finance"],
            supplier=order.supplier,
            invoice_number=f"H{order.supplier.code}-{order.number[-6:]}",
            invoice_date=received_on,
            subtotal=subtotal,
            total=subtotal,
            lines=invoice_lines,
        )
        supplier_invoice_match(invoice=invoice, by=people["finance"])
        invoice.refresh_from_db()
        if invoice.status != SupplierInvoiceStatus.MATCHED or months_ago < 1:
            continue  # this month's invoices wait in the payables queue
        supplier_invoice_approve(invoice=invoice, by=people["payables"])
        if months_ago >= 2:
            supplier_payment_create(
                invoice=invoice,
                by=people.get("treasury", people["admin"]),
                amount=invoice.total,
                paid_on=min(received_on + timedelta(days=30), timezone.localdate()),
                method="ach",
                reference=f"ACH-H{invoice.pk:05d}",
            )


def _sales(
    ctx: SeedContext,
    cast: Cast,
    customers: list[Customer],
    products: list[Product],
    months_ago: int,
    counter: list[int],
) -> None:
    for k in range(SALES_PER_MONTH):
        n = counter[0]
        counter[0] += 1
        customer = customers[n % len(customers)]
        on = _month_day(months_ago, 8 + 6 * k)
        # older invoices are paid; the last months leave some open for the aging
        paid = Decimal(1) if months_ago >= 3 or k == 0 else Decimal(0)
        if months_ago == 2 and k == 2:
            paid = Decimal("0.5")
        quantity = Decimal(4 + (n % 6))
        order = sales_order_create(
            customer=customer,
            location=cast.location,
            ship_to=customer.addresses.filter(kind="shipping").first(),
            order_date=on,
            requested_date=on + timedelta(days=3),
            notes=f"{HISTORY_MARKER} ({on:%B %Y})",
            customer_reference=f"PO-{7000 + n}",
            lines=[
                {"product": products[n % len(products)], "quantity": quantity},
                {"product": products[(n + 4) % len(products)], "quantity": quantity / 2},
            ],
            by=cast.sales,
        )
        take_to_stage(order, DemoOrder("paid", 0, quantity, paid=paid), cast, on=on, n=900 + n)
        ctx.record_created("history sales order")


def seed(ctx: SeedContext) -> None:
    location = Location.objects.filter(code=LOCATION_CODE).first()
    people = _users("requester", "planner", "buyer", "sourcing", "warehouse") | _users(
        "finance", "payables", "treasury", "sales", "admin", "manager", "director"
    )
    required = {"requester", "buyer", "warehouse", "finance", "payables", "sales", "admin"}
    if location is None or not required <= set(people):
        ctx.log("demo users or the Dallas cold store missing: history skipped")
        return
    if SalesOrder.objects.filter(notes__startswith=HISTORY_MARKER).exists():
        return
    suppliers = list(Supplier.objects.filter(is_active=True, on_hold=False).order_by("code")[:6])
    customers = list(
        Customer.objects.filter(is_active=True, on_hold=False, contacts__isnull=False)
        .distinct()
        .order_by("code")
    )
    products = list(
        Product.objects.filter(is_active=True, stock_levels__location=location)
        .distinct()
        .order_by("sku")[:24]
    )
    if not suppliers or not customers or not products:
        ctx.log("no suppliers, customers or stocked products: history skipped")
        return
    cast = Cast(
        sales=people["sales"],
        warehouse=people["warehouse"],
        finance=people["finance"],
        location=location,
        carriers=list(Carrier.objects.filter(is_active=True).order_by("scac")),
    )
    counter = [0]
    with notifications_suppressed(), transaction.atomic():
        for local in ASKERS:
            user = people.get(local)
            if user is not None and user.spending_limit < REQUEST_LIMIT:
                people[local] = user_update(
                    user=user, by=people["admin"], changes={"spending_limit": REQUEST_LIMIT}
                )
        for months_ago in range(MONTHS - 1, -1, -1):
            _purchases(ctx, people, location, products, suppliers, months_ago)
            _sales(ctx, cast, customers, products, months_ago, counter)
