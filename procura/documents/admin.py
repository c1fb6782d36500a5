from django.contrib import admin

from procura.documents.models import Document, DocumentAttachment, SupplierHint


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["id", "original_name", "content_type", "status", "page_count", "created_at"]
    list_filter = ["status", "content_type", "kind"]
    search_fields = ["original_name", "sha256"]
    readonly_fields = [f.name for f in Document._meta.fields]


@admin.register(DocumentAttachment)
class DocumentAttachmentAdmin(admin.ModelAdmin):
    list_display = ["document", "object_type", "object_id", "created_at"]


@admin.register(SupplierHint)
class SupplierHintAdmin(admin.ModelAdmin):
    list_display = ["supplier_ref", "corrections", "updated_at"]
