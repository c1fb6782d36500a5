"""Real invoices: the ZUGFeRD corpus (German, French, Italian PDFs with the invoice XML inside).

Two measures:
- structured reading: every ``correct/`` file should parse, every ``fail/`` file be reported
  invalid (without a crash);
- visual reading: each PDF whose embedded XML is sound is read from its pages only (the reader
  never sees the XML) and the seven key fields are compared with the XML's values.

A value counts as right when it equals the XML's (amounts as numbers, dates as dates, the
currency code exactly; the supplier name after case and whitespace folding, with a fuzzy ratio of
at least 90 so that a line break inside a long legal name does not count as a miss).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from procura.documents.extraction import read_document
from procura.documents.extraction.einvoice import einvoice_extraction, read_einvoice
from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.suppliers import normalise_name

KEY_FIELDS = (
    "supplier_name",
    "invoice_number",
    "invoice_date",
    "currency",
    "subtotal",
    "tax",
    "total",
)
AMOUNTS = {"subtotal", "tax", "total"}
# A credit note's XML states positive amounts; its page may print them negative.
CREDIT_NOTES = {"381", "396", "532"}
CORPUS_PATH = Path("shared") / "corpora" / "zugferd-corpus"


def default_corpus() -> Path | None:
    """The corpus in the nearest ``shared/`` folder above the project (or $PROCURA_CORPUS_DIR)."""
    configured = os.environ.get("PROCURA_CORPUS_DIR")
    if configured:
        return Path(configured)
    for parent in Path(__file__).resolve().parents:
        if (parent / CORPUS_PATH).is_dir():
            return parent / CORPUS_PATH
    return None


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace(",", " ").split())


def same(name: str, got: Any, want: Any) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if name in AMOUNTS:
        try:
            return Decimal(str(got)) == Decimal(str(want))
        except ArithmeticError:
            return False
    if name == "supplier_name":
        # The legal form is part of the name but not of who the supplier is.
        return fuzz.ratio(normalise_name(str(got)), normalise_name(str(want))) >= 90
    return " ".join(str(got).split()) == " ".join(str(want).split())


@dataclass
class CorpusReport:
    structured: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    structured_misses: list[str] = field(default_factory=list)
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # (confidence, right) of every value the visual reader gave, for the low line
    values: list[tuple[float, bool]] = field(default_factory=list)
    missing_listed: int = 0
    misses: list[str] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    invoices: int = 0


def _files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix.lower() in {".pdf", ".xml"} and ("/correct/" in str(p) or "/fail/" in str(p))
    )


def _truth(path: Path) -> dict[str, Any] | None:
    outcome = read_einvoice(path.read_bytes(), "application/pdf")
    if outcome is None or not outcome.valid:
        return None
    fields = einvoice_extraction(outcome).fields
    truth: dict[str, Any] = {name: fields[name].value for name in KEY_FIELDS}
    truth["credit_note"] = bool(outcome.invoice and outcome.invoice.type_code in CREDIT_NOTES)
    return truth


def run(root: Path, verbose: bool = False) -> CorpusReport:
    logging.disable(logging.WARNING)  # the XML libraries log every schema deviation
    report = CorpusReport()
    for path in _files(root):
        kind = "fail" if "/fail/" in str(path) else "correct"
        content_type = "application/pdf" if path.suffix.lower() == ".pdf" else "application/xml"
        try:
            outcome = read_einvoice(path.read_bytes(), content_type)
            valid = bool(outcome and outcome.valid)
        except Exception as exc:  # a crash is what this measure is for
            valid = False
            report.structured_misses.append(f"CRASH {path.relative_to(root)}: {exc!r}")
        report.structured[kind][1] += 1
        ok = valid == (kind == "correct")
        report.structured[kind][0] += ok
        if not ok:
            report.structured_misses.append(f"{kind} read as {'valid' if valid else 'invalid'}: "
                                            f"{path.relative_to(root)}")  # fmt: skip
    seen: set[str] = set()
    for path in _files(root) + sorted((root / "XML-Rechnung" / "FX").glob("*.pdf")):
        if path.suffix.lower() != ".pdf":
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        truth = _truth(path)
        if truth is None:
            continue
        started = time.perf_counter()
        read = read_document(data, "application/pdf")
        result = extract_invoice(read.pages)
        report.seconds += time.perf_counter() - started
        report.pages += len(read.pages)
        report.invoices += 1
        for name in KEY_FIELDS:
            got = result.fields[name]
            ok = same(name, got.value, truth[name])
            if not ok and truth["credit_note"] and name in AMOUNTS and got.value:
                ok = same(name, str(got.value).lstrip("-"), truth[name])
            report.total[name] += 1
            report.right[name] += ok
            if got.value is not None:
                report.values.append((got.confidence, ok))
            elif name in result.missing_fields:
                report.missing_listed += 1
            if not ok:
                report.misses.append(
                    f"{path.name} {name}: got {got.value!r} ({got.confidence:.2f}) "
                    f"want {truth[name]!r}"
                )
    return report


def low_line(values: list[tuple[float, bool]], wrong_rate: float = 0.05) -> float:
    """The lowest confidence above which at most ``wrong_rate`` of the values are wrong."""
    for line in sorted({round(c, 2) for c, _ in values}):
        above = [ok for c, ok in values if c >= line]
        if above and above.count(False) / len(above) <= wrong_rate:
            return line
    return 1.0


def format_report(report: CorpusReport, verbose: bool = False) -> list[str]:
    out = [f"\n== corpus (real invoices, visual reading only): {report.invoices} PDFs, "
           f"{report.pages} pages ==" ]  # fmt: skip
    right_all = sum(report.right.values())
    total_all = sum(report.total.values())
    for name in KEY_FIELDS:
        n = report.total[name]
        out.append(f"  {name:<16} {report.right[name]:>4}/{n:<4} "
                   f"{100 * report.right[name] / max(n, 1):6.1f}%")  # fmt: skip
    out.append(f"  KEY FIELDS       {right_all:>4}/{total_all:<4} "
               f"{100 * right_all / max(total_all, 1):6.1f}%")  # fmt: skip
    line = low_line(report.values)
    above = [ok for c, ok in report.values if c >= line]
    out.append(
        f"  low-confidence line for <= 1 in 20 wrong: {line:.2f} "
        f"({above.count(False)} wrong of {len(above)} values above it); "
        f"{report.missing_listed} missing values listed as missing"
    )
    if report.seconds:
        out.append(f"  throughput       {report.pages / report.seconds * 60:.1f} pages/min")
    for kind in ("correct", "fail"):
        ok, n = report.structured[kind]
        verb = "parsed" if kind == "correct" else "reported invalid"
        out.append(f"  e-invoice {kind + '/':<9} {ok:>3}/{n:<3} {verb}")
    if verbose:
        out += ["  " + miss for miss in report.misses + report.structured_misses]
    return out
