"""Doubts applied once the invoice is read (extraction/confidence.py): values that look sure from
their own place but that something else on the page puts in doubt go below the low line."""

from __future__ import annotations

import re

from procura.documents.extraction.confidence import CHARGES_UNACCOUNTED, calibrate
from procura.documents.extraction.context import DocumentView
from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.layout import Page, Word
from procura.documents.extraction.result import (
    LOW_CONFIDENCE,
    MISSING,
    FieldValue,
    InvoiceExtraction,
    Location,
)
from procura.documents.extraction.suppliers import NO_SECOND_CUE

WIDTH, HEIGHT, PITCH = 600.0, 800.0, 22.0


def _page(text: str, source: str = "ocr") -> Page:
    """A page whose words sit where the text puts them (7 points a character, a line apart)."""
    words = [
        Word(
            m.group(),
            40 + m.start() * 7.0,
            40 + i * PITCH,
            40 + m.end() * 7.0,
            52 + i * PITCH,
            0.95 if source == "ocr" else 1.0,
        )  # fmt: skip
        for i, line in enumerate(text.strip("\n").splitlines())
        for m in re.finditer(r"\S+", line)
    ]
    return Page(1, WIDTH, HEIGHT, words, source)


def _at(page: Page, row: int, value: str, confidence: float, source: str = "label") -> FieldValue:
    """``value`` as read from the last word of line ``row``."""
    words = [w for w in page.words if abs(w.top - (40 + row * PITCH)) < 1]
    return FieldValue(value, confidence, Location(page.number, page.box(words[-1:])), source)


def _result(fields: dict[str, FieldValue], checks: dict[str, bool | None] | None = None,
            parties: dict[str, dict[str, str | None]] | None = None) -> InvoiceExtraction:  # fmt: skip
    names = ("supplier_name", "supplier_tax_id", "supplier_iban", "invoice_number",
             "invoice_date", "currency", "subtotal", "tax", "total")  # fmt: skip
    return InvoiceExtraction(
        fields={name: fields.get(name, MISSING) for name in names},
        line_items=[],
        notation="us",
        checks=checks or {"lines_sum_to_subtotal": None, "subtotal_plus_tax_is_total": None},
        parties=parties or {"supplier": {}},
    )


RECEIPT = """
GREENLEAF MARKET
BANANAS                  1.99
MILK                     3.49
TOTAL                    5.48
VISA                     5.48
YOUR SAVINGS TOTAL       1.20
"""


def test_a_total_on_a_receipts_savings_line_is_doubtful() -> None:
    page = _page(RECEIPT)
    savings = _result({"total": _at(page, 5, "1.20", 0.72)})
    calibrate(DocumentView([page]), savings)
    assert savings.fields["total"].confidence < LOW_CONFIDENCE
    assert any("saving" in note for note in savings.notes)
    # The total's own line keeps its confidence.
    total = _result({"total": _at(page, 3, "5.48", 0.72)})
    calibrate(DocumentView([page]), total)
    assert total.fields["total"].confidence == 0.72


def test_a_confirmed_amount_is_not_doubted_for_its_lines_words() -> None:
    page = _page("Total paid in cash          5.48\nNet 5.00   Tax 0.48")
    result = _result(
        {"total": _at(page, 0, "5.48", 0.9), "subtotal": FieldValue("5.00", 0.9, None),
         "tax": FieldValue("0.48", 0.9, None)},
        checks={"lines_sum_to_subtotal": None, "subtotal_plus_tax_is_total": True},
    )  # fmt: skip
    calibrate(DocumentView([page]), result)
    assert result.fields["total"].confidence == 0.9


def test_a_total_read_before_a_larger_amount_on_its_line_is_doubtful() -> None:
    page = _page(
        "Description           Net     VAT    Gross\nTotal facture       24.99    5.00    29.99",
        "text",
    )
    net_as_total = _result({"total": _at(page, 1, "29.99", 0.92)})
    net_as_total.fields["total"] = FieldValue(
        "24.99", 0.92, Location(1, page.box([w for w in page.words if w.text == "24.99"]))
    )
    calibrate(DocumentView([page]), net_as_total)
    assert net_as_total.fields["total"].confidence < LOW_CONFIDENCE
    gross = _result({"total": _at(page, 1, "29.99", 0.92)})
    calibrate(DocumentView([page]), gross)
    assert gross.fields["total"].confidence == 0.92


def test_a_tax_larger_than_any_rate_allows_is_doubtful() -> None:
    page = _page("Taxable at 20%    10.83\nTotal             12.99", "text")
    base = _result({"tax": _at(page, 0, "10.83", 0.87), "total": _at(page, 1, "12.99", 0.74)})
    calibrate(DocumentView([page]), base)
    assert base.fields["tax"].confidence < LOW_CONFIDENCE
    assert base.fields["total"].confidence == 0.74
    page = _page("VAT 27%    2.70\nTotal     12.70", "text")
    fine = _result({"tax": _at(page, 0, "2.70", 0.87), "total": _at(page, 1, "12.70", 0.74)})
    calibrate(DocumentView([page]), fine)
    assert fine.fields["tax"].confidence == 0.87


def test_a_net_read_by_ocr_that_no_sum_confirms_is_doubtful() -> None:
    scanned = _page("Sub Total    185.00\nThank you")
    alone = _result({"subtotal": _at(scanned, 0, "185.00", 0.83)})
    calibrate(DocumentView([scanned]), alone)
    assert alone.fields["subtotal"].confidence < LOW_CONFIDENCE
    # From a text layer, or confirmed by net + tax = total, it keeps its confidence.
    typed = _page("Sub Total    185.00\nThank you", "text")
    printed = _result({"subtotal": _at(typed, 0, "185.00", 0.83)})
    calibrate(DocumentView([typed]), printed)
    assert printed.fields["subtotal"].confidence == 0.83
    confirmed = _result(
        {"subtotal": _at(scanned, 0, "185.00", 0.83)},
        checks={"lines_sum_to_subtotal": None, "subtotal_plus_tax_is_total": True},
    )
    calibrate(DocumentView([scanned]), confirmed)
    assert confirmed.fields["subtotal"].confidence == 0.83


def test_a_currency_from_one_ocr_symbol_needs_the_issuers_country() -> None:
    text = "CORNER STORE\nMilk        € 3.49\nTotal         3.49"
    alone = _result({"currency": FieldValue("EUR", 0.9, None, "pattern")})
    calibrate(DocumentView([_page(text)]), alone)
    assert alone.fields["currency"].confidence < LOW_CONFIDENCE
    # The issuer's Belgian VAT id backs the euro.
    backed = _result(
        {"currency": FieldValue("EUR", 0.9, None, "pattern"),
         "supplier_tax_id": FieldValue("BE0477472701", 0.8, None, "pattern")}
    )  # fmt: skip
    calibrate(DocumentView([_page(text)]), backed)
    assert backed.fields["currency"].confidence == 0.9
    # Printed the same way several times, or from a text layer, it is not in doubt.
    again = _result({"currency": FieldValue("EUR", 0.9, None, "pattern")})
    calibrate(DocumentView([_page(text + "\nPaid        € 3.49")]), again)
    assert again.fields["currency"].confidence == 0.9
    typed = _result({"currency": FieldValue("EUR", 0.9, None, "pattern")})
    calibrate(DocumentView([_page(text, "text")]), typed)
    assert typed.fields["currency"].confidence == 0.9


def test_the_extraction_applies_the_rules() -> None:
    text = """ACME SUPPLIES LTD
Invoice No: A-1001     Date: 2026-11-25
Sub Total                        185.00
Thank you for shopping
"""
    typed = extract_invoice([_page(text, "text")])
    scanned = extract_invoice([_page(text, "ocr")])
    assert typed.value("subtotal") == scanned.value("subtotal") == "185.00"
    assert typed.fields["subtotal"].confidence >= LOW_CONFIDENCE
    assert scanned.fields["subtotal"].confidence < LOW_CONFIDENCE
    assert "subtotal" in scanned.low_confidence_fields
    assert "subtotal: read by OCR and no sum confirms it" in scanned.notes


def test_an_invoice_number_that_is_an_iban_or_a_gtin_is_doubtful() -> None:
    page = _page("Please pay to IBAN\nDE75123456780000001234, BIC WELADED1MST", "text")
    for other in ("DE75123456780000001234", "4100130013294"):
        taken = _result({"invoice_number": FieldValue(other, 0.79, None)})
        calibrate(DocumentView([page]), taken)
        assert taken.fields["invoice_number"].confidence < LOW_CONFIDENCE
    for own in ("INV-2026-0042", "4100130013295", "DE2026000123"):
        kept = _result({"invoice_number": FieldValue(own, 0.79, None)})
        calibrate(DocumentView([page]), kept)
        assert kept.fields["invoice_number"].confidence == 0.79


def test_a_total_of_nothing_where_amounts_are_printed_is_doubtful() -> None:
    # The total's line was not read; the paid receipt's balance was.
    page = _page("Room Charges        Rs 1939\nGrand Total    As 1939\nBalance (if any)    Rs 0")
    balance = _result({"total": _at(page, 2, "0", 0.66)})
    calibrate(DocumentView([page]), balance)
    assert balance.fields["total"].confidence < LOW_CONFIDENCE
    total = _result({"total": _at(page, 1, "1939", 0.66)})
    calibrate(DocumentView([page]), total)
    assert total.fields["total"].confidence == 0.66


def test_an_invoice_number_read_otherwise_where_it_is_printed_again_is_doubtful() -> None:
    text = "DECORA SA\nFactura 1 24 0005 0001201245\nTotal  129.96\nFactura 124 0005 0001201345"
    twice = extract_invoice([_page(text)])
    assert twice.value("invoice_number") is not None
    assert twice.fields["invoice_number"].confidence < LOW_CONFIDENCE
    assert "invoice number: read otherwise where it is printed again" in twice.notes
    same = extract_invoice([_page(text.replace("1345", "1245"))])
    assert same.fields["invoice_number"].confidence >= LOW_CONFIDENCE


def test_a_label_whose_accent_ocr_misread_is_still_its_label() -> None:
    # "emisiön" for "emisión": the issue date is the labelled one, not the printer's footer date.
    text = """Lazaro de la Vega
FACTURA N° 000001         Fecha de emisiön: 02-07-2022
TOTAL Bs. 1.836,80
Imprenta: Impresos de la Vega, Providencia 01/01060 de fecha 12/11/2008"""
    scanned = extract_invoice([_page(text)])
    assert scanned.value("invoice_date") == "2022-07-02"


def test_a_net_derived_from_or_into_a_tax_too_large_is_doubtful() -> None:
    page = _page("VAT 20%     50.00\nTotal       60.00", "text")
    swapped = _result(
        {"subtotal": FieldValue("10.00", 0.9, None, "derived"), "tax": _at(page, 0, "50.00", 0.87),
         "total": _at(page, 1, "60.00", 0.9)}
    )  # fmt: skip
    calibrate(DocumentView([page]), swapped)
    assert swapped.fields["subtotal"].confidence < LOW_CONFIDENCE
    assert swapped.fields["total"].confidence == 0.9
    page = _page("VAT 20%     10.00\nTotal       60.00", "text")
    fine = _result(
        {"subtotal": FieldValue("50.00", 0.9, None, "derived"), "tax": _at(page, 0, "10.00", 0.87),
         "total": _at(page, 1, "60.00", 0.9)}
    )  # fmt: skip
    calibrate(DocumentView([page]), fine)
    assert fine.fields["subtotal"].confidence == 0.9


def test_an_issuers_name_read_by_ocr_that_nothing_backs_is_doubtful() -> None:
    text = "Commercial Invoice\nFrom        To:\nje Duck Company     Paulo Cereda\nTotal   214.00"
    for source, kept in (("ocr", False), ("text", True)):
        page = _page(text, source)
        result = _result({"supplier_name": _at(page, 2, "je Duck Company", 0.6)})
        result.notes.append(f"supplier name: {NO_SECOND_CUE}")
        calibrate(DocumentView([page]), result)
        assert (result.fields["supplier_name"].confidence == 0.6) is kept


def test_an_invoice_number_shaped_as_a_vat_number_is_doubtful() -> None:
    # The buyer's VAT number under "Uw BTW nummer", its check digits misread or not.
    page = _page("UW BTW NUMMER / UW REFERENTIE\nFACTUUR  BE0882555989", "text")
    for other in ("BE0882555989", "BE0505890632"):
        taken = _result({"invoice_number": FieldValue(other, 0.71, None)})
        calibrate(DocumentView([page]), taken)
        assert taken.fields["invoice_number"].confidence < LOW_CONFIDENCE


def test_a_total_below_the_net_or_not_above_the_tax_is_doubtful() -> None:
    page = _page("Totaal bedrag excl. BTW   31,00\nTotaal bedrag BTW   6,51", "text")
    for total, kept in (("6.51", False), ("37.51", True)):
        result = _result(
            {"subtotal": FieldValue("31.00", 0.9, None), "tax": FieldValue("6.51", 0.9, None),
             "total": FieldValue(total, 0.81, None)}
        )  # fmt: skip
        calibrate(DocumentView([page]), result)
        assert (result.fields["total"].confidence == 0.81) is kept


def test_a_total_above_a_net_derived_from_the_lines_is_not_doubted_for_it() -> None:
    # The net added up from line items the OCR misread says nothing against the printed total.
    page = _page("Rice 5 kg     275.00\nTOTAL     185.00")
    result = _result(
        {
            "subtotal": FieldValue("275.00", 0.58, None, "derived"),
            "total": _at(page, 1, "185.00", 0.83),
        }
    )
    calibrate(DocumentView([page]), result)
    assert result.fields["total"].confidence == 0.83


ADJUSTED_TOTALS = """
Widget       2   $100.00   $200.00
Gadget       1   $300.00   $300.00
Subtotal                   $500.00
Discounts (10%)            $ 50.00
Shipping                   $ 20.00
Tax (10%)                  $ 45.00
Total                      $515.00
"""


def test_a_discount_printed_in_the_plural_is_taken_off_the_net() -> None:
    result = extract_invoice([_page(ADJUSTED_TOTALS)])
    assert result.fields["subtotal"].value == "470.00"
    assert result.fields["total"].value == "515.00"


def test_a_subtotal_before_charges_the_sums_do_not_explain_is_doubtful_though_lines_add_up() -> (
    None
):
    # The lines add up to the subtotal (which raised it), but a discount and a charge under it
    # that the sums do not account for leave it apart from the net the tax is charged on.
    page = _page(ADJUSTED_TOTALS.replace("$ 45.00", "$ 46.00"))
    result = _result(
        {"subtotal": _at(page, 2, "500.00", 0.63), "tax": _at(page, 5, "46.00", 0.9),
         "total": _at(page, 6, "515.00", 0.9)},
        checks={"lines_sum_to_subtotal": True, "subtotal_plus_tax_is_total": False},
    )  # fmt: skip
    result.notes.append(f"subtotal: {CHARGES_UNACCOUNTED}")
    calibrate(DocumentView([page]), result)
    assert result.fields["subtotal"].confidence < LOW_CONFIDENCE
    assert result.fields["total"].confidence == 0.9
