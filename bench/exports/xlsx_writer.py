"""Speed of the XLSX writer alone (no database, no serializers): rows like the purchase order
export's (number, supplier, status, issue time, currency, total, lines) written through
``procura.core.exports.writers.table_xlsx`` and read out as a client would.

    .venv/bin/python bench/exports/xlsx_writer.py --rows 100000 --repeat 3

Prints, per run, the rows, the file size, the seconds and the rows per second; the figure to
compare between versions is the best run (the machine is shared). The whole-stack figure, with
the query and serializers, is bench/exports/export_memory.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rows(count: int) -> Iterator[list[object]]:
    statuses = ["draft", "issued", "partially_received", "received", "closed"]
    for n in range(count):
        yield [
            f"BENCH-{n + 1:06d}",
            f"Bench packer {n % 20}",
            statuses[n % 5],
            f"2026-03-{1 + n % 28:02d}T{n % 24:02d}:15:30.123456Z" if n % 5 else None,
            "USD",
            f"{(n * 37) % 100000}.{n % 100:02d}",
            f"Bench cut {n % 50}; Bench cut {(n + 1) % 50}; Bench cut {(n + 2) % 50}",
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings")
    import django

    django.setup()
    from procura.core.exports.cells import CellKind as K
    from procura.core.exports.writers import table_xlsx

    headers = ["Number", "Supplier", "Status", "Issued at", "Currency", "Total", "Lines"]
    kinds = [K.TEXT, K.TEXT, K.TEXT, K.DATETIME, K.TEXT, K.NUMBER, K.TEXT]
    for _ in range(args.repeat):
        started = time.perf_counter()
        size = sum(len(c) for c in table_xlsx(headers, kinds, rows(args.rows), sheet_name="bench"))
        seconds = time.perf_counter() - started
        print(
            f"xlsx {args.rows:>7} rows: {size / 1e6:5.1f} MB in {seconds:5.1f} s, "
            f"{args.rows / seconds:8.0f} rows/s",
            flush=True,
        )


if __name__ == "__main__":
    main()
