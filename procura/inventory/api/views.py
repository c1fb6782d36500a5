"""Inventory API: thin views that validate input, call one service and render the result."""

from __future__ import annotations

from typing import Any

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import FastListMixin, ProcuraViewSet, validated
from procura.core.csv_io import (
    ImportQuerySerializer,
    ImportReportSerializer,
    ImportUploadSerializer,
)
from procura.core.etag import ETagMixin
from procura.core.exports.views import ExportListMixin, ReportExportMixin, report_export_schema
from procura.core.filters import IsoDateTimeFilter
from procura.core.pagination import LedgerPagination
from procura.inventory import selectors, services
from procura.inventory.api import serializers as s
from procura.inventory.models import (
    Location,
    MovementKind,
    ReorderRule,
    StockLevel,
    StockMovement,
)
from procura.inventory.services import SourceRef
from procura.inventory.services.imports import opening_stock_import

# --- locations -------------------------------------------------------------------------------


class LocationViewSet(
    HistoryMixin,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ProcuraViewSet,
):
    """Stock locations. Retired with ``deactivate`` (refused while holding stock), never
    deleted."""

    permission_resource = "location"
    serializer_class = s.LocationSerializer
    filterset_fields = ["kind", "is_active"]
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name", "created_at"]

    def get_queryset(self) -> QuerySet[Location]:
        return selectors.location_list()

    def perform_create(self, serializer: BaseSerializer[Location]) -> None:
        serializer.instance = services.location_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer[Location]) -> None:
        assert serializer.instance is not None  # noqa: S101 - DRF sets it for updates
        serializer.instance = services.location_update(
            location=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=None, responses=s.LocationSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        location = services.location_deactivate(location=self.get_object(), by=request.user)
        return Response(self.get_serializer(location).data)

    @extend_schema(request=None, responses=s.LocationSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str | None = None) -> Response:
        location = services.location_activate(location=self.get_object(), by=request.user)
        return Response(self.get_serializer(location).data)


# --- levels and movements --------------------------------------------------------------------


class StockLevelFilter(django_filters.FilterSet):
    below_reorder = django_filters.BooleanFilter(
        method="filter_below_reorder", label="At or below the reorder point"
    )

    class Meta:
        model = StockLevel
        fields = ["product", "location"]

    def filter_below_reorder(
        self, queryset: QuerySet[StockLevel], name: str, value: bool | None
    ) -> QuerySet[StockLevel]:
        return selectors.filter_below_reorder(queryset, below=value)


class StockLevelViewSet(ExportListMixin, FastListMixin, ProcuraViewSet):
    """On hand, reserved, available, average cost and value per (product, location)."""

    permission_resource = "stock_level"

    serializer_class = s.StockLevelSerializer
    filterset_class = StockLevelFilter
    search_fields = ["product__sku", "product__name"]
    ordering_fields = [
        "on_hand",
        "available_quantity",
        "value",
        "updated_at",
        "product__sku",
        "location__code",
    ]

    def get_queryset(self) -> QuerySet[StockLevel]:
        return selectors.stock_level_list()

    def list_annotations(self) -> dict[str, Any]:
        return {"available": selectors.STOCK_AVAILABLE}


class StockMovementFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=MovementKind.choices)
    occurred_after = IsoDateTimeFilter(field_name="occurred_at", lookup_expr="gte")
    occurred_before = IsoDateTimeFilter(field_name="occurred_at", lookup_expr="lt")
    date_from = django_filters.DateFilter(field_name="occurred_at__date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="occurred_at__date", lookup_expr="lte")

    class Meta:
        model = StockMovement
        fields = ["product", "location", "transfer_group", "source_type", "source_id"]


class StockMovementViewSet(ExportListMixin, FastListMixin, ProcuraViewSet):
    """The stock ledger, newest first. Read-only: corrections are new movements."""

    permission_resource = "stock_movement"
    serializer_class = s.StockMovementSerializer
    filterset_class = StockMovementFilter
    search_fields = ["product__sku", "source_number", "reason"]
    ordering_fields = ["occurred_at", "quantity", "value"]
    pagination_class = LedgerPagination

    def get_queryset(self) -> QuerySet[StockMovement]:
        return selectors.stock_movement_list()

    def list_annotations(self) -> dict[str, Any]:
        return {"actor_email": selectors.MOVEMENT_ACTOR_EMAIL}


# --- stock actions ---------------------------------------------------------------------------


def _movements_response(movements: list[StockMovement], *, created: bool = True) -> Response:
    return Response(
        {"movements": s.StockMovementSerializer(movements, many=True).data},
        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
    )


def _source(data: dict[str, Any]) -> SourceRef:
    return SourceRef(type="manual", number=data.pop("reference", "") or "")


class _StockActionApi(APIView):
    """A stock action: warehouse (and admin) move stock, per the permission matrix."""

    permission_resource = "stock_movement"
    input_serializer: type[s.ProcuraSerializer]

    def validated(self, request: Request) -> dict[str, Any]:
        return dict(validated(self.input_serializer, request.data, context={"request": request}))


class StockReceiptApi(_StockActionApi):
    """Receive stock into a location (a receipt movement at the given unit cost)."""

    input_serializer = s.ReceiptInputSerializer
    permission_actions = {"post": "receive"}

    @extend_schema(request=s.ReceiptInputSerializer, responses={201: s.MovementsOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.validated(request)
        source = _source(data)
        return _movements_response([services.stock_receive(by=request.user, source=source, **data)])


class StockIssueApi(_StockActionApi):
    """Issue stock out of a location (refused when it would take on hand below zero)."""

    input_serializer = s.IssueInputSerializer
    permission_actions = {"post": "issue"}

    @extend_schema(request=s.IssueInputSerializer, responses={201: s.MovementsOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.validated(request)
        source = _source(data)
        return _movements_response([services.stock_issue(by=request.user, source=source, **data)])


class StockTransferApi(_StockActionApi):
    """Move stock between two locations (an issue and a receipt in one transaction)."""

    input_serializer = s.TransferInputSerializer
    permission_actions = {"post": "transfer"}

    @extend_schema(request=s.TransferInputSerializer, responses={201: s.MovementsOutputSerializer})
    def post(self, request: Request) -> Response:
        data = self.validated(request)
        source = _source(data)
        return _movements_response(
            list(services.stock_transfer(by=request.user, source=source, **data))
        )


class StockAdjustmentApi(_StockActionApi):
    """Adjust on hand up or down with a reason (a correction is a new movement)."""

    input_serializer = s.AdjustmentInputSerializer
    permission_actions = {"post": "adjust"}

    @extend_schema(
        request=s.AdjustmentInputSerializer, responses={201: s.MovementsOutputSerializer}
    )
    def post(self, request: Request) -> Response:
        data = self.validated(request)
        source = _source(data)
        return _movements_response(
            [services.stock_adjust_lot(by=request.user, source=source, **data)]
        )


class StockCountApi(_StockActionApi):
    input_serializer = s.CountInputSerializer
    permission_actions = {"post": "count"}

    @extend_schema(
        request=s.CountInputSerializer,
        responses={201: s.MovementsOutputSerializer, 200: s.MovementsOutputSerializer},
        description="Posts the difference to the booked on hand as an adjustment; 200 with no "
        "movements when the count agrees.",
    )
    def post(self, request: Request) -> Response:
        data = self.validated(request)
        source = _source(data)
        movement = services.stock_count(by=request.user, source=source, **data)
        if movement is None:
            return _movements_response([], created=False)
        return _movements_response([movement])


# --- reorder rules, low stock, valuation -----------------------------------------------------


class ReorderRuleViewSet(
    HistoryMixin,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ProcuraViewSet,
):
    """One rule per (product, location): reorder ``reorder_quantity`` at ``reorder_point``."""

    permission_resource = "reorder_rule"
    filterset_fields = ["product", "location"]
    search_fields = ["product__sku", "product__name"]
    ordering_fields = ["reorder_point", "product__sku", "location__code"]

    def get_queryset(self) -> QuerySet[ReorderRule]:
        return selectors.reorder_rule_list()

    def get_serializer_class(self) -> type[s.ReorderRuleSerializer]:
        if self.action in {"update", "partial_update"}:
            return s.ReorderRuleUpdateSerializer
        return s.ReorderRuleSerializer

    def perform_create(self, serializer: BaseSerializer[ReorderRule]) -> None:
        serializer.instance = services.reorder_rule_set(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: BaseSerializer[ReorderRule]) -> None:
        rule = serializer.instance
        assert rule is not None  # noqa: S101 - DRF sets it for updates
        data = serializer.validated_data
        serializer.instance = services.reorder_rule_set(
            product=rule.product,
            location=rule.location,
            reorder_point=data.get("reorder_point", rule.reorder_point),
            reorder_quantity=data.get("reorder_quantity", rule.reorder_quantity),
            by=self.request.user,
        )

    def perform_destroy(self, instance: ReorderRule) -> None:
        services.reorder_rule_delete(rule=instance, by=self.request.user)


class LowStockApi(ListAPIView):
    """Products at or below their reorder point, per location (``?location=``)."""

    serializer_class = s.LowStockSerializer
    permission_resource = "stock_level"
    filterset_fields = ["location", "product"]
    search_fields = ["product__sku", "product__name"]

    def get_queryset(self) -> QuerySet[ReorderRule]:
        return selectors.low_stock_list()


LOCATION_PARAM = OpenApiParameter("location", int, description="Only this location.")


class StockValuationApi(APIView):
    """Book value of stock at moving average cost: total, per location and per product."""

    permission_resource = "stock_level"

    @extend_schema(
        parameters=[LOCATION_PARAM],
        responses=s.ValuationSerializer,
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("location", "")
        if raw and not raw.isdigit():
            raise ValidationError({"location": ["Give a location id."]})
        location_id = int(raw) if raw else None
        body = {
            "currency": settings.DEFAULT_CURRENCY,
            "total": selectors.calculate_total_value(location_id=location_id),
            "by_location": selectors.stock_value_by_location(location_id=location_id),
            "by_product": selectors.stock_value_by_product(location_id=location_id),
        }
        return Response(s.ValuationSerializer(body).data)


class OpeningStockImportApi(APIView):
    """Opening stock from CSV (location, sku, quantity, unit_cost): each line sets on hand
    through an adjustment for the difference, so a re-import changes nothing. ``dry_run=true``
    (the default) only checks and reports by line; ``dry_run=false`` posts all lines or none."""

    parser_classes = [MultiPartParser]
    permission_resource = "stock_movement"
    permission_actions = {"post": "import_opening"}

    @extend_schema(
        parameters=[ImportQuerySerializer],
        request={"multipart/form-data": ImportUploadSerializer},
        responses=ImportReportSerializer,
    )
    def post(self, request: Request) -> Response:
        query = ImportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        report = opening_stock_import(
            upload=upload.validated_data["file"],
            dry_run=query.validated_data["dry_run"],
            by=request.user,
        )
        return Response(report.as_dict())


@report_export_schema("Download the stock valuation per product as CSV or XLSX", [LOCATION_PARAM])
class StockValuationExportApi(ReportExportMixin, StockValuationApi):
    export_name = "stock-valuation"
    export_row_serializer = s.ValuationProductSerializer
    export_rows_key = "by_product"


@report_export_schema("Download the stock valuation per location as CSV or XLSX", [LOCATION_PARAM])
class StockValuationByLocationExportApi(ReportExportMixin, StockValuationApi):
    export_name = "stock-valuation-by-location"
    export_row_serializer = s.ValuationLocationSerializer
    export_rows_key = "by_location"


@report_export_schema("Download the low-stock list as CSV or XLSX")
class LowStockExportApi(ReportExportMixin, LowStockApi):
    export_name = "low-stock"
    export_row_serializer = s.LowStockSerializer
    export_rows_key = None
    pagination_class = None
