"""Latency of the product list with a large catalog.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/procura_bench_catalog \
        .venv/bin/python bench/catalog/product_list.py --products 100000

Loads products (SKU BENCH-LST-*) until the catalog holds at least --products of them, then
sends --requests GETs of /api/v1/products/?page_size=50 (walking pages) through Django's test
client, authenticated with a real API token, and prints p50/p95/max in milliseconds and the
median CPU time of a request in this process (time.process_time: what does not depend on the
machine's other load); then the same for a few filtered variants (search, category subtree,
price ordering, a customer). The load average is printed at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid
from decimal import Decimal

from common import describe_database, ensure_catalog, setup_django

SKU_PREFIX = "BENCH-LST-"
BENCH_EMAIL = "bench-catalog-{role}@procura.example"


def load_products(target: int) -> None:
    from django.db import transaction

    from procura.catalog.models import Category, Product, TaxCategory
    from procura.core.csv_io import bulk_insert_rows

    have = Product.objects.filter(sku__startswith=SKU_PREFIX).count()
    if have >= target:
        print(f"catalog already holds {have} benchmark products")
        return
    leaves = list(Category.objects.filter(name__startswith="Leaf "))
    tax = TaxCategory.objects.get(code="standard")
    units = ("lb", "case", "kg", "each")
    started = time.perf_counter()
    with transaction.atomic():
        batch: list[Product] = []
        for i in range(have, target):
            price = Decimal(100 + (i * 37) % 9000) / 100
            batch.append(
                Product(
                    id=uuid.uuid4(),
                    sku=f"{SKU_PREFIX}{i:07d}",
                    name=f"{('Ribeye', 'Chuck roll', 'Pork loin', 'Chicken breast')[i % 4]} {i}",
                    category=leaves[i % len(leaves)],
                    unit=units[i % len(units)],
                    list_price=price,
                    standard_cost=(price * Decimal("0.8")).quantize(Decimal("0.01")),
                    tax_category=tax,
                )
            )
            if len(batch) == 10_000:
                bulk_insert_rows(Product, batch, batch_size=10_000)
                batch = []
        if batch:
            bulk_insert_rows(Product, batch, batch_size=10_000)
    print(f"loaded {target - have} products in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE catalog_product")


def bearer_for(role: str) -> str:
    from procura.accounts.models import User
    from procura.accounts.services.tokens import api_token_create
    from procura.accounts.services.users import user_create

    email = BENCH_EMAIL.format(role=role)
    user = User.objects.filter(email=email).first() or user_create(
        by=None, email=email, full_name=f"Benchmark {role}", roles=[role]
    )
    _, raw = api_token_create(user=user, name="catalog benchmark")
    return f"Bearer {raw}"


def measure(label: str, client: object, urls: list[str], auth: str) -> None:
    timings = []
    cpu = []
    for url in urls:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url, HTTP_AUTHORIZATION=auth)  # type: ignore[attr-defined]
        cpu.append((time.process_time() - cpu_started) * 1000)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"{label:<38} n={len(timings):3d}  p50={statistics.median(timings):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={timings[-1]:7.1f} ms  CPU p50={statistics.median(cpu):5.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DEBUG", "false")
    setup_django()
    from django.test import Client

    from procura.catalog.models import Category, Product

    ensure_catalog()
    load_products(args.products)
    total = Product.objects.count()
    print(f"database: {describe_database()}; products in catalog: {total}")
    client = Client()
    buyer, customer = bearer_for("procurement"), bearer_for("customer")
    pages = max(1, min(total // 50, 2000))
    base = "/api/v1/products/?page_size=50"
    n = args.requests
    client.get(base, HTTP_AUTHORIZATION=buyer)  # warm up connections and caches
    measure(
        "list page_size=50 (pages 1..n)",
        client,
        [f"{base}&page={i % pages + 1}" for i in range(n)],
        buyer,
    )
    measure("list page_size=50 (page 1)", client, [base] * n, buyer)
    group = Category.objects.get(name="Group 01", parent__name="Benchmark")
    measure(
        "category subtree + ordering=-list_price",
        client,
        [
            f"{base}&category={group.pk}&include_descendants=true&ordering=-list_price&page={i % 20 + 1}"
            for i in range(n)
        ],
        buyer,
    )
    measure("search=ribeye", client, [f"{base}&search=ribeye 1{i}" for i in range(n)], buyer)
    measure(
        "customer (active only, no costs)",
        client,
        [f"{base}&page={i % pages + 1}" for i in range(n)],
        customer,
    )
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
