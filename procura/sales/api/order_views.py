"""Sales orders and shipments: /sales-orders/ (+ confirm, pick, ship, cancel, history) and
/shipments/ (+ deliver, packing-slip)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.permission_matrix import user_can
from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import FastListMixin, ProcuraViewSet, validated
from procura.core.errors import InvalidInput, NotAllowed
from procura.core.etag import check_if_match
from procura.core.exports.views import ExportListMixin
from procura.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent_response
from procura.partners.models import Customer
from procura.sales import errors, selectors
from procura.sales.api.base import PortalScope
from procura.sales.api.serializers import (
    STAFF_LINE_FIELDS,
    STAFF_ORDER_FIELDS,
    DeliverInputSerializer,
    OrderReasonSerializer,
    PortalSalesOrderSerializer,
    SalesOrderConfirmSerializer,
    SalesOrderCreateSerializer,
    SalesOrderListSerializer,
    SalesOrderSerializer,
    SalesOrderUpdateSerializer,
    ShipInputSerializer,
    ShipmentSerializer,
)
from procura.sales.documents import PDF, render_packing_slip_pdf
from procura.sales.errors import SalesErrorCode
from procura.sales.models import SalesOrder, SalesOrderStatus, Shipment
from procura.sales.services import confirmation as confirmation_services
from procura.sales.services import orders as order_services
from procura.sales.services import shipments as shipment_services


def _same(sent: Any, current: Any) -> bool:
    """Whether a sent value equals the current one (numbers compared as decimals)."""
    if sent in (None, "") or current is None:
        return sent in (None, "") and current is None
    if isinstance(current, bool) or isinstance(sent, bool):
        return sent is current
    try:
        return Decimal(str(sent)) == Decimal(str(current))
    except (InvalidOperation, ValueError):
        return False


class SalesOrderViewSet(PortalScope, ExportListMixin, HistoryMixin, FastListMixin, ProcuraViewSet):
    """Sales orders. Staff of sales, warehouse, finance and audit read all; a portal customer
    reads and places only their own."""

    permission_resource = "sales_order"
    filterset_fields = ["status", "customer", "location", "currency", "backorder_of"]
    search_fields = ["number", "customer__code", "customer__name", "customer_reference"]
    ordering_fields = ["created_at", "number", "order_date", "requested_date", "total", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[SalesOrder]:
        if getattr(self, "swagger_fake_view", False):
            return SalesOrder.objects.none()
        if self.action == "list":
            return selectors.sales_order_list(user=self.actor)
        return selectors.sales_order_detail_queryset(user=self.actor)

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return SalesOrderListSerializer
        if self.portal_customer is not None:
            return PortalSalesOrderSerializer
        return SalesOrderSerializer

    def refuse_staff_fields(self, request: Request, order: SalesOrder | None = None) -> None:
        """403 naming every staff-only field (``STAFF_ORDER_FIELDS``, ``STAFF_LINE_FIELDS``)
        the body would change, for whoever lacks ``sales_order.edit_terms``. A value sent as
        it stands (the default on a new order, the current one on an edit) changes nothing and
        passes, so a form saved whole still works."""
        body = request.data
        if user_can(self.actor, "sales_order.edit_terms") or not isinstance(body, dict):
            return
        current: dict[str, Any] = {
            "discount_percent": order.discount_percent if order else 0,
            "shipping_charge": order.shipping_charge if order else 0,
            "allow_backorder": order.allow_backorder if order else False,
            "location": order.location_id if order else None,
        }
        refused = [f for f in STAFF_ORDER_FIELDS if f in body and not _same(body[f], current[f])]
        existing = {line.pk: line for line in order.lines.all()} if order else {}
        lines = body.get("lines")
        for index, line in enumerate(lines if isinstance(lines, list) else []):
            if not isinstance(line, dict):
                continue
            known = existing.get(line.get("id"))  # type: ignore[arg-type]
            stands = {
                "discount_percent": known.discount_percent if known else 0,
                "lot": getattr(known, "lot_id", None) if known else None,
            }
            refused += [
                f"lines[{index}].{f}"
                for f in STAFF_LINE_FIELDS
                if f in line and not _same(line[f], stands[f])
            ]
        if refused:
            raise NotAllowed(
                errors.STAFF_ONLY_FIELD,
                code=SalesErrorCode.STAFF_ONLY_FIELD,
                errors={field: [errors.STAFF_ONLY_FIELD] for field in refused},
            )

    def _create(self, request: Request) -> Response:
        self.refuse_staff_fields(request)
        data = dict(validated(SalesOrderCreateSerializer, request.data))
        portal = self.portal_customer
        customer = data.pop("customer", None)
        if portal is not None:
            if portal < 0:
                raise NotAllowed(errors.PORTAL_NOT_LINKED, code=SalesErrorCode.PORTAL_NOT_LINKED)
            if customer is not None and customer.pk != portal:
                raise NotAllowed(
                    errors.PORTAL_OTHER_CUSTOMER, code=SalesErrorCode.PORTAL_OTHER_CUSTOMER
                )
            customer = Customer.objects.get(pk=portal)
            data["location"] = selectors.portal_ship_from(
                customer_id=portal, product_ids=[line["product"].pk for line in data["lines"]]
            )
            if data["location"] is None:
                raise InvalidInput(
                    errors.NO_SHIP_FROM,
                    code=SalesErrorCode.NO_SHIP_FROM,
                    errors={"location": [errors.NO_SHIP_FROM]},
                )
        if customer is None:
            raise ValidationError({"customer": ["This field is required."]})
        if data.get("location") is None:
            raise ValidationError({"location": [errors.LOCATION_REQUIRED]})
        order = order_services.sales_order_create(customer=customer, by=self.actor, **data)
        return self.render_detail(order, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=SalesOrderCreateSerializer,
        responses={201: SalesOrderSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request: Request) -> Response:
        """Place a draft order; prices and tax rates are taken now and never change after."""
        return idempotent_response(
            request, scope="sales-orders.create", handler=lambda: self._create(request)
        )

    @extend_schema(request=SalesOrderUpdateSerializer, responses=SalesOrderSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a draft (send If-Match with the ETag you read: 412 when it changed since)."""
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        self.refuse_staff_fields(request, instance)
        data = dict(validated(SalesOrderUpdateSerializer, request.data))
        order = order_services.sales_order_update(
            order=instance, by=self.actor, lines=data.pop("lines", None), **data
        )
        return self.render_detail(order)

    @extend_schema(request=SalesOrderConfirmSerializer, responses=SalesOrderSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        """Reserve the stock and check credit. 409 with ``short_lines`` when stock is short (no
        backorders allowed), 409 with the figures when over the credit limit (finance may
        override with ``override_credit`` and a comment)."""
        data = validated(SalesOrderConfirmSerializer, request.data)
        order = confirmation_services.sales_order_confirm(
            order=self.get_object(), by=self.actor, **data
        )
        return self.render_detail(order)

    @extend_schema(request=OrderReasonSerializer, responses=SalesOrderSerializer)
    @action(detail=True, methods=["post"])
    def pick(self, request: Request, pk: str) -> Response:
        data = validated(OrderReasonSerializer, request.data)
        order = order_services.sales_order_pick(
            order=self.get_object(), by=self.actor, reason=data["reason"]
        )
        return self.render_detail(order)

    @extend_schema(request=OrderReasonSerializer, responses=SalesOrderSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        """Cancel a draft or confirmed order (reservations are released). A portal customer may
        cancel only their own drafts."""
        data = validated(OrderReasonSerializer, request.data)
        order = self.get_object()
        if self.portal_customer is not None and order.status != SalesOrderStatus.DRAFT:
            raise NotAllowed(
                errors.ILLEGAL_TRANSITION.format(status=order.status, action="cancelled"),
                code=SalesErrorCode.ILLEGAL_TRANSITION,
            )
        order = order_services.sales_order_cancel(order=order, by=self.actor, reason=data["reason"])
        return self.render_detail(order)

    @extend_schema(request=ShipInputSerializer, responses={201: ShipmentSerializer})
    @action(detail=True, methods=["post"])
    def ship(self, request: Request, pk: str) -> Response:
        """Ship some or all reserved quantities (stock is issued). Returns the shipment."""
        data = dict(validated(ShipInputSerializer, request.data))
        shipment = shipment_services.shipment_create(
            order=self.get_object(), by=self.actor, lines=data.pop("lines", None), **data
        )
        body = ShipmentSerializer(
            selectors.shipment_list().get(pk=shipment.pk), context=self.get_serializer_context()
        ).data
        return Response(body, status=status.HTTP_201_CREATED)


class ShipmentViewSet(ExportListMixin, FastListMixin, ProcuraViewSet):
    """Shipments, for the staff (a portal customer follows their orders instead)."""

    serializer_class = ShipmentSerializer
    permission_resource = "shipment"
    filterset_fields = ["status", "order", "carrier", "ship_date", "delivered_date"]
    search_fields = ["number", "tracking_number", "order__number"]
    ordering_fields = ["ship_date", "delivered_date", "number", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Shipment]:
        if getattr(self, "swagger_fake_view", False):
            return Shipment.objects.none()
        return selectors.shipment_list(user=self.actor)

    @extend_schema(request=DeliverInputSerializer, responses=ShipmentSerializer)
    @action(detail=True, methods=["post"])
    def deliver(self, request: Request, pk: str) -> Response:
        """Record the delivery; the order is delivered once all its shipments are."""
        data = validated(DeliverInputSerializer, request.data)
        shipment = shipment_services.shipment_deliver(
            shipment=self.get_object(), by=self.actor, delivered_date=data.get("delivered_date")
        )
        return self.render_detail(shipment)

    @extend_schema(
        responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="Packing slip")}
    )
    @action(detail=True, methods=["get"], url_path="packing-slip")
    def packing_slip(self, request: Request, pk: str) -> HttpResponse:
        shipment = self.get_object()
        shipment = (
            Shipment.objects.select_related(
                "order__customer", "order__location", "order__ship_to", "carrier"
            )
            .prefetch_related("lines__order_line__product")
            .get(pk=shipment.pk)
        )
        response = HttpResponse(render_packing_slip_pdf(shipment), content_type=PDF)
        response["Content-Disposition"] = f'inline; filename="{shipment.number}.pdf"'
        return response
