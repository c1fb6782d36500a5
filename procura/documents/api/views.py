from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import BaseFilterBackend
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from procura.core.errors import NotFound
from procura.core.etag import ETagReadMixin, check_if_match, compute_etag
from procura.core.parsers import ProcuraJSONParser
from procura.documents.api.serializers import (
    AttachSerializer,
    DocumentAcceptedSerializer,
    DocumentDetailSerializer,
    DocumentListSerializer,
    DocumentUploadSerializer,
    ExtractionCorrectionSerializer,
)
from procura.documents.errors import FILE_MISSING_MESSAGE, NO_RENDERING_MESSAGE
from procura.documents.models import Document
from procura.documents.selectors import document_list, document_rendering, document_search
from procura.documents.services import (
    document_attach,
    document_correct,
    document_reprocess,
    document_upload,
)
from procura.jobs.models import TaskRecord


class DocumentSearchFilter(BaseFilterBackend):
    """``?search=``: full-text over the extracted text (PostgreSQL), substring on SQLite."""

    def filter_queryset(self, request: Request, queryset: Any, view: Any) -> Any:
        return document_search(queryset, request.query_params.get("search", ""))

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "search",
                "required": False,
                "in": "query",
                "description": "Words to find in the document's text or name.",
                "schema": {"type": "string"},
            }
        ]


def _accepted(document: Document, task: TaskRecord | None, *, duplicate: bool) -> Response:
    status_url = reverse("task-detail", kwargs={"pk": task.pk}) if task else None
    body = {
        "id": document.pk,
        "task_id": str(task.pk) if task else (str(document.task_id) if document.task_id else None),
        "status": document.status,
        "duplicate": duplicate,
        "status_url": status_url,
    }
    headers = {"Location": reverse("document-detail", kwargs={"pk": document.pk})}
    code = status.HTTP_200_OK if duplicate else status.HTTP_202_ACCEPTED
    return Response(body, status=code, headers=headers)


class DocumentViewSet(
    ETagReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Uploaded documents, their processing state, text and extracted invoice fields.

    Visible to admins, finance and procurement, to the uploader, to an approver for their
    department's uploads, and to whoever may see an object the document is attached to;
    anything else is 404.
    """

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, ProcuraJSONParser]
    filter_backends = [DocumentSearchFilter, *api_settings.DEFAULT_FILTER_BACKENDS]  # type: ignore[list-item]
    filterset_fields = ["status", "content_type", "kind", "supplier_ref"]
    ordering_fields = ["created_at", "processed_at", "original_name", "size"]
    ordering = ["-created_at", "-id"]
    search_fields: list[str] = []

    def get_queryset(self) -> QuerySet[Document]:
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        queryset = document_list(user=self.request.user)
        if self.action != "list":
            queryset = queryset.defer(None)
        return queryset

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return DocumentListSerializer
        return DocumentDetailSerializer

    @extend_schema(
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            202: DocumentAcceptedSerializer,
            200: OpenApiResponse(
                DocumentAcceptedSerializer, description="Same bytes uploaded before."
            ),
        },
    )
    def create(self, request: Request) -> Response:
        serializer = DocumentUploadSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        attach_to = (
            (data["attach_to_type"], data["attach_to_id"]) if "attach_to_type" in data else None
        )
        outcome = document_upload(file=data["file"], by=request.user, attach_to=attach_to)
        return _accepted(outcome.document, outcome.task, duplicate=not outcome.created)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        document = self.get_object()
        try:
            stream = document.file.open("rb")
        except FileNotFoundError:
            raise NotFound(FILE_MISSING_MESSAGE) from None
        response = FileResponse(
            stream,
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
        }
    )
    @action(detail=True, methods=["get"])
    def rendering(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The PDF or image of the invoice that an uploaded e-invoice XML carries (404 when it
        carries none), shown beside the fields instead of the XML."""
        found = document_rendering(self.get_object())
        if found is None:
            raise NotFound(NO_RENDERING_MESSAGE)
        response = HttpResponse(found.data, content_type=found.mime_type)
        response["Content-Disposition"] = content_disposition_header(False, found.filename) or ""
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(request=None, responses={202: DocumentAcceptedSerializer})
    @action(detail=True, methods=["post"])
    def reprocess(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        task = document_reprocess(document=document, by=request.user)
        document.refresh_from_db()
        return _accepted(document, task, duplicate=False)

    @extend_schema(
        request=ExtractionCorrectionSerializer, responses={200: DocumentDetailSerializer}
    )
    @action(detail=True, methods=["patch"])
    def extraction(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        check_if_match(request, lambda: self.detail_representation(document))
        serializer = ExtractionCorrectionSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        line_items = None
        if "line_items" in data:
            line_items = [
                {key: (None if value is None else str(value)) for key, value in item.items()}
                for item in data["line_items"]
            ]
        updated = document_correct(
            document=document,
            by=request.user,
            fields=data.get("fields", {}),
            line_items=line_items,
            supplier_id=data.get("supplier_id"),
        )
        body = DocumentDetailSerializer(updated, context=self.get_serializer_context()).data
        return Response(body, headers={"ETag": compute_etag(body)})

    @extend_schema(request=AttachSerializer, responses={200: DocumentDetailSerializer})
    @action(detail=True, methods=["post"])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = AttachSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        document_attach(
            document=document,
            by=request.user,
            model_label=serializer.validated_data["object_type"],
            object_id=serializer.validated_data["object_id"],
        )
        fresh = self.get_queryset().get(pk=document.pk)
        return Response(DocumentDetailSerializer(fresh, context=self.get_serializer_context()).data)
