"""Price corrections of an issued invoice over the API: ``GET {id}/prices/`` (each line's price
now and what a correction would re-price) and ``POST {id}/price-corrections/`` (a credit note
for lowered prices, a debit note for raised ones)."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.core.api.viewsets import validated
from procura.core.serializers import ProcuraSerializer, StrictPrimaryKeyRelatedField
from procura.sales.models import CustomerInvoice, CustomerInvoiceLine
from procura.sales.services.price_corrections import (
    current_unit_price,
    invoice_price_correct,
    kept_quantity,
)


class InvoiceLinePriceSerializer(ProcuraSerializer):
    invoice_line = serializers.IntegerField()
    line_no = serializers.IntegerField()
    description = serializers.CharField()
    unit = serializers.CharField()
    invoiced_quantity = serializers.DecimalField(max_digits=16, decimal_places=3)
    kept_quantity = serializers.DecimalField(
        max_digits=16,
        decimal_places=3,
        help_text="Invoiced less what credits for returned goods took: what a correction re-prices.",
    )
    invoiced_unit_price = serializers.DecimalField(max_digits=18, decimal_places=4)
    current_unit_price = serializers.DecimalField(
        max_digits=18,
        decimal_places=4,
        help_text="After earlier corrections (credit notes down, debit notes up).",
    )


class PriceCorrectionLineInputSerializer(ProcuraSerializer):
    invoice_line = StrictPrimaryKeyRelatedField(queryset=CustomerInvoiceLine.objects.all())
    unit_price = serializers.DecimalField(
        max_digits=18,
        decimal_places=4,
        min_value=Decimal(0),
        help_text="The right unit price.",
    )


class PriceCorrectionInputSerializer(ProcuraSerializer):
    reason_text = serializers.CharField(help_text="Why the price is corrected.")
    lines = PriceCorrectionLineInputSerializer(many=True, allow_empty=False)
    issue_date = serializers.DateField(required=False, allow_null=True)


class PriceCorrectionResultSerializer(ProcuraSerializer):
    document_type = serializers.ChoiceField(choices=["credit_note", "debit_note"])
    id = serializers.IntegerField()
    number = serializers.CharField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.CharField()


class PriceCorrectionMixin:
    """The two actions on the customer invoice viewset."""

    @extend_schema(responses=InvoiceLinePriceSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def prices(self, request: Request, pk: str) -> Response:
        """Each line's price now, and the quantity a correction re-prices."""
        invoice: CustomerInvoice = self.get_object()  # type: ignore[attr-defined]
        rows = [
            {
                "invoice_line": line.pk,
                "line_no": line.order_line.line_no,
                "description": line.description,
                "unit": line.unit,
                "invoiced_quantity": line.quantity,
                "kept_quantity": kept_quantity(line),
                "invoiced_unit_price": line.unit_price,
                "current_unit_price": current_unit_price(line),
            }
            for line in invoice.lines.select_related("order_line")
        ]
        return Response(InvoiceLinePriceSerializer(rows, many=True).data)

    @extend_schema(
        request=PriceCorrectionInputSerializer,
        responses={201: PriceCorrectionResultSerializer},
    )
    @action(detail=True, methods=["post"], url_path="price-corrections")
    def price_corrections(self, request: Request, pk: str) -> Response:
        """Correct prices of an issued invoice (never edited): lowered prices are credited by a
        credit note, raised ones charged by a debit note that adds to the balance and aging."""
        data = validated(PriceCorrectionInputSerializer, request.data)
        result = invoice_price_correct(
            invoice=self.get_object(),  # type: ignore[attr-defined]
            lines=data["lines"],
            reason_text=data["reason_text"],
            issue_date=data.get("issue_date"),
            by=request.user,  # type: ignore[arg-type]
        )
        document = result.credit_note or result.debit_note
        assert document is not None  # noqa: S101 - one of the two is always made
        body = {
            "document_type": "credit_note" if result.credit_note else "debit_note",
            "id": document.pk,
            "number": document.number,
            "total": document.total,
            "currency": document.currency,
        }
        return Response(PriceCorrectionResultSerializer(body).data, status=status.HTTP_201_CREATED)
