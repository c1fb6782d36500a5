"""The issuer named by the page's other cues when its name is printed only in a logo picture: the
payee of a "make checks payable to" line or of the bank details, the copyright line, a legal
form the OCR misread; and an invoice number under a "DOCUMENT NO," heading."""

from __future__ import annotations

from typing import Any

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.extraction.context import DocumentView
from procura.documents.extraction.suppliers import (
    CandidateSupplierMatcher,
    SupplierCandidate,
    identifiers,
    normalise_name,
)
from procura.documents.tests.world import render_text


def _read(text: str) -> Any:
    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


# A utility bill whose issuer's name is only in its logo: the customer's name and address are
# the only name-like lines at the top.
_BILL = """                                              ACCOUNT NUMBER
JOAN SMITH                                    5-2100-9991-3257
107 EQUINOX CIR
LADSON SC 29456-5292                          DATE DUE       AMOUNT DUE
                                              May 17 2018    $148.89
APRIL STATEMENT GENERATED ON:
Apr 26 2018
Previous Bill Amount                          $168.42
Current Charges                               $148.89
Total Current Charges                         $148.89
"""


def test_the_payee_of_a_make_checks_payable_to_line_is_the_issuer() -> None:
    result = _read(_BILL + "Write account number on check and make payable to Brightwater Power\n")

    assert result.fields["supplier_name"].value == "Brightwater Power"


def test_an_ampersand_read_as_a_letter_is_put_back_from_the_web_domain() -> None:
    result = _read(
        _BILL + "For a complete set of tools log on to www.sceg.com\n"
        "Write account number on check and make payable to SCEAG\n"
    )

    # The domain spells the name letter for letter: a second cue.
    assert result.fields["supplier_name"].value == "SCE&G"
    assert result.fields["supplier_name"].confidence >= 0.6


def test_the_account_holder_of_the_bank_details_is_the_issuer_but_not_a_service_account() -> None:
    banked = _read(
        _BILL + "Bank: First Coastal Bank     Routing 021000021\n"
        "Account name: Lowcountry Water Works\n"
    )
    service = _read(_BILL + "Account name: Lowcountry Water Works\n")

    assert banked.fields["supplier_name"].value == "Lowcountry Water Works"
    assert service.fields["supplier_name"].value != "Lowcountry Water Works"


def test_the_owner_of_the_copyright_line_is_the_issuer() -> None:
    result = _read(_BILL + "© 2018 Brightwater Power Inc. All rights reserved.\n")

    assert normalise_name(result.fields["supplier_name"].value) == "brightwater power"


def test_a_legal_form_the_ocr_misread_still_marks_the_name() -> None:
    result = _read(
        """                                              ALWAYS REFER TO THIS NUMBER
Valued Customer                               DOCUMENT NO,
999 Ninety Ninth Street                       99999999
Anywhere, USA, 99999
                                   HALVERSON TOOLS Incorporatep
Item                 Quantity      Price         Amount
Hammer               2             10.00         20.00
GROSS AMOUNT                                     20.00
"""
    )

    assert result.fields["supplier_name"].value == "HALVERSON TOOLS Incorporated"
    # "Incorporated" is a legal form as "Inc." is.
    assert normalise_name("Halverson Tools Incorporated") == normalise_name("Halverson Tools")
    # The number in its box under a heading the OCR ended with a comma.
    assert result.fields["invoice_number"].value == "99999999"


def test_the_lower_of_two_unlabelled_name_and_address_blocks_is_the_addressee() -> None:
    # A printed invoice: the company's own block at the top right, the customer's block, without
    # a label, lower down at the left; only the customer's name has a legal form.
    result = _read(
        """Invoice #000001
Invoice Date: 04/19/06                              Harbour Crafts
                                                    9876 Second St.
Due Date: 05/19/06                                  Othercity, SS 12345

ABC Inc
123 First Ave.
Somecity, SS 12345

Reference: ABC Purchase Order # 12988
Date       Description     Quantity   Unit Price   Total
04/19/06   Hammer          1          $500.00      $500.00
Subtotal                                           $500.00
Tax                                                $0.00
Amount Due                                         $500.00
"""
    )

    assert result.fields["supplier_name"].value == "Harbour Crafts"


def test_a_block_lower_and_to_the_right_of_the_window_is_not_the_addressee() -> None:
    result = _read(
        """Invoice 2291
Jane Roe
12 Main Street
Springfield, IL 62701
                                                    Harbour Crafts Ltd
                                                    9876 Second St.
                                                    Othercity, SS 12345
Hammer                                             $500.00
Amount Due                                         $500.00
"""
    )

    assert result.fields["supplier_name"].value == "Harbour Crafts Ltd"


def test_a_legal_form_printed_before_the_name_and_a_weight_unit_that_is_not_one() -> None:
    # A Latvian till receipt: "SIA" before the company's name; "kg" after a product is a unit.
    result = _read(
        """SIA PARAUGS
Jur. adrese: Parauga iela 1, Riga
Example Store (Riga)
Kase Nr. 03
Banani kg
0,156 kg X 1,39 EUR/kg                 0,22
Aboli Gala 1.       Skira kg
1,240 kg X 1,99 EUR/kg                 2,47
Samaksai EUR                           2,69
"""
    )

    assert result.fields["supplier_name"].value == "SIA PARAUGS"


def test_a_name_in_big_widely_spaced_capitals_is_read_whole() -> None:
    result = _read(
        """                  # BURGER         # SEIGNEUR
                  No.35, 80 feet road, HAL 3rd Stage
                  Indiranagar, Bangalore
Order Type: Table                       Bill No. T2--126653
Date: 2023-05-31
Classic Burger         1       530.00
Grand Total                    530.00
"""
    )

    assert result.fields["supplier_name"].value == "BURGER SEIGNEUR"


def test_tax_ids_under_czech_greek_hungarian_and_kenyan_labels() -> None:
    def tax_ids(text: str) -> list[str]:
        doc = DocumentView(read_document(render_text(text), "application/pdf").pages)
        return identifiers(doc).tax_ids

    assert tax_ids("IČO: 45612307   DIČ: CZ45612307") == ["CZ45612307"]
    assert tax_ids("A.F.M.: EL102938470   D.O.Y.: Athinon") == ["EL102938470"]
    assert tax_ids("Adószám: 13579241-2-09\nKözösségi adószám: HU13579241") == ["HU13579241"]
    assert tax_ids("PIN: P051234567X    Tel 0722 418 900") == ["P051234567X"]
    # A card receipt's "PIN Verified" names no tax id.
    assert tax_ids("CVS PIN Verified 0800008000") == []


def test_a_line_over_the_issuers_name_is_no_address_block_of_its_own() -> None:
    # The buyer's country closes its block just over the issuer's name; the issuer's postcode
    # is under its name, so no block stands wholly above it.
    result = _read(
        """                                                         INVOICE
BILL TO                                                  Invoice number   INV-2026-10482
Westgate Retail Group                                    Date of issue    Dec 6, 2026
1200 Harbor Blvd, Suite 400
Long Beach, CA 90802
United States
## Brightwater Analytics, Inc.
548 Market Street
San Francisco, CA 94104
Growth plan                          1        $990.00       $990.00
Amount due                                                  $990.00
"""
    )

    assert result.fields["supplier_name"].value == "Brightwater Analytics, Inc."


_UTILITY_BILL = """JOAN SMITH                                    ACCOUNT NUMBER
107 EQUINOX CIR                               5-2100-9991-3257
LADSON SC 29456-5292
                                              DATE DUE       AMOUNT DUE
                                              May 17 2018    $148.89
Current Charges                               $148.89
Total Current Charges                         $148.89
"""


def test_a_parent_company_named_by_an_affiliate_line_is_not_the_issuer() -> None:
    for phrase in (
        "A subsidiary of Meridian Holdings Inc.",
        "Part of Meridian Group Ltd",
        "A member of Meridian Group Ltd",
        "Ein Unternehmen der Meridian Holding GmbH",
    ):
        result = _read(f"# Harbour Energy\n{phrase}\n" + _UTILITY_BILL)

        assert result.fields["supplier_name"].value == "Harbour Energy", phrase


def test_the_name_before_an_affiliate_phrase_is_the_issuers_own() -> None:
    result = _read("# Harbour Energy, a subsidiary of Meridian plc\n" + _UTILITY_BILL)

    assert result.fields["supplier_name"].value == "Harbour Energy"


def test_a_groups_letterhead_stacking_its_companies_goes_by_the_groups_name() -> None:
    result = _read(
        "# Lakeside & Hollow\n"
        "# Pine Ridge Light & Power Co.\n"
        "# Hollow Electric Company\n" + _UTILITY_BILL
    )

    assert result.fields["supplier_name"].value == "Lakeside & Hollow"


def test_side_by_side_blocks_the_mailing_address_is_the_addressee() -> None:
    # The company's block (its name over its tax number) and the customer's mailing address
    # start on one line; the terms beside their label are no name either.
    result = _read(
        """Factura #000001
                                        Data:                          19/04/2021
                                        Data de vencimento:            04/05/2021
                                        Condicoes:                 Liquido 15 dias

ABC, Lda.                                                                 HBCB
Jose Silva                                                           999999999
Avenida Larga, 123
Algures, 9999-000 NENHURES
Data        Descricao     Quantidade   Preco unitario   Total
19/04/2021  Pregos        1.000,00     0,10 EUR         100,00 EUR
Montante devido                                         100,00 EUR
"""
    )

    assert result.fields["supplier_name"].value == "HBCB"


def test_a_name_starting_with_a_cut_off_word_is_read_unsurely() -> None:
    def supplier(name: str) -> Any:
        return _read(
            f"""COMMERCIAL INVOICE
From                               To:
{name}                             Paulo Cereda
12 Lake Avenue                     Rua Bonita 4
Okemos MI 48823                    Cidade de Patos
Ducks          5        2.00       10.00
Total Invoice Value                $10.00
"""
        ).fields["supplier_name"]

    # The end of "The" at the edge of a photo: the name may be wrong.
    assert supplier("je Duck Company").confidence < 0.6
    # A name's particle in lower case is its own first word.
    assert supplier("van Dijk Transport").value == "van Dijk Transport"
    assert supplier("van Dijk Transport").confidence >= 0.6


def test_a_known_supplier_is_matched_by_its_web_domain_but_not_by_a_mail_providers() -> None:
    def matched(contact: str, suppliers: list[SupplierCandidate]) -> Any:
        matcher = CandidateSupplierMatcher(suppliers)
        pages = read_document(render_text(_UTILITY_BILL + contact + "\n"), "application/pdf")
        return extract_invoice(pages.pages, matcher=matcher).supplier

    known = [
        SupplierCandidate(1, "Jane Roe Catering", emails=["jane.roe@gmail.com"]),
        SupplierCandidate(2, "Harbour Crafts Ltd", emails=["billing@harbourcrafts.com"]),
    ]

    by_web = matched("Questions? Visit www.harbourcrafts.com", known)
    assert by_web is not None
    assert (by_web.supplier_id, by_web.matched_by) == (2, "email_domain")
    # Another sender with an address at the same mail provider is not Jane Roe.
    assert matched("Contact: tom.smith.plumbing@gmail.com", known) is None


def test_a_latin_american_legal_form_is_not_part_of_who_the_supplier_is() -> None:
    printed = "TALLERES ACERO DEL BAJÍO"
    for registered in (
        "Talleres Acero del Bajío, S.A. de C.V.",
        "Talleres Acero del Bajío S. de R.L. de C.V.",
    ):
        assert normalise_name(registered) == normalise_name(printed)
    assert normalise_name("Comercial Andina S.A.C.") == "comercial andina"
    # "Sac" as a word of the name stays.
    assert normalise_name("Sac Bags") == "sac bags"


def test_a_long_name_broken_over_two_lines_is_read_whole() -> None:
    # Beside its "Name:" label, the label level with the name's second line.
    labelled = _read(
        """Rechnung Nr. 2018-1 vom 06.12.2018
Verkäufer
Nummer:            549910
                   Nordhafen Gegenseitiger
Name:              Versicherungsverein Kiel a.G.
Anschrift:         Hafenstr. 12
                   24103 Kiel
Beitrag                                  100,00
Gesamtbetrag                             100,00
"""
    )
    # Heading the page's first block, without a label.
    unlabelled = _read(
        """Nordhafen Gegenseitiger
Versicherungsverein Kiel a.G.

Herrn
Max Mustermann
Musterstr. 11
12346 Bad Musterhausen
Beitrag                                  100,00
Gesamtbetrag                             100,00
"""
    )

    whole = "Nordhafen Gegenseitiger Versicherungsverein Kiel a.G."
    assert labelled.fields["supplier_name"].value == whole
    assert unlabelled.fields["supplier_name"].value == whole
