from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from procura.webhooks.api.views import (
    WebhookDeliveryViewSet,
    WebhookEndpointViewSet,
    WebhookEventTypesApi,
)

router = SimpleRouter()
router.register("webhook-endpoints", WebhookEndpointViewSet, basename="webhook-endpoint")
router.register("webhook-deliveries", WebhookDeliveryViewSet, basename="webhook-delivery")

urlpatterns: list[URLPattern | URLResolver] = [
    path("webhook-events/", WebhookEventTypesApi.as_view(), name="webhook-events"),
    *router.urls,
]
