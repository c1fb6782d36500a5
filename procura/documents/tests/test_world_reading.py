"""Reading rules that invoices from many countries need, each on a small page written as the
hand-written samples are (fixed-width text drawn as a PDF with a text layer)."""

from __future__ import annotations

from datetime import date

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


def test_a_german_credit_note_not_the_invoice_it_refers_to() -> None:
    result = _read(
        """Getränke Beispiel GmbH · Industriestraße 40 · 68169 Mannheim
Kunde GmbH
Planken 12
68161 Mannheim
                                                 Gutschrift Nr.:    GS-2026-014
                                                 Datum:             04.12.2026
Gutschrift
zu unserer Rechnung Nr. RE-2026-0877 vom 20.11.2026 (Leergutrücknahme)
                                         Nettobetrag               100,00
                                         USt. 19 %                  19,00
                                         Gutschriftsbetrag         119,00
"""
    )
    assert _values(result, "invoice_number", "invoice_date") == ("GS-2026-014", "2026-12-04")


def test_a_quebec_invoice_in_dollars_is_in_canadian_dollars_with_tps_and_tvq() -> None:
    result = _read(
        """## Fromagerie Exemple inc.
1280, rue Principale Ouest, Magog (Québec) J1X 2B2
TPS : 812345601 RT0001      TVQ : 1234567890 TQ0001

FACTURE                                       No de facture : 5521
                                              Date : 2026-12-02
Description                                 Qté        Prix          Montant
Plateaux de fromages fins                    10      45,00 $         450,00 $
                                            Sous-total                 450,00 $
                                            TPS (5 %)                   22,50 $
                                            TVQ (9,975 %)               44,89 $
                                            Total                      517,39 $
"""
    )
    assert _values(result, *AMOUNTS) == ("450.00", "67.39", "517.39")
    assert result.fields["currency"].value == "CAD"
    assert result.fields["supplier_tax_id"].value == "812345601 RT0001"


def test_us_state_and_county_taxes_add_up_to_the_tax() -> None:
    result = _read(
        """GREAT LAKES EXAMPLE CO.                                                  INVOICE
6600 Crossroads Blvd, Columbus, OH 43219                     Invoice:     55012
                                                              Date:        12/01/2026
                                                       Subtotal                2,400.00
                                                       Ohio State Tax 5.75%      138.00
                                                       Franklin County 1.25%      30.00
                                                       Invoice Total           2,568.00
"""
    )
    assert _values(result, *AMOUNTS) == ("2400.00", "168.00", "2568.00")


def test_an_ocr_read_1er_is_the_first_of_the_month() -> None:
    from procura.documents.extraction.parsing import Notation, parse_date

    assert parse_date("Lausanne, le ler décembre 2026", Notation.EU) == date(2026, 12, 1)
    assert parse_date("le 1er juillet 2019", Notation.EU) == date(2019, 7, 1)


def test_our_country_from_settings_else_from_our_currency(settings) -> None:
    from procura.documents.services.processing import our_company

    settings.PROCURA_COMPANY_COUNTRY = "ie"
    assert our_company().country == "IE"
    settings.PROCURA_COMPANY_COUNTRY = ""
    settings.COMPANY_CURRENCY = "GBP"
    assert our_company().country == "GB"
    settings.COMPANY_CURRENCY = "EUR"  # several countries: none guessed
    assert our_company().country is None


def test_an_indian_bill_of_supply_carries_no_tax_and_dates_day_first() -> None:
    result = _read(
        """                                  BILL OF SUPPLY
# SHREE EXAMPLE FLOUR MILL
Plot 7, APMC Market Yard, Rajkot 360003, Gujarat
GSTIN 24ABHPS4417K1ZG
Composition taxable person, not eligible to collect tax on supplies
Bill No. : GFM/264                                   Date : 04/12/2026
Sr  Particulars                 HSN     Qty       Rate        Amount
1   Wheat flour (chakki) 25 kg  1101    40 bags   950.00   38,000.00
                                                 Total     38,000.00
Rupees Thirty Eight Thousand Only
"""
    )
    assert _values(result, "invoice_date", "currency") == ("2026-12-04", "INR")
    assert _values(result, *AMOUNTS) == ("38000.00", "0.00", "38000.00")


def test_a_vat_included_total_and_a_breakdown_table_of_bases_and_taxes() -> None:
    result = _read(
        """## PANADERÍA EJEMPLO, S.L.
CIF B84512300 · C/ Mayor 12, 28013 Madrid
FACTURA SIMPLIFICADA
Nº: T-2026-08812          Fecha: 05/12/2026 09:14
  24   Barra de pan                        26,40
   1   Bandeja cartón                       4,00
                    TOTAL (IVA incluido)   30,40 €
Desglose IVA     Base       Cuota
IVA 10%         24,00       2,40
IVA 21%          3,31       0,69
Total           27,31       3,09
"""
    )
    assert _values(result, "tax", "total") == ("3.09", "30.40")
    assert result.fields["subtotal"].value == "27.31"


def test_czech_turkish_and_greek_labels() -> None:
    czech = _read(
        """## Faktura – daňový doklad č. 2026120077
Dodavatel:                                     Odběratel:
Kovárna Hradec s.r.o.                          Obchodní dům Praha a.s.
Datum vystavení: 2026-12-04       Datum splatnosti: 2026-12-18

Rekapitulace DPH      Základ daně      Sazba      DPH
                        10 000,00       21 %     2 100,00

Celkem k úhradě:                                                          12 100,00 Kč
"""
    )
    assert _values(czech, "invoice_number", "invoice_date") == ("2026120077", "2026-12-04")
    assert _values(czech, *AMOUNTS) == ("10000.00", "2100.00", "12100.00")
    turkish = _read(
        """## PROFORMA FATURA
Ege Seramik A.Ş.                               Proforma No: PF-2026-204
                                               Tarih: 2026-12-07
Ürün                          Miktar      Birim Fiyat      Tutar (EUR)
Karo 60x60                       500 m2          10,00        5.000,00
                                           Ara Toplam:             5.000,00
                                           KDV %20:                1.000,00
                                           Genel Toplam:           6.000,00 EUR
"""
    )
    assert _values(turkish, "invoice_number", "invoice_date") == ("PF-2026-204", "2026-12-07")
    assert _values(turkish, *AMOUNTS) == ("5000.00", "1000.00", "6000.00")
    greek = _read(
        """## TIMOLOGIO
Kritiki Elaiourgia A.E.
Seira: A   Arithmos: 0911                      Imerominia: 2026-12-02
Perigrafi                                    Posotita    Timi monadas      Axia
Elaiolado 5 lt                                    40           30,00   1.200,00
                                      Kathari axia:                    1.200,00
                                      F.P.A. 13%:                        156,00
                                      Synolo pliromis:                 1.356,00  EUR
"""
    )
    assert _values(greek, "invoice_number", "invoice_date") == ("0911", "2026-12-02")
    assert _values(greek, *AMOUNTS) == ("1200.00", "156.00", "1356.00")
