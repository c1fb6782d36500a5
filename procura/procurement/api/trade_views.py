"""Back-to-back orders and landed charges over the API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.money import CURRENCY_CHOICES
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.inventory.models import Location
from procura.partners.models import Carrier, Plant, Supplier
from procura.procurement.models import (
    AllocationBasis,
    BackToBackLink,
    BackToBackMode,
    ChargeKind,
    GoodsReceipt,
    LandedCharge,
    LandedChargeAllocation,
)
from procura.procurement.selectors.trade import (
    back_to_back_list,
    deal_figures,
    landed_charge_list,
)
from procura.procurement.services.back_to_back import back_to_back_order_create
from procura.procurement.services.landed_cost import landed_charge_allocate
from procura.sales.models import SalesOrderLine


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=2, **kwargs)


class BackToBackSerializer(ProcuraModelSerializer):
    purchase_order = serializers.IntegerField(source="purchase_line.order_id", read_only=True)
    purchase_order_number = serializers.CharField(
        source="purchase_line.order.number", read_only=True
    )
    supplier_name = serializers.CharField(
        source="purchase_line.order.supplier.name", read_only=True
    )
    ship_to = serializers.IntegerField(
        source="purchase_line.order.ship_to_id",
        read_only=True,
        help_text="Where the purchase order is received: the customer's order location for a "
        "drop-ship, the cold store for a cross-dock.",
    )
    ship_to_code = serializers.CharField(source="purchase_line.order.ship_to.code", read_only=True)
    sales_order = serializers.IntegerField(source="sales_line.order_id", read_only=True)
    sales_order_number = serializers.CharField(source="sales_line.order.number", read_only=True)
    customer_name = serializers.CharField(source="sales_line.order.customer.name", read_only=True)
    product_sku = serializers.CharField(source="purchase_line.product.sku", read_only=True)
    plant_establishment = serializers.CharField(source="plant.establishment_number", read_only=True)
    carrier_name = serializers.CharField(source="carrier.name", read_only=True, default="")
    figures = serializers.SerializerMethodField()

    class Meta:
        model = BackToBackLink
        fields = [
            "id",
            "mode",
            "purchase_line",
            "purchase_order",
            "purchase_order_number",
            "supplier_name",
            "ship_to",
            "ship_to_code",
            "sales_line",
            "sales_order",
            "sales_order_number",
            "customer_name",
            "product_sku",
            "plant",
            "plant_establishment",
            "carrier",
            "carrier_name",
            "freight_cost",
            "approval_exception",
            "figures",
            "created_at",
        ]
        read_only_fields = fields

    def get_figures(self, link: BackToBackLink) -> dict[str, str]:
        return {key: str(value) for key, value in deal_figures(link).items()}


class BackToBackCreateSerializer(ProcuraSerializer):
    sales_line = StrictPrimaryKeyRelatedField(queryset=SalesOrderLine.objects.all())
    supplier = StrictPrimaryKeyRelatedField(queryset=Supplier.objects.all())
    plant = StrictPrimaryKeyRelatedField(queryset=Plant.objects.all())
    unit_price = serializers.DecimalField(
        max_digits=18, decimal_places=4, min_value=Decimal("0.0001")
    )
    mode = serializers.ChoiceField(choices=BackToBackMode.choices, default=BackToBackMode.DROP_SHIP)
    carrier = StrictPrimaryKeyRelatedField(
        queryset=Carrier.objects.all(), required=False, allow_null=True
    )
    freight_cost = _money(min_value=Decimal(0), required=False, default=Decimal(0))
    cross_dock_location = StrictPrimaryKeyRelatedField(
        queryset=Location.objects.all(), required=False, allow_null=True
    )
    exception_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Admin only: why a plant the customer has not approved is used.",
    )


class BackToBackViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Purchase orders bought for one sales order line, with the deal's margin."""

    serializer_class = BackToBackSerializer
    permission_resource = "back_to_back"
    filterset_fields = {"mode": ["exact"], "plant": ["exact"], "sales_line__order": ["exact"]}
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[BackToBackLink]:
        return back_to_back_list()

    @extend_schema(request=BackToBackCreateSerializer, responses={201: BackToBackSerializer})
    def create(self, request: Request) -> Response:
        """Create the draft purchase order for a sales line (drop-ship or cross-dock); 409 when
        the supplier does not sell from the plant or the customer has not approved it."""
        data = dict(validated(BackToBackCreateSerializer, request.data))
        link = back_to_back_order_create(by=self.actor, **data)
        return self.render_detail(link, status=status.HTTP_201_CREATED)


class AllocationSerializer(ProcuraModelSerializer):
    line_no = serializers.IntegerField(source="receipt_line.order_line.line_no", read_only=True)

    class Meta:
        model = LandedChargeAllocation
        fields = ["receipt_line", "line_no", "amount", "capitalised", "expensed"]
        read_only_fields = fields


class LandedChargeSerializer(ProcuraModelSerializer):
    receipt_number = serializers.CharField(source="receipt.number", read_only=True)
    allocations = AllocationSerializer(many=True, read_only=True)

    class Meta:
        model = LandedCharge
        fields = [
            "id",
            "receipt",
            "receipt_number",
            "kind",
            "basis",
            "amount",
            "currency",
            "reference",
            "carrier",
            "allocations",
            "created_at",
        ]
        read_only_fields = fields


class LandedChargeCreateSerializer(ProcuraSerializer):
    receipt = StrictPrimaryKeyRelatedField(queryset=GoodsReceipt.objects.all())
    kind = serializers.ChoiceField(choices=ChargeKind.choices)
    basis = serializers.ChoiceField(choices=AllocationBasis.choices)
    amount = _money(min_value=Decimal("0.01"))
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    carrier = StrictPrimaryKeyRelatedField(
        queryset=Carrier.objects.all(), required=False, allow_null=True
    )


class LandedChargeViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Freight, cold storage and other charges landed on receipts (the stock's cost rises)."""

    serializer_class = LandedChargeSerializer
    permission_resource = "landed_charge"
    filterset_fields = {"receipt": ["exact"], "kind": ["exact"], "receipt__order": ["exact"]}
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[LandedCharge]:
        return landed_charge_list()

    @extend_schema(request=LandedChargeCreateSerializer, responses={201: LandedChargeSerializer})
    def create(self, request: Request) -> Response:
        """Allocate a charge over a receipt's lines by weight, quantity or value."""
        data = dict(validated(LandedChargeCreateSerializer, request.data))
        charge = landed_charge_allocate(by=self.actor, **data)
        return self.render_detail(charge, status=status.HTTP_201_CREATED)
