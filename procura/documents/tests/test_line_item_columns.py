"""Line items read from OCR words when the table's header is only partly read."""

from __future__ import annotations

import re

from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.layout import Page, Word


def _page(text: str) -> Page:
    """An OCR page whose words sit where the text puts them (9 pixels a character, a line
    apart)."""
    words = [
        Word(
            m.group(), 40 + m.start() * 9.0, 40 + i * 30.0, 40 + m.end() * 9.0, 58 + i * 30.0, 0.93
        )
        for i, line in enumerate(text.strip("\n").splitlines())
        for m in re.finditer(r"\S+", line)
    ]
    return Page(1, 1200.0, 1600.0, words, "ocr")


# The "Amount" heading was not read (it stood on a dark band at the photo's edge).
TABLE = """
Prairie Ridge Packing Co.                      INVOICE
Invoice No: A-32004                            Date: 03/17/2026

Description                 Qty        Unit Price
Duck breast                 957.7      380.09          364,012.19
Beef tenderloin PSMO        2127.9     439.52          935,254.61
                                       Subtotal        $1,299,266.80
                                       Sales Tax 7%    $90,948.68
                                       Total           $1,390,215.48
"""


def test_the_amounts_stand_right_of_a_header_whose_amount_heading_was_not_read() -> None:
    result = extract_invoice([_page(TABLE)])

    lines = [(i.description, i.quantity, i.unit_price, i.amount) for i in result.line_items]
    assert lines == [
        ("Duck breast", "957.7", "380.09", "364012.19"),
        ("Beef tenderloin PSMO", "2127.9", "439.52", "935254.61"),
    ]


def test_a_header_with_neither_amounts_nor_prices_makes_no_table() -> None:
    """A delivery note's "Description  Qty" has no amounts to read: no line items."""
    text = TABLE.replace("Unit Price", "          ")

    assert extract_invoice([_page(text)]).line_items == []
