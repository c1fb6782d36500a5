"""API representations of purchase orders, goods receipts, supplier invoices and payments."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procura.accounts.permission_matrix import readable_for
from procura.catalog.models import Product
from procura.core.money import CURRENCY_CHOICES, MONEY_MAX_DIGITS
from procura.core.serializers import (
    RECORD_CONTEXT_FIELDS,
    ProcuraModelSerializer,
    ProcuraSerializer,
    RecordContextMixin,
    StrictPrimaryKeyRelatedField,
)
from procura.core.units import UnitOfMeasure
from procura.currency.api.serializers import CompanyRowFields, CompanyTotalsSerializer
from procura.inventory.models import Location
from procura.partners.models import Plant, Supplier
from procura.procurement.api.serializers import PersonSerializer, price_field, quantity_field
from procura.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderRevision,
    PurchaseRequest,
    SupplierDebitNote,
    SupplierInvoice,
    SupplierInvoiceKind,
    SupplierInvoiceLine,
    SupplierPayment,
)
from procura.procurement.models.invoices import ENTERED_PAYMENT_METHODS
from procura.procurement.selectors import record_context
from procura.procurement.services.matching import line_matches
from procura.procurement.services.supplier_terms import line_term_warnings


def money_field(**kwargs: object) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=MONEY_MAX_DIGITS, decimal_places=2, **kwargs)  # type: ignore[arg-type]


# --- purchase orders -----------------------------------------------------------------------------


class PurchaseOrderLineSerializer(ProcuraModelSerializer):
    class Meta:
        model = PurchaseOrderLine
        fields = [
            "id",
            "line_no",
            "product",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "line_total",
            "quantity_received",
            "quantity_invoiced",
            "request_item",
        ]
        read_only_fields = fields


class PurchaseOrderSerializer(ProcuraModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    ship_to_code = serializers.CharField(source="ship_to.code", read_only=True)
    lines = PurchaseOrderLineSerializer(many=True, read_only=True)

    class Meta:
        model = PurchaseOrder
        fields = [
            "id",
            "number",
            "status",
            "supplier",
            "supplier_name",
            "ship_to",
            "ship_to_code",
            "currency",
            "exchange_rate",
            "exchange_rate_date",
            "over_budget",
            "payment_terms_days",
            "expected_date",
            "total",
            "revision",
            "notes",
            "issued_at",
            "closed_at",
            "cancelled_at",
            "archived_at",
            "last_mailed_at",
            "mailed_revision",
            "last_mail_error",
            "lines",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class OrderRfqSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()


class PurchaseOrderDetailSerializer(RecordContextMixin, PurchaseOrderSerializer):  # type: ignore[misc]
    requests = StrictPrimaryKeyRelatedField(many=True, read_only=True)

    line_warnings = serializers.SerializerMethodField(
        help_text="Per line id: below the supplier's minimum order quantity, or not whole packs."
    )
    rfq = serializers.SerializerMethodField(help_text="The RFQ this order was awarded from.")

    class Meta(PurchaseOrderSerializer.Meta):
        fields = [
            *PurchaseOrderSerializer.Meta.fields,
            "requests",
            "line_warnings",
            "rfq",
            *RECORD_CONTEXT_FIELDS,
        ]
        read_only_fields = fields

    record_context = {
        "actions": lambda obj, user: record_context.purchase_order_actions(order=obj, user=user),
        "related": lambda obj, user: readable_for(
            user, record_context.purchase_order_related(order=obj)
        ),
        "workflow": lambda obj, user: record_context.purchase_order_workflow(order=obj, user=user),
    }

    def get_line_warnings(self, order: PurchaseOrder) -> dict[str, list[str]]:
        warnings = line_term_warnings(
            supplier_id=order.supplier_id,
            supplier_name=order.supplier.name,
            lines=list(order.lines.all()),
        )
        return {str(line_id): messages for line_id, messages in warnings.items()}

    @extend_schema_field(OrderRfqSerializer(allow_null=True))
    def get_rfq(self, order: PurchaseOrder) -> dict[str, Any] | None:
        invitation = (
            order.rfq_invitations.select_related("rfq").order_by("id").first() if order.pk else None
        )
        if invitation is None:
            return None
        return {"id": invitation.rfq_id, "number": invitation.rfq.number}


class PurchaseOrderLineInputSerializer(ProcuraSerializer):
    id = serializers.IntegerField(
        required=False, help_text="An existing line to change; leave out to add a line."
    )
    product = StrictPrimaryKeyRelatedField(
        queryset=Product.objects.active(), required=False, allow_null=True
    )
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    quantity = quantity_field()
    unit = serializers.ChoiceField(choices=UnitOfMeasure.choices, required=False)
    unit_price = price_field(required=False)


class PurchaseOrderWriteSerializer(ProcuraSerializer):
    supplier = StrictPrimaryKeyRelatedField(queryset=Supplier.objects.all())
    ship_to = StrictPrimaryKeyRelatedField(queryset=Location.objects.all())
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    expected_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    lines = PurchaseOrderLineInputSerializer(many=True, required=False)


class PurchaseOrderUpdateSerializer(ProcuraSerializer):
    ship_to = StrictPrimaryKeyRelatedField(queryset=Location.objects.all(), required=False)
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    expected_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    lines = PurchaseOrderLineInputSerializer(many=True, required=False)
    reason = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Why an issued order changes."
    )


class CreateFromRequestsSerializer(ProcuraSerializer):
    requests = StrictPrimaryKeyRelatedField(
        many=True, queryset=PurchaseRequest.objects.all(), allow_empty=False
    )
    ship_to = StrictPrimaryKeyRelatedField(queryset=Location.objects.all())
    expected_date = serializers.DateField(required=False, allow_null=True)


class ReasonSerializer(ProcuraSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PurchaseOrderRevisionSerializer(ProcuraModelSerializer):
    created_by = PersonSerializer(read_only=True)

    class Meta:
        model = PurchaseOrderRevision
        fields = ["revision", "snapshot", "reason", "created_by", "created_at"]
        read_only_fields = fields


# --- goods receipts ------------------------------------------------------------------------------


class GoodsReceiptLineSerializer(ProcuraModelSerializer):
    line_no = serializers.IntegerField(source="order_line.line_no", read_only=True)
    lot_code = serializers.CharField(source="lot.code", read_only=True, default="")
    use_by = serializers.DateField(
        source="lot.use_by", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = GoodsReceiptLine
        fields = [
            "id",
            "order_line",
            "line_no",
            "quantity_received",
            "quantity_rejected",
            "rejection_reason",
            "quantity_returned",
            "unit_cost",
            "lot",
            "lot_code",
            "use_by",
            "net_weight",
        ]
        read_only_fields = fields


class ReceiptDebitNoteSerializer(ProcuraModelSerializer):
    class Meta:
        model = SupplierDebitNote
        fields = ["id", "number", "total", "amount_applied", "status"]
        read_only_fields = fields


class GoodsReceiptSerializer(ProcuraModelSerializer):
    order_number = serializers.CharField(source="order.number", read_only=True)
    lines = GoodsReceiptLineSerializer(many=True, read_only=True)
    debit_notes = ReceiptDebitNoteSerializer(
        many=True, read_only=True, help_text="Raised by returns of this receipt's goods."
    )

    class Meta:
        model = GoodsReceipt
        fields = [
            "id",
            "number",
            "order",
            "order_number",
            "received_on",
            "notes",
            "lines",
            "debit_notes",
            "created_at",
        ]
        read_only_fields = fields


class GoodsReceiptLineInputSerializer(ProcuraSerializer):
    order_line = StrictPrimaryKeyRelatedField(queryset=PurchaseOrderLine.objects.all())
    quantity_received = serializers.DecimalField(
        max_digits=16, decimal_places=3, min_value=Decimal(0), required=False, default=Decimal(0)
    )
    quantity_rejected = serializers.DecimalField(
        max_digits=16, decimal_places=3, min_value=Decimal(0), required=False, default=Decimal(0)
    )
    rejection_reason = serializers.CharField(max_length=300, required=False, allow_blank=True)
    lot_code = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text="Required for lot-tracked."
    )
    plant = StrictPrimaryKeyRelatedField(
        queryset=Plant.objects.all(), required=False, allow_null=True
    )
    production_date = serializers.DateField(required=False, allow_null=True)
    pack_date = serializers.DateField(required=False, allow_null=True)
    use_by = serializers.DateField(required=False, allow_null=True)
    country_of_origin = serializers.CharField(max_length=2, required=False, allow_blank=True)
    net_weight = serializers.DecimalField(
        max_digits=16,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
        allow_null=True,
        help_text="Actual net weight of the cases received (catch-weight products).",
    )


class GoodsReceiptWriteSerializer(ProcuraSerializer):
    order = StrictPrimaryKeyRelatedField(queryset=PurchaseOrder.objects.all())
    received_on = serializers.DateField(required=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    lines = GoodsReceiptLineInputSerializer(many=True)


class ReturnLineInputSerializer(ProcuraSerializer):
    receipt_line = StrictPrimaryKeyRelatedField(queryset=GoodsReceiptLine.objects.all())
    quantity = quantity_field()
    weight = serializers.DecimalField(
        max_digits=16,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Actual net weight of the returned cases (catch weight); default: their "
        "share of the line's weight.",
    )


class ReceiptReturnWriteSerializer(ProcuraSerializer):
    reason = serializers.CharField(max_length=300)
    lines = ReturnLineInputSerializer(many=True, allow_empty=False)


# --- supplier invoices and payments --------------------------------------------------------------


class SupplierInvoiceLineSerializer(ProcuraModelSerializer):
    class Meta:
        model = SupplierInvoiceLine
        fields = [
            "id",
            "line_no",
            "order_line",
            "description",
            "quantity",
            "unit_price",
            "line_total",
        ]
        read_only_fields = fields


class MatchIssueSerializer(ProcuraSerializer):
    code = serializers.CharField()
    message = serializers.CharField()
    line_no = serializers.IntegerField(allow_null=True)


class SupplierPaymentSerializer(ProcuraModelSerializer):
    class Meta:
        model = SupplierPayment
        fields = [
            "id",
            "invoice",
            "amount",
            "paid_on",
            "method",
            "reference",
            "debit_note",
            "credit_note",
            "created_at",
        ]
        read_only_fields = fields


class CreditApplicationSerializer(ProcuraSerializer):
    """One application of a credit note: the invoice it reduced, how much, when."""

    id = serializers.IntegerField()
    invoice = serializers.IntegerField(source="invoice_id")
    invoice_number = serializers.CharField(source="invoice.invoice_number")
    amount = money_field()
    paid_on = serializers.DateField()


class SupplierInvoiceSerializer(ProcuraModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True, allow_null=True)
    balance = money_field(read_only=True)
    match_exceptions = MatchIssueSerializer(many=True, read_only=True)
    approved_by = PersonSerializer(read_only=True, allow_null=True)
    exception_accepted_by = PersonSerializer(read_only=True, allow_null=True)
    lines = SupplierInvoiceLineSerializer(many=True, read_only=True)
    payments = SupplierPaymentSerializer(many=True, read_only=True)
    low_confidence_fields = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Fields read from the source document with low confidence: check them first.",
    )
    credited_invoice_number = serializers.CharField(
        source="credited_invoice.invoice_number",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="On a credit note: the number of the invoice it credits.",
    )

    class Meta:
        model = SupplierInvoice
        fields = [
            "id",
            "kind",
            "supplier",
            "supplier_name",
            "invoice_number",
            "purchase_order",
            "invoice_date",
            "due_date",
            "currency",
            "subtotal",
            "tax",
            "total",
            "amount_paid",
            "balance",
            "status",
            "match_exceptions",
            "matched_at",
            "exception_accepted_by",
            "exception_comment",
            "approved_by",
            "approved_at",
            "voided_at",
            "void_reason",
            "source_document",
            "low_confidence_fields",
            "credited_invoice",
            "credited_invoice_number",
            "credited_invoice_reference",
            "lines",
            "payments",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class LineMatchSerializer(ProcuraSerializer):
    """One invoice line against its order line and what was received."""

    line_no = serializers.IntegerField()
    description = serializers.CharField()
    order_line_no = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField()
    ordered_quantity = serializers.DecimalField(max_digits=14, decimal_places=3, allow_null=True)
    received_quantity = serializers.DecimalField(max_digits=14, decimal_places=3, allow_null=True)
    invoiced_elsewhere = serializers.DecimalField(
        max_digits=14,
        decimal_places=3,
        allow_null=True,
        help_text="Billed of the order line by the supplier's other invoices.",
    )
    invoiced_quantity = serializers.DecimalField(max_digits=14, decimal_places=3)
    quantity_variance = serializers.DecimalField(
        max_digits=14,
        decimal_places=3,
        allow_null=True,
        help_text="Invoiced in all minus received: above zero is billed and not received.",
    )
    quantity_allowed = serializers.DecimalField(
        max_digits=14, decimal_places=3, allow_null=True, help_text="What may be billed in all."
    )
    ordered_price = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    invoiced_price = serializers.DecimalField(max_digits=14, decimal_places=4)
    price_variance = serializers.DecimalField(
        max_digits=14, decimal_places=4, allow_null=True, help_text="Invoiced minus ordered."
    )
    price_tolerance = serializers.DecimalField(
        max_digits=14, decimal_places=4, allow_null=True, help_text="The unit-price rise allowed."
    )
    price_tolerance_rule = serializers.CharField(help_text="How the tolerance was set.")
    price_variance_amount = money_field(
        allow_null=True, help_text="Price variance times the invoiced quantity."
    )
    line_total = money_field()
    ok = serializers.BooleanField()
    issues = MatchIssueSerializer(many=True)


class SupplierInvoiceDetailSerializer(RecordContextMixin, SupplierInvoiceSerializer):  # type: ignore[misc]
    """An invoice on its own page: the per-line three-way match, what the reader may do with
    it, its order, receipts and payments, and its workflow."""

    entered_by = PersonSerializer(source="created_by", read_only=True, allow_null=True)
    purchase_order_number = serializers.CharField(
        source="purchase_order.number", read_only=True, allow_null=True, default=None
    )
    match_lines = serializers.SerializerMethodField(
        help_text="Per line: ordered, received and invoiced quantity and price, the variance "
        "and the tolerance used (as the match would judge it now)."
    )
    credit_applications = CreditApplicationSerializer(
        many=True,
        read_only=True,
        help_text="On a credit note: the invoices it was applied to (its amount_paid in total; "
        "balance is the credit left).",
    )

    class Meta(SupplierInvoiceSerializer.Meta):
        fields = [
            *SupplierInvoiceSerializer.Meta.fields,
            "entered_by",
            "purchase_order_number",
            "match_lines",
            "credit_applications",
            *RECORD_CONTEXT_FIELDS,
        ]
        read_only_fields = fields

    record_context = {
        "actions": lambda obj, user: record_context.supplier_invoice_actions(
            invoice=obj, user=user
        ),
        "related": lambda obj, user: readable_for(
            user, record_context.supplier_invoice_related(invoice=obj)
        ),
        "workflow": lambda obj, user: record_context.supplier_invoice_workflow(
            invoice=obj, user=user
        ),
    }

    @extend_schema_field(LineMatchSerializer(many=True))
    def get_match_lines(self, invoice: SupplierInvoice) -> Any:
        rows = [
            {**asdict(row), "ok": row.ok, "issues": [i.as_dict() for i in row.issues]}
            for row in line_matches(invoice)
        ]
        return LineMatchSerializer(rows, many=True).data


class SupplierInvoiceLineInputSerializer(ProcuraSerializer):
    order_line = StrictPrimaryKeyRelatedField(
        queryset=PurchaseOrderLine.objects.select_related("order"), required=False, allow_null=True
    )
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    quantity = quantity_field()
    unit_price = price_field()


class SupplierInvoiceWriteSerializer(ProcuraSerializer):
    supplier = StrictPrimaryKeyRelatedField(queryset=Supplier.objects.all())
    invoice_number = serializers.CharField(max_length=60)
    purchase_order = StrictPrimaryKeyRelatedField(
        queryset=PurchaseOrder.objects.all(), required=False, allow_null=True
    )
    invoice_date = serializers.DateField()
    due_date = serializers.DateField(required=False, allow_null=True)
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    subtotal = money_field(min_value=Decimal(0))
    tax = money_field(min_value=Decimal(0), required=False, default=Decimal(0))
    total = money_field(min_value=Decimal(0))
    lines = SupplierInvoiceLineInputSerializer(many=True, allow_empty=False)
    kind = serializers.ChoiceField(
        choices=SupplierInvoiceKind.choices,
        required=False,
        help_text="invoice (default) or credit_note: what the supplier owes us back.",
    )
    credited_invoice = StrictPrimaryKeyRelatedField(
        queryset=SupplierInvoice.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="On a credit note: the supplier's invoice it credits.",
    )


class CreditNotePostSerializer(ProcuraSerializer):
    credited_invoice = StrictPrimaryKeyRelatedField(
        queryset=SupplierInvoice.objects.all(),
        required=False,
        allow_null=True,
        help_text="The supplier's invoice the credit note credits, applied to it on posting "
        "when it is approved and open. Left out: the one the credit note names already; null: "
        "none (the link read from the document is cleared, the credit applied later).",
    )


class CreditNoteApplySerializer(ProcuraSerializer):
    invoice = StrictPrimaryKeyRelatedField(queryset=SupplierInvoice.objects.all())
    amount = money_field(
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Default: all the credit left, up to the invoice's balance.",
    )


class CommentSerializer(ProcuraSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class SupplierPaymentWriteSerializer(ProcuraSerializer):
    invoice = StrictPrimaryKeyRelatedField(queryset=SupplierInvoice.objects.all())
    amount = money_field(min_value=Decimal("0.01"))
    paid_on = serializers.DateField()
    method = serializers.ChoiceField(choices=ENTERED_PAYMENT_METHODS)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class ApAgingRowSerializer(ProcuraSerializer, CompanyRowFields):  # type: ignore[misc]
    supplier_id = serializers.IntegerField()
    supplier_code = serializers.CharField()
    supplier_name = serializers.CharField()
    currency = serializers.CharField()
    current = money_field(source="buckets.current")
    days_1_30 = money_field(source="buckets.days_1_30")
    days_31_60 = money_field(source="buckets.days_31_60")
    days_61_90 = money_field(source="buckets.days_61_90")
    over_90 = money_field(source="buckets.over_90")
    total = money_field()


class ApAgingSerializer(ProcuraSerializer):
    as_of = serializers.DateField()
    rows = ApAgingRowSerializer(many=True)
    company = CompanyTotalsSerializer(
        help_text="Every bucket in the company currency, at each currency's rate on as_of."
    )
