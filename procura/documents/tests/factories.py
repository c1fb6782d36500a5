"""Test data for documents: the fixed sample invoices and small hand-made files."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

SAMPLES = Path(__file__).parent / "samples"
CONTENT_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpeg": "image/jpeg"}


def sample_truth() -> dict[str, dict[str, Any]]:
    return json.loads((SAMPLES / "truth.json").read_text())


def sample_bytes(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def upload(
    name: str, data: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


DOCUMENTS_URL = "/api/v1/documents/"


def processed_upload(client: Any, capture: Any, name: str, data: bytes) -> dict[str, Any]:
    """Upload ``data`` through the API, run its reading, and return the processed document."""
    with capture(execute=True):
        response = client.post(DOCUMENTS_URL, {"file": upload(name, data)}, format="multipart")
    assert response.status_code == 202, response.content
    detail = client.get(f"{DOCUMENTS_URL}{response.json()['id']}/").json()
    assert detail["status"] == "processed", detail
    return dict(detail)


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")  # noqa: S106
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes(width: int = 20, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, "PNG")
    return out.getvalue()


def pdf_with_picture(picture: Any, caption: str) -> bytes:
    """A generated PDF page with a line of text and ``picture`` (a PIL image) filling the rest:
    a scanned invoice pasted into a page that has a text layer of its own."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(40, 810, caption)
    canvas.drawImage(ImageReader(picture), 30, 20, width=535, height=780)
    canvas.save()
    return out.getvalue()
