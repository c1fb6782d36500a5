from django.contrib import admin

from procura.audit.models import AuditEvent
from procura.core.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: audit events are append-only and written only by ``audit_record``."""

    list_display = ["sequence", "occurred_at", "actor_email", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor_email", "request_id", "object_repr"]
    date_hierarchy = "occurred_at"
    ordering = ["-sequence"]
    show_full_result_count = False
