"""Purchase orders, goods receipts, supplier invoices, payments and the AP aging report."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.permissions import MatrixPermission
from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import FastListMixin, ProcuraViewSet, validated
from procura.core.etag import check_if_match
from procura.core.exports.views import ExportListMixin, ReportExportMixin, report_export_schema
from procura.core.filters import query_flag
from procura.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent_response
from procura.procurement.api.order_serializers import (
    ApAgingRowSerializer,
    ApAgingSerializer,
    CommentSerializer,
    CreateFromRequestsSerializer,
    CreditNoteApplySerializer,
    CreditNotePostSerializer,
    GoodsReceiptSerializer,
    GoodsReceiptWriteSerializer,
    PurchaseOrderDetailSerializer,
    PurchaseOrderRevisionSerializer,
    PurchaseOrderSerializer,
    PurchaseOrderUpdateSerializer,
    PurchaseOrderWriteSerializer,
    ReasonSerializer,
    ReceiptReturnWriteSerializer,
    SupplierInvoiceDetailSerializer,
    SupplierInvoiceSerializer,
    SupplierInvoiceWriteSerializer,
    SupplierPaymentSerializer,
    SupplierPaymentWriteSerializer,
)
from procura.procurement.models import (
    GoodsReceipt,
    PurchaseOrder,
    SupplierInvoice,
    SupplierPayment,
)
from procura.procurement.pdf import render_purchase_order_pdf
from procura.procurement.selectors import orders as selectors
from procura.procurement.services import credit_notes as credit_note_services
from procura.procurement.services import invoices as invoice_services
from procura.procurement.services import orders as order_services
from procura.procurement.services import receipts as receipt_services


class PurchaseOrderViewSet(ExportListMixin, HistoryMixin, FastListMixin, ProcuraViewSet):
    """Purchase orders: buyers write; finance, warehouse and auditors read. Lists include the
    lines; archived orders (closed over a year ago) only with ``?include_archived=true``."""

    permission_resource = "purchase_order"
    permission_actions = {"create_from_requests": "create"}
    filterset_fields = ["status", "supplier", "ship_to", "currency"]
    extra_query_params = ("include_archived",)
    search_fields = ["number", "supplier__name", "supplier__code"]
    ordering_fields = ["created_at", "number", "total", "expected_date", "issued_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[PurchaseOrder]:
        if self.action == "list":
            archived = query_flag(self.request, "include_archived")
            return selectors.purchase_order_list(include_archived=archived)
        return selectors.purchase_order_detail_queryset()

    def get_serializer_class(self) -> Any:
        return PurchaseOrderSerializer if self.action == "list" else PurchaseOrderDetailSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "include_archived", OpenApiTypes.BOOL, description="Also archived orders."
            )
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=PurchaseOrderWriteSerializer,
        responses={201: PurchaseOrderDetailSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request: Request) -> Response:
        """A draft order placed directly with a supplier."""
        return idempotent_response(
            request, scope="purchase-orders.create", handler=lambda: self._create(request)
        )

    def _create(self, request: Request) -> Response:
        data = dict(validated(PurchaseOrderWriteSerializer, request.data))
        order = order_services.purchase_order_create(by=self.actor, **data)
        return self.render_detail(order, status=status.HTTP_201_CREATED)

    @extend_schema(request=PurchaseOrderUpdateSerializer, responses=PurchaseOrderDetailSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a draft; a change to an issued order is a new revision sent to the supplier.
        ``lines`` replaces the lines (send ``id`` to keep and change one)."""
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        data = dict(validated(PurchaseOrderUpdateSerializer, request.data, partial=True))
        order = order_services.purchase_order_update(order=instance, by=self.actor, **data)
        return self.render_detail(order)

    @extend_schema(
        request=CreateFromRequestsSerializer,
        responses={201: PurchaseOrderDetailSerializer(many=True)},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=False, methods=["post"], url_path="create-from-requests")
    def create_from_requests(self, request: Request) -> Response:
        """One draft order per supplier from approved requests; the requests become ordered."""
        return idempotent_response(
            request,
            scope="purchase-orders.create-from-requests",
            handler=lambda: self._create_from_requests(request),
        )

    def _create_from_requests(self, request: Request) -> Response:
        data = validated(CreateFromRequestsSerializer, request.data)
        orders = order_services.purchase_orders_create_from_requests(by=self.actor, **data)
        rows = self.get_queryset().filter(pk__in=[o.pk for o in orders]).order_by("number")
        return Response(
            PurchaseOrderDetailSerializer(
                rows, many=True, context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=PurchaseOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str) -> Response:
        """Send to the supplier: the PDF is e-mailed to its primary contact in the background."""
        order = order_services.purchase_order_issue(order=self.get_object(), by=self.actor)
        return self.render_detail(order)

    @extend_schema(request=ReasonSerializer, responses=PurchaseOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        data = validated(ReasonSerializer, request.data)
        order = order_services.purchase_order_cancel(
            order=self.get_object(), by=self.actor, reason=data["reason"]
        )
        return self.render_detail(order)

    @extend_schema(request=ReasonSerializer, responses=PurchaseOrderDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        """Close a received order, or short-close a partially received one."""
        data = validated(ReasonSerializer, request.data)
        order = order_services.purchase_order_close(
            order=self.get_object(), by=self.actor, reason=data["reason"]
        )
        return self.render_detail(order)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        parameters=[
            OpenApiParameter("revision", OpenApiTypes.INT, description="A previous revision.")
        ],
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def pdf(self, request: Request, pk: str) -> HttpResponse:
        """The order as PDF (or a previous revision of it with ``?revision=``)."""
        order = self.get_object()
        snapshot = None
        raw = request.query_params.get("revision")
        if raw is not None and raw != str(order.revision):
            revision = order.revisions.filter(revision=raw if raw.isdigit() else -1).first()
            if revision is None:
                raise ValidationError({"revision": ["No such revision of this order."]})
            snapshot = revision.snapshot
        content = render_purchase_order_pdf(order, snapshot=snapshot)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{order.number}.pdf"'
        return response

    @extend_schema(responses=PurchaseOrderRevisionSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def revisions(self, request: Request, pk: str) -> Response:
        """The previous versions of the order, as they were sent to the supplier."""
        order = self.get_object()
        rows = order.revisions.select_related("created_by").order_by("revision")
        return Response(PurchaseOrderRevisionSerializer(rows, many=True).data)


class GoodsReceiptViewSet(ExportListMixin, HistoryMixin, FastListMixin, ProcuraViewSet):
    """Goods receipts: the warehouse and buyers post them; finance and auditors read."""

    serializer_class = GoodsReceiptSerializer
    permission_resource = "goods_receipt"
    permission_actions = {"return_to_supplier": "return"}
    filterset_fields = ["order", "received_on"]
    search_fields = ["number", "order__number"]
    ordering_fields = ["created_at", "received_on", "number"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[GoodsReceipt]:
        return selectors.goods_receipt_list()

    @extend_schema(request=GoodsReceiptWriteSerializer, responses={201: GoodsReceiptSerializer})
    def create(self, request: Request) -> Response:
        """Post a receipt: stock rises at the order's ship-to location; 409 over tolerance."""
        data = dict(validated(GoodsReceiptWriteSerializer, request.data))
        receipt = receipt_services.goods_receipt_post(by=self.actor, **data)
        return self.render_detail(receipt, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReceiptReturnWriteSerializer, responses=GoodsReceiptSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_supplier(self, request: Request, pk: str) -> Response:
        """Send received goods back to the supplier (a new stock movement out)."""
        data = validated(ReceiptReturnWriteSerializer, request.data)
        receipt = self.get_object()
        receipt_services.goods_receipt_return(
            receipt=receipt, by=self.actor, lines=data["lines"], reason=data["reason"]
        )
        return self.render_detail(receipt)


class SupplierInvoiceViewSet(ExportListMixin, HistoryMixin, FastListMixin, ProcuraViewSet):
    """Supplier invoices: finance enters, matches, accepts exceptions and approves them
    (not the person who entered one); buyers and auditors read."""

    serializer_class = SupplierInvoiceSerializer
    permission_resource = "supplier_invoice"
    filterset_fields = ["status", "kind", "supplier", "purchase_order", "currency"]
    search_fields = ["invoice_number", "supplier__name"]
    ordering_fields = ["invoice_date", "due_date", "total", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[SupplierInvoice]:
        if self.action == "list":
            return selectors.supplier_invoice_list()
        return selectors.supplier_invoice_detail_queryset()

    def get_serializer_class(self) -> Any:
        return (
            SupplierInvoiceSerializer if self.action == "list" else SupplierInvoiceDetailSerializer
        )

    def list_annotations(self) -> dict[str, Any]:
        return {"balance": selectors.SUPPLIER_INVOICE_BALANCE}

    @extend_schema(
        request=SupplierInvoiceWriteSerializer,
        responses={201: SupplierInvoiceDetailSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request: Request) -> Response:
        """Enter an invoice; the supplier's number is unique per supplier (409 names the one
        already entered)."""
        return idempotent_response(
            request, scope="supplier-invoices.create", handler=lambda: self._create(request)
        )

    def _create(self, request: Request) -> Response:
        data = dict(validated(SupplierInvoiceWriteSerializer, request.data))
        invoice = invoice_services.supplier_invoice_create(by=self.actor, **data)
        return self.render_detail(invoice, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=SupplierInvoiceDetailSerializer)
    @action(detail=True, methods=["post"])
    def match(self, request: Request, pk: str) -> Response:
        """Three-way match: matched, or exception with every reason listed."""
        invoice = invoice_services.supplier_invoice_match(invoice=self.get_object(), by=self.actor)
        return self.render_detail(invoice)

    @extend_schema(request=CommentSerializer, responses=SupplierInvoiceDetailSerializer)
    @action(detail=True, methods=["post"], url_path="accept-exception")
    def accept_exception(self, request: Request, pk: str) -> Response:
        data = validated(CommentSerializer, request.data)
        invoice = invoice_services.supplier_invoice_accept_exception(
            invoice=self.get_object(), by=self.actor, comment=data["comment"]
        )
        return self.render_detail(invoice)

    @extend_schema(request=None, responses=SupplierInvoiceDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """Approve for payment (403 for whoever entered the invoice)."""
        invoice = invoice_services.supplier_invoice_approve(
            invoice=self.get_object(), by=self.actor
        )
        return self.render_detail(invoice)

    @extend_schema(request=CreditNotePostSerializer, responses=SupplierInvoiceDetailSerializer)
    @action(detail=True, methods=["post"], url_path="post-credit-note")
    def post_credit_note(self, request: Request, pk: str) -> Response:
        """Post a draft credit note without a three-way match (amounts must add up; 403 for
        whoever entered it); applied at once to the invoice it credits when that one is
        approved and open."""
        data = dict(validated(CreditNotePostSerializer, request.data))
        note = credit_note_services.credit_note_post(note=self.get_object(), by=self.actor, **data)
        return self.render_detail(note)

    @extend_schema(request=CreditNoteApplySerializer, responses=SupplierInvoiceDetailSerializer)
    @action(detail=True, methods=["post"], url_path="apply-credit-note")
    def apply_credit_note(self, request: Request, pk: str) -> Response:
        """Apply a posted credit note to an approved, open invoice of its supplier in its
        currency, at most the credit left and the invoice's balance (409 beyond, and for a
        credit note not posted or used up or an invoice not approved for payment; 400 for
        another supplier's or currency's invoice)."""
        data = dict(validated(CreditNoteApplySerializer, request.data))
        note = self.get_object()
        credit_note_services.credit_note_apply(note=note, by=self.actor, **data)
        return self.render_detail(note)

    @extend_schema(request=CommentSerializer, responses=SupplierInvoiceDetailSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk: str) -> Response:
        data = validated(CommentSerializer, request.data)
        invoice = invoice_services.supplier_invoice_void(
            invoice=self.get_object(), by=self.actor, reason=data["comment"]
        )
        return self.render_detail(invoice)


class SupplierPaymentViewSet(ExportListMixin, FastListMixin, ProcuraViewSet):
    serializer_class = SupplierPaymentSerializer
    permission_resource = "supplier_payment"
    filterset_fields = ["invoice", "method", "paid_on"]
    search_fields = ["reference", "invoice__invoice_number"]
    ordering_fields = ["paid_on", "amount"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[SupplierPayment]:
        return selectors.supplier_payment_list()

    @extend_schema(
        request=SupplierPaymentWriteSerializer,
        responses={201: SupplierPaymentSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request: Request) -> Response:
        """Pay an approved invoice, in part or in full; never above its open balance."""
        return idempotent_response(
            request, scope="supplier-payments.create", handler=lambda: self._create(request)
        )

    def _create(self, request: Request) -> Response:
        data = dict(validated(SupplierPaymentWriteSerializer, request.data))
        payment = invoice_services.supplier_payment_create(by=self.actor, **data)
        return self.render_detail(payment, status=status.HTTP_201_CREATED)


AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="Default: today.")


class ApAgingApi(APIView):
    """Accounts payable aging: open balance per supplier by days past due, as of any date."""

    permission_classes = [MatrixPermission]
    permission_resource = "payables_report"

    @extend_schema(
        parameters=[AS_OF],
        responses=ApAgingSerializer,
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("as_of")
        try:
            as_of = date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            raise ValidationError({"as_of": ["Use a date like 2026-03-31."]}) from None
        return Response(ApAgingSerializer(selectors.ap_aging_report(as_of=as_of)).data)


@report_export_schema("Download the AP aging as CSV or XLSX", [AS_OF])
class ApAgingExportApi(ReportExportMixin, ApAgingApi):
    export_name = "ap-aging"
    export_row_serializer = ApAgingRowSerializer
