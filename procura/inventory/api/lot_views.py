"""Lots API: lots and their stock, the expiring list, a lot's trace, and reading case labels."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.core.api.viewsets import ProcuraViewSet
from procura.inventory import selectors
from procura.inventory.api import lot_serializers as s
from procura.inventory.models import Lot, LotStock
from procura.inventory.scanning import case_label_read

DEFAULT_EXPIRY_WINDOW_DAYS = 14
MAX_EXPIRY_WINDOW_DAYS = 3650


class LotViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Lots: code, product, plant (USDA establishment), dates and what is on hand."""

    serializer_class = s.LotSerializer
    permission_resource = "lot"
    filterset_fields = ["product", "plant", "supplier"]
    search_fields = ["code", "product__sku", "product__name", "plant__establishment_number"]
    ordering_fields = ["use_by", "code", "created_at"]

    def get_queryset(self) -> QuerySet[Lot]:
        return selectors.lot_list()

    @extend_schema(responses=s.LotTraceSerializer)
    @action(detail=True, methods=["get"])
    def trace(self, request: Request, pk: str) -> Response:
        """Every movement of the lot: receipts in, shipments and returns out."""
        trace = selectors.lot_trace(lot=self.get_object())
        return Response(s.LotTraceSerializer(trace).data)


class ExpiringLotsApi(ListAPIView):
    """Lot stock on hand whose use-by is within ``within_days`` (default 14), expired included."""

    serializer_class = s.LotStockSerializer
    permission_resource = "lot"
    filterset_fields = ["location"]
    extra_query_params = ("within_days",)
    search_fields = ["lot__code", "lot__product__sku"]

    @extend_schema(parameters=[OpenApiParameter("within_days", int, description="Default 14.")])
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[LotStock]:
        raw = self.request.query_params.get("within_days", "")
        if raw and not (raw.isascii() and raw.isdigit() and int(raw) <= MAX_EXPIRY_WINDOW_DAYS):
            raise ValidationError(
                {
                    "within_days": [
                        f"Give a whole number of days from 0 to {MAX_EXPIRY_WINDOW_DAYS}."
                    ]
                }
            )
        days = int(raw) if raw else DEFAULT_EXPIRY_WINDOW_DAYS
        return selectors.lots_expiring(within_days=days)


class CaseLabelReadApi(APIView):
    """Read a scanned GS1-128 case label: the product by GTIN, the lot, the dates and the net
    weight, checked (known GTIN, weight within tolerance, lot not expired; when shipping, a lot
    we hold). 400 with the reason on ``code`` otherwise. Reads only."""

    permission_resource = "lot"
    permission_actions = {"post": "read_case_label"}

    @extend_schema(request=s.CaseLabelInputSerializer, responses=s.ScannedCaseSerializer)
    def post(self, request: Request) -> Response:
        serializer = s.CaseLabelInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = case_label_read(data["code"], shipping=data["purpose"] == "ship")
        label = case.label
        body = {
            "gtin": label.gtin,
            "product": case.product.pk,
            "product_sku": case.product.sku,
            "product_name": case.product.name,
            "lot": case.lot.pk if case.lot else None,
            "lot_code": label.lot_code.strip().upper(),
            "production_date": label.production_date,
            "pack_date": label.pack_date,
            "use_by": case.lot.use_by if case.lot and case.lot.use_by else label.use_by,
            "net_weight": case.net_weight,
            "weight_unit": case.weight_unit,
            "serial": label.serial,
        }
        return Response(s.ScannedCaseSerializer(body).data)
