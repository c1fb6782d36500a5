from rest_framework import serializers

from procura.core.serializers import ProcuraModelSerializer
from procura.jobs.models import TaskRecord


class TaskRecordSerializer(ProcuraModelSerializer):
    result = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = TaskRecord
        fields = [
            "id",
            "name",
            "state",
            "progress",
            "step",
            "result",
            "error",
            "created_at",
            "updated_at",
            "finished_at",
        ]
        read_only_fields = fields


class TaskAcceptedSerializer(serializers.Serializer):
    """Body of a 202 answer: where to follow the task."""

    task_id = serializers.UUIDField()
    status_url = serializers.CharField()
