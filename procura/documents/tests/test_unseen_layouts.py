"""Labels, dates and issuers as invoices from unseen suppliers print them: totals said to be with
or without the tax, abbreviated French totals, a month name followed by a comma, the addressee
greeted by a salutation and the issuer named only in the footer's address column."""

from __future__ import annotations

from datetime import date
from typing import Any

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.extraction.layout import Page, Word
from procura.documents.extraction.parsing import Notation, find_dates
from procura.documents.extraction.suppliers import TITLE
from procura.documents.tests.world import render_text


def _read(text: str) -> Any:
    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


def _amounts(result: Any) -> tuple[str | None, ...]:
    return tuple(result.fields[name].value for name in ("subtotal", "tax", "total"))


def test_totals_with_and_without_vat_and_the_vat_paid() -> None:
    result = _read(
        """# Invoice
Invoice Number: 118                  Date: 22/10/2021
Bill To:                             Bill From:
Jane Roe                             Larkspur Trading Ltd
Description           Quantity       Subtotal
Garden chair          1              53 EUR
Discount              1              -10 EUR
                      Total without VAT     43 EUR
                      VAT Rate              20%
                      VAT Paid              8.6 EUR
                      Total paid with VAT   51.6 EUR
"""
    )

    # "Total paid with VAT" is the total, not a tax line; "Total without VAT" is the net.
    assert _amounts(result) == ("43.00", "8.60", "51.60")


def test_abbreviated_french_totals_tot_ht_and_tot_ttc() -> None:
    result = _read(
        """# Boulangerie Marchal SARL
Facture n° 2291                       Date 14/03/2026
Pain de campagne      10      25,00
Tot HT                        25,00
TVA 5,5 %                      1,38
Tot TTC                       26,38
"""
    )

    assert _amounts(result) == ("25.00", "1.38", "26.38")


def test_a_month_name_with_a_comma_before_the_day() -> None:
    assert [d for d, _, _ in find_dates("Setembro, 23, 2016", Notation.EU)] == [date(2016, 9, 23)]
    assert find_dates("Total, 12, 2016", Notation.EU) == []


def test_the_buyer_in_the_address_window_is_not_the_issuer_named_in_the_footer_column() -> None:
    result = _read(
        """Musterfirma GmbH                     Datum        05.02.2014
Herrn Manfred Muster                 Kunden-Nr.   34567
Musterstrasse 99                     Rechnung Nr. R-2014-17
12345 Musterstadt
Rechnung
Kassenbuch Box        1      49,90 EUR
Summe Netto:                 49,90 EUR
zzgl. 19 % USt.:              9,48 EUR
Gesamtbetrag:                59,38 EUR
Bitte überweisen Sie den Betrag bis zum 19.02.2014.
"""
        + "\n" * 60  # the footer at the foot of the page
        + """Ostwind Software AG     IBAN: DE89370400440532013000     Tel. 06187 4769920
Lindenallee 272a        BIC: COBADEFFXXX                 Fax 06187 4769940
98765 Leuteberg
Deutschland
"""
    )

    assert result.fields["supplier_name"].value == "Ostwind Software AG"


def test_a_person_greeted_by_a_salutation_is_never_taken_for_a_name() -> None:
    from procura.documents.extraction.suppliers import NOT_A_NAME

    for addressee in (
        "Herrn Manfred Muster",
        "Herm Manfred Muster",
        "Attn. Jane Doe",
        "Mevr. Jansen",
    ):
        assert NOT_A_NAME.search(addressee)
    assert not NOT_A_NAME.search("Hermes Logistik GmbH")


def test_the_issuer_thanking_the_customer_in_its_own_name() -> None:
    result = _read(
        """Monsieur Jérôme Flesch
5 avenue de Mormal
59000 Lille
No 56818 le 15/10/2010
Casque Dayton             1,00      169,00
Tot HT                              140,83
Tot TTC                             169,00
CYCLES VERNIER vous remercie de votre confiance.
"""
    )

    assert result.fields["supplier_name"].value == "CYCLES VERNIER"


def test_a_logo_placeholder_is_not_part_of_the_name() -> None:
    result = _read(
        """# LOGO KESTREL OUTFITTERS
Invoice INV-4410                     Date 02/03/2026
Total                                EUR 18.00
"""
    )

    assert result.fields["supplier_name"].value == "KESTREL OUTFITTERS"


def test_bolivar_amounts_glued_to_their_sign_in_a_section_per_vat_rate() -> None:
    result = _read(
        """Ferretería Los Andes
Av. Bolívar 12, Caracas, Venezuela               RIF: J-31234567-0
FACTURA Nº 000118                                Fecha de emisión: 14-03-2026
Cantidad Descripción                  Precio U. (Bs.)  Precio T. (Bs.)
1        Taladro                      2.000,00         2.000,00
1        Pan                          500,00           500,00
Subtotal R                            Bs.500,00
BI R   (8 %)                          Bs.500,00
IVA R  (8 %)                          Bs.40,00
Subtotal G                            Bs.2.000,00
BI G   (16 %)                         Bs.2.000,00
IVA G  (16 %)                         Bs.320,00
TOTAL                                 Bs.2.860,00
"""
    )

    # The net and the tax are each printed once per VAT rate, in sections four lines apart.
    assert _amounts(result) == ("2500.00", "360.00", "2860.00")
    assert result.fields["currency"].value == "VES"


def test_kroner_on_a_norwegian_invoice_without_the_issuers_country() -> None:
    result = _read(
        """# Faktura
Fjellvik Snekkeri                    Fakturanummer: 38
Fjordveien 3                         Fakturadato: 2. november 2017
Beskrivelse            Enhetspris    MVA     Sum
Benk                   5 000.00 kr   25 %    6 250.00 kr
                       MVA-grunnlag:   5 000.00 kr
                       MVA:            1 250.00 kr
                       Å betale:       6 250.00 kr
"""
    )

    assert result.fields["currency"].value == "NOK"
    assert _amounts(result) == ("5000.00", "1250.00", "6250.00")


def test_a_quotes_own_number_when_no_invoice_number_is_printed() -> None:
    result = _read(
        """# Atelier Brunet
Devis n° 24                           Date : 12 avril 2017
Chaise                 2      50,00 €
Total HT                      50,00 €
TVA 20 %                      10,00 €
Total TTC                     60,00 €
"""
    )

    assert result.fields["invoice_number"].value == "24"


def test_a_possessive_title_is_a_title_not_a_name() -> None:
    # "My Invoice" printed large above the issuer's own name and address.
    assert TITLE.search("My Invoice")
    assert TITLE.search("Your Receipt")
    assert TITLE.search("  Unsere Rechnung ")
    assert not TITLE.search("Berg Design")
    assert not TITLE.search("Invoices paid by transfer to")


def test_a_date_column_header_over_the_lines_dates_is_not_the_invoice_date() -> None:
    result = _read(
        """Rechnung Nr. 000007
Rechnung in Bearbeitung...                       Januar 12, 2026
Müller e.K.
Musterstr. 1
12345 Musterstadt
Datum        Beschreibung   Anzahl   Stückpreis   Summe
24.11.2025   Nägel          1.000    0,10 €       100,00 €
25.11.2025   Hammer         1        475,00 €     475,00 €
Nettobetrag                                       575,00 €
Steuern                                           109,25 €
Gesamtbetrag                                      684,25 €
"""
    )

    assert result.fields["invoice_date"].value == "2026-01-12"


def test_a_word_under_the_title_that_heads_its_own_number_label_is_not_the_number() -> None:
    # A receipt's "Bill No:" read by the OCR as "8111 NO:" under an "ABBREVIATED TAX INVOICE"
    # title: the misread label word is not the invoice number below the title.
    result = _read(
        """# Saptagiri Stores
ABBREVIATED TAX INVOICE
8111 NO: $137482-NKT-80/81
Date 07/05/2024
Gross Amount 185.00
Net Amount 185.00
"""
    )

    assert result.fields["invoice_number"].value != "8111"
    assert result.fields["invoice_number"].confidence < 0.60


def test_the_issuers_own_reference_when_no_invoice_number_is_printed() -> None:
    # A Dutch letter-style invoice: its only number is the issuer's reference ("Ons kenmerk")
    # under a row of reference headers; the buyer's reference ("Uw kenmerk") is empty.
    result = _read(
        """# Wybo Dekker
NTG
Maasstraat 2
5836 BB Sambeek
Uw brief van     Uw kenmerk     Ons kenmerk     Datum
                                8234            1 april 2006
rekening
Omschrijving                                    Bedrag
enveloppen                                        6,60
postzegels                                        9,00
Subtotaal                                        15,60
"""
    )

    number = result.fields["invoice_number"]
    assert number.value == "8234"
    assert number.confidence < 0.60


def test_the_buyers_reference_is_not_the_invoice_number() -> None:
    result = _read(
        """# Wybo Dekker
Uw kenmerk: 55-AB      Datum: 1 april 2006
Omschrijving                                    Bedrag
enveloppen                                        6,60
Totaal                                            6,60
"""
    )

    assert result.fields["invoice_number"].value is None


# The head of a Dutch bill whose sums the tests below vary.
_DUTCH_BILL_HEAD = """# Wybo Dekker
Factuurnummer: 8234                 Datum: 1 april 2006
Omschrijving                                    Bedrag
enveloppen                                        6,60
"""


def test_a_subtotal_that_is_the_only_sum_is_the_total_of_an_untaxed_bill() -> None:
    result = _read(
        _DUTCH_BILL_HEAD
        + """postzegels                                        9,00
Subtotaal                                        15,60
"""
    )

    assert _amounts(result) == ("15.60", "0.00", "15.60")
    # Derived from a subtotal alone: below the low line.
    assert result.fields["total"].confidence < 0.60
    assert result.fields["tax"].confidence < 0.60


def test_a_lone_subtotal_read_by_ocr_is_not_taken_as_the_total() -> None:
    # On a scan the tax and total lines under the subtotal may be there and lost to the OCR.
    words = [
        Word(text, 40 + 60 * column, 40 + 14 * row, 90 + 60 * column, 52 + 14 * row, 0.9)
        for row, line in enumerate(["Factuurnummer: 8234", "Subtotaal 15,60"])
        for column, text in enumerate(line.split())
    ]
    result = extract_invoice([Page(1, 595, 842, words, "ocr")])

    assert result.fields["subtotal"].value == "15.60"
    assert result.fields["total"].value is None


def test_a_subtotal_on_a_page_saying_it_carries_no_tax_is_its_total() -> None:
    result = _read(
        """# Fotografie Anna Bergmann
Rechnungsnummer: 2026-031          Rechnungsdatum: 20.06.2026
Vereinsfest Fotoreportage              480,00
Bildbearbeitung 40 Fotos               140,00
Zwischensumme:                          620,00 EUR
Gemäß §19 UStG wird keine Umsatzsteuer berechnet.
"""
    )

    assert _amounts(result) == ("620.00", "0.00", "620.00")
    assert result.fields["total"].confidence >= 0.60


def test_the_euro_when_the_pages_words_are_of_the_euro_area_and_no_currency_is_printed() -> None:
    # A Dutch bill whose euro sign its font did not map to a character, a French till receipt
    # whose € the OCR lost: no currency printed, but Dutch/French invoice words.
    dutch = _read(
        _DUTCH_BILL_HEAD
        + """Totaal                                            6,60
BTW                                               0,00
"""
    )
    french = _read(
        """# Boulangerie Marchal
Ticket 0412                            22/10/2012 15:42
PAIN DE CAMPAGNE                        4,60
TOTAL H.T.                              4,30
TVA                                     0,30
TOTAL TTC                               4,60
"""
    )

    for result in (dutch, french):
        assert result.fields["currency"].value == "EUR"
        assert result.fields["currency"].confidence < 0.60


def test_no_euro_guessed_from_spanish_or_canadian_french_words() -> None:
    # Spanish is written in many countries that do not pay in euros; Quebec's receipts say
    # TPS/TVQ and pay in Canadian dollars.
    spanish = _read(
        """# Ferretería López
Factura Nº 118                       Fecha: 03/02/2026
Martillo                                12,00
Base imponible                          12,00
IVA 16%                                  1,92
Total                                   13,92
"""
    )
    quebec = _read(
        """# Boulangerie du Plateau
Facture 0412                           22/10/2026
PAIN DE CAMPAGNE                        4,60
TOTAL H.T.                              4,00
TPS                                     0,20
TVQ                                     0,40
TOTAL TTC                               4,60
"""
    )

    assert spanish.fields["currency"].value is None
    assert quebec.fields["currency"].value != "EUR"


def test_a_polish_number_in_a_series_that_holds_the_date() -> None:
    result = _read(
        """FAKTURA VAT nr FV/12/03/2025
Data wystawienia: 2025-03-12
Sprzedawca:                          Nabywca:
Drukarnia Nowak Sp. z o.o.           Biuro Rachunkowe Kowalski
Ulotki A5                                  250,00
Razem netto                                250,00
VAT 23%                                     57,50
Do zapłaty:                                307,50 PLN
"""
    )

    assert result.fields["invoice_number"].value == "FV/12/03/2025"
    assert result.fields["invoice_date"].value == "2025-03-12"


def test_an_italian_one_digit_number_before_its_date_and_the_totale_fattura() -> None:
    result = _read(
        """Studio Tecnico Ing. Marco Rossi
Partita IVA 12345678903
Fattura n. 7 del 15 gennaio 2025
Prestazione professionale                       1.000,00
Totale imponibile                               1.000,00
IVA 22%                                           220,00
Totale fattura                                  1.220,00
"""
    )

    # "Totale fattura" is the total, never the invoice number.
    assert result.fields["invoice_number"].value == "7"
    assert result.fields["invoice_date"].value == "2025-01-15"
    assert _amounts(result) == ("1000.00", "220.00", "1220.00")


def test_a_mexican_folio_and_an_iso_date_with_its_time() -> None:
    result = _read(
        """Distribuidora del Bajío S.A. de C.V.
RFC: DBA010203AB1
Factura   Serie A   Folio 5521
Fecha de emisión: 2025-06-02T10:15:22
Folio fiscal: 5FB2822E-396D-4725-8521-CDC4BDD20CCF
Subtotal                                           $192.50
IVA Trasladado 16%                                  $30.80
Total                                              $223.30
Moneda: MXN
"""
    )

    assert result.fields["invoice_number"].value == "5521"
    assert result.fields["invoice_date"].value == "2025-06-02"
    assert find_dates("2025-06-02Tuesday", Notation.EU) == []


def test_a_brazilian_nota_fiscal_number() -> None:
    result = _read(
        """Comercial Paulista de Ferragens Ltda
CNPJ: 11.222.333/0001-81
NOTA FISCAL Nº 000.004.512   Série 1
Data de emissão: 15/05/2025
Cimento CP-II 50kg        40      32,90        1.316,00
Valor total da nota                          R$ 1.316,00
"""
    )

    assert result.fields["invoice_number"].value == "000.004.512"
