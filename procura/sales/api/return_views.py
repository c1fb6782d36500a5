"""Customer returns (RMA) over the API: /customer-returns/ (authorise), {id}/receive/,
{id}/credit/, {id}/close/, {id}/cancel/."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.inventory.models import Location, Lot
from procura.sales.models import (
    CustomerInvoice,
    CustomerInvoiceLine,
    CustomerReturn,
    CustomerReturnLine,
    ReturnReason,
    SalesOrder,
)
from procura.sales.services import returns as return_services


class CustomerReturnLineSerializer(ProcuraModelSerializer):
    product_sku = serializers.CharField(source="product.sku", read_only=True)
    lot_code = serializers.CharField(source="lot.code", read_only=True, default="")
    catch_weight = serializers.BooleanField(source="product.catch_weight", read_only=True)
    weight_unit = serializers.CharField(source="product.weight_unit", read_only=True)
    order_line_no = serializers.IntegerField(source="order_line.line_no", read_only=True)
    description = serializers.CharField(source="invoice_line.description", read_only=True)

    class Meta:
        model = CustomerReturnLine
        fields = [
            "id",
            "line_no",
            "invoice_line",
            "order_line",
            "order_line_no",
            "product",
            "product_sku",
            "description",
            "lot",
            "lot_code",
            "quantity",
            "unit",
            "weight",
            "catch_weight",
            "weight_unit",
            "quantity_restocked",
            "weight_restocked",
            "quantity_written_off",
            "weight_written_off",
        ]
        read_only_fields = fields


class CustomerReturnSerializer(ProcuraModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    order_number = serializers.CharField(source="order.number", read_only=True)
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)
    location_code = serializers.CharField(source="location.code", read_only=True)
    credit_note_number = serializers.CharField(
        source="credit_note.number", read_only=True, default=""
    )
    lines = CustomerReturnLineSerializer(many=True, read_only=True)

    class Meta:
        model = CustomerReturn
        fields = [
            "id",
            "number",
            "status",
            "customer",
            "customer_name",
            "order",
            "order_number",
            "invoice",
            "invoice_number",
            "location",
            "location_code",
            "reason",
            "reason_text",
            "authorised_on",
            "received_on",
            "credit_note",
            "credit_note_number",
            "lines",
            "created_at",
        ]
        read_only_fields = fields


class CustomerReturnLineInputSerializer(ProcuraSerializer):
    invoice_line = StrictPrimaryKeyRelatedField(queryset=CustomerInvoiceLine.objects.all())
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3, min_value=Decimal("0.001"))
    lot = StrictPrimaryKeyRelatedField(
        queryset=Lot.objects.all(),
        required=False,
        allow_null=True,
        help_text="The lot coming back; may be left out when the line shipped from one lot.",
    )
    weight = serializers.DecimalField(
        max_digits=16,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
        allow_null=True,
        help_text="Expected net weight (catch weight).",
    )


class CustomerReturnCreateSerializer(ProcuraSerializer):
    invoice = StrictPrimaryKeyRelatedField(
        queryset=CustomerInvoice.objects.all(),
        required=False,
        allow_null=True,
        help_text="The invoice credited; or give the order when it has one invoice.",
    )
    order = StrictPrimaryKeyRelatedField(
        queryset=SalesOrder.objects.all(), required=False, allow_null=True
    )
    reason = serializers.ChoiceField(choices=ReturnReason.choices)
    reason_text = serializers.CharField(required=False, allow_blank=True, default="")
    location = StrictPrimaryKeyRelatedField(
        queryset=Location.objects.all(),
        required=False,
        allow_null=True,
        help_text="Where the goods come back to; default the order's location.",
    )
    lines = CustomerReturnLineInputSerializer(many=True, allow_empty=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        invoice = attrs.get("invoice")
        order = attrs.pop("order", None)
        if invoice is None and order is None:
            raise serializers.ValidationError({"invoice": ["Give the invoice or the order."]})
        if invoice is None:
            invoices = list(order.invoices.filter(kind="invoice").order_by("pk")[:2])
            if not invoices:
                raise serializers.ValidationError(
                    {"order": [f"Order {order.number} is not invoiced yet."]}
                )
            if len(invoices) > 1:
                raise serializers.ValidationError(
                    {"invoice": [f"Order {order.number} has several invoices; choose one."]}
                )
            attrs["invoice"] = invoices[0]
        elif order is not None and invoice.order_id != order.pk:
            raise serializers.ValidationError(
                {"invoice": [f"Invoice {invoice.number} is not an invoice of {order.number}."]}
            )
        return attrs


class CustomerReturnReceiveLineSerializer(ProcuraSerializer):
    line = StrictPrimaryKeyRelatedField(queryset=CustomerReturnLine.objects.all())
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3, min_value=Decimal(0))
    weight = serializers.DecimalField(
        max_digits=16,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
        allow_null=True,
        help_text="Actual net weight of these cases (catch weight: required).",
    )
    disposition = serializers.ChoiceField(
        choices=[("restock", "Back into stock"), ("write_off", "Write off")],
        default="restock",
    )


class CustomerReturnReceiveSerializer(ProcuraSerializer):
    lines = CustomerReturnReceiveLineSerializer(many=True, allow_empty=False)
    received_on = serializers.DateField(required=False, allow_null=True)


class CustomerReturnCreditSerializer(ProcuraSerializer):
    issue_date = serializers.DateField(required=False, allow_null=True)


class CustomerReturnReasonSerializer(ProcuraSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CustomerReturnViewSet(HistoryMixin, mixins.ListModelMixin, ProcuraViewSet):
    """Customer returns: sales authorises them against an invoice, the warehouse receives the
    goods by lot into stock or writes them off, finance credits what came back."""

    serializer_class = CustomerReturnSerializer
    permission_resource = "customer_return"
    filterset_fields = ["status", "customer", "invoice", "order", "reason"]
    search_fields = ["number", "invoice__number", "order__number", "customer__name"]
    ordering_fields = ["authorised_on", "number", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[CustomerReturn]:
        return (
            CustomerReturn.objects.select_related(
                "customer", "order", "invoice", "location", "credit_note"
            )
            .prefetch_related(
                Prefetch(
                    "lines",
                    CustomerReturnLine.objects.select_related(
                        "product", "lot", "order_line", "invoice_line"
                    ),
                )
            )
            .order_by("-authorised_on", "-id")
        )

    @extend_schema(
        request=CustomerReturnCreateSerializer, responses={201: CustomerReturnSerializer}
    )
    def create(self, request: Request) -> Response:
        """Authorise a return of shipped goods against an invoice (or an order's invoice)."""
        data = dict(validated(CustomerReturnCreateSerializer, request.data))
        created = return_services.customer_return_authorise(by=self.actor, **data)
        return self.render_detail(created, status=status.HTTP_201_CREATED)

    @extend_schema(request=CustomerReturnReceiveSerializer, responses=CustomerReturnSerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request: Request, pk: str) -> Response:
        """Record what came back, line by line: into stock by lot or written off."""
        data = validated(CustomerReturnReceiveSerializer, request.data)
        received = return_services.customer_return_receive(
            customer_return=self.get_object(),
            lines=data["lines"],
            received_on=data.get("received_on"),
            by=self.actor,
        )
        return self.render_detail(received)

    @extend_schema(request=CustomerReturnCreditSerializer, responses=CustomerReturnSerializer)
    @action(detail=True, methods=["post"])
    def credit(self, request: Request, pk: str) -> Response:
        """Credit the invoice for what came back (a credit note, e-mailed with its PDF)."""
        data = validated(CustomerReturnCreditSerializer, request.data)
        credited = return_services.customer_return_credit(
            customer_return=self.get_object(), by=self.actor, issue_date=data.get("issue_date")
        )
        return self.render_detail(credited)

    @extend_schema(request=CustomerReturnReasonSerializer, responses=CustomerReturnSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        """Close a received return without a credit (say why)."""
        data = validated(CustomerReturnReasonSerializer, request.data)
        closed = return_services.customer_return_close(
            customer_return=self.get_object(), by=self.actor, reason=data["reason"]
        )
        return self.render_detail(closed)

    @extend_schema(request=CustomerReturnReasonSerializer, responses=CustomerReturnSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        """Cancel an authorised return nothing came back on."""
        data = validated(CustomerReturnReasonSerializer, request.data)
        cancelled = return_services.customer_return_cancel(
            customer_return=self.get_object(), by=self.actor, reason=data["reason"]
        )
        return self.render_detail(cancelled)
