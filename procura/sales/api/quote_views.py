"""Quotes to customers: /sales-quotes/ (+ send, accept, decline, pdf, history)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.etag import check_if_match
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.inventory.models import Location
from procura.partners.models import Customer
from procura.sales.api.serializers import SalesOrderLineInputSerializer
from procura.sales.documents import PDF, render_quote_pdf
from procura.sales.models import SalesQuote, SalesQuoteLine
from procura.sales.services import quotes as quote_services


class SalesQuoteLineSerializer(ProcuraModelSerializer):
    product_sku = serializers.CharField(source="product.sku", read_only=True)

    class Meta:
        model = SalesQuoteLine
        fields = [
            "id",
            "line_no",
            "product",
            "product_sku",
            "description",
            "quantity",
            "unit",
            "price_unit",
            "unit_price",
            "price_source",
            "discount_percent",
            "tax_rate",
            "net_amount",
            "tax_amount",
        ]
        read_only_fields = fields


QUOTE_LIST_FIELDS = [
    "id",
    "number",
    "customer",
    "customer_name",
    "status",
    "quote_date",
    "valid_until",
    "currency",
    "total",
    "sales_order",
    "sales_order_number",
]


class SalesQuoteListSerializer(ProcuraModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    sales_order_number = serializers.CharField(
        source="sales_order.number", read_only=True, default=""
    )

    class Meta:
        model = SalesQuote
        fields = QUOTE_LIST_FIELDS
        read_only_fields = fields


class SalesQuoteSerializer(SalesQuoteListSerializer):
    location_code = serializers.CharField(source="location.code", read_only=True)
    lines = SalesQuoteLineSerializer(many=True, read_only=True)

    class Meta:
        model = SalesQuote
        fields = [
            *QUOTE_LIST_FIELDS,
            "location",
            "location_code",
            "customer_reference",
            "notes",
            "subtotal",
            "tax_total",
            "sent_at",
            "sent_to",
            "decided_at",
            "decline_reason",
            "lines",
            "created_at",
        ]
        read_only_fields = fields


class SalesQuoteLineInputSerializer(SalesOrderLineInputSerializer):
    lot = None  # type: ignore[assignment]


class SalesQuoteCreateSerializer(ProcuraSerializer):
    customer = StrictPrimaryKeyRelatedField(queryset=Customer.objects.all())
    location = StrictPrimaryKeyRelatedField(
        queryset=Location.objects.all(), help_text="Where the order would ship from."
    )
    valid_until = serializers.DateField(
        required=False, allow_null=True, help_text="Default: 30 days from today."
    )
    customer_reference = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    lines = SalesQuoteLineInputSerializer(many=True, allow_empty=False)


class SalesQuoteUpdateSerializer(ProcuraSerializer):
    location = StrictPrimaryKeyRelatedField(queryset=Location.objects.all(), required=False)
    valid_until = serializers.DateField(required=False)
    customer_reference = serializers.CharField(max_length=64, required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    lines = SalesQuoteLineInputSerializer(
        many=True, required=False, allow_empty=False, help_text="Every line, priced again."
    )


class QuoteAcceptSerializer(ProcuraSerializer):
    customer_reference = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="The customer's PO number for the order, if they gave one on accepting.",
    )


class QuoteDeclineSerializer(ProcuraSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SalesQuoteViewSet(HistoryMixin, mixins.ListModelMixin, ProcuraViewSet):
    """Quotes to customers: prices from the customer's price list (snapshotted with their
    source), sent as PDF by e-mail, accepted into a sales order at the quoted prices, declined,
    or expired after their validity date."""

    permission_resource = "sales_quote"
    filterset_fields = ["status", "customer", "currency"]
    search_fields = ["number", "customer__name", "customer__code", "customer_reference"]
    ordering_fields = ["created_at", "number", "quote_date", "valid_until", "total", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[SalesQuote]:
        queryset = SalesQuote.objects.select_related("customer", "sales_order")
        if self.action == "list":
            return queryset
        return queryset.select_related("location").prefetch_related("lines__product")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return SalesQuoteListSerializer if self.action == "list" else SalesQuoteSerializer

    @extend_schema(request=SalesQuoteCreateSerializer, responses={201: SalesQuoteSerializer})
    def create(self, request: Request) -> Response:
        """Make a draft quote; each line takes the customer's price now, with its source."""
        data = dict(validated(SalesQuoteCreateSerializer, request.data))
        quote = quote_services.sales_quote_create(by=self.actor, **data)
        return self.render_detail(quote, status=status.HTTP_201_CREATED)

    @extend_schema(request=SalesQuoteUpdateSerializer, responses=SalesQuoteSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a draft (send If-Match with the ETag you read: 412 when it changed since)."""
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        data = dict(validated(SalesQuoteUpdateSerializer, request.data))
        quote = quote_services.sales_quote_update(quote=instance, by=self.actor, **data)
        return self.render_detail(quote)

    @extend_schema(request=None, responses=SalesQuoteSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str) -> Response:
        """E-mail the quote's PDF to the customer's primary contact."""
        quote = quote_services.sales_quote_send(quote=self.get_object(), by=self.actor)
        return self.render_detail(quote)

    @extend_schema(request=QuoteAcceptSerializer, responses=SalesQuoteSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        """The customer accepted: a draft sales order at the quoted prices (see sales_order)."""
        data = dict(validated(QuoteAcceptSerializer, request.data))
        quote = quote_services.sales_quote_accept(quote=self.get_object(), by=self.actor, **data)
        return self.render_detail(quote)

    @extend_schema(request=QuoteDeclineSerializer, responses=SalesQuoteSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str) -> Response:
        data = dict(validated(QuoteDeclineSerializer, request.data))
        quote = quote_services.sales_quote_decline(quote=self.get_object(), by=self.actor, **data)
        return self.render_detail(quote)

    @extend_schema(responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")})
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str) -> HttpResponse:
        quote = self.get_object()
        response = HttpResponse(render_quote_pdf(quote), content_type=PDF)
        response["Content-Disposition"] = f'inline; filename="{quote.number}.pdf"'
        return response
