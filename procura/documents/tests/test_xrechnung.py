"""XRechnung's national rules (BR-DE-xx) on invoices that declare XRechnung, in CII and UBL:
errors for what the specification says an invoice must carry, warnings for what it should;
an EN 16931 invoice that does not declare XRechnung is not held to them.

The samples are the corpus's XRechnung 3.0 invoice 471102 in both syntaxes (Apache-2.0, see
samples/einvoices/NOTICE.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procura.documents.extraction.einvoice import parse_einvoice_xml
from procura.documents.models import DocumentStatus
from procura.documents.tests.factories import upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"
CII = (SAMPLES / "XRECHNUNG_Einfach.cii.xml").read_bytes()
UBL = (SAMPLES / "XRECHNUNG_Einfach.ubl.xml").read_bytes()
URL = "/api/v1/documents/"


def _without(xml: bytes, pattern: bytes, count: int = 1) -> bytes:
    changed = re.sub(pattern, b"", xml, count=count, flags=re.S)
    assert changed != xml
    return changed


def _errors(xml: bytes) -> dict[str, str]:
    outcome = parse_einvoice_xml(xml)
    return {f.where: f.message for f in outcome.findings if f.severity == "error"}


def _warnings(xml: bytes) -> dict[str, str]:
    outcome = parse_einvoice_xml(xml)
    return {f.where: f.message for f in outcome.findings if f.severity == "warning"}


@pytest.mark.parametrize("xml", [CII, UBL], ids=["CII", "UBL"])
def test_the_official_xrechnung_samples_break_no_national_rule(xml: bytes) -> None:
    outcome = parse_einvoice_xml(xml)

    assert outcome.valid, outcome.findings
    assert not [f for f in outcome.findings if f.where.startswith("BR-DE")]


@pytest.mark.parametrize(
    ("xml", "pattern"),
    [
        (CII, rb"<ram:BuyerReference>.*?</ram:BuyerReference>"),
        (UBL, rb"<cbc:BuyerReference>.*?</cbc:BuyerReference>"),
    ],
    ids=["CII", "UBL"],
)
def test_a_missing_buyer_reference_is_an_error(xml: bytes, pattern: bytes) -> None:
    errors = _errors(_without(xml, pattern))

    assert errors == {"BR-DE-15 BT-10": "BT-10 buyer reference is missing."}


@pytest.mark.parametrize(
    ("xml", "pattern"),
    [
        (CII, rb"<ram:DefinedTradeContact>.*?</ram:DefinedTradeContact>"),
        (UBL, rb"<cac:Contact>.*?</cac:Contact>"),
    ],
    ids=["CII", "UBL"],
)
def test_a_missing_seller_contact_is_an_error(xml: bytes, pattern: bytes) -> None:
    errors = _errors(_without(xml, pattern))

    assert list(errors) == ["BR-DE-2 BG-6"]


@pytest.mark.parametrize(
    ("xml", "phone", "email"),
    [
        (
            CII,
            rb"<ram:TelephoneUniversalCommunication>.*?</ram:TelephoneUniversalCommunication>",
            rb"<ram:EmailURIUniversalCommunication>\s*<ram:URIID>Max.*?"
            rb"</ram:EmailURIUniversalCommunication>",
        ),
        (
            UBL,
            rb"<cbc:Telephone>.*?</cbc:Telephone>",
            rb"<cbc:ElectronicMail>.*?</cbc:ElectronicMail>",
        ),
    ],
    ids=["CII", "UBL"],
)
def test_the_seller_contact_needs_telephone_and_email(
    xml: bytes, phone: bytes, email: bytes
) -> None:
    errors = _errors(_without(_without(xml, phone), email))

    assert errors == {
        "BR-DE-6 BT-42": "BT-42 seller contact telephone is missing.",
        "BR-DE-7 BT-43": "BT-43 seller contact e-mail is missing.",
    }


def test_payment_means_must_carry_the_group_their_code_asks_for() -> None:
    # Credit transfer (58) without the account (BG-17), and no payment instructions at all.
    no_account = _without(
        CII,
        rb"<ram:PayeePartyCreditorFinancialAccount>.*?</ram:PayeePartyCreditorFinancialAccount>",
    )
    no_means = _without(
        CII,
        rb"<ram:SpecifiedTradeSettlementPaymentMeans>.*?</ram:SpecifiedTradeSettlementPaymentMeans>",
    )

    assert "BR-DE-23-a BT-81 58" in _errors(no_account)
    assert "BR-DE-1 BG-16" in _errors(no_means)


def test_a_wrong_iban_and_a_short_phone_number_are_warnings() -> None:
    wrong = CII.replace(b"DE02120300000000202051", b"DE02120300000000202052").replace(
        b"+49891234567", b"12"
    )

    outcome = parse_einvoice_xml(wrong)

    assert outcome.valid
    warnings = _warnings(wrong)
    assert "BR-DE-19 BT-84" in warnings
    assert "BR-DE-27 BT-42" in warnings


def test_a_plain_en16931_invoice_is_not_held_to_the_national_rules() -> None:
    plain = _without(CII, rb"<ram:BuyerReference>.*?</ram:BuyerReference>").replace(
        b"urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
        b"urn:cen.eu:en16931:2017",
    )

    outcome = parse_einvoice_xml(plain)

    assert outcome.valid, outcome.findings


@pytest.mark.django_db
def test_an_uploaded_xrechnung_without_buyer_reference_is_reported_and_still_drafted(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.procurement.models import SupplierInvoice

    client = client_as("finance")
    data = _without(UBL, rb"<cbc:BuyerReference>.*?</cbc:BuyerReference>")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("invoice.xml", data)}, format="multipart")

    assert response.status_code == 202, response.content
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    report = detail["extraction"]["einvoice"]
    assert (report["valid"], report["syntax"]) == (False, "UBL")
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [(f["where"], f["message"]) for f in errors] == [
        ("BR-DE-15 BT-10", "BT-10 buyer reference is missing.")
    ]
    assert SupplierInvoice.objects.filter(source_document_id=detail["id"]).exists()


def test_direct_debit_needs_its_own_group_and_all_of_it() -> None:
    # Direct debit (59) with the credit-transfer account instead of the direct-debit group, and
    # then with only a mandate reference: the creditor id and the debited account are missing.
    debit = CII.replace(b"<ram:TypeCode>58</ram:TypeCode>", b"<ram:TypeCode>59</ram:TypeCode>")
    assert debit != CII
    mandate_only = _without(
        debit,
        rb"<ram:PayeePartyCreditorFinancialAccount>.*?</ram:PayeePartyCreditorFinancialAccount>",
    ).replace(
        b"</ram:SpecifiedTradePaymentTerms>",
        b"<ram:DirectDebitMandateID>M-1</ram:DirectDebitMandateID></ram:SpecifiedTradePaymentTerms>",
        1,
    )

    assert set(_errors(debit)) == {"BR-DE-25-a BT-81 59", "BR-DE-25-b BT-81 59"}
    assert set(_errors(mandate_only)) == {"BR-DE-30 BT-90", "BR-DE-31 BT-91"}


def test_a_sepa_creditor_id_on_a_credit_transfer_invoice_is_no_direct_debit() -> None:
    # UBL: the seller's SEPA creditor id (BT-90) is read for any payment means; only a payment
    # mandate makes the direct debit group (BG-19), as the XRechnung rules test it.
    with_creditor_id = UBL.replace(
        b'<cbc:ID schemeID="0088">4000001123452</cbc:ID>\n      </cac:PartyIdentification>',
        b'<cbc:ID schemeID="0088">4000001123452</cbc:ID>\n      </cac:PartyIdentification>'
        b'\n      <cac:PartyIdentification><cbc:ID schemeID="SEPA">DE98ZZZ09999999999</cbc:ID>'
        b"</cac:PartyIdentification>",
    )
    assert with_creditor_id != UBL
    with_mandate = with_creditor_id.replace(
        b"</cac:PaymentMeans>",
        b"<cac:PaymentMandate><cbc:ID>M-1</cbc:ID></cac:PaymentMandate></cac:PaymentMeans>",
    )

    assert not _errors(with_creditor_id)
    assert set(_errors(with_mandate)) == {"BR-DE-23-b BT-81 58", "BR-DE-31 BT-91"}


def test_third_party_payments_of_the_extension_count_in_the_amount_due() -> None:
    # XRechnung extension: amount due = total - prepaid + rounding + third-party payments
    # (BG-DEX-09); EN 16931's BR-CO-16 alone would call 549.87 wrong.
    extension = UBL.replace(
        b"xrechnung_3.0</cbc:CustomizationID>",
        b"xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0"
        b"</cbc:CustomizationID>",
    ).replace(
        b'<cbc:PayableAmount currencyID="EUR">529.87', b'<cbc:PayableAmount currencyID="EUR">549.87'
    )
    paid = extension.replace(
        b"<cac:TaxTotal>",
        b'<cac:PrepaidPayment><cbc:ID>Mobile</cbc:ID><cbc:PaidAmount currencyID="EUR">20.00'
        b"</cbc:PaidAmount></cac:PrepaidPayment><cac:TaxTotal>",
        1,
    )
    short = paid.replace(b">20.00</cbc:PaidAmount>", b">15.00</cbc:PaidAmount>")

    assert parse_einvoice_xml(paid).valid, parse_einvoice_xml(paid).findings
    assert [w for w in _errors(short) | _warnings(short) if w.startswith("BR-DEX-09")]
    assert not parse_einvoice_xml(extension).valid
