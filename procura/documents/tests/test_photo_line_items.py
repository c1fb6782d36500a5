"""Line items on photographed and scanned pages: rows bent by the paper, separators misread,
headings lost, amounts unread."""

from __future__ import annotations

import re

from procura.documents.extraction.invoice import extract_invoice
from procura.documents.extraction.layout import Page, Word, lines_of


def _page(text: str, source: str = "ocr", bow: float = 0.0) -> Page:
    """A page whose words sit where the text puts them (9 pixels a character, 18 tall, a line
    every 40; "░" marks a word OCR read with no confidence). With ``bow`` a row's middle sinks that many pixels below its ends, as on a
    photo of a sheet bent across the camera's view."""
    words = []
    for i, line in enumerate(text.strip("\n").splitlines()):
        for m in re.finditer(r"\S+", line):
            x0, x1 = 40 + m.start() * 9.0, 40 + m.end() * 9.0
            middle = (x0 + x1) / 2
            sink = bow * (1 - ((middle - 600) / 560) ** 2)
            top = 40 + i * 40.0 + sink
            unread = "░" in m.group()  # a heading OCR could not read
            words.append(Word(m.group(), x0, top, x1, top + 18, 0.0 if unread else 0.93))
    return Page(1, 1200.0, 1600.0, words, source)


def _lines(text: str, **kwargs: object) -> list[tuple[str, str | None, str | None, str | None]]:
    result = extract_invoice([_page(text, **kwargs)])  # type: ignore[arg-type]
    return [(i.description, i.quantity, i.unit_price, i.amount) for i in result.line_items]


US_TABLE = """
Prairie Ridge Packing Co.                                  INVOICE
Invoice No: A-32004                                        Date: 03/17/2026

Description                     Qty         Unit Price       Amount
Beef short ribs                 1405.3      107.84           151,547,55
Ground beef 80/20               587.7       6,54             3.843,56
Turkey breast roast             1592.3      19.01            30,269.62
                                            Subtotal         $185,660.73
                                            Sales Tax 7%     $12,996.25
                                            Total            $198,656.98
"""


def test_a_misread_decimal_separator_is_settled_by_the_rows_arithmetic() -> None:
    # OCR read the faint decimal point as a comma ("151,547,55") and a comma as a point
    # ("3.843,56") on a US invoice: the reading whose quantity x price gives the amount wins.
    assert _lines(US_TABLE) == [
        ("Beef short ribs", "1405.3", "107.84", "151547.55"),
        ("Ground beef 80/20", "587.7", "6.54", "3843.56"),
        ("Turkey breast roast", "1592.3", "19.01", "30269.62"),
    ]


def test_a_row_whose_amount_is_unread_is_a_line_of_its_own() -> None:
    # The amount lost on the photo: the row is not a wrapped description of the row above.
    text = US_TABLE.replace("151,547,55", "          ")

    lines = _lines(text)

    assert lines[0] == ("Beef short ribs", "1405.3", "107.84", "151547.55")
    assert lines[1][0] == "Ground beef 80/20"
    assert len(lines) == 3


def test_a_header_without_its_description_heading_still_makes_the_table() -> None:
    # "Description" on a dark band, not read: the descriptions stand left of the numbers.
    text = US_TABLE.replace("Description", "           ")

    assert _lines(text) == [
        ("Beef short ribs", "1405.3", "107.84", "151547.55"),
        ("Ground beef 80/20", "587.7", "6.54", "3843.56"),
        ("Turkey breast roast", "1592.3", "19.01", "30269.62"),
    ]


EU_TABLE = """
Prairie Ridge Packing Co.                                  RECHNUNG
Rechnungsnummer 757982                                     Datum 09.10.2026

Pos   ░░                            Quantity    Price
1     Beef tenderloin PSMO          1184,5      138,42           163.958,49
2     Cold storage fee              83          248,78           20.648,74
3     Duck breast                   1944,4      131,75           256.174,70
                                            Net amount       440.781,93 EUR
                                            VAT 21%          92.564,21 EUR
                                            Total            533.346,14 EUR
"""


def test_a_header_with_only_quantity_and_price_read_finds_descriptions_and_amounts() -> None:
    # Only "Quantity" and "Price" read of the header; the position numbers are not part of
    # the descriptions.
    assert _lines(EU_TABLE) == [
        ("Beef tenderloin PSMO", "1184.5", "138.42", "163958.49"),
        ("Cold storage fee", "83", "248.78", "20648.74"),
        ("Duck breast", "1944.4", "131.75", "256174.70"),
    ]


BOWED = """
Description                     Qty         Unit Price       Amount
Beef short ribs                 1405.3      107.84           151,547.55
Beef brisket packer             937.5       191.01           179,071.88
Turkey breast roast             1592.3      19.01            30,269.62
                                            Subtotal         $360,889.05
"""


def test_the_rows_of_a_bowed_photo_keep_their_words_together() -> None:
    # The middle of each row sinks 14 pixels (most of a word's height) below its ends.
    page = _page(BOWED, bow=14.0)

    texts = [line.text for line in lines_of(page)]

    assert texts[1].split() == ["Beef", "short", "ribs", "1405.3", "107.84", "151,547.55"]
    assert len(texts) == 5
    assert _lines(BOWED, bow=14.0)[2] == ("Turkey breast roast", "1592.3", "19.01", "30269.62")


def test_a_text_layers_rows_are_grouped_as_printed() -> None:
    # A line of a text layer is straight: two rows 14 points apart stay two rows.
    words = [Word("Ship", 40, 100, 80, 110), Word("to", 300, 114, 320, 124)]

    assert [line.text for line in lines_of(Page(1, 600, 800, words, "text"))] == ["Ship", "to"]


def test_a_quantity_that_lost_its_decimal_mark_is_repaired_from_the_printed_price() -> None:
    # "11108" for 1110.8: 11108 x 21.07 gives the amount too, but the price's mark was read.
    text = US_TABLE.replace(
        "1405.3      107.84           151,547,55", "11108       210.70       234,045.56"
    )

    assert _lines(text)[0] == ("Beef short ribs", "1110.8", "210.7", "234045.56")


def test_item_codes_before_descriptions_found_without_their_heading_are_left_out() -> None:
    text = US_TABLE.replace("Description", "           ")
    for code, name in zip(
        ("P107", "P114", "P121"),
        ("Beef short ribs", "Ground beef 80/20", "Turkey breast roast"),
        strict=True,
    ):
        text = text.replace(f"{name}          ", f"{code}      {name}")

    assert [line[0] for line in _lines(text)] == [
        "Beef short ribs",
        "Ground beef 80/20",
        "Turkey breast roast",
    ]


def test_a_heading_of_another_column_read_clearly_makes_no_table_without_descriptions() -> None:
    # "SIZE" is read with confidence: it heads a column of its own, and where the descriptions
    # stand is not known (a fax's "BRAND / DESCRIPTION" lost in its noise).
    text = US_TABLE.replace("Description", "SIZE       ")

    assert _lines(text) == []


def test_a_description_heading_ocr_misread_still_heads_the_table() -> None:
    # "Item" read as "kem" with confidence: the number headings read as printed and the amounts
    # under them show it is the table's header.
    text = US_TABLE.replace("Description", "kem        ")

    assert _lines(text) == _lines(US_TABLE)
    assert len(_lines(text)) == 3
