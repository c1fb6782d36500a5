from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from procura.notifications.models import NotificationLog


@admin.register(NotificationLog)
class NotificationLogAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the delivery task."""

    list_display = ["created_at", "channel", "template", "recipient", "status", "attempts"]
    list_filter = ["channel", "status", "template"]
    search_fields = ["recipient", "subject", "error", "object_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
