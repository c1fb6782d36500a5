"""Latency of sales-order creation and of the sales-order list with 10,000 orders.

    createdb -h 127.0.0.1 -U postgres procura_sales_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/procura_sales_bench \
        .venv/bin/python bench/sales/sales_orders.py --orders 10000

Loads orders (customer code BENCH-SO, numbers SO-2000-*, three lines each, a mix of states)
in bulk until the database holds --orders of them, then through Django's test client with a
real API token:
- POST /api/v1/sales-orders/ (three lines: price snapshot, tax lookup, number, audit event)
  --requests times, and
- GET /api/v1/sales-orders/?page_size=50 walking the pages --requests times,
and prints p50/p95/max in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CUSTOMER_CODE = "BENCH-SO"
LOCATION_CODE = "BENCH-SO"
BENCH_EMAIL = "bench-sales@procura.example"
STATES = ("draft", "confirmed", "picking", "shipped", "delivered", "invoiced", "paid", "cancelled")


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ensure_world() -> tuple[object, object, list[object]]:
    """The benchmark customer, location and five products with plenty of stock."""
    from procura.catalog.models import Category, Product, TaxCategory, TaxRate
    from procura.catalog.services.categories import category_create
    from procura.catalog.services.products import product_create
    from procura.catalog.services.taxes import tax_category_create, tax_rate_create
    from procura.inventory.models import Location
    from procura.inventory.services import location_create, stock_receive
    from procura.partners.models import Customer
    from procura.partners.services import customer_create

    tax = TaxCategory.objects.filter(code="standard").first() or tax_category_create(
        code="standard", name="Standard", by=None
    )
    if not TaxRate.objects.filter(tax_category=tax, region="US-TX").exists():
        tax_rate_create(
            tax_category=tax,
            region="US-TX",
            rate_percent=Decimal("8.25"),
            valid_from=date(2000, 1, 1),
            by=None,
        )
    category = Category.objects.filter(name="Bench sales", parent=None).first()
    if category is None:
        category = category_create(name="Bench sales", parent=None, by=None)
    location = Location.objects.filter(code=LOCATION_CODE).first() or location_create(
        code=LOCATION_CODE, name="Benchmark warehouse", kind="cold_store", by=None
    )
    products = []
    for i in range(5):
        sku = f"BENCH-SO-{i}"
        product = Product.objects.filter(sku=sku).first()
        if product is None:
            product = product_create(
                sku=sku,
                name=f"Benchmark cut {i}",
                unit="lb",
                list_price=Decimal("4.25") + i,
                standard_cost=Decimal("3.00"),
                category=category,
                tax_category=tax,
                by=None,
            )
            stock_receive(
                product=product, location=location, quantity=10_000_000, unit_cost="3", by=None
            )
        products.append(product)
    customer = Customer.objects.filter(code=CUSTOMER_CODE).first() or customer_create(
        by=None,
        data={"code": CUSTOMER_CODE, "name": "Benchmark Foods", "tax_region": "US-TX"},
        addresses=None,
    )
    return customer, location, products


def load_orders(target: int, customer: object, location: object, products: list) -> None:
    """Bulk rows (no audit events): the list reads them like any other order."""
    from django.db import connection, transaction

    from procura.sales.models import SalesOrder, SalesOrderLine

    have = SalesOrder.objects.count()
    if have >= target:
        print(f"database already holds {have} sales orders")
        return
    started = time.perf_counter()
    start_day = date(2000, 1, 1)
    with transaction.atomic():
        for chunk_start in range(have, target, 2000):
            chunk = range(chunk_start, min(chunk_start + 2000, target))
            orders = SalesOrder.objects.bulk_create(
                SalesOrder(
                    number=f"SO-2000-{i + 1:06d}",
                    customer=customer,
                    location=location,
                    status=STATES[i % len(STATES)],
                    order_date=start_day + timedelta(days=i % 365),
                    currency="USD",
                    payment_terms_days=30,
                    subtotal=Decimal("127.50"),
                    tax_total=Decimal("10.52"),
                    total=Decimal("138.02"),
                )
                for i in chunk
            )
            SalesOrderLine.objects.bulk_create(
                SalesOrderLine(
                    order=order,
                    line_no=n + 1,
                    product=products[(order.pk + n) % len(products)],
                    description="Benchmark cut",
                    quantity=Decimal(10),
                    unit="lb",
                    unit_price=Decimal("4.25"),
                    tax_rate=Decimal("8.25"),
                    net_amount=Decimal("42.50"),
                    tax_amount=Decimal("3.51"),
                )
                for order in orders
                for n in range(3)
            )
    print(f"loaded {target - have} orders in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE sales_salesorder")
            cursor.execute("VACUUM ANALYZE sales_salesorderline")


def bearer() -> str:
    from procura.accounts.models import User
    from procura.accounts.services.tokens import api_token_create
    from procura.accounts.services.users import user_create

    user = User.objects.filter(email=BENCH_EMAIL).first() or user_create(
        by=None, email=BENCH_EMAIL, full_name="Benchmark sales", roles=["sales"]
    )
    _, raw = api_token_create(user=user, name="sales benchmark")
    return f"Bearer {raw}"


def report(label: str, timings: list[float]) -> None:
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"{label:<34} n={len(timings):3d}  p50={statistics.median(timings):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={timings[-1]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    setup_django()
    from django.test import Client

    from procura.sales.models import SalesOrder

    customer, location, products = ensure_world()
    load_orders(args.orders, customer, location, products)

    auth = bearer()
    client = Client()
    body = {
        "customer": customer.pk,  # type: ignore[attr-defined]
        "location": location.pk,  # type: ignore[attr-defined]
        "lines": [{"product": str(product.pk), "quantity": "12.5"} for product in products[:3]],
    }
    url = "/api/v1/sales-orders/"
    client.get(url, HTTP_AUTHORIZATION=auth)  # warm up connections and caches
    print(f"sales orders in database: {SalesOrder.objects.count()}")
    created = []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=auth)
        created.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 201, response.content[:300]
    report("POST /sales-orders/ (3 lines)", created)
    pages = max(1, SalesOrder.objects.count() // 50)
    listed = []
    for i in range(args.requests):
        started = time.perf_counter()
        response = client.get(
            f"{url}?page_size=50&page={i * 37 % pages + 1}", HTTP_AUTHORIZATION=auth
        )
        listed.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    report("GET /sales-orders/?page_size=50", listed)
    first = []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.get(f"{url}?page_size=50", HTTP_AUTHORIZATION=auth)
        first.append((time.perf_counter() - started) * 1000)
    report("GET /sales-orders/ page 1", first)


if __name__ == "__main__":
    main()
