"""Real third-party invoices as pictures (samples/real, from invoice2data's tests, MIT) uploaded
through the API: each is read by OCR and gives a draft supplier invoice with the values printed
on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from procura.documents.tests.factories import processed_upload

REAL = Path(__file__).parent / "samples" / "real"

pytestmark = pytest.mark.django_db


def _draft_of(client: Any, capture: Any, name: str) -> tuple[dict[str, Any], Any]:
    from procura.procurement.models import SupplierInvoice

    detail = processed_upload(client, capture, name, (REAL / name).read_bytes())
    assert detail["used_ocr"] is True
    return detail, SupplierInvoice.objects.get(source_document_id=detail["id"])


def test_a_low_resolution_screenshot_with_its_totals_under_column_headers(
    client_as, django_capture_on_commit_callbacks
):
    # 789 x 557 pixels at 96 dpi; OCR reads the rupee sign of "Tax (₹)" as "Tax (3)", and the
    # ruled totals row "Total | 1 | 278.61 | 40.39 | 319.00" carries the net and the tax.
    detail, invoice = _draft_of(
        client_as("finance"), django_capture_on_commit_callbacks, "FlipkartInvoice.png"
    )

    assert detail["content_type"] == "image/png"
    assert invoice.invoice_number == "BLR_WFLD20151000982590"
    assert invoice.invoice_date.isoformat() == "2015-10-20"
    assert (str(invoice.subtotal), str(invoice.tax), str(invoice.total)) == (
        "278.61",
        "40.39",
        "319.00",
    )
    assert detail["extraction"]["fields"]["supplier_name"]["value"] == (
        "WS Retail Services Pvt. Ltd."
    )


def test_a_us_cloud_invoice_picture_gives_a_draft_with_every_key_field(
    client_as, django_capture_on_commit_callbacks
):
    detail, invoice = _draft_of(
        client_as("finance"), django_capture_on_commit_callbacks, "AmazonWebServices.png"
    )

    fields = detail["extraction"]["fields"]
    assert fields["supplier_name"]["value"] == "Amazon Web Services, Inc."
    assert invoice.invoice_number == "42183017"
    assert invoice.invoice_date.isoformat() == "2014-08-03"
    assert invoice.currency == "USD"
    assert (str(invoice.subtotal), str(invoice.tax), str(invoice.total)) == ("4.11", "0.00", "4.11")
