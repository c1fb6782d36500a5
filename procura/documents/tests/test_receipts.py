"""Till receipts, retail bills and utility statements uploaded through the API (pages written as
the hand-written samples are, drawn as PDFs with a text layer): each gives a draft supplier
invoice with the amount paid as its total, the store as the supplier and its dates read in the
order of the country it comes from."""

from __future__ import annotations

from typing import Any

import pytest

from procura.documents.extraction.result import LOW_CONFIDENCE
from procura.documents.tests.factories import processed_upload
from procura.documents.tests.world import render_text


def _upload(client: Any, capture: Any, text: str) -> tuple[dict[str, Any], Any]:
    from procura.procurement.models import SupplierInvoice

    detail = processed_upload(client, capture, "receipt.pdf", render_text(text))
    return detail, SupplierInvoice.objects.get(source_document_id=detail["id"])


def _amounts(invoice: Any) -> tuple[str, str, str]:
    return (str(invoice.subtotal), str(invoice.tax), str(invoice.total))


US_TILL_RECEIPT = """# CORNERWELL
           PHARMACY & CONVENIENCE
       #05512 88 N MAIN ST
       SALT LAKE CITY, UT 84103

  311  2204  0057  05/07/25  7:18 PM

ENERGY DRINK 4PK                     8.79 SALE
  MY CORNERWELL SAVINGS 1.20
COLA MINI CANS 6PK                   4.99
PAPER TOWELS                         4.79

  SUBTOTAL                          18.57
  SALES TAX A=7.0%                   1.30
  **** BALANCE DUE                  19.87
  VISA ACCT 1850                    19.87
  CHANGE                              .00
  TOTAL SAVINGS                      1.20
      THANK YOU FOR SHOPPING AT CORNERWELL
"""


@pytest.mark.django_db
def test_a_us_till_receipt_gives_a_draft_with_the_balance_due_and_a_month_first_date(
    client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")

    detail, invoice = _upload(finance, django_capture_on_commit_callbacks, US_TILL_RECEIPT)

    # "TOTAL SAVINGS" and the card line are not the total; "A=7.0%" is the tax's class and rate.
    assert _amounts(invoice) == ("18.57", "1.30", "19.87")
    # No "$" printed: the US address tells the dollar and the month-first date (May 7).
    assert invoice.currency == "USD"
    assert invoice.invoice_date.isoformat() == "2025-05-07"
    assert detail["extraction"]["fields"]["supplier_name"]["value"] == "CORNERWELL"
    assert invoice.invoice_number in ("", None)  # a till receipt prints none


INDIAN_RETAIL_BILL = """# AAROGYA FRESH MART
 12, 80 Feet Road, Koramangala, Bengaluru 560034
   GSTIN: 29AAGCN4471M1ZV    Ph: 080-4123 7788
                 TAX INVOICE
Bill No : KR/24-25/118842        Date : 07/05/2024

Item               HSN    Qty    Rate      Amount
Basmati Rice 25kg  1006     4  1,725.00   6,900.00
Sunflower Oil 15L  1512     3  2,142.00   6,426.00
-------------------------------------------------
Sub Total                               13,326.00
CGST @ 2.5%                                333.15
SGST @ 2.5%                                333.15
Round Off                                   -0.30
Net Amount                          Rs. 13,992.00
Cash Tendered                           14,000.00
Change                                       8.00
Rupees Thirteen Thousand Nine Hundred Ninety Two Only
"""


NEPALI_RECEIPT = """           Himal Bazaar.com
      Sagarmatha Retail Pvt. Ltd.
      New Road, Kathmandu
         VAT No. 604471129
       ABBREVIATED TAX INVOICE
Bill No: HB-22871-81/82
Date     08/05/2025
Miti     20/04/2082

SN  Particulars          Qty   Rate   Amount
1   WAI WAI NOODLES       10     25      250
2   DETTOL SOAP 75G        2     60      120

Gross Amount                         370.00
Discount                               0.00
Net Amount                           370.00
Tender                               500.00
Change                               130.00
Rs. Three hundred seventy only
"""


@pytest.mark.django_db
def test_retail_bills_from_india_and_nepal_their_net_amount_is_what_is_paid(
    client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")

    _, indian = _upload(finance, django_capture_on_commit_callbacks, INDIAN_RETAIL_BILL)
    detail, nepali = _upload(finance, django_capture_on_commit_callbacks, NEPALI_RECEIPT)

    # CGST + SGST is the tax; "Net Amount" under them is the total (rounded off), in lakh groups.
    assert _amounts(indian) == ("13326.00", "666.30", "13992.00")
    assert (indian.invoice_number, indian.currency) == ("KR/24-25/118842", "INR")
    assert indian.invoice_date.isoformat() == "2024-05-07"  # India writes the day first
    # "Gross Amount / Discount / Net Amount": the net amount is paid; no tax is printed, and
    # none is made up.
    assert nepali.total == 370
    assert nepali.currency == "NPR"  # "Rs." in Kathmandu
    # The Bikram Sambat date (20/04/2082, about 4 August 2025) tells that 08/05/2025 is month
    # first, as Nepali tills print it.
    assert nepali.invoice_date.isoformat() == "2025-08-05"
    fields = detail["extraction"]["fields"]
    assert fields["supplier_name"]["value"] == "Sagarmatha Retail Pvt. Ltd."
    assert fields["subtotal"]["value"] is None
    assert fields["tax"]["value"] is None


GROUPED_NUMBER_INVOICE = """FACTURA
Número de Pedido     MX4471220981          DEPORTES CUMBRE S.A.
Fecha de Compra      14/03/2025            Avda. de Burgos 112
                                           28050 Madrid
Fecha de emisión     15/03/2025            CIF A-28345676
Factura              2 25 0031 0004471102

Artículo                         Cant.   Precio sin IVA   % IVA   Cuota IVA   Total
Zapatillas trail running           1          57,85        21 %      12,15     70,00

Base Imponible                                                       57,85 €
Total IVA 21 %                                                       12,15 €
Total                                                                70,00 €
"""

UTILITY_STATEMENT = """# CLEARBROOK WATER AUTHORITY
PO Box 1180, Albany NY 12201       Customer Service 1-888-555-0199

                                                 ACCOUNT NUMBER        STATEMENT DATE
WESTGATE RETAIL GROUP                            30-118842-07          01/09/25
2100 INDUSTRIAL PKWY, SPRINGFIELD NY 12999

Previous Balance                                     $412.60
Payment 12/18/2024 - Thank You                      -$412.60
Water Usage 118 CCF @ $2.41                          $284.38
Current Charges                                      $284.38
                                                               TOTAL
Amount Due by 01/30/2025                                       AMOUNT DUE
                                                               $284.38
"""


@pytest.mark.django_db
def test_a_number_in_digit_groups_and_a_statements_amount_due_box(
    client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")

    _, factura = _upload(finance, django_capture_on_commit_callbacks, GROUPED_NUMBER_INVOICE)
    detail, bill = _upload(finance, django_capture_on_commit_callbacks, UTILITY_STATEMENT)

    # The whole run of groups after "Factura", not the order number under "Número de Pedido".
    assert factura.invoice_number == "2 25 0031 0004471102"
    assert factura.invoice_date.isoformat() == "2025-03-15"
    assert _amounts(factura) == ("57.85", "12.15", "70.00")
    # The amount under "AMOUNT DUE"; the account number is not an invoice number.
    assert str(bill.total) == "284.38"
    assert bill.invoice_date.isoformat() == "2025-01-09"
    assert bill.invoice_number in ("", None)
    fields = detail["extraction"]["fields"]
    assert fields["supplier_name"]["value"] == "CLEARBROOK WATER AUTHORITY"
    assert fields["invoice_date"]["confidence"] >= LOW_CONFIDENCE


def _read(text: str) -> Any:
    from procura.documents.extraction import extract_invoice, read_document

    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


def test_a_grocery_tills_balance_is_the_total_not_the_loyalty_cards_balances() -> None:
    result = _read(
        """# GREENLEAF MARKET
2210 Mission St, San Francisco, CA 94110

SOURDOUGH LOAF                       4.99
WHOLE MILK GAL                       6.79
TOTAL NUMBER OF ITEMS SOLD = 2
      TAX                            0.00
  **** BALANCE                      11.78
VISA  ****1234                      11.78
OPENING BALANCE                      1.14
CLOSING BALANCE                      1.40
11/05/25  6:42 PM
"""
    )

    assert result.fields["total"].value == "11.78"
    assert result.fields["invoice_date"].value == "2025-11-05"


def test_dollars_invoiced_from_india_are_dated_day_first() -> None:
    result = _read(
        """# Nilgiri Software Services Pvt. Ltd.
4th Floor, Tidel Park, Chennai 600113, India
GSTIN: 33AADCB7781R1Z0

Invoice No: NSS/EXP/0412                     Invoice Date: 04/03/2025
Export of services under LUT, without payment of IGST

Software maintenance, February 2025                     USD 4,800.00
Total                                                   USD 4,800.00
"""
    )

    assert result.fields["invoice_date"].value == "2025-03-04"
    assert result.fields["currency"].value == "USD"


def test_cgst_and_sgst_printed_side_by_side_add_up_to_the_tax() -> None:
    result = _read(
        """# Mehta Traders
Shop 4, MG Road, Indore 452001

Invoice No: MT/0091             Date: 15/01/2025
Item              Qty     Rate      Amount
Steel rack          2   4,500.00   9,000.00

Taxable Value                       9,000.00
CGST @ 9%     810.00     SGST @ 9%    810.00
Grand Total                    Rs. 10,620.00
"""
    )

    assert tuple(result.fields[k].value for k in ("subtotal", "tax", "total")) == (
        "9000.00",
        "1620.00",
        "10620.00",
    )


def test_a_long_receipts_date_at_its_foot_not_the_return_policys_date() -> None:
    items = "".join(f"ITEM {n:02d}                              1.00\n" for n in range(36))
    result = _read(
        "# CORNERWELL\nSALT LAKE CITY, UT 84103\n\n"
        + items
        + """  SUBTOTAL                          36.00
  TAX                                2.52
  TOTAL                             38.52
RETURN POLICY: 90 DAYS, EXPIRES
A           90     03/14/2025
  08/09/25  7:18 PM  ST 5512 TR 4471
"""
    )

    assert result.fields["invoice_date"].value == "2025-08-09"
    assert result.fields["invoice_date"].confidence < LOW_CONFIDENCE
