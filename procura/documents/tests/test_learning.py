"""Learning from corrections, end to end through the API: finance corrects the fields of one
invoice of a supplier; the next invoice of that supplier, same layout, is read right without a
correction, and its draft supplier invoice carries the right values.

The supplier prints its invoice number under a label no dictionary knows ("Voucher ref") and its
total as "Settlement sum", so the reader cannot find them on its own.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from procura.documents.tests.factories import processed_upload

URL = "/api/v1/documents/"

pytestmark = pytest.mark.django_db


def _invoice_pdf(*, voucher: str, issued: str, net: str, vat: str, gross: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    page.setFont("Helvetica-Bold", 16)
    page.drawString(50, height - 60, "Kestrel Cold Chain Ltd")
    page.setFont("Helvetica", 10)
    page.drawString(50, height - 78, "4 Harbour Road, Leith EH6 6QA")
    page.drawString(50, height - 92, "VAT No: GB 123 4567 89   accounts@kestrelcold.example")
    page.drawString(50, height - 130, "Bill to: Westgate Retail Group")
    page.drawString(360, height - 130, "Voucher ref")
    page.drawString(460, height - 130, voucher)
    page.drawString(360, height - 146, "Invoice date")
    page.drawString(460, height - 146, issued)
    page.drawString(50, height - 200, "Chilled storage, pallet weeks")
    page.drawString(460, height - 200, net)
    page.drawString(360, height - 240, "Net amount")
    page.drawString(460, height - 240, net)
    page.drawString(360, height - 256, "VAT 20%")
    page.drawString(460, height - 256, vat)
    page.drawString(360, height - 272, "Settlement sum")
    page.drawString(460, height - 272, gross)
    page.showPage()
    page.save()
    return out.getvalue()


def _upload(client: Any, capture: Any, name: str, data: bytes) -> dict[str, Any]:
    return processed_upload(client, capture, name, data)


def _values(detail: dict[str, Any]) -> dict[str, Any]:
    return {name: fv["value"] for name, fv in detail["extraction"]["fields"].items()}


def test_a_corrected_invoice_teaches_the_next_one_of_the_same_supplier(
    client_as, django_capture_on_commit_callbacks
):
    from procura.partners.tests.factories import make_supplier
    from procura.procurement.models import SupplierInvoice

    supplier = make_supplier(name="Kestrel Cold Chain Ltd", tax_id="GB123456789", currency="GBP")
    finance = client_as("finance")

    first = _upload(
        finance,
        django_capture_on_commit_callbacks,
        "kestrel-1.pdf",
        _invoice_pdf(
            voucher="KV-20417", issued="03/02/2026", net="1,200.00", vat="240.00", gross="1,440.00"
        ),
    )
    read = _values(first)
    assert first["extraction"]["supplier"]["supplier_id"] == supplier.pk
    assert read["invoice_number"] != "KV-20417"  # the reader cannot know this label

    corrected = finance.patch(
        f"{URL}{first['id']}/extraction/",
        {"fields": {"invoice_number": "KV-20417", "total": "1440.00"}},
        format="json",
    )
    assert corrected.status_code == 200, corrected.content
    first_invoice = SupplierInvoice.objects.get(source_document_id=first["id"])
    assert first_invoice.invoice_number == "KV-20417"

    second = _upload(
        finance,
        django_capture_on_commit_callbacks,
        "kestrel-2.pdf",
        _invoice_pdf(
            voucher="KV-20533", issued="03/03/2026", net="980.00", vat="196.00", gross="1,176.00"
        ),
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
