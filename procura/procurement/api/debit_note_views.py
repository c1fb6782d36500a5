"""Supplier debit notes over the API: raised by returns to the supplier, applied to invoices."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.procurement.models import SupplierDebitNote, SupplierDebitNoteLine, SupplierInvoice
from procura.procurement.selectors.debit_notes import debit_note_list
from procura.procurement.services.debit_notes import debit_note_apply


class SupplierDebitNoteLineSerializer(ProcuraModelSerializer):
    line_no = serializers.IntegerField(source="order_line.line_no", read_only=True)
    unit = serializers.CharField(source="order_line.unit", read_only=True)

    class Meta:
        model = SupplierDebitNoteLine
        fields = [
            "id",
            "order_line",
            "line_no",
            "description",
            "lot_code",
            "quantity",
            "weight",
            "weight_unit",
            "priced_quantity",
            "unit",
            "unit_price",
            "amount",
        ]
        read_only_fields = fields


class DebitNoteApplicationSerializer(serializers.Serializer[object]):
    invoice = serializers.IntegerField(source="invoice_id")
    invoice_number = serializers.CharField(source="invoice.invoice_number")
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    paid_on = serializers.DateField()


class SupplierDebitNoteSerializer(ProcuraModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    order_number = serializers.CharField(source="order.number", read_only=True)
    receipt_number = serializers.CharField(source="receipt.number", read_only=True)
    open_amount = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    lines = SupplierDebitNoteLineSerializer(many=True, read_only=True)
    applications = DebitNoteApplicationSerializer(many=True, read_only=True)

    class Meta:
        model = SupplierDebitNote
        fields = [
            "id",
            "number",
            "supplier",
            "supplier_name",
            "order",
            "order_number",
            "receipt",
            "receipt_number",
            "currency",
            "issue_date",
            "reason",
            "total",
            "amount_applied",
            "open_amount",
            "status",
            "lines",
            "applications",
            "created_at",
        ]
        read_only_fields = fields


class DebitNoteApplySerializer(ProcuraSerializer):
    invoice = StrictPrimaryKeyRelatedField(queryset=SupplierInvoice.objects.all())
    amount = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Default: all that is open on the note, up to the invoice's balance.",
    )


class SupplierDebitNoteViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ProcuraViewSet):
    """Debit notes raised by returns to the supplier: credit expected until applied to one of
    the supplier's approved invoices (automatically on approval of an invoice of the same
    order)."""

    serializer_class = SupplierDebitNoteSerializer
    permission_resource = "supplier_debit_note"
    permission_actions = {"apply": "apply"}
    filterset_fields = ["status", "supplier", "order", "receipt", "currency"]
    search_fields = ["number", "order__number", "supplier__name"]
    ordering_fields = ["issue_date", "total", "created_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[SupplierDebitNote]:
        return debit_note_list()

    @extend_schema(request=DebitNoteApplySerializer, responses=SupplierDebitNoteSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request: Request, pk: str) -> Response:
        """Apply the note to an approved invoice of its supplier in its currency: the invoice's
        balance and the payables aging drop (422 beyond the note's open amount or the
        invoice's balance, 409 for an invoice not approved for payment)."""
        data = dict(validated(DebitNoteApplySerializer, request.data))
        note = self.get_object()
        debit_note_apply(note=note, by=self.actor, **data)
        return self.render_detail(note)
