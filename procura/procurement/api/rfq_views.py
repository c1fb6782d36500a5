"""Requests for quotation (/rfqs/), the supplier's quotation page behind its signed link
(/rfq-quotes/{token}/, no account) and supplier performance (/supplier-performance/{id}/)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from procura.accounts.permissions import MatrixPermission
from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.partners.models import Supplier
from procura.procurement.api import rfq_serializers as s
from procura.procurement.api.order_serializers import ReasonSerializer
from procura.procurement.models import Rfq, RfqInvitation, RfqStatus
from procura.procurement.selectors import rfqs as selectors
from procura.procurement.selectors.supplier_performance import supplier_performance
from procura.procurement.services import rfqs as services


class RfqViewSet(HistoryMixin, mixins.ListModelMixin, ProcuraViewSet):
    """Requests for quotation: buyers write, order readers read."""

    permission_resource = "rfq"
    filterset_fields = ["status", "request", "currency"]
    search_fields = ["number", "title"]
    ordering_fields = ["created_at", "number", "respond_by"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Rfq]:
        if self.action == "list":
            return selectors.rfq_list()
        return selectors.rfq_detail_queryset()

    def get_serializer_class(self) -> Any:
        return s.RfqSerializer if self.action == "list" else s.RfqDetailSerializer

    @extend_schema(request=s.RfqWriteSerializer, responses={201: s.RfqDetailSerializer})
    def create(self, request: Request) -> Response:
        """A draft RFQ to several suppliers; from an approved ``request`` its items are the
        lines unless ``lines`` are given."""
        data = dict(validated(s.RfqWriteSerializer, request.data))
        rfq = services.rfq_create(by=self.actor, **data)
        return self.render_detail(rfq, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.RfqDetailSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str) -> Response:
        """E-mail each supplier the RFQ as a PDF with its own link to quote."""
        rfq = services.rfq_send(rfq=self.get_object(), by=self.actor)
        return self.render_detail(rfq)

    @extend_schema(request=ReasonSerializer, responses=s.RfqDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        data = validated(ReasonSerializer, request.data)
        rfq = services.rfq_cancel(rfq=self.get_object(), by=self.actor, reason=data["reason"])
        return self.render_detail(rfq)

    @extend_schema(responses=s.ComparisonSerializer)
    @action(detail=True, methods=["get"])
    def comparison(self, request: Request, pk: str) -> Response:
        """Quotes side by side per line (after the award: as they stood at the award)."""
        rfq = self.get_object()
        if rfq.status == RfqStatus.AWARDED and rfq.comparison:
            return Response(rfq.comparison)
        return Response(s.ComparisonSerializer(selectors.rfq_comparison(rfq)).data)

    @extend_schema(request=s.RfqAwardSerializer, responses={201: s.AwardResultSerializer})
    @action(detail=True, methods=["post"])
    def award(self, request: Request, pk: str) -> Response:
        """Award per line (``lines``) or whole (``invitation``): makes the draft orders."""
        rfq = self.get_object()
        data = validated(s.RfqAwardSerializer, request.data)
        invitation: RfqInvitation | None = data.get("invitation")
        orders = services.rfq_award(
            rfq=rfq,
            by=self.actor,
            invitation=invitation,
            lines={row["line"]: row["invitation"] for row in data.get("lines") or []},
        )
        return Response(
            s.AwardResultSerializer({"orders": orders}).data, status=status.HTTP_201_CREATED
        )


class QuoteLinkThrottle(AnonRateThrottle):
    scope = "anon"


def _quote_page(invitation: RfqInvitation) -> dict[str, Any]:
    rfq = invitation.rfq
    quotes = {quote.line_id: quote for quote in invitation.quotes.all()}
    return {
        "rfq_number": rfq.number,
        "title": rfq.title,
        "notes": rfq.notes,
        "currency": rfq.currency,
        "respond_by": rfq.respond_by,
        "ship_to": rfq.ship_to.name,
        "supplier_name": invitation.supplier.name,
        "status": invitation.status,
        "open": rfq.status == RfqStatus.SENT and timezone.localdate() <= rfq.respond_by,
        "valid_until": invitation.valid_until,
        "supplier_notes": invitation.supplier_notes,
        "lines": [
            {
                "id": line.pk,
                "line_no": line.line_no,
                "description": line.description,
                "quantity": line.quantity,
                "unit": line.unit,
                "unit_price": quotes[line.pk].unit_price if line.pk in quotes else None,
                "quoted_quantity": quotes[line.pk].quantity if line.pk in quotes else None,
                "lead_time_days": quotes[line.pk].lead_time_days if line.pk in quotes else None,
            }
            for line in rfq.lines.all()
        ],
    }


class SupplierQuoteApi(APIView):
    """A supplier's quotation page, reached by the signed link in its e-mail (no account):
    GET shows the lines (and any quote already given), POST gives or replaces the quote."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [QuoteLinkThrottle]

    @extend_schema(
        responses={
            200: s.SupplierQuotePageSerializer,
            404: OpenApiResponse(description="Forged or revoked link"),
            410: OpenApiResponse(description="Expired link"),
        }
    )
    def get(self, request: Request, token: str) -> Response:
        invitation = services.rfq_invitation_from_token(token)
        return Response(s.SupplierQuotePageSerializer(_quote_page(invitation)).data)

    @extend_schema(
        request=s.SupplierQuoteWriteSerializer, responses={200: s.SupplierQuotePageSerializer}
    )
    def post(self, request: Request, token: str) -> Response:
        invitation = services.rfq_invitation_from_token(token)
        data = validated(s.SupplierQuoteWriteSerializer, request.data)
        services.rfq_quote_submit(
            invitation=invitation,
            lines=data["lines"],
            valid_until=data.get("valid_until"),
            notes=data["notes"],
            decline=data["decline"],
        )
        fresh = services.rfq_invitation_from_token(token)
        return Response(s.SupplierQuotePageSerializer(_quote_page(fresh)).data)


class SupplierPerformanceSerializer(serializers.Serializer):
    supplier = serializers.IntegerField(source="supplier_id")
    receipts = serializers.IntegerField()
    on_time_receipts = serializers.IntegerField()
    order_lines = serializers.IntegerField()
    exact_quantity_lines = serializers.IntegerField()
    invoice_lines = serializers.IntegerField()
    exact_price_lines = serializers.IntegerField()
    on_time_percent = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    quantity_accuracy_percent = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True
    )
    price_accuracy_percent = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True
    )
    rating_percent = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class SupplierPerformanceApi(APIView):
    """On-time delivery, quantity and price accuracy of a supplier over the last year."""

    permission_classes = [MatrixPermission]
    permission_resource = "supplier_performance"

    @extend_schema(responses=SupplierPerformanceSerializer)
    def get(self, request: Request, supplier_id: int) -> Response:
        supplier = get_object_or_404(Supplier, pk=supplier_id)
        figures = supplier_performance([supplier.pk])[supplier.pk]
        return Response(SupplierPerformanceSerializer(figures).data)
