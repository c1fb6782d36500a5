"""Supplier-invoice field extraction over pages of positioned words.

Deterministic: the same pages give the same result. Confidence combines how specific the label
was, the OCR confidence of the value's words and the consistency checks (lines add up to the
subtotal, subtotal plus tax equals the total), which also choose between competing candidates.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import product

from procura.documents.extraction import fields as f
from procura.documents.extraction import vocabulary
from procura.documents.extraction.confidence import CHARGES_UNACCOUNTED, calibrate
from procura.documents.extraction.context import DocumentView
from procura.documents.extraction.credit_notes import read_credit_note
from procura.documents.extraction.fields import Candidate
from procura.documents.extraction.hints import ExtractionHints, hinted_amounts, hinted_fields
from procura.documents.extraction.layout import Page, lines_of
from procura.documents.extraction.line_items import line_items
from procura.documents.extraction.parsing import (
    ambiguous_date,
    currency_votes,
    euro_area_currency,
    find_amounts,
    find_dates,
    krone_currency,
)
from procura.documents.extraction.result import (
    LOW_CONFIDENCE,
    MISSING,
    FieldValue,
    InvoiceExtraction,
    LineItem,
    Location,
)
from procura.documents.extraction.suppliers import (
    NO_SECOND_CUE,
    BuyerIdentity,
    SupplierMatcher,
    country_currency,
    currency_country,
    identifiers,
    issuer_address,
    issuer_country,
    issuer_name,
    name_confirmed,
)

CENT = Decimal("0.01")
UNSUMMED = 0.6  # a line's confidence kept when the lines do not add up to the page's net
KRONE = frozenset({"SEK", "NOK", "DKK", "ISK"})
# Dollars other than the US one, with the sales taxes their countries' invoices charge.
DOLLAR_TAXES = {
    "CAD": re.compile(r"\b(?:GST|HST|TPS|TVQ|QST|PST)\b"),
    "AUD": re.compile(r"\bGST\b"),
    "NZD": re.compile(r"\bGST\b"),
    "SGD": re.compile(r"\bGST\b"),
}
US_DOLLAR_MARK = re.compile(r"\bUSD\b|\bUS\s?\$|\bU\.S\.\s*dollars?\b", re.I)
# How much an issuer's name with no second cue, or a numeric date whose day and month could be
# swapped with nothing on the page to tell which comes first, is trusted: below the low line.
UNCONFIRMED_NAME = 0.7
DOUBTFUL_DATE_ORDER = 0.55
# A currency that the page's other marks contradict.
DOUBTFUL_CURRENCY = 0.5
# How sure a date label must be for a date on a line item's row to be the invoice's: a "Date"
# column header (0.7 before the reading's own doubts) is not.
LINE_DATE_LABEL = 0.8
KRONE_MARK = re.compile(r"(?<![^\W\d_])kr\.?(?![^\W\d_])", re.I)
# What marks an invoice from India besides its rupee: a GST registration number (the label, or
# the number's state code and PAN, whose end the OCR may lose), the GST's central and state
# halves, an income-tax number (PAN), a food-business licence (FSSAI), an Indian phone number.
INDIAN_MARKS = (
    re.compile(r"\bGSTIN\b|(?<![A-Z0-9])\d{2}[A-Z]{3}[ABCFGHLJPT][A-Z]\d{4}[A-Z]"),
    re.compile(r"\b(?:C|S|UT)GST\b"),
    re.compile(r"\bPAN\s*(?:No\.?|Number)?\s*[:.-]?\s*[A-Z]{5}\d{4}[A-Z]\b|\bFSSAI\b"),
    re.compile(r"(?:\+\s?|\b00\s?)91[\s-]?\(?[1-9]\d"),
)
RUPEES = frozenset({"INR", "NPR", "PKR", "LKR"})
# How much the rupee is trusted when no currency is printed and two or more kinds of Indian
# marks name it; one alone (a "+91" in an export's address) is below the low line.
INDIAN_MARKED = 0.8


UNTAXED = re.compile(vocabulary.UNTAXED, re.I)
NET_PRICES = re.compile(vocabulary.NET_PRICES, re.I)
# How much a zero tax (and the total as the net) is trusted when the page says it carries no tax,
# and when only "prices without VAT" and a single total say so.
SAID_UNTAXED = 0.85
NET_PRICED_ONLY = 0.58
# A subtotal printed as the only sum, the page saying nothing of tax: taken as the total, doubtful.
ONLY_SUM = 0.5
# The euro taken from the words of a page that prints no currency: doubtful.
EURO_AREA_WORDS = 0.5
ROUNDING = re.compile(vocabulary.ROUNDING, re.I)
CHARGE = re.compile(vocabulary.CHARGE, re.I)
ALLOWANCE = re.compile(vocabulary.ALLOWANCE, re.I)
BEFORE_AFTER = re.compile(r"\b(?:before|after|vor|nach|avant|après|voor|na)\b", re.I)
# How much a subtotal is trusted when discounts or charges printed under it, which the sums do
# not account for, make it likely not the net the tax is charged on.
NOT_THE_NET = 0.5
TIP = re.compile(vocabulary.TIP, re.I)


def _adds_up(sub: Decimal, tax: Decimal, total: Decimal, rounded: bool) -> bool:
    """Subtotal + tax = total; to the whole unit when the invoice rounds its total."""
    difference = abs(sub + tax - total)
    if difference == 0:
        return True
    if difference < Decimal("0.05") and total % Decimal("0.05") == 0:
        return True  # cash rounding to five cents (Switzerland)
    if rounded and difference <= CENT:
        return True  # "the amounts are rounded, their sum may differ from the total"
    return rounded and total == total.to_integral_value() and difference < 1


def _date_column(doc: DocumentView, order: int) -> bool:
    """Whether the date labelled on line ``order`` heads a table's column of the lines' own
    dates: two lines one under the other, that line's and the next or the two under it, each
    begin with a date."""

    def dated(row: int) -> bool:
        if row >= len(doc.lines):
            return False
        dates = find_dates(doc.lines[row].text.lstrip(), doc.date_notation)
        return bool(dates) and dates[0][1] == 0

    return dated(order + 1) and (dated(order) or dated(order + 2))


# How many lines apart two amounts of one kind may be printed and still be summed: one under
# another or a line apart; a few lines apart when their lines open with the same label, one per
# section of a totals block that repeats subtotal, discount, base and tax for each rate.
NEAR_GAP = 2
SECTION_GAP = 4


def _sums(found: list[Candidate], labels: list[str] | None = None) -> list[Candidate]:
    """Several amounts of one kind printed one under another or a line apart (CGST and SGST;
    the net and the VAT at each of two rates), or a few lines apart under the same label (each
    rate's in a section of its own; ``labels`` gives each line's first word): their sums, as
    candidates for the invoice's tax or net when no single line states it."""
    labelled = [c for c in found if c.source == "label"]
    by_order = sorted({c.order: c for c in labelled}.values(), key=lambda c: c.order)
    runs: list[list[Candidate]] = [by_order]
    if labels is not None:
        first_words = {labels[c.order] for c in by_order if c.order < len(labels)}
        runs += [
            [c for c in by_order if c.order < len(labels) and labels[c.order] == word]
            for word in sorted(first_words)
        ]
    sums: list[Candidate] = []
    for group, gap in zip(runs, [NEAR_GAP] + [SECTION_GAP] * (len(runs) - 1), strict=True):
        for start in range(len(group)):
            run = [group[start]]
            for nxt in group[start + 1 :]:
                if nxt.order - run[-1].order > gap or len(run) == 3:
                    break
                run.append(nxt)
                if gap == SECTION_GAP and nxt.order - run[-2].order <= NEAR_GAP:
                    continue  # summed already as a near run
                value = sum((Decimal(c.value) for c in run), Decimal(0))
                sums.append(
                    Candidate(
                        f"{value:.2f}",
                        min(c.confidence for c in run) * 0.95,
                        run[0].location,
                        "sum",
                        run[-1].order,
                    )
                )
    return sums


def _amount_choice(
    candidates: dict[str, list[Candidate]],
    lines_sum: Decimal | None,
    rounded: bool = False,
    labels: list[str] | None = None,
) -> dict[str, Candidate | None]:
    """Subtotal, tax and total. Among the printed candidates, the combination that the
    arithmetic confirms wins: subtotal + tax = total, and the subtotal equals the sum of the
    lines; several tax lines may add up to the tax. Without any confirmation, the last (lowest
    on the page) labelled value is taken."""
    pools = {
        name: sorted(cands, key=lambda c: (-c.order, -c.confidence))[:4]
        for name, cands in candidates.items()
    }
    chosen: dict[str, Candidate | None] = {
        name: f.best(pool, prefer_last=True) for name, pool in pools.items()
    }
    if not all(pools.values()):
        sums = _sums(candidates["tax"], labels) + [
            c for c in candidates["tax"] if c.source == "sum"
        ]
        if pools["tax"] and pools["total"] and not pools["subtotal"] and sums:
            # No net printed, several tax lines one under another (one per rate, or CGST and
            # SGST): their whole run is the tax.
            last = max(c.order for c in sums)
            chosen["tax"] = max(
                (c for c in sums if c.order == last), key=lambda c: Decimal(c.value)
            )
        return chosen
    for name in ("subtotal", "tax"):
        pools[name] = pools[name] + _sums(candidates[name], labels)
    best_score = 0
    for sub, tax, total in product(pools["subtotal"], pools["tax"], pools["total"]):
        if Decimal(total.value) == 0:
            continue  # an empty row (0,00 | 0,00 | 0,00) adds up and says nothing
        score = 2 * _adds_up(Decimal(sub.value), Decimal(tax.value), Decimal(total.value), rounded)
        score += lines_sum is not None and Decimal(sub.value) == lines_sum
        if score > best_score:
            best_score = score
            chosen = {"subtotal": sub, "tax": tax, "total": total}
    return chosen


def extract_invoice(
    pages: list[Page],
    *,
    matcher: SupplierMatcher | None = None,
    hints: ExtractionHints | None = None,
    buyer: BuyerIdentity | None = None,
) -> InvoiceExtraction:
    doc = DocumentView(pages)
    notes: list[str] = []
    out: dict[str, FieldValue] = {}

    def put(name: str, candidate: Candidate | None) -> None:
        out[name] = candidate.as_field() if candidate else MISSING

    us = buyer or BuyerIdentity()
    ids = identifiers(doc)
    ids.tax_ids = [t for t in ids.tax_ids if not us.owns_tax_id(t)]
    named = issuer_name(doc, ids.emails, us.is_us)
    if named is not None and not name_confirmed(doc, named, ids.emails):
        # Nothing else on the page backs the name: a title, a tagline or the buyer's name
        # read as the issuer's looks just as sure from its place alone.
        named.confidence *= UNCONFIRMED_NAME
        notes.append(f"supplier name: {NO_SECOND_CUE}")
    put("supplier_name", named)
    for name, values in (
        ("supplier_tax_id", ids.tax_ids),
        ("supplier_email", ids.emails),
        ("supplier_iban", ids.ibans),
    ):
        out[name] = FieldValue(values[0], 0.8, None, "pattern") if values else MISSING
    put("invoice_number", f.best(f.invoice_number(doc)))
    items, item_lines = line_items(doc)
    dated = f.invoice_date(doc)
    # A generic "Date" column header over the lines' own dates names no invoice date: the date at
    # the top of the page (or a surer label) is the invoice's.
    header_dated = [
        c
        for c in dated
        if c.confidence >= LINE_DATE_LABEL
        or (c.order not in item_lines and not _date_column(doc, c.order))
    ]
    put("invoice_date", f.best(header_dated) or f.first_date(doc) or f.best(dated))
    issued = out["invoice_date"]
    if issued.value and not doc.date_order_settled and ambiguous_date(doc.text, issued.value):
        issued.confidence = min(issued.confidence, DOUBTFUL_DATE_ORDER)
        notes.append("invoice date: day and month could be either way round")
    put("due_date", f.best(f.due_date(doc, out["invoice_date"].value)))
    put("po_number", f.best(f.po_number(doc)))

    lines_sum = sum((Decimal(i.amount) for i in items if i.amount), Decimal(0)) if items else None
    rounded = bool(ROUNDING.search(doc.text))
    first_words = [(line.text.split() or [""])[0].lower() for line in doc.lines]
    candidates = f.amounts(doc)
    chosen = _amount_choice(candidates, lines_sum, rounded, first_words)
    if hints:
        hinted_amounts(
            doc, chosen, hints, notes, lambda s, t, total: _adds_up(s, t, total, rounded)
        )
    _unlabelled_total(doc, chosen, candidates["tax"], rounded, notes)
    _net_after_charges(doc, chosen, rounded, notes)
    untaxed: float | None = None  # how sure the page is that it carries no tax
    if UNTAXED.search(doc.text):
        untaxed = SAID_UNTAXED
    elif chosen["subtotal"] is None and chosen["tax"] is None and NET_PRICES.search(doc.text):
        untaxed = NET_PRICED_ONLY
    from_lines = _derive_missing_amounts(
        chosen,
        items,
        notes,
        untaxed=untaxed,
        tipped=bool(TIP.search(doc.text)),
        typed=all(page.source != "ocr" for page in doc.pages),
    )
    for name in ("subtotal", "tax", "total"):
        put(name, chosen[name])
    amount_lines = [c.order for c in chosen.values() if c is not None] + item_lines
    put("currency", f.currency(doc, amount_lines))
    address = issuer_address(doc, named)
    # The issuer's country: its VAT id, postcode or IBAN; then an address in the US form
    # ("San Francisco, CA 94110"); then the currency it invoices in.
    us_form = address.pop("country", None)
    country = (
        issuer_country(
            out["supplier_tax_id"].value, address.get("postcode"), None, out["supplier_iban"].value
        )
        or us_form
        or currency_country(out["currency"].value)
    )
    own_currency = country_currency(country)
    local_tax = DOLLAR_TAXES.get(own_currency or "")
    if (
        out["currency"].value == "USD"
        and local_tax is not None
        and local_tax.search(doc.text)
        and not US_DOLLAR_MARK.search(doc.text)
    ):
        # A bare "$" on an invoice from Canada, Australia... that charges that country's own tax
        # (a domestic sale; an export to the US charges none): that country's dollar.
        out["currency"] = FieldValue(own_currency, 0.85, None, "derived")
        notes.append("currency: the $ of the issuer's country, whose tax it charges")
    if out["currency"].value is None and own_currency:
        if own_currency in KRONE and KRONE_MARK.search(doc.text):
            # "kr" is the krona/krone of the issuer's country (Sweden, Norway, Denmark).
            out["currency"] = FieldValue(own_currency, 0.85, None, "derived")
            notes.append("currency: kr of the issuer's country")
        else:
            out["currency"] = FieldValue(own_currency, 0.5, None, "derived")
            notes.append("currency taken from the issuer's country (none printed)")
    if out["currency"].value is None and KRONE_MARK.search(doc.text):
        krone = krone_currency(doc.text)
        if krone is not None:
            # "kr" with the words or towns of one Nordic country ("MVA", "Å betale", "Oslo").
            out["currency"] = FieldValue(krone, 0.75, None, "derived")
            notes.append("currency: kr of the country the page's words point to")

    if out["currency"].value is None and euro_area_currency(doc.text):
        # No currency printed (a euro sign the font left unmapped or the OCR lost), but the
        # page's invoice words are of a euro-area language.
        out["currency"] = FieldValue("EUR", EURO_AREA_WORDS, None, "derived")
        notes.append("currency: the euro, which the page's words point to (none printed)")

    _indian_currency(doc, out, notes)
    if hints:
        hinted_fields(doc, out, hints, notes)

    if country is None and us.country:
        # Nothing on the invoice names the issuer's country: most suppliers are local.
        country = us.country
        notes.append("issuer's country taken as our own (the invoice shows none)")
    printed = {value for value, _, _ in find_amounts(doc.text, doc.notation)}
    # The amounts printed outside the table's rows: a sum of the lines among them ("Summe
    # Positionen") confirms them.
    apart = {
        abs(value)
        for index, line in enumerate(doc.lines)
        if index not in item_lines
        for value, _, _ in find_amounts(line.text, doc.notation)
    }
    checks = _check(out, items, rounded, from_lines=from_lines, printed=printed, apart=apart)
    supplier = None
    if matcher is not None:
        supplier = matcher.match(name=out["supplier_name"].value, found=ids, text=doc.text)
    issuer = {
        "name": out["supplier_name"].value,
        "vat_id": out["supplier_tax_id"].value,
        "email": out["supplier_email"].value,
        **address,
        "country": country,
    }
    extraction = InvoiceExtraction(
        fields=out,
        line_items=items,
        notation=doc.notation.value,
        checks=checks,
        supplier=supplier,
        notes=notes,
        parties={"supplier": issuer},
    )
    result = read_credit_note(doc, extraction)
    calibrate(doc, result)
    return result


def _unlabelled_total(
    doc: DocumentView,
    chosen: dict[str, Candidate | None],
    taxes: list[Candidate],
    rounded: bool,
    notes: list[str],
) -> None:
    """No total read under a label (its amount printed a line above it, or its label lost to
    the OCR): an amount printed under the subtotal that the subtotal plus a tax candidate makes
    is the total, and that candidate the tax."""
    sub = chosen["subtotal"]
    if chosen["total"] is not None or sub is None:
        return
    net = Decimal(sub.value)
    below = [
        (value, order, line)
        for order, line in enumerate(doc.lines[sub.order + 1 :], start=sub.order + 1)
        for value, _, _ in find_amounts(line.text, doc.notation)
        if value > net
    ]
    for tax in sorted(taxes, key=lambda c: -c.confidence):
        for value, order, line in below:
            if _adds_up(net, Decimal(tax.value), value, rounded):
                words = [w for w in line.words if any(ch.isdigit() for ch in w.text)][-1:]
                location = doc.location(line, words or line.words)
                chosen["tax"] = tax
                chosen["total"] = Candidate(f"{value:.2f}", 0.7, location, "layout", order)
                notes.append("total: the amount under the subtotal that it and the tax make")
                return


def _charges_below(doc: DocumentView, sub: Candidate, total: Candidate) -> list[Decimal]:
    """The discounts (negative) and charges (positive) printed on the lines between the
    subtotal and the total: "Discount -50.00", "Service Charge 10% 45.00", "Delivery 30.00"."""
    found = []
    for line in doc.lines[sub.order + 1 : total.order]:
        allowance, charge = ALLOWANCE.search(line.text), CHARGE.search(line.text)
        if not (allowance or charge) or BEFORE_AFTER.search(line.text):
            continue  # not a charge, or "Total after discount": a running total
        if any(pattern.search(line.text) for pattern, _ in f.TAX_LABELS):
            continue  # "VAT on shipping" is tax
        amounts = find_amounts(line.text, doc.notation)
        if not amounts:
            continue
        value = amounts[-1][0]
        found.append(-abs(value) if allowance and not charge else value)
    return found


def _net_after_charges(
    doc: DocumentView, chosen: dict[str, Candidate | None], rounded: bool, notes: list[str]
) -> None:
    """A discount, a service charge or delivery printed between the subtotal and the total: the
    tax is charged on the subtotal after them, so the net is the subtotal with them (what the
    total less the tax leaves). Taken when the sums agree (net + tax = total); otherwise the
    printed subtotal is doubtful."""
    sub, tax, total = chosen["subtotal"], chosen["tax"], chosen["total"]
    if sub is None or total is None or sub.order >= total.order:
        return
    if tax is not None and _adds_up(
        Decimal(sub.value), Decimal(tax.value), Decimal(total.value), rounded
    ):
        return
    charges = _charges_below(doc, sub, total)
    if not charges:
        return
    net = Decimal(sub.value) + sum(charges, Decimal(0))
    if tax is None or _adds_up(net, Decimal(tax.value), Decimal(total.value), rounded):
        chosen["subtotal"] = Candidate(f"{net:.2f}", sub.confidence, sub.location, "sum", sub.order)
        notes.append("subtotal: the net after the discounts and charges printed under it")
        return
    sub.confidence = min(sub.confidence, NOT_THE_NET)
    notes.append(f"subtotal: {CHARGES_UNACCOUNTED}")


def indian_marks(text: str) -> int:
    """How many kinds of India's marks (INDIAN_MARKS) the page shows."""
    return sum(bool(pattern.search(text)) for pattern in INDIAN_MARKS)


def _indian_currency(doc: DocumentView, out: dict[str, FieldValue], notes: list[str]) -> None:
    """The rupee that India's marks on the page point to: taken when no currency is printed
    (or only guessed from a country), and a printed mark of another currency that they
    contradict is put in doubt (a "$" read from a stain on a bill with a GSTIN and CGST/SGST)."""
    marks = indian_marks(doc.text)
    currency = out["currency"]
    if not marks or currency.source == "label":
        return  # no mark, or a "Currency: USD" stated in words (an export)
    sure = INDIAN_MARKED if marks >= 2 else DOUBTFUL_CURRENCY
    if currency.value in RUPEES:
        if currency.value == "INR" and currency.source == "derived":
            currency.confidence = max(currency.confidence, sure)
        return
    votes = currency_votes(doc.text)
    if currency.value is None or (currency.source == "pattern" and not votes[currency.value]):
        # None printed, or only a lone symbol with no amount beside it (a stain read as "$").
        out["currency"] = FieldValue("INR", sure, None, "derived")
        notes.append("currency: the rupee, from the page's Indian GST, tax or phone marks")
        return
    if currency.source == "derived":
        # The issuer's country says otherwise: India's marks may be the buyer's.
        currency.confidence = min(currency.confidence, DOUBTFUL_CURRENCY)
        return
    if marks > votes[currency.value] and not re.search(rf"\b{currency.value}\b", doc.text):
        # Only symbols, fewer than India's marks: most likely misread, the rupee is meant.
        out["currency"] = FieldValue("INR", DOUBTFUL_CURRENCY, None, "derived")
    else:
        currency.confidence = min(currency.confidence, DOUBTFUL_CURRENCY)
    notes.append(f"currency: {currency.value} printed, but the page's Indian marks say rupees")


def _derive_missing_amounts(
    chosen: dict[str, Candidate | None],
    items: list,
    notes: list[str],
    *,
    untaxed: float | None = None,
    tipped: bool = False,
    typed: bool = False,
) -> bool:
    """Fill in the amount not printed from the others; whether the subtotal is the lines' sum.
    ``untaxed``: how sure the page is that it carries no tax (None: it does not say);
    ``tipped``: a tip is added, so the total less the net is not all tax; ``typed``: every page
    was read from a text layer (none by OCR)."""
    from_lines = False
    sub, tax, total = chosen["subtotal"], chosen["tax"], chosen["total"]
    if untaxed is not None and tax is None and total is not None:
        # "Not VAT registered", "§ 19 UStG": no tax, and the net is the total.
        chosen["tax"] = tax = Candidate("0.00", untaxed, None, "derived", 0)
        notes.append(
            "no tax: the invoice says it carries none"
            if untaxed == SAID_UNTAXED
            else "no tax: the prices are net and no tax is printed"
        )
        if sub is None:
            chosen["subtotal"] = sub = Candidate(total.value, untaxed, None, "derived", 0)
            notes.append("subtotal taken as the total of an untaxed invoice")
    if sub is not None and tax is None and total is None and not tipped and (typed or untaxed):
        # A subtotal is the only sum printed (a short bill with no tax line and no total): it is
        # what is charged, surely so when the page says it carries no tax. On a page read by
        # OCR the total and the tax may have been printed and lost: only when it says so.
        sure = untaxed if untaxed is not None else ONLY_SUM
        chosen["tax"] = tax = Candidate("0.00", sure, None, "derived", 0)
        chosen["total"] = total = Candidate(sub.value, sure, None, "derived", 0)
        notes.append("total taken as the subtotal, the only sum printed; no tax")
    if sub is None and items and all(i.amount for i in items):
        value = sum((Decimal(i.amount) for i in items), Decimal(0))
        chosen["subtotal"] = Candidate(f"{value:.2f}", 0.58, None, "derived", 0)
        notes.append("subtotal derived from the line items")
        from_lines = True
    if sub is None and tax is not None and total is not None:
        value = Decimal(total.value) - Decimal(tax.value)
        chosen["subtotal"] = Candidate(f"{value:.2f}", 0.55, None, "derived", 0)
        notes.append("subtotal derived as total minus tax")
    sub = chosen["subtotal"]
    if tax is None and sub is not None and total is not None and not tipped:
        value = Decimal(total.value) - Decimal(sub.value)
        if value >= 0:
            chosen["tax"] = Candidate(f"{value:.2f}", 0.55, None, "derived", 0)
            notes.append("tax derived as total minus subtotal")
    tax = chosen["tax"]
    if total is None and sub is not None and tax is not None:
        tax_value = Decimal(tax.value)
        chosen["total"] = Candidate(
            f"{Decimal(sub.value) + tax_value:.2f}", 0.55, None, "derived", 0
        )
        notes.append("total derived as subtotal plus tax")
    return from_lines


def _adjust(fv: FieldValue, ok: bool) -> None:
    if fv.value is None:
        return
    # A value the arithmetic confirms is very likely right, whatever its label looked like.
    raised = min(0.99, max(fv.confidence + 0.08, 0.9))
    fv.confidence = round(raised if ok else fv.confidence * 0.7, 3)


def _weigh_lines(items: list[LineItem], net: Decimal, apart: set[Decimal]) -> None:
    """Confirm the line items whose amounts add up to the page's net, or to a sum it prints
    apart from the table ("Summe Positionen" before the document's discounts); lower the others:
    lines that add up to nothing printed are not all as printed, or one is missing. Where only
    the lines already doubted keep the sure ones from adding up, those are the ones wrong."""

    def adds_up(lines: list[LineItem]) -> bool:
        total = abs(sum((Decimal(i.amount or 0) for i in lines), Decimal(0)))
        return abs(total - abs(net)) <= CENT or total in apart

    sure = [i for i in items if i.confidence >= LOW_CONFIDENCE]
    if adds_up(items):
        confirmed = items
    elif sure and len(sure) < len(items) and adds_up(sure):
        confirmed = sure
    else:
        confirmed = []
    for item in items:
        item.confidence = round(
            min(0.99, item.confidence + 0.05) if item in confirmed else item.confidence * UNSUMMED,
            3,
        )


def _check(
    out: dict[str, FieldValue],
    items: list[LineItem],
    rounded: bool = False,
    *,
    from_lines: bool = False,
    printed: set[Decimal] | None = None,
    apart: set[Decimal] | None = None,
) -> dict[str, bool | None]:
    checks: dict[str, bool | None] = {
        "lines_sum_to_subtotal": None,
        "subtotal_plus_tax_is_total": None,
    }
    sub, tax, total = out["subtotal"], out["tax"], out["total"]
    if items and sub.value is not None and all(i.amount for i in items):
        lines_sum = sum((Decimal(i.amount or 0) for i in items), Decimal(0))
        ok = abs(lines_sum - Decimal(sub.value)) <= CENT
        checks["lines_sum_to_subtotal"] = ok
        if not from_lines:  # the lines' own sum confirms nothing about itself, nor they it
            _adjust(sub, ok)
            _weigh_lines(items, Decimal(sub.value), apart or set())
    # A total and a zero tax both taken from a subtotal printed alone: there is no sum to check.
    from_the_net_alone = tax.source == total.source == "derived"
    if (
        sub.value is not None
        and tax.value is not None
        and total.value is not None
        and not from_the_net_alone
    ):
        ok = _adds_up(Decimal(sub.value), Decimal(tax.value), Decimal(total.value), rounded)
        checks["subtotal_plus_tax_is_total"] = ok
        derived = [fv for fv in (sub, tax, total) if fv.source == "derived"]
        if all(
            printed is not None and fv.value is not None and Decimal(fv.value) in printed
            for fv in derived
        ):
            # One amount derived from the other two adds up by construction: it confirms
            # nothing unless the page prints that amount too (under a label not recognised).
            for fv in (sub, tax, total):
                _adjust(fv, ok)
    return checks


def document_text(pages: list[Page]) -> str:
    return "\n\n".join("\n".join(line.text for line in lines_of(page)) for page in pages)


__all__ = ["ExtractionHints", "Location", "document_text", "extract_invoice"]
