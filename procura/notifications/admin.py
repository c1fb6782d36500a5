from __future__ import annotations

from django.contrib import admin

from procura.core.admin import ReadOnlyAdmin
from procura.notifications.models import NotificationLog


@admin.register(NotificationLog)
class NotificationLogAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by the delivery task."""

    list_display = ["created_at", "channel", "template", "recipient", "status", "attempts"]
    list_filter = ["channel", "status", "template"]
    search_fields = ["recipient", "subject", "error", "object_id"]
    date_hierarchy = "created_at"
