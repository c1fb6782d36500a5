"""Reading documents (PDF text layer, OCR) and extracting supplier-invoice fields.

Pure Python, no Django: ``read_document(bytes, content_type)`` gives pages of positioned words;
``extract_invoice(pages, matcher=..., hints=...)`` gives the fields with confidence and location.
"""

from procura.documents.extraction.invoice import ExtractionHints, extract_invoice
from procura.documents.extraction.reading import (
    ReadError,
    ReadErrorCode,
    ReadLimits,
    ReadResult,
    read_document,
)
from procura.documents.extraction.result import InvoiceExtraction
from procura.documents.extraction.suppliers import (
    CandidateSupplierMatcher,
    SupplierCandidate,
    SupplierMatcher,
)

__all__ = [
    "CandidateSupplierMatcher",
    "ExtractionHints",
    "InvoiceExtraction",
    "ReadError",
    "ReadErrorCode",
    "ReadLimits",
    "ReadResult",
    "SupplierCandidate",
    "SupplierMatcher",
    "extract_invoice",
    "read_document",
]
