"""A scan of several pages is read a page per core at once, and its pages keep their order."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from procura.documents.extraction import read_document
from procura.documents.models import Document, DocumentStatus
from procura.documents.tests.factories import sample_bytes, sample_truth, upload

SAMPLES = ("classic.pdf", "modern.pdf", "european.pdf")


def _scanned_tiff() -> bytes:
    """The first page of three sample invoices, scanned at 200 dpi into one TIFF."""
    frames = []
    for name in SAMPLES:
        page = pypdfium2.PdfDocument(sample_bytes(name))[0]
        frames.append(page.render(scale=200 / 72, grayscale=True).to_pil().convert("L"))
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    return out.getvalue()


def _numbers_in_order(text_of_pages: list[str]) -> list[bool]:
    truth = sample_truth()
    return [
        truth[name]["invoice_number"] in text
        for name, text in zip(SAMPLES, text_of_pages, strict=True)
    ]


def test_pages_read_at_once_are_the_pages_read_one_by_one(monkeypatch) -> None:
    data = _scanned_tiff()

    monkeypatch.setenv("PROCURA_OCR_WORKERS", "1")
    one_by_one = read_document(data, "image/tiff")
    monkeypatch.setenv("PROCURA_OCR_WORKERS", "3")
    at_once = read_document(data, "image/tiff")

    assert [page.number for page in at_once.pages] == [1, 2, 3]
    assert [[w.text for w in page.words] for page in at_once.pages] == [
        [w.text for w in page.words] for page in one_by_one.pages
    ]
    assert _numbers_in_order([page.text for page in at_once.pages]) == [True, True, True]


@pytest.mark.django_db
def test_an_uploaded_multi_page_scan_is_processed_with_its_pages_in_order(
    client_as, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setenv("PROCURA_OCR_WORKERS", "2")
    client = client_as("finance")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/documents/", {"file": upload("scan.tiff", _scanned_tiff())}, format="multipart"
        )

    assert response.status_code == 202, response.content
    detail = client.get(f"/api/v1/documents/{response.json()['id']}/").json()
    assert (detail["status"], detail["page_count"]) == (DocumentStatus.PROCESSED, 3)
    document = Document.objects.get(pk=detail["id"])
    positions = [document.text.find(sample_truth()[name]["invoice_number"]) for name in SAMPLES]
    assert -1 not in positions
    assert positions == sorted(positions)
