from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from procura.jobs.models import TaskRecord


@admin.register(TaskRecord)
class TaskRecordAdmin(admin.ModelAdmin):
    """Read-only: records are written by the tasks themselves."""

    list_display = ["created_at", "name", "owner", "state", "progress", "finished_at"]
    list_filter = ["state", "name"]
    search_fields = ["id", "name", "owner__email"]
    list_select_related = ["owner"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
