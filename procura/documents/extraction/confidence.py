"""Doubts that only show once the whole invoice is read, applied after extraction.

Each value's confidence so far says how it was found (how specific its label, how clear the OCR
of its words, whether the sums confirm it). Some values look sure from their own place and are
still often wrong; these rules put them below the low line, with a note saying why:

- an amount on a till receipt's line that names a saving, a deposit, change or cash tendered,
  which no sum confirms;
- a total that is not the largest amount on its own line (the net of a "Total  24.99  5.00
  29.99" row), which no sum confirms;
- a total of nothing on a page that prints amounts (a paid receipt's balance, "Balance  Rs 0",
  read when the total's own line was not), which no sum confirms;
- a tax larger than any VAT or sales-tax rate allows of the total (the taxed base read as the
  tax);
- a net that, with the total, gives that too large a tax or was given by it (derived one from the
  other: the net and the tax are swapped, or the net misread);
- a subtotal with discounts or charges printed under it that the sums do not account for, even
  when the line items add up to it (they add up to the amount before them);
- a net or tax read by OCR that no sum confirms (nothing to check a misread digit against);
- a currency read by OCR from one symbol, or from symbols that disagree, that the issuer's
  country (from its VAT id, IBAN or postcode) does not back;
- an issuer's name read by OCR that nothing else on the page backs (its one cue, a place or a
  label, is as sure for a title, the buyer's name or a word the OCR garbled);
- an invoice number read by OCR that another reading of it on the pages gives with a character or
  two otherwise (the number printed twice, one print misread: which one is not known);
- a total below the printed net or not above the printed tax, which no sum confirms (a tax or
  a column's amount read as the total);
- an invoice number that is another kind of identifier: shaped as an IBAN or a European VAT
  number (its country's length and pattern, whatever its check digits) or a GTIN/GLN (13 digits
  whose check digit holds).

``cues`` lists them with the plainer facts behind every value (read by OCR, derived, without a
place on the page...) for the calibration report (bench/ocr/calibration.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from rapidfuzz.distance import Levenshtein
from stdnum import ean, iban
from stdnum.eu import vat
from stdnum.exceptions import InvalidChecksum, ValidationError

from procura.documents.extraction import fields, vocabulary
from procura.documents.extraction.context import DocumentView
from procura.documents.extraction.layout import Line, lines_of
from procura.documents.extraction.parsing import currency_votes, find_amounts
from procura.documents.extraction.result import FieldValue, InvoiceExtraction
from procura.documents.extraction.suppliers import (
    NO_SECOND_CUE,
    country_currency,
    issuer_country,
)

# Where a doubtful value is put: below the low line (result.LOW_CONFIDENCE), so a person checks it.
DOUBTFUL = 0.5
AMOUNT_FIELDS = ("subtotal", "tax", "total")
# Words of a till receipt's lines whose amount is not what the invoice charges.
NOT_CHARGED = re.compile(
    r"\b(?:you\s+saved?|sav(?:ed|ings?)|deposit|bottle|change(?:\s+due)?|cash|tend(?:er|ered)|"
    r"coupons?|discount|rewards?|refund|pfand|r[üu]ckgeld|gegeben|rendu|monnaie|esp[eè]ces|"
    r"statiegeld|wisselgeld|cambio|efectivo|vuelto|resto|contanti|reszta|troco)\b",
    re.I,
)
# The largest share of a gross total a tax can be: 27% VAT (Hungary) is 21.3% of the gross;
# a little more for rounding.
TAX_SHARE = Decimal("0.22")
# Said of a printed subtotal with discounts or charges under it that the sums do not account for:
# likely the amount before them, not the net the tax is charged on.
CHARGES_UNACCOUNTED = "discounts or charges under it that the sums do not account for"
# At most this many characters apart, two readings of one number are one print misread.
MISREAD_CHARACTERS = 2
IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")
TAX_PART = re.compile(vocabulary.TAX_PART, re.I)


def _line_of(fv: FieldValue, doc: DocumentView) -> Line | None:
    if fv.location is None:
        return None
    for page in doc.pages:
        if page.number != fv.location.page:
            continue
        middle = (fv.location.box[1] + fv.location.box[3]) / 2 * page.height
        for line in lines_of(page):
            if line.top <= middle <= line.bottom:
                return line
    return None


def _read_by_ocr(fv: FieldValue, doc: DocumentView) -> bool:
    if fv.location is not None:
        return any(p.number == fv.location.page and p.source == "ocr" for p in doc.pages)
    return any(page.source == "ocr" for page in doc.pages)


def _confirmed(name: str, result: InvoiceExtraction, doc: DocumentView | None = None) -> bool:
    """Whether a sum confirms the amount: net + tax = total, or the lines add up to the net.
    With ``doc``, net + tax = total confirms only when none of the three was derived from the
    other two (then it adds up by construction), unless the page prints the derived amount."""
    if result.fields[name].source == "derived":
        return False  # it adds up by construction
    if result.checks.get("subtotal_plus_tax_is_total") is True:
        if doc is None:
            return True
        printed = {value for value, _, _ in find_amounts(doc.text, doc.notation)}
        derived = [result.fields[n].value for n in AMOUNT_FIELDS
                   if result.fields[n].source == "derived"]  # fmt: skip
        if all(value is not None and Decimal(value) in printed for value in derived):
            return True
    return name == "subtotal" and result.checks.get("lines_sum_to_subtotal") is True


def _receipt_line(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    if name not in AMOUNT_FIELDS or _confirmed(name, result):
        return False
    line = _line_of(result.fields[name], doc)
    return line is not None and bool(NOT_CHARGED.search(line.text))


def _not_largest_on_line(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    fv = result.fields[name]
    if name != "total" or fv.value is None or _confirmed(name, result):
        return False
    line = _line_of(fv, doc)
    if line is None:
        return False
    amounts = [value for value, _, _ in find_amounts(line.text, doc.notation)]
    return any(value > Decimal(fv.value) for value in amounts)


def _nothing_to_pay(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    value = result.value(name)
    if name != "total" or value is None or Decimal(value) != 0 or _confirmed(name, result):
        return False
    return any(amount > 0 for amount, _, _ in find_amounts(doc.text, doc.notation))


def _total_below_its_parts(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    total = result.value("total")
    if name != "total" or total is None or _confirmed(name, result, doc):
        return False
    # Only amounts the page prints: one derived from the line items may be what is misread.
    net, tax = (result.fields[n].value if result.fields[n].source != "derived" else None
                for n in ("subtotal", "tax"))  # fmt: skip
    total_abs = abs(Decimal(total))
    return (net is not None and total_abs < abs(Decimal(net))) or (
        tax is not None and Decimal(tax) != 0 and total_abs <= abs(Decimal(tax))
    )


def _tax_too_large(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    tax, total = result.value("tax"), result.value("total")
    if name != "tax" or tax is None or total is None or Decimal(total) <= 0:
        return False
    return Decimal(tax) > Decimal(total) * TAX_SHARE


def _net_of_a_tax_too_large(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    if name != "subtotal" or not _tax_too_large("tax", doc, result):
        return False
    return "derived" in (result.fields["subtotal"].source, result.fields["tax"].source)


def _net_before_charges(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    # The line items adding up to it say nothing: they add up to the amount before the charges.
    return name == "subtotal" and f"subtotal: {CHARGES_UNACCOUNTED}" in result.notes


def _ocr_net_or_tax_unconfirmed(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    fv = result.fields[name]
    if name not in ("subtotal", "tax") or fv.source == "derived":
        return False  # a derived amount has its own, lower confidence
    return _read_by_ocr(fv, doc) and not _confirmed(name, result)


def _part_of_a_split_tax(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    """A tax read from a line naming one part of a tax charged in parts (CGST without its SGST
    twin, a state's sales tax without the county's) that no printed sum confirms: likely only
    part of the tax."""
    fv = result.fields[name]
    if name != "tax" or fv.source != "label" or _confirmed(name, result, doc):
        return False
    line = _line_of(fv, doc)
    parts = (
        {re.sub(r"\s", "", part.lower()) for part in TAX_PART.findall(line.text)} if line else set()
    )
    return len(parts) == 1


def _currency_from_stray_ocr_mark(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    fv = result.fields[name]
    if name != "currency" or fv.source != "pattern" or not _read_by_ocr(fv, doc):
        return False
    votes = currency_votes(doc.text)
    if sum(votes.values()) > 1 and len(votes) == 1:
        return False  # the same currency read several times
    issuer = result.parties.get("supplier", {})
    country = issuer_country(
        result.value("supplier_tax_id"), issuer.get("postcode"), None, result.value("supplier_iban")
    )
    return country_currency(country) != fv.value


def _iban_shaped(value: str) -> bool:
    """An IBAN's country, length and pattern, whatever its check digits."""
    if not IBAN_SHAPE.fullmatch(value):
        return False
    return iban.is_valid(value[:2] + iban.calc_check_digits(value) + value[4:])


def _vat_shaped(value: str) -> bool:
    """A European VAT number's country, length and pattern, whatever its check digits."""
    try:
        vat.validate(value)
    except InvalidChecksum:
        return True
    except ValidationError:
        return False
    return True


def _number_is_another_id(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    value = (result.value(name) or "").replace(" ", "")
    if name != "invoice_number" or not value:
        return False
    return _iban_shaped(value) or _vat_shaped(value) or (len(value) == 13 and ean.is_valid(value))


def _ocr_name_unconfirmed(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    if name != "supplier_name" or not _read_by_ocr(result.fields[name], doc):
        return False
    return any(note.startswith(f"supplier name: {NO_SECOND_CUE}") for note in result.notes)


def _read_otherwise_elsewhere(name: str, doc: DocumentView, result: InvoiceExtraction) -> bool:
    fv = result.fields[name]
    if name != "invoice_number" or fv.value is None or not _read_by_ocr(fv, doc):
        return False
    value = fv.value.replace(" ", "")
    readings = {c.value.replace(" ", "") for c in fields.invoice_number(doc)} - {value}
    return any(
        0 < Levenshtein.distance(value, other) <= MISREAD_CHARACTERS
        for other in readings
        if min(len(other), len(value)) > 2 * MISREAD_CHARACTERS
    )


Rule = Callable[[str, DocumentView, InvoiceExtraction], bool]
RULES: tuple[tuple[Rule, str], ...] = (
    (_receipt_line, "its line names a saving, deposit, change or cash tendered"),
    (_not_largest_on_line, "a larger amount follows on its line"),
    (_nothing_to_pay, "a total of nothing where amounts are printed"),
    (_total_below_its_parts, "below the net or not above the tax"),
    (_tax_too_large, "larger than any tax rate allows of the total"),
    (_net_of_a_tax_too_large, "derived from or into a tax larger than any rate allows"),
    (_net_before_charges, "likely the amount before the discounts or charges under it"),
    (_ocr_net_or_tax_unconfirmed, "read by OCR and no sum confirms it"),
    (_part_of_a_split_tax, "one part of a tax charged in parts, and no sum confirms it"),
    (_currency_from_stray_ocr_mark, "read by OCR from one or disagreeing symbols"),
    (_ocr_name_unconfirmed, "read by OCR and nothing else on the page backs it"),
    (_read_otherwise_elsewhere, "read otherwise where it is printed again"),
    (_number_is_another_id, "shaped as an IBAN, a VAT number or a GTIN/GLN"),
)


def doubts(doc: DocumentView, result: InvoiceExtraction) -> dict[str, list[str]]:
    """Field -> why its value is doubtful (only fields with a value and a doubt)."""
    found: dict[str, list[str]] = {}
    for name, fv in result.fields.items():
        if fv.value is None:
            continue
        reasons = [reason for rule, reason in RULES if rule(name, doc, result)]
        if reasons:
            found[name] = reasons
    return found


def calibrate(doc: DocumentView, result: InvoiceExtraction) -> None:
    """Put the doubtful values below the low line, with a note each."""
    for name, reasons in doubts(doc, result).items():
        fv = result.fields[name]
        if fv.confidence > DOUBTFUL:
            fv.confidence = DOUBTFUL
        result.notes.append(f"{name.replace('_', ' ')}: {'; '.join(reasons)}")


def cues(doc: DocumentView, result: InvoiceExtraction) -> dict[str, list[str]]:
    """Field -> the facts behind its value's confidence: how it was read, and its doubts."""
    found = doubts(doc, result)
    out: dict[str, list[str]] = {}
    for name, fv in result.fields.items():
        if fv.value is None:
            continue
        facts = ["ocr"] if _read_by_ocr(fv, doc) else []
        facts += [fv.source] if fv.source != "label" else []
        facts += [] if fv.location else ["no place"]
        facts += [note.split(": ", 1)[1] for note in result.notes
                  if note.startswith(name.replace("_", " ") + ":")]  # fmt: skip
        out[name] = facts + [r for r in found.get(name, []) if r not in facts]
    return out
