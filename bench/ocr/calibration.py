"""Calibration of the reader's confidence: is a value above the low line right 19 times in 20?

Pools every key-field value the visual reader gives over the sets: the third-party invoices of
real.json (PDFs and images), the hand-written world invoices (every split, with their phone
photos) and, unless ``--quick``, the ZUGFeRD corpus PDFs (truth = their embedded XML). For each
value it records the field, the confidence, right or wrong, the source (label, pattern, layout,
derived, hint...), how its page was read (text layer or OCR) and the cues behind its confidence
(``confidence.cues``). It prints the reliability per confidence band, per field and per source,
every wrong value above the line, and the lowest line keeping wrong values <= 5% on the DEV
part against the rate that line gives on the HELD-OUT part.

Dev and held-out follow the ``split`` keys: real.json's "dev" / "held-out*", world truth.json's
"dev" and "*-dev" / "held-out*" and "*-held-out", the corpus's fixed split by file name (corpus.split_of).

    PYTHONPATH=. .venv/bin/python bench/ocr/calibration.py --quick      # real + world
    PYTHONPATH=. .venv/bin/python bench/ocr/calibration.py               # + the corpus PDFs
    PYTHONPATH=. .venv/bin/python bench/ocr/calibration.py --quick --jsonl /tmp/values.jsonl

The pages read (text layer or OCR) are kept in var/bench-cache/calibration/, keyed by the file
and by the reading code (a change to the OCR or layout modules reads again); extraction and the
confidence rules run afresh every time. ``--fresh`` ignores the kept pages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import pickle
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import AMOUNTS, KEY_FIELDS, default_corpus, low_line, same, split_of, visual_files  # noqa: E402
from real import CONTENT_TYPES  # noqa: E402
from real import load as load_real  # noqa: E402
from world import PHOTOS  # noqa: E402

import procura.documents.extraction.invoice as invoice_module  # noqa: E402
from procura.documents.extraction import read_document  # noqa: E402
from procura.documents.extraction.confidence import cues, doubts  # noqa: E402
from procura.documents.extraction.context import DocumentView  # noqa: E402
from procura.documents.extraction.invoice import extract_invoice  # noqa: E402
from procura.documents.extraction.layout import Page  # noqa: E402
from procura.documents.extraction.result import LOW_CONFIDENCE  # noqa: E402
from procura.documents.tests.world import names, photograph, render_pdf  # noqa: E402
from procura.documents.tests.world import truth as world_truth  # noqa: E402

CACHE = ROOT / "var" / "bench-cache" / "calibration"
READING_CODE = ("reading.py", "ocr.py", "imaging.py", "layout.py", "hybrid_pdf.py", "signed.py")
BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass
class Value:
    set: str  # real | world | corpus
    split: str  # as the set's truth names it
    group: str  # dev | held-out
    file: str
    kind: str  # pdf | image
    field: str
    value: str | None
    want: Any
    confidence: float
    before: float  # without the rules of confidence.py
    right: bool
    source: str  # label | pattern | layout | derived | hint | ...
    read: str  # text | ocr
    cues: list[str]
    doubts: list[str]  # the rules of confidence.py that lowered it


@dataclass
class Document:
    set: str
    split: str
    label: str
    data: bytes
    content_type: str
    truth: dict[str, Any]


def _code_digest() -> str:
    folder = ROOT / "procura" / "documents" / "extraction"
    digest = hashlib.sha256()
    for name in READING_CODE:
        path = folder / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def pages_of(data: bytes, content_type: str, fresh: bool = False) -> list[Page]:
    """The document's pages as the reader gives them, kept between runs."""
    key = f"{hashlib.sha256(data).hexdigest()[:24]}-{_code_digest()}.pickle"
    path = CACHE / key
    if path.exists() and not fresh:
        pages: list[Page] = pickle.loads(path.read_bytes())  # noqa: S301 (written just here)
        return pages
    pages = read_document(data, content_type).pages
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(pages))
    return pages


def documents(quick: bool, corpus: Path | None) -> Iterator[Document]:
    files, problems = load_real()
    for problem in problems:
        print(f"  NOT MEASURED: {problem}", file=sys.stderr)  # noqa: T201
    for entry, data in files:
        suffix = Path(entry["file"]).suffix.lower()
        yield Document("real", entry.get("split", "dev"), entry["file"], data,
                       CONTENT_TYPES[suffix], entry["truth"])  # fmt: skip
    truths = world_truth()
    for name in names():
        want = truths[name]
        pdf = render_pdf(name)
        yield Document("world", want.get("split", "dev"), name, pdf, "application/pdf", want)
        if name in PHOTOS:
            dpi, seed = PHOTOS[name]
            yield Document("world", want.get("split", "dev"), f"{name} photo {dpi} dpi",
                           photograph(pdf, dpi, seed), "image/jpeg", want)  # fmt: skip
    if quick or corpus is None or not corpus.is_dir():
        return
    logging.disable(logging.WARNING)
    for path, data, truth in visual_files(corpus):
        yield Document("corpus", split_of(path), path.name, data, "application/pdf", truth)


@contextmanager
def _rules_off() -> Iterator[None]:
    applied = invoice_module.calibrate
    invoice_module.calibrate = lambda doc, result: None  # type: ignore[assignment]
    try:
        yield
    finally:
        invoice_module.calibrate = applied


def values_of(document: Document, fresh: bool = False) -> list[Value]:
    pages = pages_of(document.data, document.content_type, fresh)
    result = extract_invoice(pages)
    with _rules_off():
        raw = extract_invoice(pages)
    found = cues(DocumentView(pages), result)
    doubted = doubts(DocumentView(pages), raw)
    by_number = {page.number: page.source for page in pages}
    whole = "ocr" if any(page.source == "ocr" for page in pages) else "text"
    out = []
    for name in KEY_FIELDS:
        got = result.fields[name]
        if got.value is None:
            continue
        want = document.truth[name]
        ok = same(name, got.value, want)
        if not ok and document.truth.get("credit_note") and name in AMOUNTS:
            ok = same(name, str(got.value).lstrip("-"), want)
        read = by_number.get(got.location.page, whole) if got.location else whole
        out.append(
            Value(
                set=document.set,
                split=document.split,
                group="dev" if document.split.split("-")[-1] == "dev" else "held-out",
                file=document.label,
                kind="pdf" if document.content_type == "application/pdf" else "image",
                field=name,
                value=got.value,
                want=want,
                confidence=got.confidence,
                before=raw.fields[name].confidence,
                right=ok,
                source=got.source,
                read=read,
                cues=found.get(name, []),
                doubts=doubted.get(name, []),
            )
        )
    return out


def _rate(values: list[Value], line: float) -> str:
    above = [v for v in values if v.confidence >= line]
    wrong = sum(not v.right for v in above)
    return f"{wrong:>3} wrong of {len(above):>4} above {line:.2f} ({100 * wrong / max(len(above), 1):4.1f}%)"


def _table(title: str, values: list[Value], key: Any) -> list[str]:
    out = [f"  -- {title}: values / wrong / above the line {LOW_CONFIDENCE:.2f}: n, wrong --"]
    groups: dict[str, list[Value]] = defaultdict(list)
    for value in values:
        groups[key(value)].append(value)
    for name, group in sorted(groups.items()):
        above = [v for v in group if v.confidence >= LOW_CONFIDENCE]
        out.append(
            f"  {name:<28} {len(group):>5} {sum(not v.right for v in group):>4}   "
            f"{len(above):>5} {sum(not v.right for v in above):>4}"
        )
    return out


def _band(confidence: float) -> str:
    for low, high in zip(BANDS, BANDS[1:], strict=False):
        if confidence < high or high == 1.0:
            return f"{low:.2f}-{high:.2f}"
    return "1.00"


def format_report(values: list[Value], verbose: bool = True) -> list[str]:
    out = [f"\n== calibration: {len(values)} values read, low line {LOW_CONFIDENCE:.2f} =="]
    for group in ("dev", "held-out"):
        part = [v for v in values if v.group == group]
        out.append(f"\n  ==== {group.upper()} ====")
        out.append(f"  all               {_rate(part, LOW_CONFIDENCE)}")
        for set_name in ("real", "world", "corpus"):
            for kind in ("pdf", "image"):
                some = [v for v in part if v.set == set_name and v.kind == kind]
                if some:
                    out.append(f"  {set_name + ' ' + kind:<17} {_rate(some, LOW_CONFIDENCE)}")
        out += _table("by confidence band", part, lambda v: _band(v.confidence))
        out += _table("by field", part, lambda v: v.field)
        out += _table("by source", part, lambda v: f"{v.source} ({v.read})")
        out += _table("by split", part, lambda v: f"{v.set} {v.split}")
    dev = [v for v in values if v.group == "dev"]
    held = [v for v in values if v.group == "held-out"]
    line = low_line([(v.confidence, v.right) for v in dev])
    out.append(f"\n  line keeping <= 5% wrong on DEV: {line:.2f}")
    out.append(f"    DEV      {_rate(dev, line)}")
    out.append(f"    HELD-OUT {_rate(held, line)}")
    out.append(f"  at the app's line {LOW_CONFIDENCE:.2f}:")
    out.append(f"    DEV      {_rate(dev, LOW_CONFIDENCE)}")
    out.append(f"    HELD-OUT {_rate(held, LOW_CONFIDENCE)}")
    right_below = sum(v.right and v.confidence < LOW_CONFIDENCE for v in dev)
    out.append(
        f"    right values below the line on DEV: {right_below} of {sum(v.right for v in dev)}"
    )
    out.append(f"  without the rules of confidence.py (line {LOW_CONFIDENCE:.2f}):")
    for group, part in (("DEV", dev), ("HELD-OUT", held)):
        before = [(v.before, v.right) for v in part]
        above = [ok for c, ok in before if c >= LOW_CONFIDENCE]
        out.append(f"    {group:<8} {above.count(False):>3} wrong of {len(above):>4} above "
                   f"({100 * above.count(False) / max(len(above), 1):4.1f}%); line giving <= 5%: "
                   f"{low_line(before):.2f}")  # fmt: skip
    out.append("  each rule: values it put below the line (were above): right / wrong")
    reasons = sorted({reason for v in values for reason in v.doubts})
    for reason in reasons:
        cells = []
        for part in (dev, held):
            moved = [v for v in part if reason in v.doubts and v.before >= LOW_CONFIDENCE]
            cells.append(f"{sum(v.right for v in moved):>3} / {sum(not v.right for v in moved):<3}")
        out.append(f"    {reason[:58]:<58} DEV {cells[0]}  HELD-OUT {cells[1]}")
    if verbose:
        for group, part in (("DEV", dev), ("HELD-OUT", held)):
            out.append(f"\n  wrong above {LOW_CONFIDENCE:.2f} ({group}):")
            for v in sorted(part, key=lambda v: -v.confidence):
                if not v.right and v.confidence >= LOW_CONFIDENCE:
                    out.append(
                        f"    {v.confidence:.2f} [{v.set} {v.split}] {v.file} {v.field}: "
                        f"{v.value!r} want {v.want!r} ({v.source}, {v.read}; "
                        f"{', '.join(v.cues) or 'no cue'})"
                    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="without the corpus PDFs")
    parser.add_argument("--fresh", action="store_true", help="read every page again")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--jsonl", type=Path, default=None, help="write every value here")
    parser.add_argument("-q", "--brief", action="store_true", help="no wrong-value lists")
    args = parser.parse_args()
    values: list[Value] = []
    for document in documents(args.quick, args.corpus or default_corpus()):
        values += values_of(document, args.fresh)
    if args.jsonl:
        args.jsonl.write_text("".join(json.dumps(asdict(v), default=str) + "\n" for v in values))
    print("\n".join(format_report(values, verbose=not args.brief)))  # noqa: T201


if __name__ == "__main__":
    main()
