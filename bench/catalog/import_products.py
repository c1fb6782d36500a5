"""Import N generated products from CSV through the catalog's import service and time it.

    createdb -h 127.0.0.1 -U postgres procura_bench_catalog   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/procura_bench_catalog \
        .venv/bin/python bench/catalog/import_products.py --rows 50000

Times a dry run, the first commit (creates every row), a re-import of the same file (every row
unchanged) and an import with every price changed (every row updated). Products from earlier
runs (SKU BENCH-IMP-*) are deleted first, so every run starts from the same state.
"""

from __future__ import annotations

import argparse
import io
import time
from decimal import Decimal

from common import describe_database, ensure_catalog, setup_django

SKU_PREFIX = "BENCH-IMP-"


def generate_csv(rows: int, categories: list[str], tax_code: str, *, bump: int = 0) -> bytes:
    out = io.StringIO()
    out.write(
        "sku,name,description,category,unit,list_price,standard_cost,currency,tax_category,gtin,active\n"
    )
    units = ("lb", "case", "kg", "each")
    for i in range(rows):
        price = Decimal(100 + (i * 37) % 9000 + bump) / 100
        cost = (price * Decimal("0.8")).quantize(Decimal("0.01"))
        out.write(
            f"{SKU_PREFIX}{i:07d},Benchmark item {i},Generated row {i},"
            f"{categories[i % len(categories)]},{units[i % len(units)]},{price},{cost},USD,"
            f"{tax_code},,true\n"
        )
    return out.getvalue().encode()


def timed(label: str, data: bytes, rows: int, *, dry_run: bool) -> float:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procura.catalog.services.imports import product_import

    upload = SimpleUploadedFile("bench.csv", data, content_type="text/csv")
    started = time.perf_counter()
    report = product_import(upload=upload, dry_run=dry_run, by=None)
    seconds = time.perf_counter() - started
    assert not report.errors, report.errors[:5]
    print(
        f"{label:<22} {seconds:8.2f} s  {rows / seconds:10.0f} rows/s  "
        f"created={report.created} updated={report.updated} unchanged={report.unchanged}"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    from procura.catalog.models import Product

    settings.CSV_IMPORT_MAX_ROWS = max(args.rows, 100_000)
    settings.CSV_IMPORT_MAX_BYTES = 200 * 1024 * 1024
    categories, tax_code = ensure_catalog()
    Product.objects.filter(sku__startswith=SKU_PREFIX).delete()
    data = generate_csv(args.rows, categories, tax_code)
    print(f"database: {describe_database()}; rows: {args.rows}; file: {len(data) / 1e6:.1f} MB")
    timed("dry run", data, args.rows, dry_run=True)
    total = timed("commit (create)", data, args.rows, dry_run=False)
    timed("re-import (unchanged)", data, args.rows, dry_run=False)
    changed = generate_csv(args.rows, categories, tax_code, bump=1)
    timed("import (update all)", changed, args.rows, dry_run=False)
    print(f"total seconds for {args.rows} new rows: {total:.2f} ({args.rows / total:.0f} rows/s)")


if __name__ == "__main__":
    main()
