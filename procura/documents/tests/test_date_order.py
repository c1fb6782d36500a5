"""Which way round day and month are read when a page carries no currency: a US address counts
only on a page whose amounts are written the US way."""

from __future__ import annotations

from typing import Any

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.tests.world import render_text


def _read(text: str) -> Any:
    return extract_invoice(read_document(render_text(text), "application/pdf").pages)


BILLED_TO_LONG_BEACH = """# Van der Berg Koeltechniek B.V.
Havenweg 12, 3087 BN Rotterdam

Factuurnummer: VB-2026-118                    Factuurdatum: 04-07-2026

Bill to: Harbor Foods Inc., 1200 Pier Ave, Long Beach, CA 90802

Onderhoud koelcel                                      1.250,00
Subtotaal                                              1.250,00
BTW verlegd                                                0,00
Totaal                                                 1.250,00
"""


def test_a_european_supplier_billing_a_us_customer_writes_the_day_first() -> None:
    result = _read(BILLED_TO_LONG_BEACH)

    assert result.fields["invoice_date"].value == "2026-07-04"


def test_a_us_address_on_a_page_of_us_amounts_writes_the_month_first() -> None:
    result = _read(BILLED_TO_LONG_BEACH.replace("1.250,00", "1,250.00").replace("0,00", "0.00"))

    assert result.fields["invoice_date"].value == "2026-04-07"
