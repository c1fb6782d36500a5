"""Credit notes and customer price lists over the API."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.catalog.models import Product
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.etag import check_if_match
from procura.core.money import CURRENCY_CHOICES
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.partners.models import Customer, CustomerKind
from procura.sales.customer_prices import customer_price
from procura.sales.documents import PDF, render_credit_note_pdf
from procura.sales.models import (
    CreditNote,
    CreditNoteLine,
    CreditReason,
    CustomerInvoice,
    CustomerInvoiceLine,
    PriceList,
    PriceListItem,
)
from procura.sales.services.credit_notes import credit_note_issue
from procura.sales.services.price_lists import price_list_create, price_list_update

# --- credit notes --------------------------------------------------------------------------------


class CreditNoteLineSerializer(ProcuraModelSerializer):
    class Meta:
        model = CreditNoteLine
        fields = [
            "id",
            "invoice_line",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "tax_rate",
            "net_amount",
            "tax_amount",
        ]
        read_only_fields = fields


class CreditNoteSerializer(ProcuraModelSerializer):
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    lines = CreditNoteLineSerializer(many=True, read_only=True)

    class Meta:
        model = CreditNote
        fields = [
            "id",
            "number",
            "invoice",
            "invoice_number",
            "customer",
            "customer_name",
            "currency",
            "issue_date",
            "reason",
            "reason_text",
            "subtotal",
            "tax_total",
            "total",
            "exchange_rate",
            "exchange_rate_date",
            "lines",
            "created_at",
        ]
        read_only_fields = fields


class CreditLineInputSerializer(ProcuraSerializer):
    invoice_line = StrictPrimaryKeyRelatedField(queryset=CustomerInvoiceLine.objects.all())
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3, min_value=Decimal("0.001"))
    unit_price = serializers.DecimalField(
        max_digits=18,
        decimal_places=4,
        min_value=Decimal("0.0001"),
        required=False,
        allow_null=True,
        help_text="Credited per unit (a price correction); default the invoice price.",
    )


class CreditNoteCreateSerializer(ProcuraSerializer):
    invoice = StrictPrimaryKeyRelatedField(queryset=CustomerInvoice.objects.all())
    reason = serializers.ChoiceField(choices=CreditReason.choices)
    reason_text = serializers.CharField(required=False, allow_blank=True, default="")
    lines = CreditLineInputSerializer(
        many=True, required=False, help_text="Omit to credit everything not yet credited."
    )
    issue_date = serializers.DateField(required=False, allow_null=True)


class CreditNoteViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Credit notes against issued invoices: finance issues them; they reduce the invoice's
    balance and the customer's aging, and go to the billing contact with their PDF."""

    serializer_class = CreditNoteSerializer
    permission_resource = "credit_note"
    filterset_fields = ["customer", "invoice", "reason"]
    search_fields = ["number", "invoice__number", "customer__name"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[CreditNote]:
        return CreditNote.objects.select_related("invoice", "customer").prefetch_related("lines")

    @extend_schema(request=CreditNoteCreateSerializer, responses={201: CreditNoteSerializer})
    def create(self, request: Request) -> Response:
        data = dict(validated(CreditNoteCreateSerializer, request.data))
        note = credit_note_issue(by=self.actor, **data)
        return self.render_detail(note, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")})
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str) -> HttpResponse:
        note = self.get_object()
        response = HttpResponse(render_credit_note_pdf(note), content_type=PDF)
        response["Content-Disposition"] = f'inline; filename="{note.number}.pdf"'
        return response


# --- price lists ---------------------------------------------------------------------------------


class PriceListItemSerializer(ProcuraModelSerializer):
    product_sku = serializers.CharField(source="product.sku", read_only=True)

    class Meta:
        model = PriceListItem
        fields = ["id", "product", "product_sku", "min_quantity", "unit_price"]
        read_only_fields = ["id", "product_sku"]


class PriceListSerializer(ProcuraModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True, default="")
    items = PriceListItemSerializer(many=True, read_only=True)

    class Meta:
        model = PriceList
        fields = [
            "id",
            "name",
            "customer",
            "customer_name",
            "customer_kind",
            "currency",
            "valid_from",
            "valid_to",
            "is_active",
            "items",
        ]
        read_only_fields = fields


class PriceListItemInputSerializer(ProcuraSerializer):
    product = StrictPrimaryKeyRelatedField(queryset=Product.objects.all())
    min_quantity = serializers.DecimalField(
        max_digits=16, decimal_places=3, min_value=Decimal(0), default=Decimal(0)
    )
    unit_price = serializers.DecimalField(
        max_digits=18, decimal_places=4, min_value=Decimal("0.0001")
    )


class PriceListCreateSerializer(ProcuraSerializer):
    name = serializers.CharField(max_length=120)
    customer = StrictPrimaryKeyRelatedField(
        queryset=Customer.objects.all(), required=False, allow_null=True
    )
    customer_kind = serializers.ChoiceField(
        choices=CustomerKind.choices, required=False, allow_blank=True, default=""
    )
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False, default=True)
    items = PriceListItemInputSerializer(
        many=True,
        allow_empty=False,
        help_text="On a change: every price, replacing the ones saved.",
    )


class PriceQuoteSerializer(ProcuraSerializer):
    unit_price = serializers.DecimalField(max_digits=18, decimal_places=4)
    price_source = serializers.CharField()


class PriceListViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Customer and customer-group price lists with validity dates and quantity breaks."""

    serializer_class = PriceListSerializer
    permission_resource = "price_list"
    filterset_fields = ["customer", "customer_kind", "currency", "is_active"]
    search_fields = ["name", "customer__name"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[PriceList]:
        return PriceList.objects.select_related("customer").prefetch_related(
            Prefetch(
                "items",
                PriceListItem.objects.select_related("product").order_by(
                    "product__sku", "min_quantity"
                ),
            )
        )

    @extend_schema(request=PriceListCreateSerializer, responses={201: PriceListSerializer})
    def create(self, request: Request) -> Response:
        data = dict(validated(PriceListCreateSerializer, request.data))
        price_list = price_list_create(by=self.actor, **data)
        return self.render_detail(price_list, status=status.HTTP_201_CREATED)

    @extend_schema(request=PriceListCreateSerializer, responses=PriceListSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a price list: any header field, and with ``items`` every price and quantity
        break (send If-Match with the ETag you read: 412 when it changed since). Orders and
        quotes keep the prices they took."""
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        data = dict(validated(PriceListCreateSerializer, request.data, partial=True))
        price_list = price_list_update(price_list=instance, by=self.actor, **data)
        return self.render_detail(price_list)

    @extend_schema(
        parameters=[
            OpenApiParameter("customer", int, required=True),
            OpenApiParameter("product", str, required=True),
            OpenApiParameter("quantity", str),
        ],
        responses=PriceQuoteSerializer,
    )
    @action(detail=False, methods=["get"])
    def price(self, request: Request) -> Response:
        """The price a customer gets for a product and quantity today, and where it comes from."""
        query = PriceLookupSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        customer = query.validated_data["customer"]
        result = customer_price(
            customer=customer,
            product=query.validated_data["product"],
            quantity=query.validated_data["quantity"],
            currency=customer.currency,
            on=timezone.localdate(),
        )
        body = {"unit_price": result.unit_price, "price_source": result.source}
        return Response(PriceQuoteSerializer(body).data)


class PriceLookupSerializer(ProcuraSerializer):
    customer = StrictPrimaryKeyRelatedField(queryset=Customer.objects.all())
    product = StrictPrimaryKeyRelatedField(queryset=Product.objects.all())
    quantity = serializers.DecimalField(
        max_digits=16, decimal_places=3, min_value=Decimal("0.001"), default=Decimal(1)
    )
