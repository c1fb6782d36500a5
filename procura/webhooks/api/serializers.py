from __future__ import annotations

from rest_framework import serializers

from procura.core.serializers import ProcuraModelSerializer, ProcuraSerializer
from procura.webhooks.events import EVENT_CHOICES, PAYLOAD_VERSION
from procura.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint


class WebhookEndpointSerializer(ProcuraModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=EVENT_CHOICES))

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_active",
            "disabled_reason",
            "consecutive_failures",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class WebhookEndpointSecretSerializer(WebhookEndpointSerializer):
    """An endpoint with its signing secret: returned on creation and on rotation only."""

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointWriteSerializer(ProcuraSerializer):
    url = serializers.CharField(max_length=500)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_CHOICES), allow_empty=False
    )


class WebhookEndpointPatchSerializer(WebhookEndpointWriteSerializer):
    url = serializers.CharField(max_length=500, required=False)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_CHOICES), allow_empty=False, required=False
    )


class WebhookAttemptSerializer(ProcuraModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = [
            "number",
            "attempted_at",
            "status_code",
            "error",
            "response_excerpt",
            "duration_ms",
        ]
        read_only_fields = fields


class WebhookDeliverySerializer(ProcuraModelSerializer):
    endpoint_url = serializers.CharField(source="endpoint.url", read_only=True)
    log = WebhookAttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "endpoint_url",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_error",
            "delivered_at",
            "redelivery_of",
            "created_at",
            "payload",
            "log",
        ]
        read_only_fields = fields


class WebhookEventTypeSerializer(ProcuraSerializer):
    type = serializers.CharField()
    description = serializers.CharField()
    version = serializers.IntegerField()


# --- payload (documentation of what a receiver gets) ------------------------------------------


class WebhookPayloadDataSerializer(ProcuraSerializer):
    object_type = serializers.CharField(help_text="app.model, e.g. procurement.purchaseorder")
    object_id = serializers.CharField()
    object_repr = serializers.CharField(help_text="Its number or name, e.g. PO-2026-000042.")
    changes = serializers.DictField(help_text="field -> {before, after}")
    details = serializers.DictField(help_text="Facts of the event (amounts, numbers...).")


class WebhookPayloadSerializer(ProcuraSerializer):
    id = serializers.UUIDField(help_text="The event id: the same on every redelivery.")
    type = serializers.ChoiceField(choices=EVENT_CHOICES)
    version = serializers.IntegerField(help_text=f"Payload version, now {PAYLOAD_VERSION}.")
    occurred_at = serializers.DateTimeField()
    data = WebhookPayloadDataSerializer()  # type: ignore[assignment]
