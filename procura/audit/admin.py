from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from procura.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: audit events are append-only and written only by ``audit_record``."""

    list_display = ["sequence", "occurred_at", "actor_email", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor_email", "request_id", "object_repr"]
    date_hierarchy = "occurred_at"
    ordering = ["-sequence"]
    show_full_result_count = False
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
