from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from procura.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint


def webhook_endpoint_list() -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.order_by("id")


def webhook_delivery_list() -> QuerySet[WebhookDelivery]:
    return (
        WebhookDelivery.objects.select_related("endpoint")
        .prefetch_related(Prefetch("log", queryset=WebhookAttempt.objects.order_by("number")))
        .order_by("-created_at", "id")
    )
