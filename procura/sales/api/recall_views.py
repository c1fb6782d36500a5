"""Recall API: who received a lot (or a plant's production), as JSON or CSV, and the notice."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.permissions import MatrixPermission
from procura.core.serializers import ProcuraSerializer, StrictPrimaryKeyRelatedField
from procura.inventory.models import Lot
from procura.partners.models import Plant
from procura.sales.documents import PDF, render_recall_report_pdf
from procura.sales.recalls import RecallRow, RecallScope, recall_csv, recall_notify, recall_report

EXPORT_FORMATS = "Export as csv or pdf."


class RecallScopeSerializer(ProcuraSerializer):
    lot = StrictPrimaryKeyRelatedField(
        queryset=Lot.objects.all(), many=True, required=False, help_text="One or more lots."
    )
    plant = StrictPrimaryKeyRelatedField(
        queryset=Plant.objects.all(), required=False, allow_null=True
    )
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)

    def scope(self) -> RecallScope:
        data = self.validated_data
        plant = data.get("plant")
        return RecallScope(
            lot_ids=tuple(lot.pk for lot in data.get("lot") or []),
            plant_id=plant.pk if plant else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class RecallNotifySerializer(RecallScopeSerializer):
    reason = serializers.CharField(max_length=2000)


class RecallRowSerializer(ProcuraSerializer):
    customer = serializers.IntegerField(source="customer.pk")
    customer_code = serializers.CharField(source="customer.code")
    customer_name = serializers.CharField(source="customer.name")
    contact_name = serializers.CharField()
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    shipment = serializers.CharField()
    ship_date = serializers.DateField()
    order = serializers.CharField()
    product_sku = serializers.CharField()
    lot = serializers.CharField()
    plant = serializers.CharField()
    use_by = serializers.DateField(allow_null=True)
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3)
    unit = serializers.CharField()
    weight = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)


class RecallNotifiedSerializer(ProcuraSerializer):
    customers = serializers.ListField(child=serializers.CharField())


def _query_scope(request: Request) -> RecallScope:
    raw: dict[str, Any] = {
        key: request.query_params.get(key)
        for key in ("plant", "date_from", "date_to")
        if request.query_params.get(key)
    }
    raw["lot"] = request.query_params.getlist("lot")
    serializer = RecallScopeSerializer(data=raw)
    serializer.is_valid(raise_exception=True)
    return serializer.scope()


class RecallReportApi(APIView):
    """Customers who received the lots in scope (``?lot=`` repeated, or ``?plant=`` with an
    optional ``date_from``/``date_to`` production window), with quantities, weights and their
    primary contact. ``?export=csv`` downloads it as CSV, ``?export=pdf`` as a PDF report."""

    permission_classes = [MatrixPermission]
    permission_resource = "recall"

    @extend_schema(
        parameters=[
            OpenApiParameter("lot", int, many=True),
            OpenApiParameter("plant", int),
            OpenApiParameter("date_from", str),
            OpenApiParameter("date_to", str),
            OpenApiParameter(
                "export", str, enum=["csv", "pdf"], description="Download as CSV or PDF."
            ),
        ],
        responses={
            200: OpenApiResponse(RecallRowSerializer(many=True), description="JSON, CSV or PDF")
        },
    )
    def get(self, request: Request) -> Response | HttpResponse:
        export = request.query_params.get("export") or ""
        if export not in ("", "csv", "pdf"):
            raise serializers.ValidationError({"export": [EXPORT_FORMATS]})
        scope = _query_scope(request)
        rows: list[RecallRow] = recall_report(scope)
        if export == "pdf":
            response = HttpResponse(render_recall_report_pdf(scope, rows), content_type=PDF)
            response["Content-Disposition"] = 'attachment; filename="recall.pdf"'
            return response
        if export == "csv":
            response = HttpResponse(recall_csv(rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="recall.csv"'
            return response
        return Response(RecallRowSerializer(rows, many=True).data)


class RecallNotifyApi(APIView):
    """E-mail the recall notice to every affected customer's primary contact."""

    permission_classes = [MatrixPermission]
    permission_resource = "recall"
    permission_actions = {"post": "notify"}

    @extend_schema(request=RecallNotifySerializer, responses=RecallNotifiedSerializer)
    def post(self, request: Request) -> Response:
        serializer = RecallNotifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        customers = recall_notify(
            scope=serializer.scope(), reason=serializer.validated_data["reason"], by=request.user
        )
        return Response({"customers": [customer.code for customer in customers]})
