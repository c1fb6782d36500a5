"""Reading rules that invoices from many countries need, each on a small page written as the
hand-written samples are (fixed-width text drawn as a PDF with a text layer)."""

from __future__ import annotations

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.extraction.result import InvoiceExtraction
from procura.documents.extraction.suppliers import BuyerIdentity, issuer_country
from procura.documents.tests.world import render_text


def _read(text: str, buyer: BuyerIdentity | None = None) -> InvoiceExtraction:
    pages = read_document(render_text(text), "application/pdf").pages
    return extract_invoice(pages, buyer=buyer)


def _values(result: InvoiceExtraction, *names: str) -> tuple:
    return tuple(result.fields[name].value for name in names)


AMOUNTS = ("subtotal", "tax", "total")


def test_a_norwegian_invoice_with_a_two_digit_number_kid_and_kr() -> None:
    result = _read(
        """## Fjellbakst AS
Storgata 3, 0155 Oslo
Org.nr. NO 912 345 602 MVA

Kunde AS                                     FAKTURA
Postboks 1, 5003 Bergen                      Fakturanr.      27
                                             Fakturadato     03.12.2026
                                             KID             0012034567

Beskrivelse                     Antall     Pris     Mva      Beløp
Brød                              100     30,00     15 %   3 000,00

                                      Sum eks. mva         3 000,00
                                      Mva 15 %               450,00
                                      Å betale kr          3 450,00
Konto 8601.11.17947 (IBAN NO93 8601 1117 947)
"""
    )
    assert _values(result, "invoice_number", "invoice_date") == ("27", "2026-12-03")
    assert _values(result, *AMOUNTS) == ("3000.00", "450.00", "3450.00")
    assert result.fields["currency"].value == "NOK"
    assert result.fields["currency"].confidence >= 0.6
    assert result.fields["supplier_tax_id"].value == "NO 912 345 602 MVA"
    assert result.parties["supplier"]["country"] == "NO"


def test_swedish_totals_under_column_headers_add_both_tax_columns() -> None:
    result = _read(
        """# Kustfisk AB
Hamnvägen 3, 451 50 Uddevalla
                                              Fakturanummer    30418
                                              Fakturadatum     2026-12-01
                                              OCR-nummer       3041826

Benämning                 Antal     À-pris     Moms       Belopp
Lax                          10     100,00      12%     1 000,00
Frakt                         1     200,00      25%       200,00

Netto           Moms 12%       Moms 25%      ATT BETALA
1 200,00        120,00         50,00         1 370,00 SEK
Org.nr 556821-4000     Momsreg.nr SE556821400001
"""
    )
    assert result.fields["invoice_number"].value == "30418"
    assert _values(result, *AMOUNTS) == ("1200.00", "170.00", "1370.00")
    assert result.fields["supplier_tax_id"].value == "SE556821400001"  # not the Org.nr


def test_skonto_amount_is_not_the_total_and_zzgl_lines_are_the_tax() -> None:
    result = _read(
        """Bäckerei Beispiel GmbH · Lindenallee 4 · 04109 Leipzig
Kunde GmbH
Hauptstraße 1
04109 Leipzig
                                          Rechnungsnummer:  RE-26-1
                                          Rechnungsdatum:   02.12.2026
Pos.  Artikel            Menge   Einzelpreis   USt.   Gesamtpreis
1     Brot                 100        2,00 €    7 %      200,00 €
2     Kaffee                10       10,00 €   19 %      100,00 €
                          Summe netto                     300,00 €
                          zzgl. 7 % USt. auf 200,00 €      14,00 €
                          zzgl. 19 % USt. auf 100,00 €     19,00 €
                          Gesamtbetrag                    333,00 €
Zahlbar innerhalb von 10 Tagen mit 2 % Skonto (6,66 €), Zahlbetrag dann 326,34 €.
"""
    )
    assert _values(result, *AMOUNTS) == ("300.00", "33.00", "333.00")
    assert result.fields["supplier_name"].value == "Bäckerei Beispiel GmbH"


def test_a_rate_printed_before_the_tax_label_with_its_base() -> None:
    result = _read(
        """# Weingut Beispiel KG
Kellergasse 12 · 3743 Röschitz · Österreich
                                          Rechnung Nr.   2026/7
                                          Datum          30. November 2026
Artikel                        Menge     Preis     USt      Betrag
Wein                              10     20,00     20 %     200,00
Saft                              10     10,00     10 %     100,00
                                  Summe netto              300,00
                                  10 % USt von 100,00       10,00
                                  20 % USt von 200,00       40,00
                                  Rechnungsbetrag          350,00
"""
    )
    assert _values(result, *AMOUNTS) == ("300.00", "50.00", "350.00")
    assert result.fields["supplier_name"].value == "Weingut Beispiel KG"  # not the street


def test_a_credit_note_number_not_the_invoice_it_corrects() -> None:
    result = _read(
        """# CREDIT NOTE
Dairy Example Ltd
Moorside Farm, Holmfirth HD9 2QA
VAT Registration No. GB 318 4401 22
                                          Credit Note No:     CN-2291
                                          Date:               3 December 2026
                                          Original invoice:   PD-118840 of 20 November 2026
                                                    Net credit          99.00
                                                    VAT                  5.00
                                                    Total credit £     104.00
"""
    )
    assert result.fields["invoice_number"].value == "CN-2291"
    assert result.fields["supplier_tax_id"].value == "GB 318 4401 22"


def test_the_buyers_tax_id_and_email_printed_first_are_not_the_issuers_polish_account() -> None:
    result = _read(
        """## Faktura VAT nr FV 2026/12/0148
Data wystawienia: 2026-12-04

Nabywca:                                      Sprzedawca:
Kupiec Sp. z o.o.                             Młyn Przykład Sp.j.
ul. Półwiejska 32                             ul. Młyńska 7
61-888 Poznań                                 62-020 Swarzędz
NIP: 7831822694                               NIP: 952-103-44-08
zakupy@kupiec.example                         faktury@mlyn.example
                                              Nr konta: 54 1090 1014 0000 0712 1981 3000

                                    Razem netto         100,00
                                    Kwota VAT            23,00
Do zapłaty: 123,00 zł
"""
    )
    assert result.fields["invoice_number"].value == "FV 2026/12/0148"
    assert result.fields["supplier_tax_id"].value == "952-103-44-08"
    assert result.fields["supplier_email"].value == "faktury@mlyn.example"
    # The account number printed without its "PL" is the IBAN.
    assert result.fields["supplier_iban"].value == "PL54109010140000071219813000"


def test_whole_rupee_amounts_with_the_currency_in_its_own_cell() -> None:
    result = _read(
        """# Example Cloud Pvt. Ltd.
GSTIN 29AAKCT6612B1ZD
                                                 Invoice No: TC/93
                                                 Invoice Date: 2nd December 2026
                                 Total Taxable Value       Rs. 50,000
                                 IGST @ 18%                Rs.  9,000
                                 Total Invoice Value       Rs. 59,000/-
"""
    )
    assert _values(result, *AMOUNTS) == ("50000.00", "9000.00", "59000.00")
    assert result.fields["currency"].value == "INR"


def test_a_name_before_its_trade_and_a_belgian_tvac_total() -> None:
    result = _read(
        """Camille Exemple - Graphiste
14 impasse des Lilas, 5000 Namur

FACTURE N° 2026-018
Date de facture : 15/11/2026
                                                  Total HTVA          100,00
                                                  Total TVA            21,00
                                                  Total TVAC          121,00 EUR
"""
    )
    assert result.fields["supplier_name"].value == "Camille Exemple"
    assert _values(result, *AMOUNTS) == ("100.00", "21.00", "121.00")


def test_issuer_country_from_the_iban_else_our_own_never_a_fixed_default() -> None:
    assert issuer_country(None, None, None, "NO9386011117947") == "NO"
    page = """# Some Shop
Invoice No. 5501
Invoice Date: 2 December 2026
                                     Total           100.00
"""
    assert _read(page).parties["supplier"]["country"] is None
    ours = _read(page, BuyerIdentity(names=["Us Ltd"], country="IE"))
    assert ours.parties["supplier"]["country"] == "IE"
    assert "issuer's country taken as our own (the invoice shows none)" in ours.notes
