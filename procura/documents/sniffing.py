"""The type of an uploaded file, decided by its first bytes (magic numbers), never its name."""

from __future__ import annotations

from procura.documents.extraction.einvoice import looks_like_einvoice_xml
from procura.documents.extraction.signed import content_head, looks_signed

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
XML = "application/xml"  # only a structured e-invoice (UBL, CII, ZUGFeRD 1, FatturaPA)
# A signed e-invoice: the XML inside a CAdES / PKCS#7 envelope (a FatturaPA ``.p7m``).
SIGNED_XML = "application/pkcs7-mime"
ACCEPTED_TYPES = (PDF, PNG, JPEG, TIFF, XML, SIGNED_XML)
SNIFF_BYTES = 1024
# An XML invoice may open with a long licence comment before its root element.
HEAD_BYTES = 65536


def sniff_content_type(head: bytes) -> str | None:
    """PDF, PNG, JPEG, TIFF, an e-invoice XML or one in a signed envelope; None for anything
    else (executables, HTML, SVG, other XML, other signed content, ...)."""
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
    if looks_signed(head) and _carries_einvoice(content_head(head)):
        return SIGNED_XML
    return None


def _carries_einvoice(envelope: bytes) -> bool:
    """The envelope's content (it opens the envelope, before the certificates) is an e-invoice
    XML: its root element's marker shows in the first bytes."""
    start = envelope.find(b"<?xml")
    if start < 0:
        start = envelope.find(b"<")
    return start >= 0 and looks_like_einvoice_xml(envelope[start:])
