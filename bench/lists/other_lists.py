"""The other large lists beside the purchase-order list: time per row, in one interleaved run.

Run through ``bench/lists/harness.py --lists`` (it sets up Django on the benchmark database).
Tops each list up to ``--rows`` rows through the services (requests, supplier invoices with
their orders, receipts and payments, sales orders shipped and invoiced, products, stock levels,
movements; the audit trail fills as they run), then asks every list for random pages of 50 in
turns -- each round gives every list the same number of requests -- through the whole Django
stack (middleware, API-token authentication, permissions, filters, pagination, rendering).

Per list it prints the rows a page holds, queries per request, the median wall time and the
median CPU time of a request (``time.process_time``, this process only: the part of the time
that does not depend on what else the machine runs), the CPU time per row and its ratio to
the purchase-order list's (whose rows carry 5 lines each).
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

PAGE_SIZE = 50
PREFIX = "BENCH-L"


@dataclass
class ListTarget:
    name: str
    path: str
    model: str  # app_label.Model the list shows
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rows: int = 0
    queries: int = 0
    pages: int = 1


TARGETS = [
    ListTarget(
        "purchase orders (5 lines each)", "/api/v1/purchase-orders/", "procurement.PurchaseOrder"
    ),
    ListTarget("purchase requests", "/api/v1/purchase-requests/", "procurement.PurchaseRequest"),
    ListTarget("supplier invoices", "/api/v1/supplier-invoices/", "procurement.SupplierInvoice"),
    ListTarget("sales orders", "/api/v1/sales-orders/", "sales.SalesOrder"),
    ListTarget("customer invoices", "/api/v1/customer-invoices/", "sales.CustomerInvoice"),
    ListTarget("products", "/api/v1/products/", "catalog.Product"),
    ListTarget("stock levels", "/api/v1/stock-levels/", "inventory.StockLevel"),
    ListTarget("stock movements", "/api/v1/stock-movements/", "inventory.StockMovement"),
    ListTarget("audit events", "/api/v1/audit/events/", "audit.AuditEvent"),
]


def _person(email: str, *roles: str, **fields: Any) -> Any:
    from procura.accounts.models import User
    from procura.accounts.tests.factories import UserFactory

    return User.objects.filter(email=email).first() or UserFactory(
        email=email, roles=list(roles), **fields
    )


def ensure_rows(rows: int) -> None:
    """Top every list up to ``rows`` rows (idempotent: a second run adds only what lacks)."""
    from django.db import connection
    from django.utils import timezone

    from procura.catalog.models import Category, Product, TaxCategory
    from procura.catalog.services.categories import category_create
    from procura.catalog.services.products import product_create
    from procura.catalog.services.taxes import tax_category_create, tax_rate_create
    from procura.inventory.models import Location, StockLevel
    from procura.inventory.services import stock_receive
    from procura.inventory.services.locations import location_create
    from procura.partners import services as partner_services
    from procura.partners.models import Customer, Supplier
    from procura.procurement.models import PurchaseOrder, PurchaseRequest, SupplierInvoice
    from procura.procurement.services.invoices import (
        supplier_invoice_approve,
        supplier_invoice_create,
        supplier_invoice_match,
        supplier_payment_create,
    )
    from procura.procurement.services.orders import purchase_order_create, purchase_order_issue
    from procura.procurement.services.receipts import goods_receipt_post
    from procura.procurement.services.requests import purchase_request_create
    from procura.sales.models import CustomerInvoice
    from procura.sales.services.confirmation import sales_order_confirm
    from procura.sales.services.invoices import customer_invoice_create
    from procura.sales.services.orders import sales_order_create
    from procura.sales.services.payments import customer_payment_create
    from procura.sales.services.shipments import shipment_create

    started = time.perf_counter()
    run = f"{int(time.time()) % 100_000:05d}"
    tax = TaxCategory.objects.filter(code="standard").first() or tax_category_create(
        code="standard", name="Standard", by=None
    )
    if not tax.rates.filter(region="US-TX").exists():
        tax_rate_create(
            tax_category=tax,
            region="US-TX",
            rate_percent=Decimal("8.25"),
            valid_from=date(2020, 1, 1),
            by=None,
        )
    category = Category.objects.filter(name="Bench lists", parent=None).first() or category_create(
        name="Bench lists", parent=None, by=None
    )
    location = Location.objects.filter(code="BENCH-LW").first() or location_create(
        code="BENCH-LW", name="Bench list warehouse", kind="cold_store", by=None
    )

    def product(n: int) -> Any:
        return product_create(
            by=None,
            sku=f"{PREFIX}-{run}-{n:04d}",
            name=f"Bench list cut {run} {n}",
            unit="lb",
            list_price=Decimal("10.00"),
            standard_cost=Decimal("6.50"),
            category=category,
            tax_category=tax,
        )

    # Products and stock levels (each product received into the warehouse: a level and a
    # movement).
    have = StockLevel.objects.filter(location=location).count()
    for n in range(have, rows):
        stock_receive(
            product=product(n), location=location, quantity="1000", unit_cost="5.00", by=None
        )
    while Product.objects.count() < rows:
        product(Product.objects.count() + 10_000)

    # Purchase requests.
    from procura.accounts.tests.factories import DepartmentFactory

    department = DepartmentFactory(code="BENCHL", name="Bench lists")
    requester = _person("bench-list-requester@example.com", "requester", department=department)
    for _ in range(PurchaseRequest.objects.count(), rows):
        purchase_request_create(
            by=requester,
            title="Boxed beef for the week",
            department=department,
            currency="USD",
            items=[
                {
                    "description": "Boxed beef, choice",
                    "quantity": Decimal("4"),
                    "unit": "case",
                    "estimated_unit_price": Decimal("125.00"),
                }
            ],
        )

    # Supplier invoices: an order received, invoiced, matched, approved and partly paid.
    buyer = _person("bench-list-po-buyer@example.com", "procurement")
    clerk = _person("bench-list-clerk@example.com", "finance")
    controller = _person("bench-list-controller@example.com", "finance")
    treasurer = _person("bench-list-treasurer@example.com", "finance")
    supplier = Supplier.objects.filter(code="BENCHLS").first() or partner_services.supplier_create(
        by=None, data={"code": "BENCHLS", "name": "Bench list packer", "payment_terms_days": 21}
    )
    goods = Product.objects.filter(sku__startswith=PREFIX).order_by("sku").first()
    for n in range(SupplierInvoice.objects.count(), rows):
        order = purchase_order_issue(
            order=purchase_order_create(
                by=buyer,
                supplier=supplier,
                ship_to=location,
                lines=[{"product": goods, "quantity": Decimal("10"), "unit_price": Decimal("3")}],
            ),
            by=buyer,
        )
        line = order.lines.get()
        goods_receipt_post(
            order=order,
            by=buyer,
            lines=[{"order_line": line, "quantity_received": Decimal("10")}],
        )
        invoice = supplier_invoice_create(
            by=clerk,
            supplier=supplier,
            invoice_number=f"{PREFIX}-{run}-{n:05d}",
            invoice_date=date(2026, 3, 1),
            subtotal=Decimal("30"),
            total=Decimal("30"),
            lines=[{"order_line": line, "quantity": Decimal("10"), "unit_price": Decimal("3")}],
        )
        supplier_invoice_match(invoice=invoice, by=clerk)
        supplier_invoice_approve(invoice=invoice, by=controller)
        supplier_payment_create(
            invoice=invoice,
            by=treasurer,
            amount=Decimal("10"),
            paid_on=date(2026, 3, 5),
            method="ach",
        )

    # Their orders (one line each) are archived, so the purchase-order list keeps serving the
    # 5-line orders the server comparison asks for.
    PurchaseOrder.objects.filter(supplier=supplier, archived_at__isnull=True).update(
        archived_at=timezone.now()
    )

    # Sales orders, shipped, invoiced and partly paid.
    customer = Customer.objects.filter(code="BENCHLC").first() or partner_services.customer_create(
        by=None,
        data={
            "code": "BENCHLC",
            "name": "Bench list retailer",
            "tax_region": "US-TX",
            "credit_limit": Decimal("10000000.00"),
        },
        addresses=None,
    )
    for _ in range(CustomerInvoice.objects.count(), rows):
        sales_order = sales_order_confirm(
            order=sales_order_create(
                customer=customer,
                location=location,
                lines=[{"product": goods, "quantity": Decimal("1")}] * 2,
                by=None,
            ),
            by=None,
        )
        shipment_create(order=sales_order, by=None)
        invoice = customer_invoice_create(order=sales_order, by=None)
        customer_payment_create(
            customer=customer,
            amount=Decimal("5"),
            method="ach",
            by=None,
            allocations=[{"invoice": invoice, "amount": Decimal("5")}],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"list data ready in {time.perf_counter() - started:.1f} s")


def measure(token: str, *, rounds: int, requests: int) -> list[ListTarget]:
    """``rounds`` rounds; in each, every list (in a rotating order) answers ``requests``
    random pages."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    rng = random.Random(5)
    for target in TARGETS:
        url = f"{target.path}?page_size={PAGE_SIZE}"
        for _ in range(3):  # warm-up: compiled list plans, connections
            response = client.get(url)
            assert response.status_code == 200, (target.path, response.content[:300])
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url).json()
        target.queries = len(ctx.captured_queries)
        target.rows = len(body["results"])
        target.pages = max(1, body["count"] // PAGE_SIZE)
    for round_no in range(rounds):
        turn = TARGETS[round_no % len(TARGETS) :] + TARGETS[: round_no % len(TARGETS)]
        for target in turn:
            for _ in range(requests):
                url = f"{target.path}?page_size={PAGE_SIZE}&page={rng.randint(1, target.pages)}"
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                target.cpu.append((time.process_time() - cpu) * 1000)
                target.wall.append((time.perf_counter() - wall) * 1000)
                assert response.status_code == 200, (url, response.status_code)
    return TARGETS


def report(targets: list[ListTarget]) -> None:
    po = targets[0]
    po_row = statistics.median(po.cpu) / po.rows
    print(
        "| list | rows/page | queries | wall p50 | CPU p50 | CPU/row | "
        "CPU/row vs PO list |\n|---|---|---|---|---|---|---|"
    )
    for target in targets:
        cpu = statistics.median(target.cpu)
        per_row = cpu / max(1, target.rows)
        print(
            f"| {target.name} | {target.rows} | {target.queries} | "
            f"{statistics.median(target.wall):.2f} ms | {cpu:.2f} ms | "
            f"{per_row * 1000:.0f} us | {per_row / po_row:.2f}x |"
        )
