"""Amounts and currency that the rest of the page must agree with: a currency mark with no amount
beside it, India's marks against a printed "$", a GST half read without its twin, a discount or a
charge between the subtotal and the total, a French till's "TOTAL NET"."""

from __future__ import annotations

from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.parsing import currency_votes
from procura.documents.extraction.result import LOW_CONFIDENCE, InvoiceExtraction
from procura.documents.tests.test_confidence_rules import _page


def _read(text: str, source: str = "ocr") -> InvoiceExtraction:
    return extract_invoice([_page(text, source)])


def _amounts(result: InvoiceExtraction) -> tuple[str | None, ...]:
    return tuple(result.value(name) for name in ("subtotal", "tax", "total"))


def _sure(result: InvoiceExtraction, name: str) -> bool:
    return result.fields[name].confidence >= LOW_CONFIDENCE


def test_a_currency_mark_with_no_amount_beside_it_is_no_vote() -> None:
    assert not currency_votes("$  $$\nGrand Total   557")
    assert not currency_votes("Pay with $ and smile\nTotal   557.00")
    assert currency_votes("Total   $ 12.00")["USD"] == 1
    assert currency_votes("Total   12,00 €")["EUR"] == 1
    assert currency_votes("Total   -$5.00")["USD"] == 1
    # A column's unit in brackets names the amounts under it.
    assert currency_votes("Item   Qty   Amount ($)")["USD"] == 1
    # Read from a page with no other mark, a lone symbol is a guess for a person to check.
    guessed = _read("CAFE DU PONT\nCorr €\nTicket 020177\nTOTAL HT  4,30\nTVA  0,30\nTOTAL  4,60")
    assert guessed.value("currency") == "EUR"
    assert not _sure(guessed, "currency")
    marked = _read("CAFE DU PONT\nTicket 020177\nTOTAL HT  4,30\nTVA  0,30\nTOTAL  4,60 €", "text")
    assert marked.value("currency") == "EUR"
    assert _sure(marked, "currency")


BILL = """BURGER HOUSE
{mark}
GSTIN: 27AAJFS88
Bill No: T2-126653       Date: 31/05/2023
Classic Burger      1    {price}
Fries               1    {fries}
Sub Total                530.00
CGST 2.5%                 13.25
SGST 2.5%                 13.25
Round Off                  0.50
Grand Total              {total}
"""


def test_stray_dollar_marks_on_an_indian_bill_give_no_dollars() -> None:
    # "$" read from the desk's grain around the bill; a GSTIN whose end the OCR lost and the
    # GST's two halves say where the bill is from.
    result = _read(BILL.format(mark="$ $", price="380.00", fries="150.00", total="557.00"))
    assert result.value("currency") == "INR"
    assert _sure(result, "currency")
    assert _amounts(result) == ("530.00", "26.50", "557.00")


def test_a_dollar_beside_the_amounts_of_an_indian_bill_is_doubtful() -> None:
    result = _read(BILL.format(mark="", price="$380.00", fries="$150.00", total="$557.00"))
    assert result.value("currency") in {"USD", "INR"}
    assert not _sure(result, "currency")
    assert any("Indian marks" in note for note in result.notes)
    # Without India's marks, the dollars stand.
    plain = BILL.replace("GSTIN: 27AAJFS88\n", "").replace("CGST", "Tax").replace("SGST", "Tax")
    dollars = _read(plain.format(mark="", price="$380.00", fries="$150.00", total="$557.00"))
    assert dollars.value("currency") == "USD"
    assert _sure(dollars, "currency")


CAFE = """CAFE MOCHA
GSTIN 29AAGCR4417M1ZX
Bill No: 4471        Date: 18/11/2025
Cappuccino          2        360.00
Sandwich            1        261.00
Sub Total                    621.00
{taxes}
Grand Total                  {total}
"""


def test_a_gst_half_read_without_its_twin_is_doubled_when_the_sums_agree() -> None:
    both = _read(CAFE.format(taxes="CGST 2.5%     15.53\nSGST 2.5%     15.53", total="652.06"))
    assert _amounts(both) == ("621.00", "31.06", "652.06")
    assert _sure(both, "tax")
    # The OCR lost the SGST line: the CGST alone is half the tax, and the sums say so.
    one = _read(CAFE.format(taxes="CGST 2.5%     15.53", total="652.06"))
    assert _amounts(one) == ("621.00", "31.06", "652.06")
    assert _sure(one, "tax")
    # The total's amount printed a line above its label and rounded: it is found as the amount
    # under the subtotal that the net and the doubled half make.
    above = CAFE.replace(
        "Grand Total                  {total}", "Round off  -0.06\n652.00\nGrand Total"
    )
    lifted = _read(above.format(taxes="SGST 2.5%     15.53"))
    assert _amounts(lifted) == ("621.00", "31.06", "652.00")
    assert _sure(lifted, "tax")
    assert _sure(lifted, "total")


def test_a_gst_half_the_sums_cannot_place_is_doubtful() -> None:
    # The total misread too: neither the half nor its double adds up.
    result = _read(CAFE.format(taxes="SGST 2.5%     15.53", total="658.06"))
    assert result.value("tax") in {"15.53", "31.06"}
    assert not _sure(result, "tax")
    # Nor when the net is not printed at all.
    unnetted = CAFE.replace("Sub Total                    621.00\n", "")
    alone = _read(unnetted.format(taxes="CGST 2.5%     15.53", total="652.06"))
    assert alone.value("tax") in {"15.53", "31.06"}
    assert not _sure(alone, "tax")


def test_one_part_of_a_sales_tax_charged_in_parts_is_doubtful_unless_the_sums_agree() -> None:
    page = """GREAT LAKES PAPER CO.
Invoice No: 55012      Date: 2026-12-01
Subtotal                     2,400.00
Ohio State Tax 5.75%           138.00
Invoice Total                2,568.00
"""
    # The county's 1.25% line was not read: the state's part is not the tax.
    result = _read(page, "text")
    assert result.value("tax") == "138.00"
    assert not _sure(result, "tax")
    whole = _read(page.replace("Invoice Total", "County Tax 1.25%    30.00\nInvoice Total"), "text")
    assert _amounts(whole) == ("2400.00", "168.00", "2568.00")
    assert _sure(whole, "tax")


DELIVERY = """NORTHWIND CATERING
Invoice No: NC-2209      Date: 2026-11-30
Platters            4     50.00     200.00
Subtotal                            200.00
Discount 10%                        -20.00
Delivery charge                      10.00
VAT 10%                              19.00
Total                               {total}
"""


def test_the_net_after_a_discount_and_a_delivery_charge_is_what_the_tax_is_charged_on() -> None:
    result = _read(DELIVERY.format(total="209.00"), "text")
    assert _amounts(result) == ("190.00", "19.00", "209.00")
    assert all(_sure(result, name) for name in ("subtotal", "tax", "total"))
    assert any("discounts and charges" in note for note in result.notes)


def test_a_subtotal_with_charges_under_it_that_the_sums_do_not_explain_is_doubtful() -> None:
    result = _read(DELIVERY.format(total="214.00"), "text")
    assert result.value("subtotal") == "200.00"
    assert not _sure(result, "subtotal")


def test_a_french_tills_total_net_is_what_is_paid() -> None:
    till = """CAFE DU MARCHE
12 rue de la Paix 75002 Paris
Ticket 020177          22/10/2012
2 CAFE CREME                 7,00
1 CROISSANT                  1,50
TOTAL HT                     7,73
TVA 10,00%                   0,77
TOTAL NET                    8,50
"""
    result = _read(till, "text")
    assert _amounts(result) == ("7.73", "0.77", "8.50")
    assert result.value("currency") in {None, "EUR"}
    payer = _read(till.replace("TOTAL NET", "NET A PAYER"), "text")
    assert _amounts(payer) == ("7.73", "0.77", "8.50")
    # "TOTAL NET" with the VAT it includes printed under it ("dont TVA"): still what is paid.
    included = _read(
        """CAFE DU MARCHE
Ticket 020177          22/10/2012
2 CAFE CREME                 7,00
1 CROISSANT                  1,50
TOTAL NET                    8,50
dont TVA 10,00%              0,77
ESPECES                     10,00
""",
        "text",
    )
    assert _amounts(included) == ("7.73", "0.77", "8.50")
    # A French invoice's "Total net HT" is the net before tax.
    invoice = _read(
        """ATELIER DUPONT SARL
Facture F-2026-118     22/10/2026
Total net HT               100,00
TVA 20%                     20,00
Total TTC                  120,00
""",
        "text",
    )
    assert _amounts(invoice) == ("100.00", "20.00", "120.00")


def test_a_rupee_sign_read_as_a_percent_sign_and_a_supply_exempt_from_gst() -> None:
    bill = """DECCAN POULTRY FARMS PVT LTD
GSTIN: 29AAGCB7383124
Invoice No: INV2026-142     Invoice Date: 23 Jan 2026
Smoked ham whole     11    1237     13607
Lamb leg bone-in     15    1516     22740
Grand Total                       %36347
Supply exempt from GST.
"""
    result = _read(bill)
    assert _amounts(result) == ("36347.00", "0.00", "36347.00")
    assert result.value("currency") == "INR"
    # A rate written before its number is no amount.
    assert _read("KDV %18\nGenel Toplam   1.180,00").value("tax") != "18.00"
