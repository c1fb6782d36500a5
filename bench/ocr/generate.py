"""Generate the OCR benchmark set: digital PDFs, scanned-like images and ground truth.

    .venv/bin/python bench/ocr/generate.py --out /tmp/procura-ocr-bench --count 60

Writes ``<name>.pdf`` (digital), ``<name>-scan.<png|jpeg|tiff|pdf>``, ``<name>-camera.<jpeg|tiff>``
(a colour phone photo of the page lying on a desk: perspective, bowed paper, the hand's shadow,
motion blur; render.desk_photo) and ``<name>.json`` (true field values) for each invoice, plus
``manifest.json``. Output is reproducible for a given seed.

``--harsh`` makes the pictures the hard way instead, one of three in turn (the set to report
beside the ordinary one, in another folder):

- a colour phone photo at 110-150 dpi of the page lying on a desk, at an angle (perspective),
  with the phone's shadow and light falling off, stamped and written on, as a rough JPEG
  (quality 45-70; sometimes held sideways);
- a fax: black and white at 96, 100 or 150 dpi, or the standard mode's 204 x 98 dpi, skewed,
  speckled, a line or two dropped (Group 4 TIFF);
- a colour office scan at 150 or 200 dpi, stamped (red, blue or green, often over text),
  signed or ticked in ballpoint, sometimes with a coffee ring (JPEG or image-only PDF).

    .venv/bin/python bench/ocr/generate.py --out /tmp/procura-ocr-harsh --count 48 --harsh
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from invoices import LAYOUTS, make_invoice  # noqa: E402
from render import desk_photo, photo, render_pdf, save_scan, scan  # noqa: E402

from procura.documents.tests.pictures import angled_photo, fax, stamped_scan  # noqa: E402

SCAN_FORMATS = ["png", "jpeg", "tiff", "pdf"]
CAMERA_SEED = 5000  # the desk photos' seeds apart from the scans'


def harsh_scan(pdf: bytes, index: int, seed: int) -> tuple[bytes, str, str]:
    """The picture of ``pdf`` made the hard way (see the module's note): bytes, format and
    what was done."""
    kind = ("photo", "fax", "stamped")[index % 3]
    if kind == "photo":
        images, dpi = angled_photo(pdf, seed=seed + index)
        data, fmt = save_scan(images, "jpeg", dpi=dpi, quality=45 + (seed + index) % 26)
        return data, fmt, f"angled colour photo, {dpi} dpi"
    if kind == "fax":
        pages, resolution = fax(pdf, seed=seed + index)
        data, fmt = save_scan(pages, "tiff", dpi=resolution)
        return data, fmt, f"fax {resolution[0]}x{resolution[1]} dpi"
    stamped = stamped_scan(pdf, seed=seed + index)
    fmt = "pdf" if index % 2 else "jpeg"
    data, fmt = save_scan(stamped, fmt, dpi=200, quality=70)
    return data, fmt, "stamped colour scan"


def generate(out: Path, count: int, seed: int, harsh: bool = False) -> list[dict[str, str]]:
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for index in range(count):
        layout = LAYOUTS[index % len(LAYOUTS)]
        inv = make_invoice(index, layout, seed)
        name = f"inv-{index:03d}-{layout}"
        pdf = render_pdf(inv)
        (out / f"{name}.pdf").write_bytes(pdf)
        treatment = ""
        if harsh:
            scan_bytes, fmt, treatment = harsh_scan(pdf, index, seed)
        elif layout == "india":  # a phone photo at about 96 dpi
            scan_bytes, fmt = save_scan(photo(pdf, seed=seed + index), "jpeg", dpi=96)
        else:
            scan_bytes, fmt = save_scan(
                scan(pdf, seed=seed + index), SCAN_FORMATS[(index // len(LAYOUTS)) % 4]
            )
        scan_name = f"{name}-scan.{fmt}"
        (out / scan_name).write_bytes(scan_bytes)
        # Phones state 72 dpi whatever the picture shows.
        camera_bytes, camera_fmt = save_scan(
            desk_photo(pdf, seed=seed + CAMERA_SEED + index), "jpeg", dpi=72,
            quality=60 + (seed + index) % 26,
        )  # fmt: skip
        camera_name = f"{name}-camera.{camera_fmt}"
        (out / camera_name).write_bytes(camera_bytes)
        (out / f"{name}.json").write_text(json.dumps(inv.truth(), indent=1))
        manifest.append(
            {
                "name": name,
                "layout": layout,
                "digital": f"{name}.pdf",
                "scan": scan_name,
                "camera": camera_name,
                "truth": f"{name}.json",
                **({"treatment": treatment} if treatment else {}),
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
    parser.add_argument(
        "--harsh", action="store_true", help="angled photos, faxes, stamped scans (see above)"
    )
    args = parser.parse_args()
    manifest = generate(args.out, args.count, args.seed, harsh=args.harsh)
    print(f"{len(manifest)} invoices ({len(LAYOUTS)} layouts) written to {args.out}")  # noqa: T201


if __name__ == "__main__":
    main()
