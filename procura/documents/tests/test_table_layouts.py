"""Line items of tables as real invoices print them: headings over two or three lines, discount,
unit and tax columns, descriptions wrapping under their row, a row's details under it, amounts a
line lower than the other cells, the next table's headings, tables going on over pages."""

from __future__ import annotations

import re

from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.layout import Page, Word


def _page(text: str, number: int = 1) -> Page:
    """A page of a PDF's text layer whose words sit where the text puts them (6 points a
    character, 10 tall, a line every 12 as in a table set tight)."""
    words = [
        Word(m.group(), 40 + m.start() * 6.0, 40 + i * 12.0, 40 + m.end() * 6.0, 50 + i * 12.0)
        for i, line in enumerate(text.strip("\n").splitlines())
        for m in re.finditer(r"\S+", line)
    ]
    return Page(number, 595.0, 842.0, words, "text")


def _lines(*texts: str) -> list[tuple[str, str | None, str | None, str | None]]:
    pages = [_page(text, number) for number, text in enumerate(texts, start=1)]
    result = extract_invoice(pages)
    return [(i.description, i.quantity, i.unit_price, i.amount) for i in result.line_items]


FRENCH = """
Au bon moulin SARL                                        Facture FA-2017-0010
Date de facture 13/11/2017

                                      Prix
Description              Quantité              Rem.    Prix HT
                                      unitaire
Nougat de l'Abbaye 250g  20 Unit(s)   4,55 €   10%     81,90 €
Biscuits aux raisins     15 Unit(s)   3,20 €           48,00 €
Huile d'olive            25 Liter(s)  19,80 €          495,00 €

                                               Total HT       624,90 €
                                               Total TTC      671,15 €
"""


def test_a_heading_printed_over_two_lines_names_its_column() -> None:
    # "Prix" over "unitaire" names the unit price; "Prix HT", the last price, is the amount.
    lines = _lines(FRENCH)

    assert [line[1:] for line in lines[1:]] == [("15", "3.2", "48.00"), ("25", "19.8", "495.00")]


def test_a_discount_column_gives_the_net_price_the_line_bills() -> None:
    # 20 x 4.55 less 10% = 81.90: the price billed is 4.10, the quantity stays 20.
    assert _lines(FRENCH)[0] == ("Nougat de l'Abbaye 250g", "20", "4.1", "81.90")


GERMAN = """
Lieferant GmbH                                    Rechnung Nr. 471102 vom 05.03.2018

Art-Nr-Kunde
Pos  Beschreibung     Nettopreis   Menge     Steuersatz   Nettobetrag
Art-Nr
1    Trennblätter     9,90         20 Stk    19 %         198,00
TB100A4 A4
4012345001235
Bruttopreis 9,90
2    Joghurt          5,50         50 Stk    7 %          275,00
ARNR2 Banane
Bruttopreis 5,50

Umsatzsteueraufschlüsselung:
Art         Warenwert    USt. %    USt.-Betrag
VAT (S)     275,00       7         19,25
VAT (S)     198,00       19        37,62
Positionssumme                     473,00
"""


def test_german_compound_headings_make_the_table() -> None:
    # "Nettopreis" and "Nettobetrag" name the price and the amount; the article number under
    # a row is left out of its description, its gross price under it is not a description.
    assert _lines(GERMAN) == [
        ("Trennblätter A4", "20", "9.9", "198.00"),
        ("Joghurt Banane", "50", "5.5", "275.00"),
    ]


def test_the_next_tables_headings_end_the_table() -> None:
    # Between the rows and the tax breakdown no total is printed: the breakdown's headings
    # (no number on the line) end the table, its rows are no line items.
    text = GERMAN.replace("Umsatzsteueraufschlüsselung:", "")
    text = text.replace("Art         Warenwert", "Kategorie   Warenwert")

    assert [line[3] for line in _lines(text)] == ["198.00", "275.00"]


SPLIT_ROW = """
Lieferant GmbH                                    Rechnung Nr. 471102 vom 05.03.2018

Pos  Beschreibung        Nettopreis   Menge     Steuersatz   Nettobetrag
1    Trennblätter A4     9,9000       20 Stk    19 %
     4012345001235                                           198,00
2    Joghurt Banane      5,5000       50 Stk    7 %
     4000050986428                                           275,00
                                                Positionssumme  473,00
"""


def test_an_amount_printed_a_line_lower_than_its_row_is_the_rows() -> None:
    lines = extract_invoice([_page(SPLIT_ROW)]).line_items

    assert [(i.description, i.quantity, i.unit_price, i.amount) for i in lines] == [
        ("Trennblätter A4", "20", "9.9", "198.00"),
        ("Joghurt Banane", "50", "5.5", "275.00"),
    ]
    # Read, not computed from quantity and price: not marked doubtful.
    assert all(i.confidence >= 0.6 for i in lines)


PAGE_ONE = """
Lieferant GmbH                                    Rechnung Nr. 471102 vom 05.03.2018

Pos  Beschreibung        Einzelpreis  Menge     Betrag
1    Trennblätter A4     9,90         20        198,00
2    Joghurt Banane      5,50         50        275,00
                                                Seite 1 von 2
"""
PAGE_TWO = """
3    Kunstrasen grün     3,3333       3         10,00
4    Mineralwasser       5,49         20        109,80
                                      Zwischensumme   592,80
"""


def test_a_table_goes_on_over_the_next_page_without_its_header() -> None:
    assert [line[0] for line in _lines(PAGE_ONE, PAGE_TWO)] == [
        "Trennblätter A4",
        "Joghurt Banane",
        "Kunstrasen grün",
        "Mineralwasser",
    ]


ENGLISH = """
Acme Ltd                                          Invoice # RE-20201121/508
Date of delivery 2020-11-10

Amount   Product                    VAT    Price      Total
1.00     Design (hours): Of a sample      7%     160.00 €   160.00 €
         invoice
10.00    Sample kit: free of charge       19%    0.00 €     0.00 €
400.00   Ballons: various colors,         19%    0.79 €     316.00 €
         ~2000ml
Net total: 476.00 €
"""


def test_a_number_column_before_the_description_holds_the_quantity() -> None:
    # No quantity heading: "Amount" before the product is the quantity; the free sample's
    # quantity is read, not derived (0 x price gives none).
    assert [line[1] for line in _lines(ENGLISH)] == ["1", "10", "400"]


def test_a_description_runs_past_its_heading_to_the_next_column() -> None:
    assert [line[0] for line in _lines(ENGLISH)] == [
        "Design (hours): Of a sample invoice",
        "Sample kit: free of charge",
        "Ballons: various colors, ~2000ml",
    ]


DETAILS = """
Lieferant GmbH                                    Rechnung Nr. 471102 vom 05.03.2018

Pos  Beschreibung        Nettopreis   Menge     Steuersatz   Nettobetrag
1    Kunstrasen          3,3333       3 m²      19 %         10,00
     grün 3m breit
     Bruttopreis :4,0000 Abschlag :0,6667
2    Fahrtkosten,        23,36        1 Stk     7 %          23,36
     Taxi Berlin
                                                Positionssumme  33,36
"""


def test_a_rows_labelled_details_under_it_are_no_row_of_their_own() -> None:
    assert _lines(DETAILS)[0] == ("Kunstrasen grün 3m breit", "3", "3.3333", "10.00")
    assert len(_lines(DETAILS)) == 2


def test_a_wrapped_description_starting_like_a_totals_label_goes_on() -> None:
    # "Taxi Berlin" is the rest of a description, not the table's "Tax" line.
    assert _lines(DETAILS)[1] == ("Fahrtkosten, Taxi Berlin", "1", "23.36", "23.36")


PACKS = """
Musterlieferant GmbH                              Rechnung R87654321 vom 06.08.2013

Artikelbezeichnung     Menge VKE     Nettopreis    Nettowert
Zitronensäure 100ml    100 Stk. 1    1,00          100,00
Gelierzucker 250g      50 Stk. 10    1,45          72,50
                                     Warenwert     172,50
"""


def test_a_quantity_comes_before_its_unit_and_pack_size_in_its_cell() -> None:
    assert [line[1] for line in _lines(PACKS)] == ["100", "50"]


CODES_FIRST = """
Musterlieferant GmbH                              Rechnung R87654321 vom 06.08.2013
Kunden-Nr. 009420
GTIN            Art-Nr                  Menge        Nettopreis    Nettowert
Art-Nr-Kunde    Artikelbezeichnung
4123456000014   ZS997                   100 Stk.     1,00          100,00
Zitronensäure 100ml
Verpackung Flasche
4123456000021   GZ250                   50 Stk.      1,45          72,50
Gelierzucker Extra 250g
                                                     Warenwert     172,50
"""


def test_a_row_of_codes_and_numbers_takes_the_line_under_it_as_its_description() -> None:
    # The description's heading under the header line; each row prints its GTIN and article
    # number, then its description on the line below, then its packing.
    assert _lines(CODES_FIRST) == [
        ("Zitronensäure 100ml", "100", "1", "100.00"),
        ("Gelierzucker Extra 250g", "50", "1.45", "72.50"),
    ]


NET_AND_GROSS = """
Nordic Tools AB                                   Invoice 2026-118
Date 2026-03-02

Description          Qty    Unit price    Net amount    VAT %    Gross amount
Torque wrench          2        120.00        240.00       25          300.00
Socket set             1         80.00         80.00       25          100.00
                                          Subtotal      320.00
"""


def test_of_a_net_and_a_gross_amount_column_the_net_one_is_the_lines_amount() -> None:
    assert _lines(NET_AND_GROSS) == [
        ("Torque wrench", "2", "120", "240.00"),
        ("Socket set", "1", "80", "80.00"),
    ]


RIGHT_ALIGNED = """
Prairie Ridge Packing Co.                         Invoice No: A-32004
Date: 03/17/2026

Description                       Qty      Unit Price        Amount
Ground beef 80/20            1,272.40           97.79     124428.00
Pork loin chops                  12.4           51.31        636.24
                                           Subtotal     125064.24
"""


def test_a_quantity_wider_than_its_heading_stays_out_of_the_description() -> None:
    # The quantities, right-aligned under a short "Qty", start left of it, where the
    # description's column runs on to: numbers there are the quantity's.
    assert _lines(RIGHT_ALIGNED) == [
        ("Ground beef 80/20", "1272.4", "97.79", "124428.00"),
        ("Pork loin chops", "12.4", "51.31", "636.24"),
    ]


CONFIRMED = """
Lieferant GmbH                                    Rechnung Nr. 471105 vom 05.03.2018

Beschreibung            Menge     Einzelpreis     Betrag
Trennblätter A4         20        9,90            198,00
Joghurt Banane          50        5,50            275,00

Summe Positionen                                  473,00
Abschlag Treuerabatt                              -23,00
Summe netto                                       450,00
Umsatzsteuer 19%                                   85,50
Gesamtbetrag                                      535,50
"""


def _confidences(text: str) -> list[float]:
    return [i.confidence for i in extract_invoice([_page(text)]).line_items]


def test_lines_adding_up_to_a_sum_the_page_prints_are_sure() -> None:
    # A discount on the whole invoice keeps the lines from the net; the page prints their sum.
    assert all(c >= 0.9 for c in _confidences(CONFIRMED))


def test_lines_adding_up_to_nothing_printed_are_doubtful() -> None:
    # 20 x 9,90 printed 189,00: the lines add up to neither the net nor any printed sum.
    text = CONFIRMED.replace("198,00", "189,00").replace("9,90 ", "9,45 ")

    assert all(c < 0.6 for c in _confidences(text))


def test_a_doubtful_extra_line_leaves_the_lines_that_add_up_sure() -> None:
    # A row whose price is unread (a fee under the lines) is doubtful; the others still add up
    # to the printed sum without it.
    text = CONFIRMED.replace(
        "Joghurt Banane          50        5,50            275,00",
        "Joghurt Banane          50        5,50            275,00\n"
        "Pfand                                            3,10",
    )
    items = extract_invoice([_page(text)]).line_items

    assert [(i.description, i.confidence >= 0.9) for i in items] == [
        ("Trennblätter A4", True),
        ("Joghurt Banane", True),
        ("Pfand", False),
    ]
    assert items[-1].confidence < 0.6


def test_a_price_printed_rounded_is_doubtful() -> None:
    # 3 x 3,33 is 9,99, not 10,00: the price billed (3,3333) is not the one printed.
    text = CONFIRMED.replace("198,00", "10,00").replace("20        9,90", "3         3,33")
    text = text.replace("473,00", "285,00").replace("450,00", "262,00")

    confidences = _confidences(text)
    assert confidences[0] < 0.6
    assert confidences[1] >= 0.9


def test_a_quantity_computed_not_read_is_doubtful() -> None:
    # The quantity's cell is empty: 198,00 / 9,90 gives 20, but the page does not say so.
    text = CONFIRMED.replace("Trennblätter A4         20   ", "Trennblätter A4              ")

    items = extract_invoice([_page(text)]).line_items
    assert items[0].quantity == "20"
    assert items[0].confidence < 0.6
    assert items[1].confidence >= 0.9


def test_a_description_of_codes_and_labels_only_is_doubtful() -> None:
    text = CONFIRMED.replace("Trennblätter A4 ", "GTIN: 4012345001")

    items = extract_invoice([_page(text)]).line_items
    assert items[0].description == "GTIN: 4012345001"
    assert items[0].confidence < 0.6
    assert items[1].confidence >= 0.9
