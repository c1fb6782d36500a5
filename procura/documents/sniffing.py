"""The type of an uploaded file, decided by its first bytes (magic numbers), never its name."""

from __future__ import annotations

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
ACCEPTED_TYPES = (PDF, PNG, JPEG, TIFF)
SNIFF_BYTES = 1024


def sniff_content_type(head: bytes) -> str | None:
    """PDF, PNG, JPEG or TIFF; None for anything else (executables, HTML, SVG, ...)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    # The PDF header may follow a little junk (allowed by readers within the first 1024 bytes),
    # but never markup: an HTML or SVG file that mentions %PDF- is still HTML.
    position = head.find(b"%PDF-")
    if position == 0 or (0 < position < SNIFF_BYTES and b"<" not in head[:position]):
        return PDF
    return None
