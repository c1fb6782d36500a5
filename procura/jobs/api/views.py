from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from procura.core.etag import ETagReadMixin
from procura.jobs.api.serializers import TaskRecordSerializer
from procura.jobs.models import TaskRecord
from procura.jobs.selectors import task_record_list


class TaskViewSet(
    ETagReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Background tasks: their state, progress and outcome. Each person sees the tasks they
    started; admins see all. Someone else's task is answered with 404."""

    serializer_class = TaskRecordSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["state", "name"]
    ordering_fields = ["created_at", "finished_at"]
    ordering = ["-created_at"]
    search_fields: list[str] = []

    def get_queryset(self) -> QuerySet[TaskRecord]:
        return task_record_list(user=self.request.user)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        # Progress changes by the second: clients poll, caches must not answer for us.
        response["Cache-Control"] = "no-store"
        return response
