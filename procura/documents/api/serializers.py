from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procura.core.serializers import ProcuraModelSerializer, ProcuraSerializer
from procura.documents.access import ATTACHABLE_MODELS
from procura.documents.extraction.result import SCALAR_FIELDS
from procura.documents.models import Document, DocumentAttachment


class DocumentUploadSerializer(ProcuraSerializer):
    file = serializers.FileField(allow_empty_file=True, use_url=False)
    attach_to_type = serializers.ChoiceField(choices=ATTACHABLE_MODELS, required=False)
    attach_to_id = serializers.IntegerField(min_value=1, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("attach_to_type" in attrs) != ("attach_to_id" in attrs):
            raise serializers.ValidationError(
                {"attach_to_id": ["attach_to_type and attach_to_id go together."]}
            )
        return attrs


class DocumentAcceptedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    task_id = serializers.UUIDField(allow_null=True)
    status = serializers.CharField()
    duplicate = serializers.BooleanField()
    status_url = serializers.CharField(allow_null=True)


class AttachmentSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = DocumentAttachment
        fields = ["object_type", "object_id", "created_at"]

    def get_object_type(self, obj: DocumentAttachment) -> str:
        return f"{obj.object_type.app_label}.{obj.object_type.model}"


class AttachSerializer(ProcuraSerializer):
    object_type = serializers.ChoiceField(choices=ATTACHABLE_MODELS)
    object_id = serializers.IntegerField(min_value=1)


class DocumentSourceSerializer(ProcuraSerializer):
    """Where a document came from when it was not uploaded by hand."""

    channel = serializers.ChoiceField(choices=["email"])
    from_address = serializers.CharField()
    from_name = serializers.CharField()
    subject = serializers.CharField()
    date = serializers.DateTimeField(allow_null=True)
    message_id = serializers.CharField()


class DocumentSerializer(ProcuraModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)
    source = serializers.SerializerMethodField()  # type: ignore[assignment]
    uploaded_by = serializers.CharField(source="uploaded_by.email", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id", "original_name", "content_type", "size", "sha256", "kind", "status",
            "error_code", "error", "page_count", "used_ocr", "supplier_ref", "task_id",
            "attempts", "uploaded_by", "attachments", "extraction", "created_at",
            "processed_at", "corrected_at", "download_url", "source",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(DocumentSourceSerializer(allow_null=True))
    def get_source(self, obj: Document) -> dict[str, Any] | None:
        return obj.source or None

    def get_download_url(self, obj: Document) -> str:
        return reverse("document-download", kwargs={"pk": obj.pk})


class DocumentListSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [f for f in DocumentSerializer.Meta.fields if f != "extraction"]
        read_only_fields = fields


class DocumentRenderingSerializer(ProcuraSerializer):
    """The picture of the invoice an e-invoice carries (a PDF or image attachment)."""

    url = serializers.CharField()
    filename = serializers.CharField()
    mime_type = serializers.CharField()


class DocumentDetailSerializer(DocumentSerializer):
    text = serializers.CharField(read_only=True)
    rendering = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "text", "rendering"]
        read_only_fields = fields

    @extend_schema_field(DocumentRenderingSerializer(allow_null=True))
    def get_rendering(self, obj: Document) -> dict[str, Any] | None:
        found = ((obj.extraction or {}).get("einvoice") or {}).get("rendering")
        if not found:
            return None
        return {
            "url": reverse("document-rendering", kwargs={"pk": obj.pk}),
            "filename": found.get("filename") or "invoice",
            "mime_type": found.get("mime_type") or "application/pdf",
        }


class LineItemCorrectionSerializer(ProcuraSerializer):
    description = serializers.CharField(max_length=500, allow_blank=True)
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, allow_null=True)
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


DATE_FIELDS = {"invoice_date", "due_date"}
AMOUNT_FIELDS = {"subtotal", "tax", "total"}


@extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "string", "nullable": True}}
)
class CorrectedFieldsField(serializers.DictField):
    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise serializers.ValidationError("Expected an object of field -> value.")
        errors: dict[str, list[str]] = {}
        cleaned: dict[str, Any] = {}
        for name, value in data.items():
            if name not in SCALAR_FIELDS:
                errors[name] = ["Unknown field."]
                continue
            if value is None:
                cleaned[name] = None
                continue
            try:
                if name in DATE_FIELDS:
                    cleaned[name] = serializers.DateField().to_internal_value(value).isoformat()
                elif name in AMOUNT_FIELDS:
                    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
                    cleaned[name] = f"{amount.to_internal_value(value):.2f}"
                else:
                    cleaned[name] = serializers.CharField(max_length=200).to_internal_value(value)
            except serializers.ValidationError as exc:
                errors[name] = [str(message) for message in exc.detail]
        if errors:
            raise serializers.ValidationError(errors)
        return cleaned


class ExtractionCorrectionSerializer(ProcuraSerializer):
    fields_ = CorrectedFieldsField(required=False, default=dict)
    line_items = LineItemCorrectionSerializer(many=True, required=False)
    supplier_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)

    def get_fields(self) -> dict[str, Any]:
        result = super().get_fields()
        result["fields"] = result.pop("fields_")
        return result
