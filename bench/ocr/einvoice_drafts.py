"""Draft invoices made from e-invoices: do their lines keep the XML's line amounts, and do they
add up to its amount without tax?

Every valid e-invoice with lines in the ZUGFeRD corpus (``correct/`` PDFs and XML, the
XML-Rechnung examples) and the public suites (``einvoice_suites/``) goes through the entry an
upload takes (``read_einvoice``, the extraction, the draft's lines and their rows) without a
database. Counted: lines whose draft total is not the amount the XML states for them, and drafts
whose lines (with the document's allowances and charges as lines of their own) do not add up,
to the cent, to the amount without tax (BT-109).

    PYTHONPATH=. .venv/bin/python bench/ocr/einvoice_drafts.py [-v]
"""

from __future__ import annotations

import logging
import os
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import default_corpus  # noqa: E402
from einvoice_suites import SUITES  # noqa: E402


def files() -> list[Path]:
    corpus = default_corpus()
    found = sorted(SUITES.rglob("*.xml"))
    if corpus is not None:
        found += sorted((corpus / "XML-Rechnung").rglob("*.xml"))
        for version in ("ZUGFeRDv1", "ZUGFeRDv2"):
            found += sorted(
                p
                for p in (corpus / version).rglob("*")
                if p.suffix.lower() in {".pdf", ".xml"} and "/correct/" in str(p)
            )
    return found


def main(verbose: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings_test")
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from procura.documents.extraction.einvoice import einvoice_extraction, read_einvoice
    from procura.procurement.models import SupplierInvoice
    from procura.procurement.services.invoice_documents import _lines
    from procura.procurement.services.invoices import invoice_line_rows

    documents = off = lines = lines_off = 0
    for path in files():
        kind = "application/pdf" if path.suffix.lower() == ".pdf" else "application/xml"
        outcome = read_einvoice(path.read_bytes(), kind)
        if outcome is None or not outcome.valid or outcome.invoice is None:
            continue
        extraction = einvoice_extraction(outcome).as_json()
        net = extraction["fields"]["subtotal"]["value"]
        if not outcome.invoice.lines or net is None:
            continue
        draft, _ = _lines(extraction["line_items"], None)
        totals = [row.line_total for row in invoice_line_rows(SupplierInvoice(), draft)]
        stated = [Decimal(i["amount"]) for i in extraction["line_items"] if i.get("amount")]
        documents += 1
        lines += len(stated)
        lines_off += sum(1 for amount in stated if amount not in totals)
        if sum(totals, Decimal(0)) != Decimal(net):
            off += 1
            if verbose:
                print(f"  off: {path.name}: lines {sum(totals, Decimal(0))}, net {net}")  # noqa: T201
    print(f"\n== e-invoice drafts: {documents} valid e-invoices with lines ==")  # noqa: T201
    print(f"  lines keeping the XML's amount     {lines - lines_off:>4}/{lines}")  # noqa: T201
    print(f"  drafts adding up to the net amount {documents - off:>4}/{documents}")  # noqa: T201


if __name__ == "__main__":
    main("-v" in sys.argv)
