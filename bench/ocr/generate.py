"""Generate the OCR benchmark set: digital PDFs, scanned-like images and ground truth.

    .venv/bin/python bench/ocr/generate.py --out /tmp/procura-ocr-bench --count 60

Writes ``<name>.pdf`` (digital), ``<name>-scan.<png|jpeg|tiff|pdf>`` and ``<name>.json`` (true
field values) for each invoice, plus ``manifest.json``. Output is reproducible for a given seed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from invoices import LAYOUTS, make_invoice  # noqa: E402
from render import photo, render_pdf, save_scan, scan  # noqa: E402

SCAN_FORMATS = ["png", "jpeg", "tiff", "pdf"]


def generate(out: Path, count: int, seed: int) -> list[dict[str, str]]:
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for index in range(count):
        layout = LAYOUTS[index % len(LAYOUTS)]
        inv = make_invoice(index, layout, seed)
        name = f"inv-{index:03d}-{layout}"
        pdf = render_pdf(inv)
        (out / f"{name}.pdf").write_bytes(pdf)
        if layout == "india":  # a phone photo at about 96 dpi
            scan_bytes, fmt = save_scan(photo(pdf, seed=seed + index), "jpeg", dpi=96)
        else:
            scan_bytes, fmt = save_scan(
                scan(pdf, seed=seed + index), SCAN_FORMATS[(index // len(LAYOUTS)) % 4]
            )
        scan_name = f"{name}-scan.{fmt}"
        (out / scan_name).write_bytes(scan_bytes)
        (out / f"{name}.json").write_text(json.dumps(inv.truth(), indent=1))
        manifest.append(
            {
                "name": name,
                "layout": layout,
                "digital": f"{name}.pdf",
                "scan": scan_name,
                "truth": f"{name}.json",
            }
        )
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "procura-ocr-bench"
    )
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    manifest = generate(args.out, args.count, args.seed)
    print(f"{len(manifest)} invoices ({len(LAYOUTS)} layouts) written to {args.out}")  # noqa: T201


if __name__ == "__main__":
    main()
