"""Who issued an invoice and what its labels name, on layouts that third-party invoices, receipts
and bills print: a real invoice-maker's page (samples/real/instructor-invoice.pdf, MIT) uploaded
through the API, then each reading rule on a small page of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.extraction.layout import Page, Word
from procura.documents.extraction.parsing import Notation, find_dates
from procura.documents.extraction.result import LOW_CONFIDENCE
from procura.documents.tests.factories import processed_upload
from procura.documents.tests.world import render_text

REAL = Path(__file__).parent / "samples" / "real"


def _read(text: str) -> Any:
    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


def _amounts(result: Any) -> tuple[str | None, ...]:
    return tuple(result.fields[name].value for name in ("subtotal", "tax", "total"))


@pytest.mark.django_db
def test_labels_over_their_values_in_columns_the_issuer_under_from_beside_the_buyer(
    client_as, django_capture_on_commit_callbacks
):
    from procura.procurement.models import SupplierInvoice

    finance = client_as("finance")
    data = (REAL / "instructor-invoice.pdf").read_bytes()

    detail = processed_upload(finance, django_capture_on_commit_callbacks, "invoice.pdf", data)

    fields = detail["extraction"]["fields"]
    # "BILLED TO | FROM | PURCHASE ORDER" over "Real Duck | Fake Company | 2": the label beside
    # "FROM" is another label, the issuer is the value under it.
    assert fields["supplier_name"]["value"] == "Fake Company"
    invoice = SupplierInvoice.objects.get(source_document_id=detail["id"])
    # "INVOICE NUMBER" over "1": a one-digit number is read, and a person checks it.
    assert invoice.invoice_number == "1"
    assert "invoice_number" in invoice.low_confidence_fields
    assert invoice.invoice_date.isoformat() == "2025-04-01"  # the due date 16/04/2025 tells
    amounts = (str(invoice.subtotal), str(invoice.tax), str(invoice.total))
    assert amounts == ("220.00", "0.00", "220.00")


def test_from_inside_a_sentence_is_not_the_issuers_label() -> None:
    result = _read(
        """# Harbour Books
12 Quay Street, Galway
Invoice No. HB-2210            Date 03/12/2026
Total                          EUR 18.00
WE  WANT  TO  HEAR  FROM  YOU!
"""
    )

    assert result.fields["supplier_name"].value == "Harbour Books"


def test_spanish_partial_total_taxes_total_and_balance_owed() -> None:
    result = _read(
        """# Talleres Ebro
Factura F-2207                          Fecha 2026/07/05
Por favor usa la referencia F-2207      TOTAL PARCIAL        1419.00
                                        DESCUENTO               0.00
                                        TASA DE IMPUESTO      15,00%
                                        TOTAL IMPUESTOS       302.00
                                        Saldo adeudado       1721.00
"""
    )

    # "TOTAL IMPUESTOS" is the tax, not the total; the balance owed is.
    assert _amounts(result) == ("1419.00", "302.00", "1721.00")
    assert result.fields["invoice_date"].value == "2026-07-05"  # year first, with slashes


def test_a_total_excluding_taxes_in_brackets_and_a_tax_table_with_the_base_first() -> None:
    result = _read(
        """# Saber Paper Co
Invoice No: 7                          Date: 06/15/2026
Tax        Base      Amount            Total (excl. taxes):     $50.00
[1] Tax    $50.00    $10.00            Taxes:                   $10.00
                                       Total:                   $60.00
"""
    )

    assert _amounts(result) == ("50.00", "10.00", "60.00")
    assert result.fields["invoice_number"].value == "7"
    assert result.fields["invoice_number"].confidence < LOW_CONFIDENCE


def test_totals_under_column_headers_with_other_lines_between_and_net_a_payer() -> None:
    result = _read(
        """# Menuiserie Lacroix SARL
Facture n° F-3310                                Date 31/01/2026
Pénalités de retard exigibles    TOTAL HT     TOTAL TVA     TOTAL TTC
au taux légal, indemnité de 40 €.
Pas d'escompte.                    100,00          4,90        104,90
CONDITIONS : 30 JOURS NET
Date d'échéance 02/03/2026       NET A PAYER                104,90 EUR
"""
    )

    assert _amounts(result) == ("100.00", "4.90", "104.90")


def test_an_invoice_value_is_the_total_not_the_invoice_number() -> None:
    result = _read(
        """# BURGER HOUSE
Bill No.:T2--126653                  Date:2023-05-31
SubTotal:                             530.00
GST@5%                                 26.50
Total          Invoice Value:         556.50
"""
    )

    # OCR splits "Total Invoice Value:" into cells: "Invoice Value:" alone names no number.
    assert result.fields["invoice_number"].value == "T2--126653"
    assert result.fields["total"].value == "556.50"


def test_a_statements_own_date_not_its_due_date() -> None:
    result = _read(
        """# Lowcountry Power & Light
ACCOUNT NUMBER 5-2100-9991-3257                 DATE DUE
                                                May 17 2018
APRIL STATEMENT GENERATED ON:
Apr 26 2018
Total Current Charges                           $148.89
"""
    )

    assert result.fields["invoice_date"].value == "2018-04-26"


def test_a_gstin_under_any_label_makes_the_invoice_indian_and_in_rupees() -> None:
    result = _read(
        """# RIVERSIDE CAFE
Bill No. 12519                       Date: 26/08/2026
Sub Total                            345.00
SGST © 9%                             31.05
CGST@9%                               31.05
Grand Total                          407.10
GST ID NO. 24AAKFV7312Q1ZL
"""
    )

    assert result.fields["supplier_tax_id"].value == "24AAKFV7312Q1ZL"
    assert result.fields["currency"].value == "INR"
    # "©" is how OCR often reads a receipt's "@": the rate still stands between label and tax.
    assert _amounts(result) == ("345.00", "62.10", "407.10")


def test_an_address_line_in_big_type_is_not_the_issuer_a_business_word_marks_the_name() -> None:
    result = _read(
        """Tax Invoice
# Shop No 4/5 Lakeview Mall
Surya Enterprise
Bopal, Ahmedabad 380058
Bill No.: 3475                       Date 25/08/2026
TOTAL                                303.00
"""
    )

    assert result.fields["supplier_name"].value == "Surya Enterprise"


def _ocr_page(rows: list[tuple[str, float, float]]) -> Page:
    """A scanned page: each row's text at its height in pixels and its OCR confidence."""
    words: list[Word] = []
    top = 40.0
    for text, height, confidence in rows:
        x = 100.0
        for token in text.split():
            width = len(token) * height * 0.55
            words.append(Word(token, x, top, x + width, top + height, confidence))
            x += width + height * 0.4
        top += height * 1.8
    return Page(number=1, width=1200, height=1800, words=words, source="ocr")


def test_a_logo_read_as_a_big_unsure_word_is_not_the_issuer() -> None:
    page = _ocr_page(
        [
            ("Starling Coffee France", 30, 0.95),
            ("AGN", 48, 0.45),  # the round logo under the name
            ("13, Bd Saint Michel", 30, 0.94),
            ("Fct 020177 22/10/2012", 30, 0.95),
            ("TOTAL H.T. 4,30", 30, 0.95),
            ("TVA 0,30", 30, 0.95),
            ("TOTAL TTC 4,60", 30, 0.95),
        ]
    )

    result = extract_invoice([page])

    assert result.fields["supplier_name"].value == "Starling Coffee France"
    assert result.fields["invoice_number"].value == "020177"  # "Fct": a till's facture number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FECHA 2024/07/05", "2024-07-05"),
        ("Kelte: 2024.07.05.", "2024-07-05"),
        ("ref 12024/07/05", None),
        ("Total 2024.07", None),
    ],
)
def test_dates_written_year_first_with_slashes_or_dots(text: str, expected: str | None) -> None:
    found = find_dates(text, Notation.EU)

    assert (found[0][0].isoformat() if found else None) == expected
