"""Latency of the product list with a large catalog.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/procura_bench_catalog \
        .venv/bin/python bench/catalog/product_list.py --products 100000

Loads products (SKU BENCH-LST-*) until the catalog holds at least --products of them, then
sends --requests GETs of /api/v1/products/?page_size=50 through Django's test client,
authenticated with a real API token, and prints per variant p50/p95/max in milliseconds, the
median CPU time of a request in this process (time.process_time) and the median time spent in
SQL (the database's answer, timed around each query) with the number of queries: the last two
do not depend much on the machine's other load. Variants: page numbers (pages 1..n, and pages
drawn at random over the whole list), keyset pages (next links), search (terms of 3+
characters, of 1-2 characters, and random page numbers of a search with 25,000 matches), a
category subtree sorted by price, a customer. With --server-side, each variant also prints the database's own
time for the queries of 10 of its requests (every tenth; a keyset walk: the last ten) (EXPLAIN ANALYZE: planning plus execution; for
the planner's row estimate a list makes, planning only), which a loaded machine disturbs
least. The load average is printed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
import uuid
from decimal import Decimal
from typing import Any

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


class SqlTimer:
    """Time spent in SQL and the number of queries, around each query Django runs."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def get(client: object, url: str, auth: str) -> tuple[Any, float, float, float, int]:
    """The JSON body, wall ms, CPU ms, SQL ms and queries of one GET."""
    from django.db import connection

    timer = SqlTimer()
    started, cpu_started = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(timer):
        response = client.get(url, HTTP_AUTHORIZATION=auth)  # type: ignore[attr-defined]
    cpu = (time.process_time() - cpu_started) * 1000
    wall = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json(), wall, cpu, timer.seconds * 1000, timer.queries


def report(label: str, samples: list[tuple[float, float, float, int]] | list[Any]) -> None:
    timings = sorted(sample[0] for sample in samples)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    cpu = statistics.median(sample[1] for sample in samples)
    sql = statistics.median(sample[2] for sample in samples)
    queries = statistics.median(sample[3] for sample in samples)
    print(
        f"{label:<40} n={len(timings):3d}  p50={statistics.median(timings):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={timings[-1]:7.1f} ms  CPU p50={cpu:5.1f} ms  "
        f"SQL p50={sql:5.1f} ms  queries={queries:g}"
    )


SERVER_SIDE_SAMPLES = 10
server_side = False


def database_ms(client: object, url: str, auth: str) -> float:
    """The database's planning and execution time of the queries one GET makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, HTTP_AUTHORIZATION=auth)  # type: ignore[attr-defined]
    total = 0.0
    for query in captured.captured_queries:
        sql = query["sql"]
        plan_only = sql.startswith("EXPLAIN ")
        if plan_only:
            sql = sql.split(")", 1)[1]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {sql}")
            row = cursor.fetchone()[0]
        plan = row[0] if isinstance(row, list) else json.loads(row)[0]
        total += plan["Planning Time"] + (0 if plan_only else plan["Execution Time"])
    return total


def measure(label: str, client: object, urls: list[str], auth: str) -> None:
    report(label, [get(client, url, auth)[1:] for url in urls])
    if server_side:
        report_database(client, urls[:: max(1, len(urls) // SERVER_SIDE_SAMPLES)], auth)


def report_database(client: object, urls: list[str], auth: str) -> None:
    times = sorted(database_ms(client, url, auth) for url in urls)
    print(f"{'':<40} database p50={statistics.median(times):6.2f} ms  max={times[-1]:6.2f} ms")


def measure_walk(label: str, client: object, start: str, auth: str, pages: int) -> None:
    """Follow next links from ``start`` for ``pages`` pages (starting over at the end)."""
    samples = []
    urls = []
    url = start
    for _ in range(pages):
        urls.append(url)
        body, wall, cpu, sql, queries = get(client, url, auth)
        samples.append((wall, cpu, sql, queries))
        url = body["next"] or start
    report(label, samples)
    if server_side:
        report_database(client, urls[-SERVER_SIDE_SAMPLES:], auth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--server-side", action="store_true", help="also the database's time")
    args = parser.parse_args()
    global server_side  # noqa: PLW0603 - a switch of this script
    server_side = args.server_side
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
    pages = max(1, total // 50)
    base = "/api/v1/products/?page_size=50"
    n = args.requests
    draw = random.Random(15)
    client.get(base, HTTP_AUTHORIZATION=buyer)  # warm up connections and caches
    measure(
        "list page_size=50 (pages 1..n)",
        client,
        [f"{base}&page={i % pages + 1}" for i in range(n)],
        buyer,
    )
    measure(
        "list page_size=50 (random pages)",
        client,
        [f"{base}&page={draw.randint(1, pages)}" for _ in range(n)],
        buyer,
    )
    measure("list page_size=50 (page 1)", client, [base] * n, buyer)
    measure_walk("keyset pages (next links)", client, f"{base}&cursor=start", buyer, n)
    group = Category.objects.get(name="Group 01", parent__name="Benchmark")
    subtree = f"{base}&category={group.pk}&include_descendants=true&ordering=-list_price"
    measure(
        "category subtree + ordering=-list_price",
        client,
        [f"{subtree}&page={i % 20 + 1}" for i in range(n)],
        buyer,
    )
    measure_walk("subtree by price, keyset pages", client, f"{subtree}&cursor=start", buyer, n)
    measure("search=ribeye", client, [f"{base}&search=ribeye 1{i}" for i in range(n)], buyer)
    measure(
        "search=ribeye (terms of 3+ characters)",
        client,
        [f"{base}&search=ribeye 1{i:02d}" for i in range(n)],
        buyer,
    )
    short = ("r", "ri", "1", "15", "ch 2", "po 9", "ribeye 7", "b")
    measure(
        "search, terms of 1-2 characters",
        client,
        [f"{base}&search={short[i % len(short)]}" for i in range(n)],
        buyer,
    )
    measure(
        "search=chuck, random page numbers",
        client,
        [f"{base}&search=chuck&page={draw.randint(1, 500)}" for _ in range(n)],
        buyer,
    )
    measure(
        "customer (active only, no costs)",
        client,
        [f"{base}&page={i % pages + 1}" for i in range(n)],
        customer,
    )
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
