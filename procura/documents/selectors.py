"""Reads of documents, always through the visibility rules in ``access``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from procura.documents.access import visibility_filter
from procura.documents.extraction.einvoice import Rendering, rendering_of
from procura.documents.extraction.hints import LEARNABLE_FIELDS, hints_from
from procura.documents.models import Document, DocumentAttachment, SupplierHint

# The same expression as the GIN index of migration 0002 (so PostgreSQL can use it).
FTS_MATCH_SQL = (
    "to_tsvector('simple', documents_document.text) @@ websearch_to_tsquery('simple', %s)"
)


def document_list(*, user: Any) -> QuerySet[Document]:
    queryset = Document.objects.select_related("uploaded_by").prefetch_related(
        Prefetch("attachments", queryset=DocumentAttachment.objects.select_related("object_type"))
    )
    condition = visibility_filter(user)
    if condition is not None:
        visible_ids = Document.objects.filter(condition).values("pk")
        queryset = queryset.filter(pk__in=visible_ids)
    return queryset.defer("text", "layout")


def document_search(queryset: QuerySet[Document], query: str) -> QuerySet[Document]:
    """Full-text search of the extracted text (PostgreSQL), plain matching on SQLite; names
    match on both."""
    query = query.strip()
    if not query:
        return queryset
    by_name = Q(original_name__icontains=query)
    if connection.vendor == "postgresql":
        matches = RawSQL(FTS_MATCH_SQL, [query], output_field=BooleanField())  # noqa: S611
        return queryset.filter(Q(matches) | by_name)
    return queryset.filter(Q(text__icontains=query) | by_name)


def document_get(*, user: Any, pk: int) -> Document:
    """A document the user may see; Document.DoesNotExist (404) otherwise."""
    return Document.objects.filter(pk__in=document_list(user=user).values("pk")).get(pk=pk)


def document_rendering(document: Document) -> Rendering | None:
    """The PDF or image of the invoice a stored e-invoice XML (bare or signed) carries."""
    if not ((document.extraction or {}).get("einvoice") or {}).get("rendering"):
        return None
    try:
        with document.file.open("rb") as stream:
            data = bytes(stream.read())
    except FileNotFoundError:
        return None
    return rendering_of(data, document.content_type)


def supplier_hint_lessons(*, supplier_ref: int) -> dict[str, Any]:
    """What the reader learned about one supplier's invoices, per field (in the order the
    reader tries them), each lesson with its origin: the value and document it was learned
    from, when, by whom, and whether a person corrected or confirmed the value. Three queries
    whatever the number of lessons."""
    row = SupplierHint.objects.filter(supplier_ref=supplier_ref).first()
    if row is None:
        return {"corrections": 0, "updated_at": None, "hints": []}
    hints = hints_from(row.examples)
    examples = [e for name in LEARNABLE_FIELDS for e in hints.examples.get(name, [])]
    documents = dict(
        Document.objects.filter(pk__in={e.document for e in examples if e.document}).values_list(
            "pk", "original_name"
        )
    )
    users = {
        user.pk: user
        for user in get_user_model()
        .objects.filter(pk__in={e.learned_by for e in examples if e.learned_by})
        .only("pk", "full_name", "email")
    }
    fields = []
    for name in LEARNABLE_FIELDS:
        lessons = [
            {
                "label": e.label,
                "position": e.at or ("region" if e.box else ""),
                "page": e.page if e.box else None,
                "date_order": e.order,
                "value": e.value,
                "document": (
                    {"id": e.document, "name": documents[e.document]}
                    if e.document in documents
                    else None
                ),
                "learned_at": e.learned_at or None,
                "learned_by": (
                    {"id": e.learned_by, "name": users[e.learned_by].full_name}
                    if e.learned_by in users
                    else None
                ),
                "how": e.how,
                "seen": e.seen,
            }
            for e in hints.examples.get(name, [])
        ]
        if lessons:
            fields.append({"field": name, "lessons": lessons})
    return {"corrections": row.corrections, "updated_at": row.updated_at, "hints": fields}
