"""What photographed receipts and pictured invoices print, read from small pages: a card
terminal's slip (a business named after its street, field labels, a masked card number, a tip, a
point read as a comma) and an invoice whose deposit leaves a balance due."""

from __future__ import annotations

from typing import Any

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.tests.world import render_text


def _read(text: str) -> Any:
    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


def _amounts(result: Any) -> tuple[str | None, ...]:
    return tuple(result.fields[name].value for name in ("subtotal", "tax", "total"))


CARD_SLIP = """        Harbor Road Bistro
       6332 Business Drive
    Palo Alto California 94301

     Fri 04/07/2017 11:36 AM

Merchant ID:          9hqjxvufdr
Type:                     CREDIT
Number:        XXXXXXXXXXXX0041
Card Type:              DISCOVER

Sub Total           USD$ {sub}
Tip:                        3.78
Total               USD$ 29.01
"""


def test_a_card_slip_names_its_street_business_and_keeps_the_tip_out_of_the_tax():
    result = _read(CARD_SLIP.format(sub="25.23"))

    # A street word inside a name is no address; a label ("Type:") or a code is no name.
    assert result.fields["supplier_name"].value == "Harbor Road Bistro"
    # The card's masked number is the payment's, not an invoice number.
    assert result.fields["invoice_number"].value is None
    # The total less the net is the tip here, not a tax.
    assert _amounts(result) == ("25.23", None, "29.01")


def test_a_point_read_as_a_comma_on_a_dollar_receipt_is_still_the_cents():
    result = _read(CARD_SLIP.format(sub="25,23"))

    assert result.fields["subtotal"].value == "25.23"


DEPOSIT_INVOICE = """Northwind Supplies LLC                         INVOICE # 23413561
                                      Date:        Sep 24, 2019
Bill To: Jane Smith                   Balance Due:   $4,647.68

Item                          Quantity      Rate        Amount
Laptop                              12   $1,299.99   $15,599.88
Monitor                             12     $168.99    $2,027.88

                                      Subtota       $17,627.76
                                      Tax (10%):     $1,762.78
                                      Shipping:        $257.14
                                      Tota          $19,647.68
                                      Amount Paid:  $15,000.00
"""


def test_the_total_not_the_balance_left_after_a_deposit_and_pale_labels_missing_a_letter():
    result = _read(DEPOSIT_INVOICE)

    # "Tota" and "Subtota": a pale label's thin last letter lost; the balance due is the total
    # less the amount paid. The net is the printed subtotal with the shipping charged after it
    # (17,627.76 + 257.14), so that net and tax add up to the total.
    assert result.fields["total"].value == "19647.68"
    assert result.fields["subtotal"].value == "17884.90"
    assert result.fields["tax"].value == "1762.78"
