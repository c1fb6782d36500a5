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
