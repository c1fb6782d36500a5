"""Learning from corrections, end to end through the API: finance corrects the fields of one
invoice of a supplier; that supplier's next invoices are read right without a correction, and
their draft supplier invoices carry the right values.

The supplier prints its invoice number under a label no dictionary knows ("Voucher ref"), its
VAT as "Levy 20%" and its total as "Settlement sum", so the reader cannot find them on its own. Its next invoices are not
copies of the first: more lines push the totals down, one arrives as a scan. A wrong correction
is undone by the next right one.
"""

from __future__ import annotations

import io
from typing import Any

import pypdfium2
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from procura.documents.tests.factories import processed_upload

URL = "/api/v1/documents/"

pytestmark = pytest.mark.django_db


def _invoice_pdf(
    *, voucher: str, issued: str, lines: list[str], net: str, vat: str, gross: str
) -> bytes:
    """An A5 invoice of one supplier: its header fields on the right, one row per line, the
    totals under the last line (lower down the more lines there are)."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A5)
    _, height = A5
    page.setFont("Helvetica-Bold", 14)
    page.drawString(30, height - 45, "Kestrel Cold Chain Ltd")
    page.setFont("Helvetica", 9)
    page.drawString(30, height - 60, "4 Harbour Road, Leith EH6 6QA")
    page.drawString(30, height - 72, "VAT No: GB 123 4567 89   accounts@kestrelcold.example")
    page.drawString(30, height - 105, "Bill to: Westgate Retail Group")
    page.drawString(30, height - 118, "Customer no")
    page.drawString(100, height - 118, "C-7781")
    page.drawString(230, height - 105, "Voucher ref")
    page.drawString(320, height - 105, voucher)
    page.drawString(230, height - 118, "Invoice date")
    page.drawString(320, height - 118, issued)
    y = height - 160
    for amount in lines:
        page.drawString(30, y, "Chilled storage, pallet weeks")
        page.drawRightString(385, y, amount)
        y -= 15
    y -= 15
    for label, value in (("Net amount", net), ("Levy 20%", vat), ("Settlement sum", gross)):
        page.drawString(230, y, label)
        page.drawRightString(385, y, value)
        y -= 15
    page.showPage()
    page.save()
    return out.getvalue()


def _scanned(pdf: bytes) -> bytes:
    """The page as a 200 dpi greyscale scan, fed in a little askew."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(0.8, Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(200, 200))
    return out.getvalue()


def _values(detail: dict[str, Any]) -> dict[str, Any]:
    return {name: fv["value"] for name, fv in detail["extraction"]["fields"].items()}


def _correct(client: Any, document: dict[str, Any], fields: dict[str, str]) -> None:
    response = client.patch(f"{URL}{document['id']}/extraction/", {"fields": fields}, format="json")
    assert response.status_code == 200, response.content


FIRST: dict[str, Any] = {
    "voucher": "KV-20417",
    "issued": "03/02/2026",
    "lines": ["1,200.00"],
    "net": "1,200.00",
    "vat": "240.00",
    "gross": "1,440.00",
}


SECOND: dict[str, Any] = {
    "voucher": "KV-20533",
    "issued": "03/03/2026",
    "lines": ["980.00"],
    "net": "980.00",
    "vat": "196.00",
    "gross": "1,176.00",
}


@pytest.fixture
def kestrel(client_as: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Finance's client, an upload helper, and the supplier."""
    from procura.partners.tests.factories import make_supplier

    supplier = make_supplier(name="Kestrel Cold Chain Ltd", tax_id="GB123456789", currency="GBP")
    finance = client_as("finance")

    def upload(name: str, data: bytes) -> dict[str, Any]:
        return processed_upload(finance, django_capture_on_commit_callbacks, name, data)

    return finance, upload, supplier


def test_a_corrected_invoice_teaches_the_next_one_of_the_same_supplier(kestrel):
    from procura.procurement.models import SupplierInvoice

    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    read = _values(first)
    assert first["extraction"]["supplier"]["supplier_id"] == supplier.pk
    assert read["invoice_number"] != "KV-20417"  # the reader cannot know this label

    _correct(finance, first, {"invoice_number": "KV-20417", "total": "1440.00"})
    first_invoice = SupplierInvoice.objects.get(source_document_id=first["id"])
    assert first_invoice.invoice_number == "KV-20417"

    second = upload(
        "kestrel-2.pdf",
        _invoice_pdf(**SECOND),
    )

    read = _values(second)
    assert read["invoice_number"] == "KV-20533"
    assert read["total"] == "1176.00"
    assert second["extraction"]["fields"]["invoice_number"]["source"] == "hint"
    assert second["corrected_at"] is None
    invoice = SupplierInvoice.objects.get(source_document_id=second["id"])
    assert invoice.supplier_id == supplier.pk
    assert invoice.invoice_number == "KV-20533"
    assert (str(invoice.subtotal), str(invoice.tax), str(invoice.total)) == (
        "980.00",
        "196.00",
        "1176.00",
    )


def test_the_next_invoice_with_more_lines_has_its_totals_lower_down_and_is_still_read(kestrel):
    finance, upload, _ = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(finance, first, {"invoice_number": "KV-20417", "tax": "240.00", "total": "1440.00"})

    lines = ["1,000.00"] * 11 + ["12,345.67"]
    second = upload(
        "kestrel-2.pdf",
        _invoice_pdf(
            voucher="KV-2026-000981",
            issued="28/09/2026",
            lines=lines,
            net="23,345.67",
            vat="4,669.13",
            gross="28,014.80",
        ),
    )

    read = _values(second)
    assert (read["invoice_number"], read["total"]) == ("KV-2026-000981", "28014.80")
    assert (read["subtotal"], read["tax"]) == ("23345.67", "4669.13")
    assert second["extraction"]["fields"]["total"]["source"] == "hint"


def test_the_next_invoice_arriving_as_a_scan_is_read_with_what_the_pdf_taught(kestrel):
    finance, upload, supplier = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    _correct(
        finance,
        first,
        {"invoice_number": "KV-20417", "invoice_date": "2026-02-03", "total": "1440.00"},
    )

    pdf = _invoice_pdf(
        voucher="KV-20533",
        issued="04/03/2026",
        lines=["980.00", "1,015.50"],
        net="1,995.50",
        vat="399.10",
        gross="2,394.60",
    )
    second = upload("kestrel-2.png", _scanned(pdf))

    assert second["extraction"]["supplier"]["supplier_id"] == supplier.pk
    read = _values(second)
    assert read["invoice_number"] == "KV-20533"
    # The supplier writes the day first: learned from the corrected date, not guessed.
    assert read["invoice_date"] == "2026-03-04"
    assert read["total"] == "2394.60"


def test_a_wrong_correction_is_undone_by_the_next_right_one(kestrel):
    finance, upload, _ = kestrel
    first = upload("kestrel-1.pdf", _invoice_pdf(**FIRST))
    # Finance types the customer number as the invoice number, and the net as the total.
    _correct(finance, first, {"invoice_number": "C-7781", "tax": "240.00", "total": "1200.00"})

    second = upload(
        "kestrel-2.pdf",
        _invoice_pdf(**SECOND),
    )
    read = _values(second)
    assert read["invoice_number"] == "C-7781"  # what was taught
    # A taught total that breaks net + levy = total printed on the page is not taken.
    assert read["total"] == "1176.00"

    _correct(finance, second, {"invoice_number": "KV-20533"})
    third = upload(
        "kestrel-3.pdf",
        _invoice_pdf(
            voucher="KV-20688",
            issued="03/04/2026",
            lines=["640.00", "75.00"],
            net="715.00",
            vat="143.00",
            gross="858.00",
        ),
    )

    read = _values(third)
    assert (read["invoice_number"], read["total"]) == ("KV-20688", "858.00")
