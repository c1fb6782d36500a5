"""Real third-party invoices read from pictures: scans and phone photos of their PDF pages, and
the PNG scans their publishers ship.

The PDFs and PNGs come from public packages (invoice2data's test files, two OCA Odoo addons);
each PDF's pages are rendered and made into a 200 dpi scanner image and 150 and 96 dpi phone
photos (turned a few degrees, uneven light, noise, JPEG) with the generator's own camera models
(render.py), seeded so every run reads the same pictures. The seven key fields are compared with
the truth written below from the pages themselves.

    PYTHONPATH=. .venv/bin/python bench/ocr/real_images.py --src DIR -v

DIR holds the source files by their names (or set $PROCURA_REAL_INVOICES_DIR).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import KEY_FIELDS, low_line, same  # noqa: E402
from render import photo, save_scan, scan  # noqa: E402

from procura.documents.extraction import read_document  # noqa: E402
from procura.documents.extraction.invoice import extract_invoice  # noqa: E402
from procura.documents.extraction.result import LOW_CONFIDENCE  # noqa: E402


def _truth(supplier: str, number: str, date: str, currency: str, net: str, tax: str, total: str):
    return dict(zip(KEY_FIELDS, (supplier, number, date, currency, net, tax, total), strict=True))


TRUTH: dict[str, dict[str, Any]] = {
    "AmazonWebServices": _truth(
        "Amazon Web Services, Inc.", "42183017", "2014-08-03", "USD", "4.11", "0.00", "4.11"
    ),
    "FlipkartInvoice": _truth(
        "WS Retail Services Pvt. Ltd.",
        "BLR_WFLD20151000982590",
        "2015-10-20",
        "INR",
        "278.61",
        "40.39",
        "319.00",
    ),  # fmt: skip
    "NetpresseInvoice": _truth(
        "NETPRESSE", "2022089083", "2022-11-28", "EUR", "46.68", "9.34", "56.02"
    ),
    "QualityHosting": _truth(
        "QualityHosting AG", "30064443", "2014-05-07", "EUR", "34.73", "0.00", "34.73"
    ),
    "SammyMaystoneLinesTest": _truth(
        "Sammy Maystone", "invoice_number_1", "2022-01-01", "USD", "127.50", "0.00", "127.50"
    ),
    "akretion_france-test": _truth(
        "Akretion France", "VT/2022/0001", "2022-09-21", "EUR", "1509.00", "301.80", "1810.80"
    ),
    "free_fiber": _truth("Free SAS", "562044387", "2015-07-02", "EUR", "24.99", "5.00", "29.99"),
    "oyo": _truth(
        "Oravel Stays Pvt. Ltd.", "IBZY2087", "2017-12-31", "INR", "1939.00", "0.00", "1939.00"
    ),
}
# The PNG scans shipped beside some of the PDFs, read as they are.
SHIPPED_PNGS = ("AmazonWebServices", "FlipkartInvoice", "SammyMaystoneLinesTest", "oyo")
# (name, camera, dpi, JPEG quality): a flatbed scan and two phone photos of every PDF.
PICTURES = (("scan200", scan, 200, 85), ("phone150", photo, 150, 80), ("phone96", photo, 96, 80))


def pictures(src: Path) -> list[tuple[str, str, bytes, str]]:
    """(label, source name, file bytes, content type) of every picture of the set."""
    made: list[tuple[str, str, bytes, str]] = []
    for name in sorted(TRUTH):
        if name in SHIPPED_PNGS and (src / f"{name}.png").exists():
            made.append((f"{name}.png", name, (src / f"{name}.png").read_bytes(), "image/png"))
        pdf_path = src / f"{name}.pdf"
        if not pdf_path.exists():
            continue
        pdf = pdf_path.read_bytes()
        for label, camera, dpi, quality in PICTURES:
            seed = zlib.crc32(f"{name}/{label}".encode())
            images = camera(pdf, seed=seed, dpi=dpi)
            data, fmt = save_scan(images, "jpeg", dpi=dpi, quality=quality)
            made.append((f"{name}.{label}.{fmt}", name, data, f"image/{fmt}"))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--src", type=Path, default=os.environ.get("PROCURA_REAL_INVOICES_DIR"))
    parser.add_argument("--only", default="", help="only pictures whose label contains this")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every wrong field")
    args = parser.parse_args()
    if not args.src or not Path(args.src).is_dir():
        print("real invoices: no source folder (--src or $PROCURA_REAL_INVOICES_DIR)")  # noqa: T201
        return
    right: dict[str, int] = defaultdict(int)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confidences: list[tuple[float, bool]] = []
    pages = 0
    started = time.perf_counter()
    items = [p for p in pictures(Path(args.src)) if args.only in p[0]]
    for label, name, data, content_type in items:
        read = read_document(data, content_type)
        pages += len(read.pages)
        result = extract_invoice(read.pages)
        misses = []
        kind = label.split(".")[1] if label.count(".") > 1 else "shipped png"
        for field in KEY_FIELDS:
            got = result.fields[field].value
            ok = same(field, got, TRUTH[name][field])
            right[field] += ok
            by_kind[kind][0] += ok
            by_kind[kind][1] += 1
            if got is not None:
                confidences.append((result.fields[field].confidence, ok))
            if not ok:
                misses.append(f"{field}: got {got!r} want {TRUTH[name][field]!r}")
        print(f"  {label:<40} {7 - len(misses)}/7")  # noqa: T201
        if args.verbose:
            for miss in misses:
                print(f"      {miss}")  # noqa: T201
    elapsed = time.perf_counter() - started
    n = len(items)
    print(f"\n== real invoices, pictures: {n} files, {pages} pages ==")  # noqa: T201
    for field in KEY_FIELDS:
        print(f"  {field:<16} {right[field]:>4}/{n:<4} {100 * right[field] / max(n, 1):6.1f}%")  # noqa: T201
    for kind, (ok, total) in sorted(by_kind.items()):
        print(f"  {kind:<16} {ok:>4}/{total:<4} {100 * ok / max(total, 1):6.1f}%")  # noqa: T201
    all_right = sum(right.values())
    print(f"  OVERALL          {all_right:>4}/{7 * n:<4} {100 * all_right / max(7 * n, 1):6.1f}%")  # noqa: T201
    above = [ok for c, ok in confidences if c >= LOW_CONFIDENCE]
    print(  # noqa: T201
        f"  low line {LOW_CONFIDENCE:.2f}: {above.count(False)} wrong of {len(above)} above it; "
        f"a 1-in-20 line would be {low_line(confidences):.2f}"
    )
    print(f"  {pages / elapsed * 60:.1f} pages/min ({elapsed:.1f} s)")  # noqa: T201


if __name__ == "__main__":
    main()
