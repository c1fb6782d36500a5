"""The 202 answer of an endpoint that started background work: where to follow it.

Any domain's endpoint that queues a task answers with this, so the body and the Location
header are the same everywhere; the task's URL is found by name, not by importing the jobs
domain's views.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers
from rest_framework.response import Response


class TaskAcceptedSerializer(serializers.Serializer):
    """Body of a 202 answer: where to follow the task."""

    task_id = serializers.UUIDField()
    status_url = serializers.CharField()


def task_accepted_response(task_id: Any) -> Response:
    """202 for an endpoint that started task ``task_id``: ``{"task_id", "status_url"}``."""
    url = reverse("task-detail", kwargs={"pk": task_id})
    return Response(
        {"task_id": str(task_id), "status_url": url}, status=202, headers={"Location": url}
    )
