"""The delivery log, for administrators: /notification-logs/."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

from procura.core.etag import ETagReadMixin
from procura.core.permissions import RolePermission
from procura.notifications.api.serializers import NotificationLogSerializer
from procura.notifications.models import NotificationLog


class NotificationLogViewSet(ETagReadMixin, viewsets.ReadOnlyModelViewSet):
    """Every notification and its delivery attempts. Administrators only."""

    serializer_class = NotificationLogSerializer
    permission_classes = [RolePermission]
    read_roles: tuple[str, ...] = ()
    filterset_fields = ["channel", "status", "template", "object_type", "object_id", "recipient"]
    search_fields = ["recipient", "subject", "error"]
    ordering_fields = ["created_at", "attempts", "status"]

    def get_queryset(self) -> QuerySet[NotificationLog]:
        return NotificationLog.objects.order_by("-created_at", "-id")
