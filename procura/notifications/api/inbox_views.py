"""/api/v1/inbox/: the signed-in person's in-app notifications (list, unread count, mark read)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from procura.core.serializers import ProcuraModelSerializer, ProcuraSerializer
from procura.notifications.inbox import (
    InboxMessage,
    inbox_for,
    inbox_mark_read,
    inbox_unread_count,
)


class InboxMessageSerializer(ProcuraModelSerializer):
    class Meta:
        model = InboxMessage
        fields = ["id", "title", "body", "object_type", "object_id", "created_at", "read_at"]
        read_only_fields = fields


class UnreadCountSerializer(ProcuraSerializer):
    unread = serializers.IntegerField()


class MarkedSerializer(ProcuraSerializer):
    marked = serializers.IntegerField(help_text="Messages that changed from unread to read.")
    unread = serializers.IntegerField()


class InboxFilter(filters.FilterSet):
    unread = filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", help_text="Only unread (true) or read (false)."
    )

    class Meta:
        model = InboxMessage
        fields = ["unread"]


class InboxViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every signed-in person reads only their own messages, newest first."""

    serializer_class = InboxMessageSerializer
    permission_classes = [IsAuthenticated]  # everyone has an inbox; the queryset is theirs
    filterset_class = InboxFilter
    ordering_fields = ["created_at"]

    def _me(self) -> int:
        pk: int = self.request.user.pk  # type: ignore[assignment]  # authenticated
        return pk

    def get_queryset(self) -> QuerySet[InboxMessage]:
        if getattr(self, "swagger_fake_view", False):
            return InboxMessage.objects.none()
        return inbox_for(user_id=self._me())

    @extend_schema(responses=UnreadCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request: Request) -> Response:
        return Response({"unread": inbox_unread_count(user_id=self._me())})

    @extend_schema(request=None, responses=MarkedSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: Any = None) -> Response:
        """Mark one message read (a message of someone else answers 404)."""
        message = self.get_object()
        marked = inbox_mark_read(user_id=self._me(), message_ids=[message.pk])
        return Response({"marked": marked, "unread": inbox_unread_count(user_id=self._me())})

    @extend_schema(request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        marked = inbox_mark_read(user_id=self._me())
        return Response({"marked": marked, "unread": 0})
