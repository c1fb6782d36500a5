"""The type of an uploaded file, decided by its first bytes (magic numbers), never its name."""

from __future__ import annotations

from procura.documents.extraction.einvoice import looks_like_einvoice_xml
from procura.documents.extraction.signed import content_head, looks_signed

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
WEBP = "image/webp"
HEIC = "image/heic"  # HEIF holding HEVC-coded pictures: iPhone photos since iOS 11
XML = "application/xml"  # only a structured e-invoice (UBL, CII, ZUGFeRD 1, FatturaPA)
# A signed e-invoice: the XML inside a CAdES / PKCS#7 envelope (a FatturaPA ``.p7m``).
SIGNED_XML = "application/pkcs7-mime"
ACCEPTED_TYPES = (PDF, PNG, JPEG, TIFF, WEBP, HEIC, XML, SIGNED_XML)
SNIFF_BYTES = 1024
# An XML invoice may open with a long licence comment before its root element.
HEAD_BYTES = 65536
# ISO base media file brands of HEIF files whose pictures are HEVC-coded (what libheif's HEVC
# decoder reads); "mif1"/"msf1" say only "HEIF" and count when a HEVC brand is among the
# compatible ones (an AVIF file is "mif1" + "avif", and is not read).
HEVC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"})
HEIF_BRANDS = frozenset({b"mif1", b"msf1"})


def sniff_content_type(head: bytes) -> str | None:
    """PDF, PNG, JPEG, TIFF, WebP, HEIC, an e-invoice XML or one in a signed envelope; None for
    anything else (executables, HTML, SVG, other XML, other signed content, ...)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if _is_heic(head):
        return HEIC
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


def _is_heic(head: bytes) -> bool:
    """An ISO base media file ("ftyp" box first) whose brands say HEIF with HEVC pictures."""
    if head[4:8] != b"ftyp":
        return False
    size = int.from_bytes(head[:4], "big")
    if not 16 <= size <= min(len(head), 512):
        return False
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, size - 3, 4)}
    if major in HEVC_BRANDS:
        return True
    return major in HEIF_BRANDS and bool(compatible & HEVC_BRANDS)
