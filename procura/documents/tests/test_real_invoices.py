"""Real third-party invoices (samples/real, from invoice2data's tests, MIT) uploaded through the
API: each gives a draft supplier invoice with the values printed on it. Then the reading rules
they needed, each on a small page of its own."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from procura.documents.extraction import extract_invoice, read_document
from procura.documents.extraction.result import LOW_CONFIDENCE
from procura.documents.tests.factories import processed_upload
from procura.documents.tests.world import render_text

REAL = Path(__file__).parent / "samples" / "real"


def _upload(client: Any, capture: Any, name: str) -> dict[str, Any]:
    return processed_upload(client, capture, name, (REAL / name).read_bytes())


def _draft(detail: dict[str, Any]) -> Any:
    from procura.procurement.models import SupplierInvoice

    return SupplierInvoice.objects.get(source_document_id=detail["id"])


def _amounts(invoice: Any) -> tuple[str, str, str]:
    return (str(invoice.subtotal), str(invoice.tax), str(invoice.total))


@pytest.mark.django_db
def test_a_french_bill_with_its_totals_in_a_ht_tva_ttc_table_is_matched_by_its_vat_id(
    client_as, django_capture_on_commit_callbacks
):
    from procura.partners.tests.factories import make_supplier

    supplier = make_supplier(name="Free SAS", tax_id="FR60421938861", currency="EUR")
    finance = client_as("finance")

    detail = _upload(finance, django_capture_on_commit_callbacks, "free_fiber.pdf")

    assert detail["extraction"]["supplier"]["supplier_id"] == supplier.pk
    invoice = _draft(detail)
    assert invoice.supplier_id == supplier.pk
    assert invoice.invoice_number == "562044387"
    assert invoice.invoice_date.isoformat() == "2015-07-02"
    assert invoice.currency == "EUR"
    # "Total facture | 24.99 | 5.00 | 29.99" under "Montant EUR HT | Montant TVA | Montant EUR TTC"
    assert _amounts(invoice) == ("24.99", "5.00", "29.99")


@pytest.mark.django_db
def test_an_export_invoice_without_vat_is_a_draft_with_net_equal_to_total_marked_doubtful(
    client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")

    detail = _upload(finance, django_capture_on_commit_callbacks, "QualityHosting.pdf")

    invoice = _draft(detail)
    assert invoice.supplier_id is None  # unknown supplier: still a draft
    assert invoice.invoice_number == "30064443"
    assert invoice.invoice_date.isoformat() == "2014-05-07"  # "7. Mai 2014"
    assert _amounts(invoice) == ("34.73", "0.00", "34.73")
    # Only "Ohne MwSt." and one total say so: a person checks the net and the tax.
    assert {"subtotal", "tax"} <= set(invoice.low_confidence_fields)
    assert detail["extraction"]["fields"]["supplier_name"]["value"] == "QualityHosting AG"


@pytest.mark.django_db
def test_the_issuer_in_the_footer_not_the_buyer_block_printed_first(
    client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")

    detail = _upload(finance, django_capture_on_commit_callbacks, "NetpresseInvoice.pdf")

    fields = detail["extraction"]["fields"]
    assert fields["supplier_name"]["value"] == "NETPRESSE"
    invoice = _draft(detail)
    assert invoice.invoice_number == "2022089083"
    assert _amounts(invoice) == ("46.68", "9.34", "56.02")


@pytest.mark.django_db
def test_an_indian_hotel_receipt_its_booking_id_as_a_doubtful_number_in_rupees(
    client_as, django_capture_on_commit_callbacks
):
    finance = client_as("finance")

    detail = _upload(finance, django_capture_on_commit_callbacks, "oyo.pdf")

    fields = detail["extraction"]["fields"]
    assert fields["invoice_number"]["value"] == "IBZY2087"
    assert fields["invoice_number"]["confidence"] < LOW_CONFIDENCE
    invoice = _draft(detail)
    assert invoice.currency == "INR"
    assert invoice.total == 1939
    assert "invoice_number" in invoice.low_confidence_fields


def test_the_seller_beside_sold_by_and_rupees_from_rs() -> None:
    pages = read_document((REAL / "FlipkartInvoice.pdf").read_bytes(), "application/pdf").pages

    result = extract_invoice(pages)

    assert result.fields["supplier_name"].value == "WS Retail Services Pvt. Ltd."
    assert result.fields["currency"].value == "INR"  # only "Rs -40.00" names it
    assert result.fields["invoice_number"].value == "BLR_WFLD20151000982590"


def test_a_number_mark_is_never_the_issuers_name() -> None:
    pages = read_document(
        (REAL / "SammyMaystoneLinesTest.pdf").read_bytes(), "application/pdf"
    ).pages

    result = extract_invoice(pages)

    assert result.fields["supplier_name"].value == "Sammy Maystone"
    assert result.fields["invoice_number"].value == "invoice_number_1"


def _turned_legal_line_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    page.setFont("Helvetica", 10)
    page.drawString(360, height - 120, "M DUPONT JEAN")
    page.drawString(360, height - 132, "DUPONT CONSEIL SARL")
    page.drawString(360, height - 144, "12 RUE DES LILAS")
    page.drawString(360, height - 156, "69100 VILLEURBANNE")
    page.drawString(40, height - 220, "N° de facture")
    page.drawString(160, height - 220, "40211877")
    page.drawString(40, height - 234, "Date de facture")
    page.drawString(160, height - 234, "02/11/2026")
    page.drawString(470, height - 280, "€ HT")
    page.drawString(520, height - 280, "€ TTC")
    page.drawString(40, height - 300, "Abonnement fibre")
    page.drawString(470, height - 300, "25,00")
    page.drawString(520, height - 300, "30,00")
    page.drawString(40, height - 316, "TVA 20,00 % payée sur les débits")
    page.drawString(520, height - 316, "5,00")
    # The legal line up the right edge of the page, as telecom bills print it.
    page.saveState()
    page.translate(width - 20, 200)
    page.rotate(90)
    page.setFont("Helvetica", 7)
    page.drawString(
        0, 0, "ONDES NORD TELECOM - Société Anonyme au capital de 1 000 000 € - RCS Lyon"
    )
    page.restoreState()
    page.drawString(40, 60, "Espace client sur www.ondesnord.example")
    page.showPage()
    page.save()
    return out.getvalue()


def test_a_legal_line_turned_along_the_edge_names_the_issuer_not_the_buyer_block() -> None:
    pages = read_document(_turned_legal_line_pdf(), "application/pdf").pages

    result = extract_invoice(pages)

    assert result.fields["supplier_name"].value == "ONDES NORD TELECOM"
    # The turned letters are not mixed into the lines they cross.
    assert all("TELECOM" not in line for line in pages[0].text.splitlines()[:-1])
    # "€ HT | € TTC" heads the columns; the tax is on its own line under them.
    values = tuple(result.fields[name].value for name in ("subtotal", "tax", "total"))
    assert values == ("25.00", "5.00", "30.00")


def test_column_headers_with_the_currency_in_them() -> None:
    pages = read_document(
        render_text(
            """# Atelier Brun SARL
4 rue Haute, 21000 Dijon                    Facture n° 2026-118
                                            Date 03/12/2026
                          Montant EUR HT    Montant TVA    Montant EUR TTC
Travaux de menuiserie             800.00         160.00             960.00
Déplacement                         0.00           0.00               0.00
Total facture                     800.00         160.00             960.00
"""
        ),
        "application/pdf",
    ).pages

    result = extract_invoice(pages)

    values = tuple(result.fields[name].value for name in ("subtotal", "tax", "total"))
    assert values == ("800.00", "160.00", "960.00")


def test_a_booking_reference_is_not_taken_when_an_invoice_number_is_printed() -> None:
    pages = read_document(
        render_text(
            """# Hotel Alpenblick GmbH
Seestrasse 4, 6354 Vitznau
Invoice No. AB-55120                        Booking ID BK77881
Invoice date 03.12.2026
Room 2 nights                                         CHF 410.00
Total                                                 CHF 410.00
"""
        ),
        "application/pdf",
    ).pages

    result = extract_invoice(pages)

    assert result.fields["invoice_number"].value == "AB-55120"


@pytest.mark.parametrize(
    ("name", "tax_id"),
    [
        ("QualityHosting.pdf", "DE 232 446 240"),  # "UStId DE 232 446 240", before the Steuer-Nr.
        ("free_fiber.pdf", "FR 604 219 388 61"),  # "N° de TVA intra communautaire: FR 604…"
        ("oyo.pdf", "06AABCO6063D1ZQ"),  # under its "GSTIN" column header
    ],
)
def test_the_issuers_tax_id_under_the_labels_real_invoices_print(name: str, tax_id: str) -> None:
    pages = read_document((REAL / name).read_bytes(), "application/pdf").pages

    result = extract_invoice(pages)

    assert result.fields["supplier_tax_id"].value == tax_id


def test_a_web_shops_order_date_not_a_credit_expiry_and_not_the_addressee() -> None:
    pages = read_document(
        render_text(
            """Tax Invoice
Marketplace Pty
PO Box 4410, Sydney NSW 2001
Australia
To:   Harbour Labs Ltd                          Order date: 14 Feb 19
Invoice No. 77120045
Item purchase                                              $40.00
Invoice Total:                                             $40.00
Credits from this purchase will expire on 14 Feb 2020.
"""
        ),
        "application/pdf",
    ).pages

    result = extract_invoice(pages)

    assert result.fields["invoice_date"].value == "2019-02-14"
    assert result.fields["supplier_name"].value == "Marketplace Pty"


def test_a_spanish_factura_its_emission_date_and_not_its_address_headings() -> None:
    pages = read_document(
        render_text(
            """FACTURA
Numero de Orden   PED44120977                        TIENDAS MONTE SAU
Fecha de Compra   05.11.25                           C/ MAYOR 12
Fecha de emisión   06.11.25                          28013 MADRID
DIRECCIÓN DE FACTURACIÓN                             DIRECCIÓN DE ENVÍO
Lucia Perez                                          Lucia Perez
Gracias por comprar en tiendasmonte.es
Base Imponible                                       100.00 €
Total IVA 21 %                                       21.00 €
Total                                                121.00 €
"""
        ),
        "application/pdf",
    ).pages

    result = extract_invoice(pages)

    assert result.fields["invoice_date"].value == "2025-11-06"
    assert result.fields["supplier_name"].value == "TIENDAS MONTE SAU"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fecha de emisión 21.03.24", "2024-03-21"),
        ("Order date: 28 Jan 15", "2015-01-28"),
        ("version 1.2.30.4", None),
        ("Total 1.234.56", None),
        ("10:30 10 dec 15:30", None),
    ],
)
def test_dates_with_two_digit_years(text: str, expected: str | None) -> None:
    from procura.documents.extraction.parsing import Notation, find_dates

    found = find_dates(text, Notation.EU)

    assert (found[0][0].isoformat() if found else None) == expected
