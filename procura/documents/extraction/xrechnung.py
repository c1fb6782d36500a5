"""XRechnung, the German CIUS of EN 16931: the national rules (BR-DE-xx) it adds, for invoices
that declare an XRechnung specification identifier (BT-24, e.g.
``urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0``), in CII or UBL.

The rules are those of the XRechnung specification (KoSIT, "Nationale Geschäftsregeln"); a rule
the specification words as "muss" is an error, one worded "soll" a warning, as the KoSIT
validator reports them. Checked here:

- BR-DE-1 payment instructions (BG-16); BR-DE-2 seller contact (BG-6) with BR-DE-5 contact point
  (BT-41), BR-DE-6 telephone (BT-42), BR-DE-7 e-mail (BT-43); BR-DE-3/4 seller city and post
  code (BT-37/38); BR-DE-8/9 buyer city and post code (BT-52/53); BR-DE-10/11 deliver-to city and
  post code (BT-77/78) when a deliver-to address is given;
- BR-DE-14 the VAT category rate (BT-119) in every VAT breakdown; BR-DE-15 buyer reference (BT-10);
  BR-DE-16 a seller VAT id, tax number or tax representative (BT-31/32/63) when a VAT category
  other than "not subject to VAT" is used; BR-DE-30/31 the creditor id (BT-90) and the debited
  account (BT-91) once any direct-debit detail is given;
- BR-DE-22 attachment file names unique; BR-DE-23/24/25 exactly the payment group the payment
  means code asks for (credit transfer 30/58: BG-17; card 48/54/55: BG-18; direct debit 59:
  BG-19);
- warnings: BR-DE-17 document type codes, BR-DE-19/20 IBAN check digits (``python-stdnum``) for
  SEPA credit transfer and direct debit, BR-DE-26 a corrected invoice (384) naming the preceding
  invoice (BG-3), BR-DE-27 a telephone number with at least three digits, BR-DE-28 an e-mail
  address with one @, two characters or more on each side and no dot next to the @ or at either
  end.

BR-DE-18 (the structured "#SKONTO#" cash discount text) and BR-DE-21 (the identifier itself)
are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stdnum import iban as stdnum_iban

CII = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}
UBL = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
DOCUMENT_TYPES = {"326", "380", "384", "389", "381", "875", "876", "877"}
SUBJECT_TO_VAT = {"S", "Z", "E", "AE", "K", "G", "L", "M"}
CREDIT_TRANSFER = {"30", "58"}
CARD = {"48", "54", "55"}
DIRECT_DEBIT = {"59"}
# BR-DE-28: one @, two or more characters on each side, none of them a space, no dot next to
# the @ and none at the start or end.
EMAIL = re.compile(r"[^@\s.][^@\s]*[^@\s.]@[^@\s.][^@\s]*[^@\s.]")


def is_xrechnung(guideline: str | None) -> bool:
    return bool(guideline) and "xrechnung" in (guideline or "").lower()


@dataclass(frozen=True)
class Paths:
    """Where each business term sits in one syntax (XPath relative to the root)."""

    ns: dict[str, str]
    payment_means: str
    means_code: str  # relative to a payment means
    credit_transfer: str
    card: str
    direct_debit: str
    iban: str  # relative to a payment means (BT-84)
    debited_iban: str  # BT-91, from the root
    mandate: str  # BT-89 mandate reference, from the root
    creditor_id: str  # BT-90 bank assigned creditor identifier, from the root
    # From the root: what makes the direct debit group (BG-19) present. In CII any of its three
    # terms, which sit apart; in UBL the payment mandate alone: a SEPA creditor id on the seller
    # (BT-90) is also read for other payment means and does not make a direct debit by itself.
    direct_debit_group: str
    seller: str
    contact: str  # relative to the seller
    contact_point: str  # relative to the contact
    telephone: str
    email: str
    city: str  # relative to a party
    postcode: str
    buyer: str
    deliver_to_address: str  # from the root: the address itself
    address_city: str  # relative to an address
    address_postcode: str
    vat_breakdown: str
    vat_rate: str  # relative to a breakdown
    vat_categories: str  # from the root
    seller_vat: str  # from the root
    type_code: str
    buyer_reference: str
    preceding_invoice: str
    attachment_names: str


CII_PATHS = Paths(
    ns=CII,
    payment_means="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementPaymentMeans",
    means_code="ram:TypeCode",
    credit_transfer="ram:PayeePartyCreditorFinancialAccount",
    card="ram:ApplicableTradeSettlementFinancialCard",
    direct_debit="ram:PayerPartyDebtorFinancialAccount/ram:IBANID",
    iban="ram:PayeePartyCreditorFinancialAccount/ram:IBANID",
    debited_iban="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementPaymentMeans/ram:PayerPartyDebtorFinancialAccount/ram:IBANID",
    mandate="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID",
    creditor_id="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:CreditorReferenceID",
    direct_debit_group="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID"
    "|rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:CreditorReferenceID"
    "|rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementPaymentMeans/ram:PayerPartyDebtorFinancialAccount/ram:IBANID",
    seller="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    "ram:SellerTradeParty",
    contact="ram:DefinedTradeContact",
    contact_point="ram:PersonName|ram:DepartmentName",
    telephone="ram:TelephoneUniversalCommunication/ram:CompleteNumber",
    email="ram:EmailURIUniversalCommunication/ram:URIID",
    city="ram:PostalTradeAddress/ram:CityName",
    postcode="ram:PostalTradeAddress/ram:PostcodeCode",
    buyer="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty",
    deliver_to_address="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery/"
    "ram:ShipToTradeParty/ram:PostalTradeAddress",
    address_city="ram:CityName",
    address_postcode="ram:PostcodeCode",
    vat_breakdown="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:ApplicableTradeTax",
    vat_rate="ram:RateApplicablePercent",
    vat_categories="rsm:SupplyChainTradeTransaction//ram:ApplicableTradeTax/ram:CategoryCode",
    seller_vat="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    "ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA' or @schemeID='FC']"
    "|rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    "ram:SellerTaxRepresentativeTradeParty/ram:Name",
    type_code="rsm:ExchangedDocument/ram:TypeCode",
    buyer_reference="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    "ram:BuyerReference",
    preceding_invoice="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:InvoiceReferencedDocument",
    attachment_names="rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    "ram:AdditionalReferencedDocument/ram:AttachmentBinaryObject/@filename",
)
UBL_PATHS = Paths(
    ns=UBL,
    payment_means="cac:PaymentMeans",
    means_code="cbc:PaymentMeansCode",
    credit_transfer="cac:PayeeFinancialAccount",
    card="cac:CardAccount",
    direct_debit="cac:PaymentMandate",
    iban="cac:PayeeFinancialAccount/cbc:ID",
    debited_iban="cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID",
    mandate="cac:PaymentMeans/cac:PaymentMandate/cbc:ID",
    creditor_id="*[self::cac:AccountingSupplierParty or self::cac:PayeeParty]//"
    "cac:PartyIdentification/cbc:ID[@schemeID='SEPA']",
    direct_debit_group="cac:PaymentMeans/cac:PaymentMandate",
    seller="cac:AccountingSupplierParty/cac:Party",
    contact="cac:Contact",
    contact_point="cbc:Name",
    telephone="cbc:Telephone",
    email="cbc:ElectronicMail",
    city="cac:PostalAddress/cbc:CityName",
    postcode="cac:PostalAddress/cbc:PostalZone",
    buyer="cac:AccountingCustomerParty/cac:Party",
    deliver_to_address="cac:Delivery/cac:DeliveryLocation/cac:Address",
    address_city="cbc:CityName",
    address_postcode="cbc:PostalZone",
    vat_breakdown="cac:TaxTotal/cac:TaxSubtotal",
    vat_rate="cac:TaxCategory/cbc:Percent",
    vat_categories="cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID",
    seller_vat="cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"
    "|cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:CompanyID",
    type_code="cbc:InvoiceTypeCode|cbc:CreditNoteTypeCode",
    buyer_reference="cbc:BuyerReference",
    preceding_invoice="cac:BillingReference/cac:InvoiceDocumentReference",
    attachment_names="cac:AdditionalDocumentReference/cac:Attachment/"
    "cbc:EmbeddedDocumentBinaryObject/@filename",
)


@dataclass(frozen=True)
class Violation:
    rule: str
    severity: str  # error | warning
    where: str
    message: str


class _Doc:
    def __init__(self, root: Any, paths: Paths) -> None:
        self.root = root
        self.paths = paths

    def all(self, path: str, node: Any = None) -> list[Any]:
        return list((self.root if node is None else node).xpath(path, namespaces=self.paths.ns))

    def one(self, path: str, node: Any = None) -> Any:
        found = self.all(path, node)
        return found[0] if found else None

    def text(self, path: str, node: Any = None) -> str:
        found = self.one(path, node)
        if found is None:
            return ""
        return " ".join(str(found if isinstance(found, str) else found.text or "").split())

    def texts(self, path: str, node: Any = None) -> list[str]:
        return [
            " ".join(str(v if isinstance(v, str) else v.text or "").split())
            for v in self.all(path, node)
        ]


Rule = Callable[[_Doc], list[Violation]]


def _required(rule: str, attribute: str, term: str) -> Rule:
    """A term that must be there, not blank (``attribute``: its path in ``Paths``)."""

    def check(doc: _Doc) -> list[Violation]:
        if doc.text(getattr(doc.paths, attribute)):
            return []
        return [Violation(rule, "error", term.split()[0], f"{term} is missing.")]

    return check


def _seller_contact(doc: _Doc) -> list[Violation]:
    seller = doc.one(doc.paths.seller)
    contact = doc.one(doc.paths.contact, seller) if seller is not None else None
    if contact is None:
        return [Violation("BR-DE-2", "error", "BG-6", "The seller contact (BG-6) is missing.")]
    found = []
    for rule, path, term in (
        ("BR-DE-5", doc.paths.contact_point, "BT-41 seller contact point"),
        ("BR-DE-6", doc.paths.telephone, "BT-42 seller contact telephone"),
        ("BR-DE-7", doc.paths.email, "BT-43 seller contact e-mail"),
    ):
        if not doc.text(path, contact):
            found.append(Violation(rule, "error", term.split()[0], f"{term} is missing."))
    phone = doc.text(doc.paths.telephone, contact)
    if phone and len(re.findall(r"\d", phone)) < 3:
        found.append(
            Violation(
                "BR-DE-27",
                "warning",
                "BT-42",
                f"The seller's telephone number '{phone}' should have at least three digits.",
            )
        )
    email = doc.text(doc.paths.email, contact)
    if email and not EMAIL.fullmatch(email):
        found.append(
            Violation(
                "BR-DE-28",
                "warning",
                "BT-43",
                f"The seller's e-mail address '{email}' should have exactly one @ with at least "
                "two characters, neither a space nor a dot, on each side, and no dot at the start "
                "or end.",
            )
        )
    return found


def _party_address(rule_city: str, rule_postcode: str, party: str, label: str, bt: str) -> Rule:
    city_bt, postcode_bt = bt.split("/")

    def check(doc: _Doc) -> list[Violation]:
        node = doc.one(getattr(doc.paths, party))
        found = []
        for rule, path, term in (
            (rule_city, doc.paths.city, f"{city_bt} {label} city"),
            (rule_postcode, doc.paths.postcode, f"{postcode_bt} {label} post code"),
        ):
            if node is None or not doc.text(path, node):
                found.append(Violation(rule, "error", term.split()[0], f"{term} is missing."))
        return found

    return check


def _deliver_to(doc: _Doc) -> list[Violation]:
    address = doc.one(doc.paths.deliver_to_address)
    if address is None:
        return []
    found = []
    for rule, path, term in (
        ("BR-DE-10", doc.paths.address_city, "BT-77 deliver-to city"),
        ("BR-DE-11", doc.paths.address_postcode, "BT-78 deliver-to post code"),
    ):
        if not doc.text(path, address):
            found.append(
                Violation(
                    rule, "error", term.split()[0], f"{term} is missing (a deliver-to address is)."
                )
            )
    return found


def _payment(doc: _Doc) -> list[Violation]:
    means = doc.all(doc.paths.payment_means)
    if not means:
        return [
            Violation("BR-DE-1", "error", "BG-16", "The payment instructions (BG-16) are missing.")
        ]
    found = []
    # Direct debit (BG-19) is the mandate reference, the creditor id and the debited account;
    # in CII the first two sit outside the payment means, so any of them means the group is there.
    mandate_terms = bool(doc.all(doc.paths.direct_debit_group))
    for node in means:
        code = doc.text(doc.paths.means_code, node)
        present = {
            group
            for group, there in (
                ("BG-17", doc.one(doc.paths.credit_transfer, node) is not None),
                ("BG-18", doc.one(doc.paths.card, node) is not None),
                ("BG-19", doc.one(doc.paths.direct_debit, node) is not None or mandate_terms),
            )
            if there
        }
        for rule, codes, wanted, name in (
            ("BR-DE-23", CREDIT_TRANSFER, "BG-17", "credit transfer"),
            ("BR-DE-24", CARD, "BG-18", "payment card"),
            ("BR-DE-25", DIRECT_DEBIT, "BG-19", "direct debit"),
        ):
            if code not in codes:
                continue
            if wanted not in present:
                found.append(
                    Violation(
                        f"{rule}-a",
                        "error",
                        f"BT-81 {code}",
                        f"Payment means {code} ({name}) needs its {wanted} group; it is missing.",
                    )
                )
            others = sorted(present - {wanted})
            if others:
                found.append(
                    Violation(
                        f"{rule}-b",
                        "error",
                        f"BT-81 {code}",
                        f"Payment means {code} ({name}) allows only {wanted}, not "
                        f"{', '.join(others)}.",
                    )
                )
        if code == "58":
            for value in doc.texts(doc.paths.iban, node):
                if value and not stdnum_iban.is_valid(value):
                    found.append(_bad_iban("BR-DE-19", "BT-84", value))
    debited = [value for value in doc.texts(doc.paths.debited_iban) if value]
    if any(doc.text(doc.paths.means_code, node) in DIRECT_DEBIT for node in means):
        for value in debited:
            if not stdnum_iban.is_valid(value):
                found.append(_bad_iban("BR-DE-20", "BT-91", value))
    if mandate_terms or debited:
        for rule, there, term in (
            ("BR-DE-30", bool(doc.texts(doc.paths.creditor_id)), "BT-90 bank assigned creditor id"),
            ("BR-DE-31", bool(debited), "BT-91 debited account"),
        ):
            if not there:
                found.append(
                    Violation(
                        rule,
                        "error",
                        term.split()[0],
                        f"{term} is missing (the invoice gives direct debit details, BG-19).",
                    )
                )
    return found


def _bad_iban(rule: str, term: str, value: str) -> Violation:
    return Violation(
        rule, "warning", term, f"{term} '{value}' should be a valid IBAN (its check digits fail)."
    )


def _vat_rates(doc: _Doc) -> list[Violation]:
    missing = [
        node for node in doc.all(doc.paths.vat_breakdown) if not doc.text(doc.paths.vat_rate, node)
    ]
    if not missing:
        return []
    return [
        Violation(
            "BR-DE-14",
            "error",
            "BT-119",
            f"The VAT category rate (BT-119) is missing in {len(missing)} VAT breakdown(s).",
        )
    ]


def _seller_tax_id(doc: _Doc) -> list[Violation]:
    categories = set(doc.texts(doc.paths.vat_categories))
    if not categories & SUBJECT_TO_VAT or any(doc.texts(doc.paths.seller_vat)):
        return []
    return [
        Violation(
            "BR-DE-16",
            "error",
            "BT-31",
            "VAT categories "
            + ", ".join(sorted(categories & SUBJECT_TO_VAT))
            + " are used but neither the seller's VAT id (BT-31), tax number (BT-32) nor a "
            "tax representative's VAT id (BT-63) is given.",
        )
    ]


def _type_code(doc: _Doc) -> list[Violation]:
    code = doc.text(doc.paths.type_code)
    found = []
    if code and code not in DOCUMENT_TYPES:
        found.append(
            Violation(
                "BR-DE-17",
                "warning",
                "BT-3",
                f"Document type {code} should be one of {', '.join(sorted(DOCUMENT_TYPES))}.",
            )
        )
    if code == "384" and doc.one(doc.paths.preceding_invoice) is None:
        found.append(
            Violation(
                "BR-DE-26",
                "warning",
                "BG-3",
                "A corrected invoice (384) should name the invoice it corrects (BG-3).",
            )
        )
    return found


def _attachment_names(doc: _Doc) -> list[Violation]:
    names = [name for name in doc.texts(doc.paths.attachment_names) if name]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if not repeated:
        return []
    return [
        Violation(
            "BR-DE-22",
            "error",
            "BT-125",
            f"Attachment file names must be unique; repeated: {', '.join(repeated)}.",
        )
    ]


RULES: tuple[Rule, ...] = (
    _payment,
    _seller_contact,
    _party_address("BR-DE-3", "BR-DE-4", "seller", "seller", "BT-37/BT-38"),
    _party_address("BR-DE-8", "BR-DE-9", "buyer", "buyer", "BT-52/BT-53"),
    _deliver_to,
    _vat_rates,
    _required("BR-DE-15", "buyer_reference", "BT-10 buyer reference"),
    _seller_tax_id,
    _type_code,
    _attachment_names,
)


def cius_violations(root: Any, syntax: str) -> list[Violation]:
    """Every XRechnung national rule ``root`` (a CII or UBL invoice) breaks."""
    doc = _Doc(root, UBL_PATHS if syntax == "UBL" else CII_PATHS)
    return [violation for rule in RULES for violation in rule(doc)]
