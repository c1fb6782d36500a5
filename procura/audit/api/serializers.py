from rest_framework import serializers

from procura.audit.models import AuditEvent
from procura.core.serializers import ProcuraModelSerializer


class AuditEventSerializer(ProcuraModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "sequence",
            "occurred_at",
            "actor",
            "actor_email",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "data",
            "request_id",
            "ip_address",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields
        extra_kwargs = {"changes": {"help_text": '{"field": {"before": ..., "after": ...}}'}}


class AuditHistoryPageSerializer(serializers.Serializer):
    """One page of an object's history (same shape as every paginated list)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AuditEventSerializer(many=True)
