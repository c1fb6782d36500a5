"""Structured e-invoices (Factur-X / ZUGFeRD 1 and 2 / XRechnung in PDFs, bare UBL and CII):
parsed, checked, mapped with confidence 1.0, and uploaded through the API to a draft invoice.

The samples are real files from the ZUGFeRD corpus (Apache-2.0, see samples/einvoices/NOTICE.md):
all state the same invoice 471102 of Lieferant GmbH (VAT DE123456789) except the French one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from procura.documents.extraction.einvoice import (
    einvoice_extraction,
    parse_einvoice_xml,
    read_einvoice,
)
from procura.documents.models import Document, DocumentStatus
from procura.documents.sniffing import sniff_content_type
from procura.documents.tests.factories import processed_upload, upload

SAMPLES = Path(__file__).parent / "samples" / "einvoices"
URL = "/api/v1/documents/"
LIEFERANT = {
    "supplier_name": "Lieferant GmbH",
    "supplier_tax_id": "DE123456789",
    "invoice_number": "471102",
    "currency": "EUR",
    "subtotal": "473.00",
    "tax": "56.87",
    "total": "529.87",
}


def _content_type(name: str) -> str:
    return "application/pdf" if name.endswith(".pdf") else "application/xml"


def _read(name: str) -> Any:
    return read_einvoice((SAMPLES / name).read_bytes(), _content_type(name))


@pytest.mark.parametrize(
    ("name", "syntax", "issue_date", "iban", "lines"),
    [
        ("XRECHNUNG_Einfach.cii.xml", "CII", "2024-11-15", "DE02120300000000202051", 2),
        ("EN16931_Einfach.ubl.xml", "UBL", "2018-03-05", None, 2),
        ("zugferd_2p0_EN16931_Einfach.pdf", "CII", "2018-03-05", None, 2),
        ("ZUGFeRD_1p0_COMFORT_Einfach.pdf", "ZUGFeRD 1", "2013-03-05", "DE08700901001234567890", 2),
    ],
)
def test_correct_einvoices_map_every_header_field_party_and_line(
    name: str, syntax: str, issue_date: str, iban: str | None, lines: int
) -> None:
    outcome = _read(name)

    assert outcome.valid, outcome.findings
    result = einvoice_extraction(outcome)
    assert result.source == "e-invoice"
    assert {key: result.value(key) for key in LIEFERANT} == LIEFERANT
    assert result.value("invoice_date") == issue_date
    assert result.value("supplier_iban") == iban
    assert all(fv.confidence == 1.0 for fv in result.fields.values() if fv.value is not None)
    assert {fv.source for fv in result.fields.values() if fv.value is not None} == {"e-invoice"}
    assert result.parties["buyer"]["name"] == "Kunden AG Mitte"
    assert str(result.parties["supplier"]["address"]).startswith(
        "Lieferantenstraße 20, 80333 München"
    )
    assert len(result.line_items) == lines
    first = result.line_items[0]
    assert first.description == "Trennblätter A4"
    assert (float(first.quantity or 0), float(first.unit_price or 0), first.amount) == (
        20.0,
        9.9,
        "198.00",
    )
    assert first.tax_rate is not None
    assert float(first.tax_rate) == 19.0
    assert result.missing_fields == []


def test_minimum_profile_gives_header_parties_and_its_net_as_the_one_line() -> None:
    outcome = _read("Facture_FR_MINIMUM.pdf")

    assert outcome.valid
    result = einvoice_extraction(outcome)
    assert result.value("supplier_name") == "Au bon moulin"
    assert result.value("supplier_tax_id") == "FR11999999998"
    assert (result.value("invoice_number"), result.value("po_number")) == ("FA-2017-0010", "PO445")
    assert (result.value("subtotal"), result.value("tax"), result.value("total")) == (
        "624.90",
        "46.25",
        "671.15",
    )
    # No lines in this profile: the draft gets the amount without tax as its one line.
    assert [(i.description, i.amount, i.tax_rate) for i in result.line_items] == [
        ("Amount without tax (the e-invoice has no lines)", "624.90", None)
    ]


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("fail/fail1.pdf", ["profile"]),  # an unknown profile URN
        ("fail/factur-x-invalid-xml-encoding-attribute.pdf", ["xml"]),  # not well-formed
        # amounts carrying a currencyID, which the EN 16931 CII syntax binding forbids, and an
        # attachment the PDF does not associate with itself (/AF), as PDF/A-3 requires
        ("fail/python-factur-x.pdf", ["CII-DT-031", "attachment"]),
    ],
)
def test_invalid_einvoices_are_reported_not_raised(name: str, where: list[str]) -> None:
    outcome = _read(name)

    assert not outcome.valid
    report = outcome.report()
    assert report["valid"] is False
    assert report["attachment"].lower() in {"zugferd-invoice.xml", "factur-x.xml"}
    assert [f["where"].split()[0] for f in report["findings"] if f["severity"] == "error"] == where


def test_inconsistent_amounts_are_an_error_naming_the_rule() -> None:
    xml = (SAMPLES / "EN16931_Einfach.ubl.xml").read_bytes()
    broken = xml.replace(b">529.87</cbc:TaxInclusiveAmount>", b">592.87</cbc:TaxInclusiveAmount>")
    assert broken != xml

    outcome = parse_einvoice_xml(broken)

    assert not outcome.valid
    assert "BR-CO-15" in [f.where for f in outcome.findings if f.severity == "error"]


def test_official_en16931_business_rules_are_checked_with_rule_id_and_place() -> None:
    xml = (SAMPLES / "XRECHNUNG_Einfach.cii.xml").read_bytes()
    # The seller's VAT id and tax number removed: standard-rated lines then break BR-S-02.
    broken = re.sub(
        rb"<ram:SpecifiedTaxRegistration>.*?</ram:SpecifiedTaxRegistration>", b"", xml, flags=re.S
    )
    assert broken != xml

    outcome = parse_einvoice_xml(broken)

    assert not outcome.valid
    errors = {f.where.split()[0]: f for f in outcome.findings if f.severity == "error"}
    assert "BR-S-02" in errors
    assert "SellerTradeParty" in errors["BR-S-02"].where or "TradeTax" in errors["BR-S-02"].where
    assert "Seller VAT Identifier" in errors["BR-S-02"].message


def test_a_code_list_rule_alone_is_a_warning_and_the_invoice_is_used() -> None:
    xml = (SAMPLES / "XRECHNUNG_Einfach.cii.xml").read_bytes()
    # "PCS", a common way to write pieces, is not a UN/ECE Recommendation 20 unit code.
    unknown_unit = xml.replace(b'unitCode="H87"', b'unitCode="PCS"')
    assert unknown_unit != xml

    outcome = parse_einvoice_xml(unknown_unit)

    assert outcome.valid
    assert "BR-CL-23" in [f.where.split()[0] for f in outcome.findings if f.severity == "warning"]


def test_an_element_outside_the_invoice_vocabulary_is_an_error() -> None:
    xml = (SAMPLES / "XRECHNUNG_Einfach.cii.xml").read_bytes()
    stray = xml.replace(b"<ram:BuyerReference>", b"<BuyerReference>", 1).replace(
        b"</ram:BuyerReference>", b"</BuyerReference>", 1
    )
    assert stray != xml

    outcome = parse_einvoice_xml(stray)

    assert not outcome.valid
    errors = [f for f in outcome.findings if f.severity == "error"]
    assert errors[0].where.endswith("BuyerReference")
    assert "no namespace" in errors[0].message


def test_hostile_xml_is_refused_without_expanding_entities() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&b;</Invoice>'
    )

    outcome = parse_einvoice_xml(bomb)

    assert not outcome.valid
    assert outcome.findings


def test_only_einvoice_xml_is_accepted_as_xml() -> None:
    assert sniff_content_type((SAMPLES / "EN16931_Einfach.ubl.xml").read_bytes()[:65536]) == (
        "application/xml"
    )
    assert sniff_content_type((SAMPLES / "XRECHNUNG_Einfach.cii.xml").read_bytes()[:65536]) == (
        "application/xml"
    )
    assert (
        sniff_content_type(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')
        is None
    )


@pytest.mark.django_db
def test_uploaded_ubl_xml_becomes_a_draft_invoice_of_the_matched_supplier(
    client_as, django_capture_on_commit_callbacks
) -> None:
    from procura.partners.tests.factories import make_supplier
    from procura.procurement.models import SupplierInvoice

    supplier = make_supplier(name="Lieferant", tax_id="DE 123 456 789", currency="EUR")
    client = client_as("finance")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {"file": upload("invoice.xml", (SAMPLES / "EN16931_Einfach.ubl.xml").read_bytes())},
            format="multipart",
        )

    assert response.status_code == 202, response.content
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    assert detail["content_type"] == "application/xml"
    extraction = detail["extraction"]
    assert extraction["source"] == "e-invoice"
    assert extraction["einvoice"]["syntax"] == "UBL"
    assert extraction["supplier"]["supplier_id"] == supplier.pk
    assert extraction["supplier"]["matched_by"] == "tax_id"
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    assert invoice.supplier_id == supplier.pk
    assert (invoice.invoice_number, str(invoice.invoice_date)) == ("471102", "2018-03-05")
    assert (str(invoice.subtotal), str(invoice.tax), str(invoice.total)) == (
        "473.00",
        "56.87",
        "529.87",
    )
    assert invoice.low_confidence_fields == []
    lines = list(invoice.lines.order_by("line_no"))
    assert [(line.description, str(line.line_total)) for line in lines] == [
        ("Trennblätter A4", "198.00"),
        ("Joghurt Banane", "275.00"),
    ]


@pytest.mark.django_db
def test_pdf_with_a_broken_embedded_xml_is_read_from_the_page(
    client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("finance")
    data = (SAMPLES / "fail" / "factur-x-invalid-xml-encoding-attribute.pdf").read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("invoice.pdf", data)}, format="multipart")

    document = Document.objects.get(pk=response.json()["id"])
    assert document.status == DocumentStatus.PROCESSED
    extraction = document.extraction or {}
    assert extraction["source"] == "visual"
    assert extraction["einvoice"]["valid"] is False
    assert extraction["einvoice"]["findings"][0]["where"] == "xml"
    assert "Bei Spiel GmbH" in document.text  # the page was read


def _embedded(name: str) -> bytes:
    from procura.documents.extraction.einvoice import embedded_xml

    found = embedded_xml((SAMPLES / name).read_bytes())
    assert found is not None
    return found[1]


def test_a_group_the_minimum_profile_lacks_is_an_error_naming_it_and_its_line() -> None:
    # A credit note in the MINIMUM profile that names the invoice it corrects (BG-3): the
    # profile has no place for that reference, so a reader of the profile would lose it.
    outcome = _read("fail/Avoir_FR_type381_MINIMUM.pdf")

    assert not outcome.valid
    errors = [f for f in outcome.findings if f.severity == "error"]
    assert [f.where for f in errors] == ["line 54: InvoiceReferencedDocument"]
    assert "the minimum profile does not have" in errors[0].message


def test_extra_address_detail_in_a_minimum_invoice_is_only_a_warning() -> None:
    xml = _embedded("Facture_FR_MINIMUM.pdf")
    # The seller's postcode where the MINIMUM schema keeps only the country (older releases of
    # the profile allowed the whole address, and official samples still carry it).
    detailed = xml.replace(
        b"<ram:CountryID>FR</ram:CountryID>",
        b"<ram:PostcodeCode>84340</ram:PostcodeCode><ram:CountryID>FR</ram:CountryID>",
        1,
    )
    assert detailed != xml

    outcome = parse_einvoice_xml(detailed)

    assert outcome.valid, outcome.findings
    warnings = [f.where for f in outcome.findings if f.severity == "warning"]
    assert any(where.endswith("PostcodeCode") for where in warnings)


def test_a_zugferd_1_order_is_not_accepted_as_an_invoice() -> None:
    xml = _embedded("ZUGFeRD_1p0_COMFORT_Einfach.pdf")
    order = xml.replace(
        b"CrossIndustryDocument:invoice:1p0:comfort", b"CrossIndustryDocument:order:1p0:comfort"
    )
    assert order != xml

    outcome = parse_einvoice_xml(order)

    assert not outcome.valid
    errors = [f for f in outcome.findings if f.severity == "error"]
    assert [f.where for f in errors] == ["GuidelineSpecifiedDocumentContextParameter"]
    assert "order:1p0:comfort is not an invoice's" in errors[0].message
    assert parse_einvoice_xml(xml).valid


def test_a_line_whose_quantity_and_price_do_not_give_its_amount_is_flagged() -> None:
    # 400 balloons at 0.10 are 40.00, not the 316.00 the line states (0.79 was meant).
    outcome = parse_einvoice_xml((SAMPLES / "fail" / "noNetPriceValidation.xml").read_bytes())

    flagged = {f.where: f for f in outcome.findings}
    assert flagged["BT-131 line 1"].message == (
        "Line 1: quantity 400.0000 x net price 0.1000 is 40.00, not the line amount 316.00."
    )
    # EN 16931 gives the formula as guidance, and official samples state gross prices: a warning.
    assert flagged["BT-131 line 1"].severity == "warning"


def test_ubl_invoices_are_checked_with_cen_ubl_rules_with_rule_id_and_place() -> None:
    xml = (SAMPLES / "EN16931_Einfach.ubl.xml").read_bytes()
    # The seller's VAT id removed: standard-rated lines then break BR-S-02, a rule only CEN's
    # UBL rules check (the totals still add up).
    broken = re.sub(rb"<cac:PartyTaxScheme>.*?</cac:PartyTaxScheme>", b"", xml, count=2, flags=re.S)
    assert broken != xml

    outcome = parse_einvoice_xml(broken)

    assert not outcome.valid
    errors = {f.where.split()[0]: f for f in outcome.findings if f.severity == "error"}
    assert "BR-S-02" in errors
    assert errors["BR-S-02"].where.startswith("BR-S-02 Invoice")
    assert "Seller VAT Identifier" in errors["BR-S-02"].message
    assert parse_einvoice_xml(xml).valid


@pytest.mark.django_db
def test_an_uploaded_ubl_breaking_cen_rules_is_reported_and_every_field_marked_doubtful(
    client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("finance")
    data = (
        SAMPLES / "fail" / "not_validating_full_invoice_based_onTest_EeISI_300_CENfullmodel.ubl.xml"
    ).read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("invoice.xml", data)}, format="multipart")

    assert response.status_code == 202, response.content
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    report = detail["extraction"]["einvoice"]
    assert (report["valid"], report["syntax"]) == (False, "UBL")
    errors = {f["where"]: f["message"] for f in report["findings"] if f["severity"] == "error"}
    assert "BR-CO-10 Invoice/LegalMonetaryTotal" in errors
    assert (
        "Sum of Invoice line net amount (BT-106)" in errors["BR-CO-10 Invoice/LegalMonetaryTotal"]
    )
    assert all(
        fv["confidence"] <= 0.5
        for fv in detail["extraction"]["fields"].values()
        if fv["value"] is not None
    )


@pytest.mark.parametrize(("type_code", "breaks"), [("916", True), ("130", False)])
def test_a_scheme_only_an_invoiced_object_reference_may_carry_is_cii_dt_024(
    type_code: str, breaks: bool
) -> None:
    # A supporting document (916) with a reference type code, which CEN's CII binding gives only
    # to the invoiced object identifier (130, BT-18).
    xml = _embedded("zugferd_2p0_EN16931_Einfach.pdf")
    referenced = xml.replace(
        b"</ram:ApplicableHeaderTradeAgreement>",
        b"<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>A-1</ram:IssuerAssignedID>"
        b"<ram:TypeCode>" + type_code.encode() + b"</ram:TypeCode>"
        b"<ram:ReferenceTypeCode>AAA</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>"
        b"</ram:ApplicableHeaderTradeAgreement>",
    )
    assert referenced != xml

    errors = [f.where for f in parse_einvoice_xml(referenced).findings if f.severity == "error"]

    assert (
        "CII-DT-024 CrossIndustryInvoice/SupplyChainTradeTransaction/"
        "ApplicableHeaderTradeAgreement/AdditionalReferencedDocument" in errors
    ) is breaks


@pytest.mark.django_db
def test_a_basic_wl_invoice_is_held_to_its_profile_rules_and_read_from_the_page(
    client_as, django_capture_on_commit_callbacks
) -> None:
    # An intra-community supply (VAT category K) without the delivery date or invoicing period
    # and without the deliver-to country: BR-IC-11 and BR-IC-12, which the Factur-X BASIC WL
    # rules apply to a document without lines.
    from procura.procurement.models import SupplierInvoice

    client = client_as("finance")
    data = (SAMPLES / "Facture_UE_BASICWL.pdf").read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("facture.pdf", data)}, format="multipart")

    assert response.status_code == 202, response.content
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    extraction = detail["extraction"]
    assert extraction["source"] == "visual"
    report = extraction["einvoice"]
    assert (report["valid"], report["profile"]) == (False, "basicwl")
    assert [f["where"].split()[0] for f in report["findings"] if f["severity"] == "error"] == [
        "BR-IC-11",
        "BR-IC-12",
    ]
    assert SupplierInvoice.objects.filter(source_document_id=detail["id"]).exists()


def test_the_minimum_and_basic_wl_samples_pass_their_profile_rules() -> None:
    assert _read("Facture_FR_MINIMUM.pdf").valid
    basic_wl = _embedded("Facture_UE_BASICWL.pdf")
    # The same invoice with the delivery date and country BR-IC-11/12 ask for.
    delivered = basic_wl.replace(
        b"<ram:ApplicableHeaderTradeDelivery/>",
        b"<ram:ApplicableHeaderTradeDelivery><ram:ShipToTradeParty><ram:PostalTradeAddress>"
        b"<ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress></ram:ShipToTradeParty>"
        b"<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime>"
        b'<udt:DateTimeString format="102">20171105</udt:DateTimeString>'
        b"</ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>"
        b"</ram:ApplicableHeaderTradeDelivery>",
    )
    assert delivered != basic_wl

    outcome = parse_einvoice_xml(delivered)

    assert outcome.valid, [f for f in outcome.findings if f.severity == "error"]


@pytest.mark.django_db
def test_a_pdf_whose_page_shows_another_invoice_than_its_xml_is_flagged(
    client_as, django_capture_on_commit_callbacks
) -> None:
    # The XML states 39077.22 EUR (19 % VAT); the page prints a 1997 invoice of 37.763,70 DEM
    # (15 % VAT) with the same number and lines. The XML passes every rule; finance is warned.
    from procura.procurement.models import SupplierInvoice

    client = client_as("finance")
    data = (SAMPLES / "fail" / "ZUGFeRD_2_fully_compliant_complete.pdf").read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("rechnung.pdf", data)}, format="multipart")

    assert response.status_code == 202, response.content
    detail = client.get(f"{URL}{response.json()['id']}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    report = detail["extraction"]["einvoice"]
    page = [f for f in report["findings"] if f["where"] == "PDF page BT-112"]
    assert [f["severity"] for f in page] == ["warning"]
    assert "39077.22 EUR" in page[0]["message"]
    assert "37.763,70" in Document.objects.get(pk=detail["id"]).text  # the page was read
    assert SupplierInvoice.objects.filter(source_document_id=detail["id"]).exists()


def test_a_pdf_whose_page_prints_the_xml_total_is_not_flagged() -> None:
    # 529.87 printed as "529,87" on the page.
    outcome = _read("zugferd_2p0_EN16931_Einfach.pdf")
    assert outcome.valid
    assert [f for f in outcome.findings if f.where == "PDF page BT-112"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "price", "quantity", "amount"),
    [
        # The same invoice in both syntaxes; each writes the numbers its own way.
        ("EN16931_Einfach.ubl.xml", ("9.9<", "9.5<"), "20", "198"),
        ("XRECHNUNG_Einfach.cii.xml", ("9.9000<", "9.5000<"), "20.0000", "198.00"),
    ],
)
def test_a_line_whose_price_does_not_give_its_amount_is_flagged_alike_in_ubl_and_cii(
    client_as,
    django_capture_on_commit_callbacks,
    name: str,
    price: tuple[str, str],
    quantity: str,
    amount: str,
) -> None:
    # 20 sheets priced at 9.50 make 190.00, not the 198.00 the line (and the totals) state.
    xml = (SAMPLES / name).read_bytes()
    was, now = (p.encode() for p in price)
    changed = xml.replace(was, now)
    assert changed != xml

    detail = processed_upload(
        client_as("finance"), django_capture_on_commit_callbacks, "invoice.xml", changed
    )

    report = detail["extraction"]["einvoice"]
    assert report["valid"] is True  # the totals add up: a warning for finance, not a refusal
    assert [f for f in report["findings"] if f["where"].startswith("BT-131")] == [
        {
            "where": "BT-131 line 1",
            "message": f"Line 1: quantity {quantity} x net price {now.decode()[:-1]} is 190.00, "
            f"not the line amount {amount}.",
            "severity": "warning",
        }
    ]
    assert not [f for f in parse_einvoice_xml(xml).findings if f.where.startswith("BT-131")]
