from __future__ import annotations

from procura.core.serializers import ProcuraModelSerializer
from procura.notifications.models import NotificationLog


class NotificationLogSerializer(ProcuraModelSerializer):
    class Meta:
        model = NotificationLog
        fields = [
            "id",
            "channel",
            "recipient",
            "template",
            "subject",
            "status",
            "attempts",
            "error",
            "provider_id",
            "fallback_of",
            "object_type",
            "object_id",
            "created_at",
            "sent_at",
        ]
        read_only_fields = fields
