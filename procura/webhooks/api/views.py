"""Webhook endpoints, their deliveries and the event catalogue: administrators only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiCallback,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.roles import Role
from procura.core.permissions import RolePermission
from procura.webhooks import selectors, services
from procura.webhooks.api import serializers as s
from procura.webhooks.events import EVENT_TYPES, PAYLOAD_VERSION
from procura.webhooks.models import WebhookDelivery, WebhookEndpoint
from procura.webhooks.signing import SIGNATURE_HEADER

ADMINS = (Role.ADMIN.value,)

CALLBACK_DESCRIPTION = (
    "POSTed to the endpoint's URL for each subscribed event. Headers: Procura-Event (type), "
    "Procura-Event-Id (same on every redelivery), Procura-Delivery (this delivery), "
    f"{SIGNATURE_HEADER}: `t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<raw body>' under the "
    "endpoint secret>`; refuse a timestamp older than 5 minutes. Answer 2xx within 10 seconds; "
    "anything else is retried with exponential backoff, and the endpoint is disabled after "
    "repeated failures."
)
CALLBACKS = [
    OpenApiCallback(
        name=event_type,
        path="{$request.body#/url}",
        decorator=extend_schema(
            summary=description,
            description=CALLBACK_DESCRIPTION,
            request=s.WebhookPayloadSerializer,
            responses={200: OpenApiResponse(description="Received (any 2xx).")},
        ),
    )
    for event_type, description in sorted(EVENT_TYPES.items())
]


def _validated(serializer_class: Any, data: Any) -> Any:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class WebhookDeliveryFilter(filters.FilterSet):
    endpoint = filters.NumberFilter(field_name="endpoint_id")

    class Meta:
        model = WebhookDelivery
        fields = ["endpoint", "status", "event_type"]


class WebhookEndpointViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Where events are sent. The signing secret is shown on creation and on rotation."""

    permission_classes = [RolePermission]
    read_roles = ADMINS
    write_roles = ADMINS
    serializer_class = s.WebhookEndpointSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        return selectors.webhook_endpoint_list()

    @extend_schema(
        request=s.WebhookEndpointWriteSerializer,
        responses={201: s.WebhookEndpointSecretSerializer},
        callbacks=CALLBACKS,
    )
    def create(self, request: Request) -> Response:
        data = _validated(s.WebhookEndpointWriteSerializer, request.data)
        endpoint = services.webhook_endpoint_create(
            url=data["url"],
            events_=data["events"],
            description=data.get("description", ""),
            by=request.user,
        )
        return Response(s.WebhookEndpointSecretSerializer(endpoint).data, status=201)

    @extend_schema(request=s.WebhookEndpointPatchSerializer, responses=s.WebhookEndpointSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = _validated(s.WebhookEndpointPatchSerializer, request.data)
        endpoint = services.webhook_endpoint_update(
            endpoint=self.get_object(), by=request.user, **data
        )
        return Response(s.WebhookEndpointSerializer(endpoint).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        services.webhook_endpoint_delete(endpoint=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=s.WebhookEndpointSerializer)
    @action(detail=True, methods=["post"])
    def enable(self, request: Request, pk: str | None = None) -> Response:
        endpoint = services.webhook_endpoint_set_active(
            endpoint=self.get_object(), active=True, by=request.user
        )
        return Response(s.WebhookEndpointSerializer(endpoint).data)

    @extend_schema(request=None, responses=s.WebhookEndpointSerializer)
    @action(detail=True, methods=["post"])
    def disable(self, request: Request, pk: str | None = None) -> Response:
        endpoint = services.webhook_endpoint_set_active(
            endpoint=self.get_object(), active=False, by=request.user
        )
        return Response(s.WebhookEndpointSerializer(endpoint).data)

    @extend_schema(request=None, responses=s.WebhookEndpointSecretSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request: Request, pk: str | None = None) -> Response:
        endpoint = services.webhook_endpoint_rotate_secret(
            endpoint=self.get_object(), by=request.user
        )
        return Response(s.WebhookEndpointSecretSerializer(endpoint).data)

    @extend_schema(request=None, responses={202: s.WebhookDeliverySerializer})
    @action(detail=True, methods=["post"])
    def ping(self, request: Request, pk: str | None = None) -> Response:
        """Send a ``ping`` event now, to check the receiver."""
        delivery = services.webhook_ping(endpoint=self.get_object(), by=request.user)
        fresh = selectors.webhook_delivery_list().get(pk=delivery.pk)
        return Response(s.WebhookDeliverySerializer(fresh).data, status=202)


@extend_schema(
    parameters=[
        OpenApiParameter("endpoint", OpenApiTypes.INT, description="Only this endpoint."),
        OpenApiParameter("status", OpenApiTypes.STR, description="pending, retrying, ..."),
        OpenApiParameter("event_type", OpenApiTypes.STR),
    ]
)
class WebhookDeliveryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The delivery log: every event sent, its attempts and the receiver's answers."""

    permission_classes = [RolePermission]
    read_roles = ADMINS
    write_roles = ADMINS
    serializer_class = s.WebhookDeliverySerializer
    filterset_class = WebhookDeliveryFilter

    def get_queryset(self) -> QuerySet[WebhookDelivery]:
        return selectors.webhook_delivery_list()

    @extend_schema(request=None, responses={202: s.WebhookDeliverySerializer})
    @action(detail=True, methods=["post"])
    def redeliver(self, request: Request, pk: str | None = None) -> Response:
        """Send this delivery's event again (same event id, new delivery)."""
        again = services.webhook_delivery_redeliver(delivery=self.get_object(), by=request.user)
        fresh = selectors.webhook_delivery_list().get(pk=again.pk)
        return Response(s.WebhookDeliverySerializer(fresh).data, status=202)


class WebhookEventTypesApi(APIView):
    """The events an endpoint can subscribe to."""

    permission_classes = [RolePermission]
    read_roles = ADMINS

    @extend_schema(responses=s.WebhookEventTypeSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = [
            {"type": name, "description": text, "version": PAYLOAD_VERSION}
            for name, text in sorted(EVENT_TYPES.items())
        ]
        return Response(s.WebhookEventTypeSerializer(rows, many=True).data)
