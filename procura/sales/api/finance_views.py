"""Customer invoices, payments received, receivables and portal links:
/customer-invoices/ (+ pdf), /customer-payments/ (+ apply), /receivables/{balances,aging,
statement}/, /customer-portal-users/."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.permissions import MatrixPermission
from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import FastListMixin, ProcuraViewSet, validated
from procura.core.errors import NotAllowed
from procura.core.exports.views import ExportListMixin, ReportExportMixin, report_export_schema
from procura.core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent_response
from procura.currency.api.serializers import CompanyRowFields, CompanyTotalsSerializer
from procura.partners.models import Customer
from procura.sales import errors, receivables, selectors
from procura.sales.api.base import PortalScope
from procura.sales.api.price_corrections import PriceCorrectionMixin
from procura.sales.api.serializers import (
    CustomerInvoiceDetailSerializer,
    CustomerInvoiceSerializer,
    CustomerPaymentSerializer,
    CustomerPortalUserSerializer,
    InvoiceCreateSerializer,
    PaymentApplySerializer,
    PaymentCreateSerializer,
    PortalCustomerInvoiceDetailSerializer,
    PortalCustomerInvoiceSerializer,
)
from procura.sales.documents import PDF, render_invoice_pdf
from procura.sales.errors import SalesErrorCode
from procura.sales.models import CustomerInvoice, CustomerPayment, CustomerPortalUser
from procura.sales.services import invoices as invoice_services
from procura.sales.services import payments as payment_services
from procura.sales.services import portal as portal_services


class CustomerInvoiceViewSet(
    PortalScope, PriceCorrectionMixin, ExportListMixin, HistoryMixin, FastListMixin, ProcuraViewSet
):
    """Customer invoices. Finance, sales and audit read all; a portal customer reads their own,
    without the exchange rate to the company currency."""

    serializer_class = CustomerInvoiceSerializer
    permission_resource = "customer_invoice"
    permission_actions = {"price_corrections": "correct_price"}
    filterset_fields = [
        "status",
        "kind",
        "customer",
        "order",
        "currency",
        "issue_date",
        "due_date",
    ]
    search_fields = ["number", "order__number", "customer__code", "customer__name"]
    ordering_fields = ["issue_date", "due_date", "number", "total", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[CustomerInvoice]:
        if getattr(self, "swagger_fake_view", False):
            return CustomerInvoice.objects.none()
        return selectors.customer_invoice_list(user=self.actor)

    def list_annotations(self) -> dict[str, Any]:
        return {"balance": selectors.INVOICE_BALANCE}

    def get_serializer_class(self) -> Any:
        portal = self.portal_customer is not None
        if self.action == "list":
            return PortalCustomerInvoiceSerializer if portal else CustomerInvoiceSerializer
        return PortalCustomerInvoiceDetailSerializer if portal else CustomerInvoiceDetailSerializer

    def _create(self, request: Request) -> Response:
        data = validated(InvoiceCreateSerializer, request.data)
        invoice = invoice_services.customer_invoice_create(
            order=data["order"], by=self.actor, issue_date=data.get("issue_date")
        )
        return self.render_detail(invoice, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=InvoiceCreateSerializer,
        responses={201: CustomerInvoiceDetailSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request: Request) -> Response:
        """Invoice what was shipped on an order and not invoiced yet; e-mailed with its PDF to
        the customer's billing contact."""
        return idempotent_response(
            request, scope="customer-invoices.create", handler=lambda: self._create(request)
        )

    @extend_schema(responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")})
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str) -> HttpResponse:
        invoice = self.get_object()
        response = HttpResponse(render_invoice_pdf(invoice), content_type=PDF)
        response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
        return response


class CustomerPaymentViewSet(ExportListMixin, FastListMixin, ProcuraViewSet):
    serializer_class = CustomerPaymentSerializer
    permission_resource = "customer_payment"
    filterset_fields = ["customer", "method", "received_on", "currency"]
    search_fields = ["number", "reference", "customer__code", "customer__name"]
    ordering_fields = ["received_on", "amount", "number", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[CustomerPayment]:
        return selectors.customer_payment_list()

    def _create(self, request: Request) -> Response:
        data = dict(validated(PaymentCreateSerializer, request.data))
        payment = payment_services.customer_payment_create(by=self.actor, **data)
        return self.render_detail(payment, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PaymentCreateSerializer,
        responses={201: CustomerPaymentSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request: Request) -> Response:
        """Record money received and apply it (to the given invoices, else oldest first); the
        rest is the customer's credit."""
        return idempotent_response(
            request, scope="customer-payments.create", handler=lambda: self._create(request)
        )

    @extend_schema(request=PaymentApplySerializer, responses=CustomerPaymentSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request: Request, pk: str) -> Response:
        """Apply the payment's unapplied credit to invoices."""
        data = validated(PaymentApplySerializer, request.data)
        payment = payment_services.customer_payment_apply(
            payment=self.get_object(), allocations=data["allocations"], by=self.actor
        )
        return self.render_detail(payment)


# --- receivables ---------------------------------------------------------------------------------


class BalanceSerializer(serializers.Serializer):
    customer = serializers.IntegerField(source="customer_id")
    customer_code = serializers.CharField()
    customer_name = serializers.CharField()
    currency = serializers.CharField()
    open_invoices = serializers.DecimalField(max_digits=16, decimal_places=2)
    unapplied_credit = serializers.DecimalField(max_digits=16, decimal_places=2)
    balance = serializers.DecimalField(max_digits=16, decimal_places=2)


class CustomerAgingRowSerializer(serializers.Serializer):
    """One customer's open amounts in one currency, by days past due, in that currency."""

    customer = serializers.IntegerField(source="customer_id")
    customer_code = serializers.CharField()
    customer_name = serializers.CharField()
    currency = serializers.CharField()
    current = serializers.DecimalField(max_digits=16, decimal_places=2, source="buckets.current")
    days_1_30 = serializers.DecimalField(max_digits=16, decimal_places=2, source="buckets.1_30")
    days_31_60 = serializers.DecimalField(max_digits=16, decimal_places=2, source="buckets.31_60")
    days_61_90 = serializers.DecimalField(max_digits=16, decimal_places=2, source="buckets.61_90")
    over_90 = serializers.DecimalField(max_digits=16, decimal_places=2, source="buckets.over_90")
    total = serializers.DecimalField(max_digits=16, decimal_places=2)

    def to_representation(self, instance: Any) -> Any:
        return {
            "customer": instance.customer_id,
            "customer_code": instance.customer_code,
            "customer_name": instance.customer_name,
            "currency": instance.currency,
            **{
                receivables.API_BUCKETS[bucket]: str(amount)
                for bucket, amount in instance.buckets.items()
            },
            "total": str(instance.total),
        }


class AgingRowSerializer(CompanyRowFields, CustomerAgingRowSerializer):
    """A row of the staff aging: also the rate of the day and the total in the company
    currency. A portal customer's rows have neither (not required)."""

    rate = serializers.DecimalField(
        max_digits=20, decimal_places=8, allow_null=True, required=False
    )
    rate_date = serializers.DateField(allow_null=True, required=False)
    total_company = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, required=False
    )

    def to_representation(self, instance: Any) -> Any:
        shown = super().to_representation(instance)
        rate, company = instance.rate, instance.company_amounts
        shown["rate"] = None if rate is None else f"{rate.value:.8f}"
        shown["rate_date"] = None if rate is None or rate.rate_date is None else str(rate.rate_date)
        shown["total_company"] = None if company is None else str(company["total"])
        return shown


class AgingSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    rows = AgingRowSerializer(many=True)
    company = CompanyTotalsSerializer(
        required=False,
        help_text=(
            "Every bucket in the company currency, at each currency's rate on as_of. Staff "
            "only: a portal customer's aging is in their own invoices' currencies."
        ),
    )


class CustomerAgingSerializer(serializers.Serializer):
    """A portal customer's own aging: their amounts in their currencies, nothing of ours."""

    as_of = serializers.DateField()
    rows = CustomerAgingRowSerializer(many=True)


class StatementEntrySerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.CharField()
    number = serializers.CharField()
    reference = serializers.CharField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    balance = serializers.DecimalField(max_digits=16, decimal_places=2)


class StatementSerializer(serializers.Serializer):
    customer = serializers.IntegerField(source="customer.pk")
    customer_code = serializers.CharField(source="customer.code")
    customer_name = serializers.CharField(source="customer.name")
    currency = serializers.CharField(source="customer.currency")
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    opening_balance = serializers.DecimalField(max_digits=16, decimal_places=2)
    entries = StatementEntrySerializer(many=True)
    closing_balance = serializers.DecimalField(max_digits=16, decimal_places=2)


def _date_param(request: Request, name: str, default: date) -> date:
    raw = request.query_params.get(name)
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError({name: ["Use a date as YYYY-MM-DD."]}) from exc


CUSTOMER_PARAM = OpenApiParameter("customer", OpenApiTypes.INT, description="One customer only.")
AS_OF_PARAM = OpenApiParameter("as_of", OpenApiTypes.DATE, description="Default: today.")


class ReceivablesViewSet(PortalScope, viewsets.ViewSet):
    """Who owes what. Staff of finance, sales and audit see every customer; a portal customer
    sees their own balance and statement."""

    permission_classes = [MatrixPermission]
    permission_resource = "receivables"

    def _customer_id(self, request: Request, *, required: bool = False) -> int | None:
        portal = self.portal_customer
        if portal is not None:
            if portal < 0:
                raise NotAllowed(errors.PORTAL_NOT_LINKED, code=SalesErrorCode.PORTAL_NOT_LINKED)
            return portal
        raw = request.query_params.get("customer")
        if not raw:
            if required:
                raise ValidationError({"customer": ["This parameter is required."]})
            return None
        if not raw.isdigit():
            raise ValidationError({"customer": ["A customer id is a number."]})
        return int(raw)

    @extend_schema(parameters=[CUSTOMER_PARAM], responses=BalanceSerializer(many=True))
    @action(detail=False, methods=["get"])
    def balances(self, request: Request) -> Response:
        """Open invoices less unapplied credit, per customer."""
        rows = receivables.receivables_balances(customer_id=self._customer_id(request))
        return Response(BalanceSerializer(rows, many=True).data)

    @extend_schema(parameters=[CUSTOMER_PARAM, AS_OF_PARAM], responses=AgingSerializer)
    @action(detail=False, methods=["get"])
    def aging(self, request: Request) -> Response:
        """Open amounts per customer in buckets of days past due, as of a date."""
        as_of = _date_param(request, "as_of", timezone.localdate())
        customer_id = self._customer_id(request)
        portal = self.portal_customer is not None
        report = receivables.receivables_aging_report(
            as_of=as_of, customer_id=customer_id, in_company_currency=not portal
        )
        return Response((CustomerAgingSerializer if portal else AgingSerializer)(report).data)

    @extend_schema(
        parameters=[
            CUSTOMER_PARAM,
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="Default: 90 days ago."),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="Default: today."),
        ],
        responses=StatementSerializer,
    )
    @action(detail=False, methods=["get"])
    def statement(self, request: Request) -> Response:
        """Invoices and payments between two dates with a running balance."""
        customer = get_object_or_404(Customer, pk=self._customer_id(request, required=True))
        today = timezone.localdate()
        date_to = _date_param(request, "date_to", today)
        date_from = _date_param(request, "date_from", date_to.replace(day=1))
        statement = receivables.customer_statement(
            customer=customer, date_from=date_from, date_to=date_to
        )
        return Response(StatementSerializer(statement).data)


class CustomerPortalUserViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Which portal login acts for which customer. Administrators link; sales reads."""

    serializer_class = CustomerPortalUserSerializer
    permission_resource = "customer_portal_user"
    filterset_fields = ["customer", "user"]
    ordering_fields = ["created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[CustomerPortalUser]:
        return CustomerPortalUser.objects.select_related("user", "customer").order_by("id")

    @extend_schema(
        request=CustomerPortalUserSerializer, responses={201: CustomerPortalUserSerializer}
    )
    def create(self, request: Request) -> Response:
        """Link a user to a customer (an existing link of that user is replaced)."""
        data = validated(CustomerPortalUserSerializer, request.data)
        link = portal_services.customer_portal_link(
            user=data["user"], customer=data["customer"], by=self.actor
        )
        return self.render_detail(link, status=status.HTTP_201_CREATED)


class _ReceivablesAgingReport(ReceivablesViewSet):
    def get(self, request: Request) -> Any:
        view: Any = self
        return view.aging(request)


@report_export_schema(
    "Download the receivables aging as CSV or XLSX", [CUSTOMER_PARAM, AS_OF_PARAM]
)
class ReceivablesAgingExportApi(ReportExportMixin, _ReceivablesAgingReport):
    """A portal customer downloads their own aging, staff every customer's (as the report)."""

    export_name = "ar-aging"
    export_row_serializer = AgingRowSerializer

    def get_export_row_serializer(self) -> type[serializers.Serializer]:
        portal = self.portal_customer is not None
        return CustomerAgingRowSerializer if portal else AgingRowSerializer
