"""Invoices that arrive as pictures become draft supplier invoices with their key fields right.

Real Tesseract reads each picture through the API: a colour phone photo of a page lying on a desk
at an angle (perspective, the phone's shadow across it, stamped and written on, a rough JPEG),
the same photo taken with the phone held sideways, and a fax in the standard mode's 204 x 98 dpi
(pixels twice as tall as wide). The pages are the hand-written world invoices
(documents/tests/samples/world), not the benchmark generator's.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from procura.documents.tests.factories import upload
from procura.documents.tests.pictures import angled_photo, fax
from procura.documents.tests.world import render_pdf, render_unreadable_pdf, truth
from procura.procurement.models import SupplierInvoice, SupplierInvoiceStatus

pytestmark = pytest.mark.django_db

DOCUMENTS = "/api/v1/documents/"
KEY_FIELDS = ("invoice_number", "invoice_date", "currency", "subtotal", "tax", "total")


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content
    return response.json()


def _jpeg(image: Image.Image, dpi: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=60, dpi=(dpi, dpi))
    return out.getvalue()


def _read_through_api(client: Any, capture: Any, name: str, data: bytes) -> tuple[Any, Any]:
    with capture(execute=True):
        response = client.post(DOCUMENTS, {"file": upload(name, data)}, format="multipart")
    document_id = int(ok(response, 202)["id"])
    document = ok(client.get(f"{DOCUMENTS}{document_id}/"))
    draft = SupplierInvoice.objects.get(source_document_id=document_id)
    return document, ok(client.get(f"/api/v1/supplier-invoices/{draft.pk}/"))


@pytest.mark.parametrize("sideways", [False, True])
def test_an_angled_phone_photo_of_a_german_invoice_becomes_a_draft(
    client_as, django_capture_on_commit_callbacks, sideways
):
    want = truth()["de-rechnung.txt"]
    pages, dpi = angled_photo(render_pdf("de-rechnung.txt"), seed=5)
    photo = pages[0].rotate(90, expand=True) if sideways else pages[0]
    clerk = client_as("finance")

    document, draft = _read_through_api(
        clerk, django_capture_on_commit_callbacks, "rechnung.jpg", _jpeg(photo, dpi)
    )

    assert draft["status"] == SupplierInvoiceStatus.DRAFT
    assert {key: draft[key] for key in KEY_FIELDS} == {key: want[key] for key in KEY_FIELDS}
    assert document["extraction"]["fields"]["supplier_name"]["value"] == want["supplier_name"]
    notes = " ".join(document["extraction"]["notes"])
    assert "squared (perspective)" in notes
    assert ("rotated" in notes) == sideways


def test_a_fax_in_standard_mode_becomes_a_draft(client_as, django_capture_on_commit_callbacks):
    want = truth()["uk-vat.txt"]
    pages, resolution = fax(render_pdf("uk-vat.txt"), seed=1, resolution=(204, 98))
    out = io.BytesIO()
    pages[0].save(out, "TIFF", compression="group4", dpi=resolution)
    clerk = client_as("finance")

    document, draft = _read_through_api(
        clerk, django_capture_on_commit_callbacks, "fax.tiff", out.getvalue()
    )

    assert document["content_type"] == "image/tiff"
    assert {key: draft[key] for key in KEY_FIELDS} == {key: want[key] for key in KEY_FIELDS}
    assert document["extraction"]["fields"]["supplier_name"]["value"] == want["supplier_name"]


@pytest.mark.parametrize("unicode_map", [True, False], ids=["private-use", "glyph-ids"])
def test_a_pdf_with_an_unreadable_text_layer_is_read_by_ocr(
    client_as, django_capture_on_commit_callbacks, unicode_map
):
    """The page shows the invoice, but its text layer holds private-use characters, or only
    glyph ids ("(cid:12)") when the font has no Unicode map: the page is rendered and OCR'd."""
    want = truth()["de-rechnung.txt"]
    pdf = render_unreadable_pdf("de-rechnung.txt", unicode_map=unicode_map)
    clerk = client_as("finance")

    document, draft = _read_through_api(
        clerk, django_capture_on_commit_callbacks, "rechnung.pdf", pdf
    )

    assert draft["status"] == SupplierInvoiceStatus.DRAFT
    assert {key: draft[key] for key in KEY_FIELDS} == {key: want[key] for key in KEY_FIELDS}
    assert document["extraction"]["fields"]["supplier_name"]["value"] == want["supplier_name"]
    assert any("text layer unreadable" in note for note in document["extraction"]["notes"])


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [("WEBP", "rechnung.webp", "image/webp"), ("HEIF", "IMG_0412.HEIC", "image/heic")],
)
def test_a_webp_or_heic_phone_photo_becomes_a_draft(
    client_as, django_capture_on_commit_callbacks, fmt, name, content_type
):
    want = truth()["de-rechnung.txt"]
    pages, _dpi = angled_photo(render_pdf("de-rechnung.txt"), seed=5)
    out = io.BytesIO()
    pages[0].save(out, fmt, quality=70)  # no resolution: phones write none in these formats
    clerk = client_as("finance")

    document, draft = _read_through_api(
        clerk, django_capture_on_commit_callbacks, name, out.getvalue()
    )

    assert document["content_type"] == content_type
    assert draft["status"] == SupplierInvoiceStatus.DRAFT
    assert {key: draft[key] for key in KEY_FIELDS} == {key: want[key] for key in KEY_FIELDS}
    assert document["extraction"]["fields"]["supplier_name"]["value"] == want["supplier_name"]
