"""Processing a document: read it (text layer or OCR), extract the invoice fields, store both.

Runs in ``process_document_task``. Deterministic: the same file gives the same text and fields,
so processing twice (a redelivered task, a reprocess) changes nothing but timestamps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytesseract
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from procura.audit.services import audit_record
from procura.documents import access
from procura.documents.errors import (
    FILE_MISSING_MESSAGE,
    DocumentErrorCode,
    DocumentUnreadable,
    TransientDocumentError,
)
from procura.documents.extraction import (
    CandidateSupplierMatcher,
    ExtractionHints,
    InvoiceExtraction,
    ReadError,
    ReadLimits,
    extract_invoice,
    read_document,
)
from procura.documents.extraction.einvoice import (
    EInvoiceOutcome,
    einvoice_extraction,
    party_tax_ids,
    read_einvoice,
)
from procura.documents.extraction.hints import hints_from, layout_of
from procura.documents.extraction.layout import Page
from procura.documents.extraction.reading import (
    ReadErrorCode,
    read_page_images,
    reread_kept_layers,
)
from procura.documents.extraction.result import LOW_CONFIDENCE, required_fields
from procura.documents.extraction.suppliers import (
    BuyerIdentity,
    SupplierIdentifiers,
    currency_country,
)
from procura.documents.models import Document, DocumentKind, DocumentStatus, SupplierHint

logger = logging.getLogger("procura.documents")

# Uploads that are nothing but a structured invoice (no page to read): bare and signed XML.
STRUCTURED_TYPES = frozenset({"application/xml", "application/pkcs7-mime"})
# Key fields whose absence from a PDF's text layer sends its pictures to OCR.
PICTURE_WORTHY = frozenset({"invoice_number", "invoice_date", "total", "supplier_name"})

Progress = Callable[[int, str], None]


def read_limits() -> ReadLimits:
    return ReadLimits(
        max_pages=int(getattr(settings, "DOCUMENT_MAX_PAGES", 50)),
        max_pixels=int(getattr(settings, "DOCUMENT_MAX_IMAGE_PIXELS", 60_000_000)),
    )


def supplier_hints(supplier_ref: int | str | None) -> ExtractionHints | None:
    if supplier_ref is None:
        return None
    row = SupplierHint.objects.filter(supplier_ref=supplier_ref).first()
    if row is None:
        return None
    return hints_from(row.examples)


def _matcher() -> CandidateSupplierMatcher | None:
    provider = access.registry.supplier_candidates
    return CandidateSupplierMatcher(provider()) if provider is not None else None


def extract_structured(outcome: EInvoiceOutcome) -> InvoiceExtraction:
    """The e-invoice's fields, its seller matched to the registered suppliers by VAT id, IBAN,
    e-mail, then name."""
    result = einvoice_extraction(outcome)
    matcher = _matcher()
    if matcher is not None:
        seller = result.parties.get("supplier", {})
        email = seller.get("email")
        iban = result.value("supplier_iban")
        found = SupplierIdentifiers(
            tax_ids=party_tax_ids(seller),
            emails=[email.lower()] if email else [],
            ibans=[iban] if iban else [],
        )
        result.supplier = matcher.match(name=seller.get("name"), found=found, text="")
    return result


def our_company() -> BuyerIdentity:
    country = str(getattr(settings, "PROCURA_COMPANY_COUNTRY", "") or "").upper()
    return BuyerIdentity(
        names=[str(getattr(settings, "PROCURA_COMPANY_NAME", "") or "")],
        tax_ids=list(getattr(settings, "PROCURA_COMPANY_VAT_IDS", []) or []),
        country=country or currency_country(str(getattr(settings, "COMPANY_CURRENCY", ""))),
    )


def extract(pages: list[Page]) -> InvoiceExtraction:
    """Fields, matched against the registered suppliers, refined by that supplier's hints."""
    matcher = _matcher()
    buyer = our_company()
    result = extract_invoice(pages, matcher=matcher, buyer=buyer)
    hints = supplier_hints(result.supplier.supplier_id if result.supplier else None)
    if hints:
        result = extract_invoice(pages, matcher=matcher, hints=hints, buyer=buyer)
    return result


def _mark_processing(document_id: int) -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        document.status = DocumentStatus.PROCESSING
        document.attempts += 1
        document.save(update_fields=["status", "attempts", "updated_at"])
        return document


@transaction.atomic
def document_fail(*, document_id: int, code: str, message: str) -> Document:
    """Failed, with the reason in words; it can be reprocessed. Locks the document row."""
    document = Document.objects.select_for_update().get(pk=document_id)
    before = document.status
    document.status = DocumentStatus.FAILED
    document.error_code = code[:40]
    document.error = message
    document.save(update_fields=["status", "error_code", "error", "updated_at"])
    audit_record(
        actor=None,
        action="document.failed",
        obj=document,
        changes={"status": (before, document.status)},
        data={"code": code},
    )
    return document


def _read_bytes(document: Document) -> bytes:
    try:
        with document.file.open("rb") as stream:
            return bytes(stream.read())
    except FileNotFoundError:
        document_fail(
            document_id=document.pk,
            code=DocumentErrorCode.FILE_MISSING,
            message=FILE_MISSING_MESSAGE,
        )
        raise DocumentUnreadable(
            FILE_MISSING_MESSAGE, code=DocumentErrorCode.FILE_MISSING
        ) from None
    except OSError as exc:
        raise TransientDocumentError(f"storage: {exc}") from exc


def document_process(*, document_id: int, progress: Progress) -> dict[str, Any]:
    """Read and extract one document, then store text, layout and fields (status processed).

    Unreadable files (encrypted, damaged, over the page or pixel limit) end as failed with a
    clear error and raise DocumentUnreadable (never retried); storage and OCR-engine hiccups raise
    TransientDocumentError (the task retries with backoff).
    """
    document = _mark_processing(document_id)
    progress(5, "stored")
    data = _read_bytes(document)

    def on_page(step: str, page: int, count: int) -> None:
        progress(10 + int(65 * (page - 1) / max(count, 1)), step)

    is_invoice = document.kind == DocumentKind.SUPPLIER_INVOICE
    structured = read_einvoice(data, document.content_type) if is_invoice else None
    if document.content_type in STRUCTURED_TYPES:
        return _store_xml(document, data, structured)
    try:
        read = read_document(data, document.content_type, limits=read_limits(), progress=on_page)
    except ReadError as exc:
        document_fail(document_id=document.pk, code=exc.code, message=exc.message)
        raise DocumentUnreadable(exc.message, code=exc.code) from exc
    except (pytesseract.TesseractError, RuntimeError) as exc:
        raise TransientDocumentError(f"ocr: {exc}") from exc
    progress(80, "extract")
    result = None
    if structured is not None and structured.valid:
        result = extract_structured(structured)
    elif is_invoice:
        result = extract(read.pages)
        if set(result.missing_fields) & PICTURE_WORTHY and read_page_images(
            data, read, limits=read_limits()
        ):
            # The text layer lacks key fields and the page carries pictures: read those too.
            result = extract(read.pages)
        # A scanner's layer kept as sound that lacks or doubts key fields: its pictures too.
        reread_kept_layers(data, read, result, extract, limits=read_limits())
        if structured is not None:
            result.einvoice = structured.report()
            result.notes.append(
                "The embedded e-invoice is not valid; the fields were read from the page."
            )
    return _store(
        document.pk,
        read.text,
        layout_of(read.pages),
        len(read.pages),
        read.used_ocr,
        result,
        read.notes,
    )


def _store_xml(
    document: Document, data: bytes, structured: EInvoiceOutcome | None
) -> dict[str, Any]:
    """A bare e-invoice XML: there is no page to fall back on, so an XML that cannot be read
    at all fails with its findings; one that reads but breaks a rule keeps its values, each
    marked doubtful for a person to check."""
    if structured is None or structured.invoice is None:
        findings = structured.findings if structured else []
        message = "The e-invoice XML cannot be read: " + "; ".join(
            f"{f.where}: {f.message}" for f in findings if f.severity == "error"
        )
        document_fail(document_id=document.pk, code=ReadErrorCode.BROKEN, message=message)
        raise DocumentUnreadable(message, code=ReadErrorCode.BROKEN)
    result = extract_structured(structured)
    if not structured.valid:
        for fv in result.fields.values():
            if fv.value is not None:
                fv.confidence = 0.5
        result.notes.append("The e-invoice breaks a rule (see its findings); check every field.")
    text = (structured.xml or data).decode("utf-8", errors="replace")
    if structured.parts:
        result.notes.append(
            f"Invoice 1 of the {len(structured.parts) + 1} in this batch file; the others are "
            "read as documents of their own, each with its draft invoice."
        )
    stored = _store(document.pk, text, [], 1, False, result, [])
    if structured.parts:
        _split_batch(document, structured.parts)
    return stored


def _split_batch(document: Document, parts: list[bytes]) -> None:
    """Each further invoice of a batch file becomes a document of the same uploader (and the
    same e-mail source), processed on its own into its own draft. Its bytes are fixed by the
    original's, so processing the original again finds the same documents instead of adding."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procura.documents.services.uploads import document_upload

    stem = document.original_name.rsplit(".", 1)[0][:200]
    created = []
    for index, part in enumerate(parts, start=2):
        outcome = document_upload(
            file=SimpleUploadedFile(
                f"{stem} (invoice {index} of {len(parts) + 1}).xml", part, "application/xml"
            ),
            by=document.uploaded_by,
            source=document.source,
        )
        if outcome.created:
            created.append(outcome.document.pk)
    if created:
        audit_record(
            actor=None,
            action="document.batch_split",
            obj=document,
            data={"documents": created},
        )


@transaction.atomic
def _store(
    document_id: int,
    text: str,
    layout: list[dict[str, Any]],
    page_count: int,
    used_ocr: bool,
    result: InvoiceExtraction | None,
    notes: list[str],
) -> dict[str, Any]:
    document = Document.objects.select_for_update().get(pk=document_id)
    before = document.status
    extraction = result.as_json() if result else None
    if extraction is not None:
        extraction["notes"] = list(extraction["notes"]) + notes
        apply_corrections(extraction, document.corrections)
    document.text = text
    document.layout = layout
    document.page_count = page_count
    document.used_ocr = used_ocr
    document.extraction = extraction
    if result and result.supplier and not document.corrections.get("supplier_id"):
        document.supplier_ref = int(result.supplier.supplier_id)
    document.status = DocumentStatus.PROCESSED
    document.error_code = ""
    document.error = ""
    document.processed_at = timezone.now()
    document.save()
    access.notify_processed(document)
    audit_record(
        actor=None,
        action="document.processed",
        obj=document,
        changes={"status": (before, document.status)},
        data={"pages": page_count, "ocr": used_ocr},
    )
    fields = (extraction or {}).get("fields", {})
    return {
        "document_id": document.pk,
        "status": document.status,
        "pages": page_count,
        "fields": {name: value["value"] for name, value in fields.items()},
        "low_confidence_fields": (extraction or {}).get("low_confidence_fields", []),
    }


def apply_corrections(extraction: dict[str, Any], corrections: dict[str, Any]) -> None:
    """A person's corrections outlive reprocessing: they are laid over the fresh result."""
    for name, value in corrections.get("fields", {}).items():
        previous = extraction["fields"].get(name) or {}
        extraction["fields"][name] = {
            "value": value,
            "confidence": 1.0,
            "location": previous.get("location"),
            "source": "correction",
        }
    if "line_items" in corrections:
        extraction["line_items"] = corrections["line_items"]
    extraction["low_confidence_fields"] = [
        name
        for name, fv in extraction["fields"].items()
        if fv["value"] is not None and fv["confidence"] < LOW_CONFIDENCE
    ]
    extraction["missing_fields"] = [
        name
        for name in required_fields(extraction.get("kind", "invoice"))
        if (extraction["fields"].get(name) or {}).get("value") in (None, "")
    ]
