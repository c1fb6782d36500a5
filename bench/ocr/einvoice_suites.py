"""Public e-invoice example suites (``einvoice_suites/``, sources in its SOURCES.md): UBL invoices
and credit notes, CII, XRechnung and PEPPOL BIS instances from outside the ZUGFeRD corpus.

Each file goes through the entry an upload takes (``read_einvoice`` on a bare XML, then the
extraction the draft supplier invoice is made from, then the draft's own line rules) and is
compared with what the XML says, read here by a small XPath reader of its own that shares no
code with the product:

- no crash;
- header: number, issue and due date, seller name (BT-27, or the trading name BT-28 when there
  is no legal name) and VAT id (BT-31), buyer name (BT-44), currency (BT-5), amount without tax
  (BT-109), tax in the document currency (BT-110), amount with tax (BT-112), prepaid (BT-113)
  and amount due (BT-115). A document whose total is negative is expected as a credit note of
  the same amounts turned positive, as the draft keeps it;
- every line: quantity and unit (BT-129/130), net price per unit (BT-146 over BT-149), line net
  amount (BT-131), VAT category and rate (BT-151/152); and the draft keeps every line with its
  amount to the cent, and its lines, with the document's allowances and charges, add up to the
  amount without tax exactly;
- the verdict: a file the suite publishes as valid must not be reported invalid (``expect``
  column of SOURCES.md: valid, or ``-`` where the suite says nothing).
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree

SUITES = Path(__file__).resolve().parent / "einvoice_suites"
HEADER = (
    "number",
    "issue_date",
    "due_date",
    "seller_name",
    "seller_vat",
    "buyer_name",
    "currency",
    "net",
    "tax",
    "total",
    "prepaid",
    "amount_due",
)
LINE = ("quantity", "unit", "price", "amount", "category", "rate")
NUMBERS = {"net", "tax", "total", "prepaid", "amount_due", "quantity", "price", "amount", "rate"}


# ---------------------------------------------------------------------------------------------
# The truth: a minimal reader of the two syntaxes, by local names only.


def _all(node: Any, path: str) -> list[Any]:
    steps = "/".join(
        s if s.startswith("@") else f"*[local-name()='{s}']" for s in path.split("/") if s
    )
    return list(node.xpath("./" + steps))


def _get(node: Any, path: str) -> str | None:
    found = _all(node, path)
    if not found:
        return None
    value = found[0] if isinstance(found[0], str) else found[0].text
    value = " ".join((value or "").split())
    return value or None


def _first(found: list[Any]) -> Any:
    return found[0] if found else None


def _num(value: str | None) -> Decimal | None:
    try:
        return Decimal(value) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _ymd(value: str | None) -> str | None:
    """A date as ISO: CII's 102 format (20160621) or UBL's xsd:date, whose optional time zone
    (2016-04-04+01:00) does not change the day."""
    if value and re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return value


def _sums(node: Any, names: tuple[str, str, str], taxes: list[Any]) -> dict[str, Any]:
    """Amount without tax, with tax and prepaid (named per syntax), and the tax total in the
    invoice currency (the first of ``taxes``; none stated is none charged)."""
    net, total, prepaid = names
    return {
        "net": _num(_get(node, net)),
        "tax": _num(" ".join((taxes[0].text or "").split())) if taxes else Decimal(0),
        "total": _num(_get(node, total)),
        "prepaid": _num(_get(node, prepaid)) or Decimal(0),
    }


def _ubl_truth(root: Any) -> dict[str, Any]:
    credit = etree.QName(root).localname == "CreditNote"
    # UBL 2.x may leave the document currency out; the amounts then carry it.
    currency = _get(root, "DocumentCurrencyCode") or _get(
        root, "LegalMonetaryTotal/PayableAmount/@currencyID"
    )
    seller = _all(root, "AccountingSupplierParty/Party")[0]
    buyer = _all(root, "AccountingCustomerParty/Party")[0]
    totals = _all(root, "LegalMonetaryTotal")[0]
    vat = next(
        (
            _get(scheme, "CompanyID")
            for scheme in _all(seller, "PartyTaxScheme")
            if _get(scheme, "TaxScheme/ID") == "VAT"
        ),
        None,
    )
    taxes = [t for t in _all(root, "TaxTotal/TaxAmount") if t.get("currencyID") in (None, currency)]
    due = _get(root, "DueDate") or _get(root, "PaymentMeans/PaymentDueDate")
    lines = []
    for line in _all(root, "CreditNoteLine" if credit else "InvoiceLine"):
        quantity = _first(_all(line, "CreditedQuantity" if credit else "InvoicedQuantity"))
        price = _num(_get(line, "Price/PriceAmount"))
        base = _num(_get(line, "Price/BaseQuantity")) or Decimal(1)
        lines.append(
            {
                "quantity": _num(quantity.text) if quantity is not None else None,
                "unit": (quantity.get("unitCode") or None) if quantity is not None else None,
                "price": price / base if price is not None else None,
                "amount": _num(_get(line, "LineExtensionAmount")),
                "category": _get(line, "Item/ClassifiedTaxCategory/ID"),
                "rate": _num(_get(line, "Item/ClassifiedTaxCategory/Percent")),
            }
        )
    sums = _sums(totals, ("TaxExclusiveAmount", "TaxInclusiveAmount", "PrepaidAmount"), taxes)
    payable = _num(_get(totals, "PayableAmount"))
    if sums["total"] is None and payable is not None:
        # UBL 2.x may leave the amount with tax out: what is due plus what was paid before,
        # less the rounding, as EN 16931 defines the amount due.
        rounding = _num(_get(totals, "PayableRoundingAmount")) or Decimal(0)
        sums["total"] = payable + sums["prepaid"] - rounding
    return {
        "number": _get(root, "ID"),
        "issue_date": _ymd(_get(root, "IssueDate")),
        "due_date": _ymd(due),
        "seller_name": _get(seller, "PartyLegalEntity/RegistrationName")
        or _get(seller, "PartyName/Name"),
        "seller_vat": vat,
        "buyer_name": _get(buyer, "PartyLegalEntity/RegistrationName")
        or _get(buyer, "PartyName/Name"),
        "currency": currency,
        **sums,
        "amount_due": payable,
        "lines": lines,
    }


def _cii_truth(root: Any) -> dict[str, Any]:
    trade = _all(root, "SupplyChainTradeTransaction")[0]
    agreement = _all(trade, "ApplicableHeaderTradeAgreement")[0]
    settlement = _all(trade, "ApplicableHeaderTradeSettlement")[0]
    sums = _all(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation")[0]
    currency = _get(settlement, "InvoiceCurrencyCode")
    seller = _all(agreement, "SellerTradeParty")[0]
    buyer = _all(agreement, "BuyerTradeParty")[0]
    vat = next(
        (
            " ".join((r.text or "").split())
            for r in _all(seller, "SpecifiedTaxRegistration/ID")
            if r.get("schemeID") == "VA"
        ),
        None,
    )
    taxes = _all(sums, "TaxTotalAmount")
    in_currency = [t for t in taxes if t.get("currencyID") in (None, currency)]
    lines = []
    for item in _all(trade, "IncludedSupplyChainTradeLineItem"):
        quantity = _first(_all(item, "SpecifiedLineTradeDelivery/BilledQuantity"))
        price = _num(
            _get(item, "SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount")
        )
        base = _num(
            _get(item, "SpecifiedLineTradeAgreement/NetPriceProductTradePrice/BasisQuantity")
        ) or Decimal(1)
        tax = "SpecifiedLineTradeSettlement/ApplicableTradeTax/"
        lines.append(
            {
                "quantity": _num(quantity.text) if quantity is not None else None,
                "unit": (quantity.get("unitCode") or None) if quantity is not None else None,
                "price": price / base if price is not None else None,
                "amount": _num(
                    _get(
                        item,
                        "SpecifiedLineTradeSettlement/"
                        "SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount",
                    )
                ),
                "category": _get(item, tax + "CategoryCode"),
                "rate": _num(_get(item, tax + "RateApplicablePercent")),
            }
        )
    return {
        "number": _get(root, "ExchangedDocument/ID"),
        "issue_date": _ymd(_get(root, "ExchangedDocument/IssueDateTime/DateTimeString")),
        "due_date": _ymd(
            _get(settlement, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")
        ),
        "seller_name": _get(seller, "Name"),
        "seller_vat": vat,
        "buyer_name": _get(buyer, "Name"),
        "currency": currency,
        **_sums(
            sums, ("TaxBasisTotalAmount", "GrandTotalAmount", "TotalPrepaidAmount"), in_currency
        ),
        "amount_due": _num(_get(sums, "DuePayableAmount")),
        "lines": lines,
    }


def truth_of(data: bytes) -> dict[str, Any]:
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    if "CrossIndustryInvoice" in etree.QName(root).localname:
        return _cii_truth(root)
    return _ubl_truth(root)


# ---------------------------------------------------------------------------------------------
# The product, through the upload's entry.


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings_test")
    import django

    django.setup()


def product_of(data: bytes, content_type: str = "application/xml") -> dict[str, Any]:
    from procura.documents.extraction.einvoice import einvoice_extraction, read_einvoice
    from procura.procurement.services.invoice_documents import _lines

    outcome = read_einvoice(data, content_type)
    if outcome is None:  # a PDF with no e-invoice inside
        return {"valid": False, "findings": [{"severity": "error", "where": "-",
                                              "message": "no e-invoice found"}]}  # fmt: skip
    got: dict[str, Any] = {"valid": outcome.valid, "findings": outcome.report()["findings"]}
    if outcome.invoice is None:
        return got
    result = einvoice_extraction(outcome).as_json()
    fields = {name: fv["value"] for name, fv in result["fields"].items()}
    totals = (result.get("einvoice") or {}).get("totals") or {}
    got.update(
        kind=result["kind"],
        number=fields.get("invoice_number"),
        issue_date=fields.get("invoice_date"),
        due_date=fields.get("due_date"),
        seller_name=fields.get("supplier_name"),
        seller_vat=(result["parties"].get("supplier") or {}).get("vat_id"),
        buyer_name=(result["parties"].get("buyer") or {}).get("name"),
        currency=fields.get("currency"),
        net=fields.get("subtotal"),
        tax=fields.get("tax"),
        total=fields.get("total"),
        prepaid=totals.get("prepaid"),
        amount_due=totals.get("amount_due"),
        lines=[
            {
                "quantity": item.get("quantity"),
                "unit": item.get("unit"),
                "price": item.get("unit_price"),
                "amount": item.get("amount"),
                "category": item.get("tax_category"),
                "rate": item.get("tax_rate"),
            }
            for item in result["line_items"]
        ],
    )
    draft, _ = _lines(result["line_items"], None)
    got["draft_lines"] = [
        (line["quantity"], line["unit_price"], line.get("line_total")) for line in draft
    ]
    return got


# ---------------------------------------------------------------------------------------------


def _same(name: str, got: Any, want: Any) -> bool:
    if want is None or got is None:
        return want is None and got in (None, "")
    if name in NUMBERS:
        try:
            return Decimal(str(got)) == Decimal(str(want))
        except InvalidOperation:
            return False
    return " ".join(str(got).split()) == " ".join(str(want).split())


@dataclass
class Outcome:
    path: str
    crashed: str | None = None
    misses: list[str] = field(default_factory=list)
    verdict_wrong: str | None = None
    invalid: str | None = None
    header_right: int = 0
    lines_right: int = 0
    lines: int = 0


def _expected(truth: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What the extraction should say: a negative total is read as a credit note of positive
    amounts, each line's quantity and amount turned with it."""
    negative = truth["total"] is not None and truth["total"] < 0
    header = dict(truth)
    lines = [dict(line) for line in truth["lines"]]
    if negative:
        for name in ("net", "tax", "total", "prepaid", "amount_due"):
            if header[name] is not None:
                header[name] = -header[name]
        for line in lines:
            for name in ("quantity", "amount"):
                if line[name] is not None:
                    line[name] = -line[name]
    return header, lines


def _bills(have: dict[str, Any], want: dict[str, Any]) -> bool:
    """The draft's price may be what the line bills per unit (the line amount over the
    quantity, to the four places a unit price has) where line allowances or charges, or the
    producer's own arithmetic, make the net price times the quantity differ from the line
    amount."""
    quantity, amount, price = want["quantity"], want["amount"], have.get("price")
    if not quantity or amount is None or price is None:
        return False
    try:
        billed = Decimal(str(price)) * quantity
    except InvalidOperation:
        return False
    return abs(billed - amount) <= Decimal("0.01") + abs(quantity) * Decimal("0.00005")


def check(path: Path, expect: str) -> Outcome:
    data = path.read_bytes()
    return check_data(str(path.relative_to(SUITES)), data, data, expect)


def check_data(
    name: str, data: bytes, xml: bytes, expect: str, content_type: str = "application/xml"
) -> Outcome:
    """One file as uploaded (``data``, of ``content_type``) against its XML (``xml``: the file
    itself, or the e-invoice a PDF carries)."""
    result = Outcome(name)
    truth = truth_of(xml)
    try:
        got = product_of(data, content_type)
    except Exception:  # the bench reports a crash, it does not stop at one
        result.crashed = traceback.format_exc(limit=3).strip().splitlines()[-1]
        return result
    errors = [f for f in got["findings"] if f["severity"] == "error"]
    if not got["valid"]:
        result.invalid = "; ".join(f"{f['where']}: {f['message'][:120]}" for f in errors)
    if expect == "valid" and not got["valid"]:
        result.verdict_wrong = result.invalid
    elif expect == "invalid" and got["valid"]:
        result.verdict_wrong = "reported valid, published as invalid"
    if "number" not in got:
        result.misses.append("no invoice read")
        return result
    header, lines = _expected(truth)
    for name in HEADER:
        if _same(name, got.get(name), header[name]):
            result.header_right += 1
        else:
            result.misses.append(f"{name}: got {got.get(name)!r} want {header[name]!r}")
    product_lines = got["lines"][: len(lines)]
    result.lines = len(lines)
    for index, want in enumerate(lines):
        have = product_lines[index] if index < len(product_lines) else {}
        wrong = [k for k in LINE if not _same(k, have.get(k), want[k])]
        if wrong == ["price"] and _bills(have, want):
            wrong = []
        if wrong:
            result.misses.append(
                f"line {index + 1} "
                + ", ".join(f"{k} got {have.get(k)!r} want {want[k]!r}" for k in wrong)
            )
        else:
            result.lines_right += 1
    # The draft keeps each line's amount as the document states it (else its quantity times
    # price, rounded to the cent).
    draft_amounts = [
        Decimal(str(total))
        if total is not None
        else (Decimal(str(q)) * Decimal(str(p))).quantize(Decimal("0.01"), ROUND_HALF_UP)
        for q, p, total in got["draft_lines"]
    ]
    for index, want in enumerate(lines):
        amount = want["amount"]
        if amount is not None and amount not in draft_amounts:
            result.misses.append(f"line {index + 1} missing from the draft (amount {amount})")
            result.lines_right -= result.lines_right > 0
    # With the document's allowances and charges as lines of their own, the draft's lines add
    # up to the amount without tax, to the cent.
    drafted = sum(draft_amounts, Decimal(0))
    if header["net"] is not None and drafted != header["net"]:
        result.misses.append(f"draft lines add up to {drafted}, not {header['net']}")
    return result


def sources() -> list[tuple[Path, str]]:
    """The files SOURCES.md lists, with the verdict their suite publishes."""
    found = []
    for row in (SUITES / "SOURCES.md").read_text().splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) >= 6 and cells[0].endswith(".xml"):
            found.append((SUITES / cells[0], cells[5]))
    return found


def run() -> list[Outcome]:
    _django()
    logging.disable(logging.WARNING)
    return [check(path, expect) for path, expect in sources()]


def format_report(outcomes: list[Outcome], verbose: bool = False) -> list[str]:
    files = len(outcomes)
    crashed = [o for o in outcomes if o.crashed]
    verdicts = [o for o in outcomes if o.verdict_wrong]
    header_total = (files - len(crashed)) * len(HEADER)
    header_right = sum(o.header_right for o in outcomes)
    lines_total = sum(o.lines for o in outcomes)
    lines_right = sum(o.lines_right for o in outcomes)
    perfect = [o for o in outcomes if not o.crashed and not o.misses and not o.verdict_wrong]
    out = [
        f"\n== e-invoice suites: {files} files ==",
        f"  no crash            {files - len(crashed):>4}/{files}",
        f"  header fields right {header_right:>4}/{header_total}",
        f"  lines right         {lines_right:>4}/{lines_total}",
        f"  valid kept valid    {files - len(verdicts):>4}/{files}",
        f"  files all right     {len(perfect):>4}/{files}",
    ]
    if verbose:
        for o in outcomes:
            for problem in ([o.crashed] if o.crashed else []) + o.misses:
                out.append(f"  {o.path}: {problem}")
            if o.verdict_wrong:
                out.append(f"  {o.path}: reported invalid: {o.verdict_wrong}")
    return out
