"""Memory and time of a large list export: GET /api/v1/purchase-orders/export/ streamed as
CSV and XLSX over a growing number of purchase orders (3 lines each), through the whole Django stack.

    createdb -h 127.0.0.1 -U postgres procura_export_bench   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/procura_export_bench DEBUG=false \\
        .venv/bin/python bench/exports/export_memory.py --steps 10000 100000

Generates the orders once (the purchase order list benchmark's generator), then downloads the
export of every order (number, supplier, status, issue time, currency, total, and the lines column,
which reads every order's lines) after topping the orders up to each count in --steps, consuming the stream chunk by
chunk as a client would. Printed per format and row count: rows, bytes, seconds, and the peak
of Python memory allocated while the export ran (tracemalloc) -- flat across row counts when
the export streams, proportional to them when it loads the table.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "procurement"))

from po_list import ensure_orders, setup_django  # noqa: E402

COLUMNS = "number,supplier_name,status,issued_at,currency,total,lines"


def run(client: object, fmt: str, *, traced: bool) -> tuple[int, float, int]:
    params = {"format": fmt, "columns": COLUMNS, "ordering": "number"}
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/api/v1/purchase-orders/export/", params)  # type: ignore[attr-defined]
    assert response.status_code == 200, response.content[:300]
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    elapsed = time.perf_counter() - started
    peak = 0
    if traced:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return size, elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--steps", type=int, nargs="+", default=[10_000, 100_000], help="order counts, growing"
    )
    args = parser.parse_args()
    setup_django()

    from rest_framework.test import APIClient

    from procura.accounts.models import User
    from procura.accounts.tests.factories import UserFactory
    from procura.procurement.models import PurchaseOrder

    user = User.objects.filter(email="bench-reader@example.com").first() or UserFactory(
        email="bench-reader@example.com", roles=["procurement"]
    )
    client = APIClient()
    client.force_authenticate(user)
    for step in args.steps:
        ensure_orders(step)
        rows = PurchaseOrder.objects.filter(archived_at__isnull=True).count()
        for fmt in ("csv", "xlsx"):
            size, seconds, _ = run(client, fmt, traced=False)
            _, _, peak = run(client, fmt, traced=True)
            print(
                f"{fmt:4} {rows:>7} orders: {size / 1e6:6.1f} MB in {seconds:6.1f} s, "
                f"peak Python memory during the export {peak / 1e6:6.1f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
