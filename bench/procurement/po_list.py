"""Latency of the purchase order list: 50 orders a page, lines included, over 10,000 orders.

    createdb -h 127.0.0.1 -U postgres procura_procurement_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/procura_procurement_bench DEBUG=false \\
        .venv/bin/python bench/procurement/po_list.py --orders 10000 --requests 200

Generates the orders once (bulk inserts of orders with 3 lines each, numbered BENCH-NNNNNN so
they never collide with real PO-YYYY numbers; a later run tops up to --orders), then requests
random pages of GET /api/v1/purchase-orders/?page_size=50 through the whole Django stack
(middleware, authentication, permissions, filters, pagination, serializers) as a buyer, and
prints the p50, p95 and max latency and the queries per request.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NUMBER_PREFIX = "BENCH-"
LINES_PER_ORDER = 3
PAGE_SIZE = 50


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_orders(count: int, *, lines_per_order: int = LINES_PER_ORDER) -> int:
    """Top the benchmark orders up to ``count``; returns how many were created."""
    from procura.accounts.models import User
    from procura.catalog.models import Category, Product, TaxCategory
    from procura.catalog.services.categories import category_create
    from procura.catalog.services.products import product_create
    from procura.catalog.services.taxes import tax_category_create
    from procura.core.money import line_amount
    from procura.inventory.models import Location
    from procura.inventory.services.locations import location_create
    from procura.partners.models import Supplier
    from procura.partners.services import supplier_create
    from procura.procurement.models import PurchaseOrder, PurchaseOrderLine, PurchaseOrderStatus

    existing = PurchaseOrder.objects.filter(number__startswith=NUMBER_PREFIX).count()
    if existing >= count:
        return 0
    buyer = User.objects.filter(email="bench-buyer@example.com").first()
    if buyer is None:
        buyer = User.objects.create_user("bench-buyer@example.com", full_name="Bench Buyer")
    suppliers = list(Supplier.objects.filter(code__startswith="BENCHS")[:20])
    for n in range(len(suppliers), 20):
        suppliers.append(
            supplier_create(by=None, data={"code": f"BENCHS{n:02d}", "name": f"Bench packer {n}"})
        )
    location = Location.objects.filter(code="BENCH-CS").first() or location_create(
        code="BENCH-CS", name="Bench cold store", by=None
    )
    tax = TaxCategory.objects.filter(code="standard").first() or tax_category_create(
        code="standard", name="Standard", by=None
    )
    category = Category.objects.filter(name="Bench PO", parent=None).first() or category_create(
        name="Bench PO", parent=None, by=None
    )
    products = list(Product.objects.filter(sku__startswith="BENCH-PO-")[:50])
    for n in range(len(products), 50):
        products.append(
            product_create(
                by=None,
                sku=f"BENCH-PO-{n:03d}",
                name=f"Bench cut {n}",
                unit="lb",
                list_price=Decimal("9.00"),
                standard_cost=Decimal("5.00"),
                category=category,
                tax_category=tax,
            )
        )
    rng = random.Random(7)
    statuses = [
        PurchaseOrderStatus.DRAFT,
        PurchaseOrderStatus.ISSUED,
        PurchaseOrderStatus.PARTIALLY_RECEIVED,
        PurchaseOrderStatus.RECEIVED,
        PurchaseOrderStatus.CLOSED,
    ]
    created = 0
    batch = 1000
    for start in range(existing, count, batch):
        orders = [
            PurchaseOrder(
                number=f"{NUMBER_PREFIX}{n + 1:06d}",
                supplier=suppliers[n % len(suppliers)],
                ship_to=location,
                currency="USD",
                payment_terms_days=30,
                status=statuses[n % len(statuses)],
                created_by=buyer,
                updated_by=buyer,
            )
            for n in range(start, min(start + batch, count))
        ]
        PurchaseOrder.objects.bulk_create(orders)
        lines = []
        for order in orders:
            total = Decimal(0)
            for line_no in range(1, lines_per_order + 1):
                product = products[rng.randrange(len(products))]
                quantity = Decimal(rng.randrange(10, 500))
                price = Decimal(rng.randrange(250, 1200)) / 100
                amount = line_amount(quantity, price)
                total += amount
                lines.append(
                    PurchaseOrderLine(
                        order=order,
                        line_no=line_no,
                        product=product,
                        description=product.name,
                        quantity=quantity,
                        unit="lb",
                        unit_price=price,
                        line_total=amount,
                    )
                )
            order.total = total
        PurchaseOrderLine.objects.bulk_create(lines)
        PurchaseOrder.objects.bulk_update(orders, ["total"])
        created += len(orders)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would
            cursor.execute("ANALYZE procurement_purchaseorder, procurement_purchaseorderline")
    return created


def measure(requests: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from procura.accounts.models import User
    from procura.accounts.tests.factories import UserFactory
    from procura.procurement.models import PurchaseOrder

    user = User.objects.filter(email="bench-reader@example.com").first() or UserFactory(
        email="bench-reader@example.com", roles=["procurement"]
    )
    client = APIClient()
    client.force_authenticate(user)
    total = PurchaseOrder.objects.filter(archived_at__isnull=True).count()
    pages = max(1, total // PAGE_SIZE)
    rng = random.Random(11)
    for _ in range(5):  # warm-up: connection, caches, imports
        client.get("/api/v1/purchase-orders/", {"page_size": PAGE_SIZE})
    timings = []
    queries = 0
    for _ in range(requests):
        page = rng.randrange(1, pages + 1)
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(
                "/api/v1/purchase-orders/", {"page_size": PAGE_SIZE, "page": page}
            )
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        assert len(body["results"]) == PAGE_SIZE
        assert len(body["results"][0]["lines"]) == LINES_PER_ORDER
        queries = len(ctx.captured_queries)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"GET /api/v1/purchase-orders/?page_size={PAGE_SIZE} (lines included) over {total} orders, "
        f"{requests} requests on random pages: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms, {queries} queries a request"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    started = time.perf_counter()
    created = ensure_orders(args.orders)
    if created:
        print(f"created {created} orders in {time.perf_counter() - started:.1f} s")
    print(f"database: {connection.vendor} {connection.settings_dict.get('NAME')}")
    measure(args.requests)


if __name__ == "__main__":
    main()
