"""The type of an uploaded file, decided by its first bytes (magic numbers), never its name."""

from __future__ import annotations

from procura.documents.extraction.einvoice import looks_like_einvoice_xml

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
XML = "application/xml"  # only a structured e-invoice (UBL, CII, ZUGFeRD 1, FatturaPA)
ACCEPTED_TYPES = (PDF, PNG, JPEG, TIFF, XML)
SNIFF_BYTES = 1024
# An XML invoice may open with a long licence comment before its root element.
HEAD_BYTES = 65536


def sniff_content_type(head: bytes) -> str | None:
    """PDF, PNG, JPEG, TIFF or an e-invoice XML; None for anything else (executables, HTML,
    SVG, other XML, ...)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    # The PDF header may follow a little junk (allowed by readers within the first 1024 bytes),
    # but never markup: an HTML or SVG file that mentions %PDF- is still HTML.
    position = head[:SNIFF_BYTES].find(b"%PDF-")
    if position == 0 or (0 < position < SNIFF_BYTES and b"<" not in head[:position]):
        return PDF
    if looks_like_einvoice_xml(head):
        return XML
    return None
