"""Order-to-cash API representations. Output serializers render; input serializers translate
the payload into service arguments (the services decide)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from procura.accounts.permission_matrix import readable_for
from procura.catalog.models import Product
from procura.core.money import MONEY_MAX_DIGITS, QUANTITY_MAX_DIGITS
from procura.core.serializers import (
    RECORD_CONTEXT_FIELDS,
    ProcuraModelSerializer,
    ProcuraSerializer,
    RecordContextMixin,
    StrictPrimaryKeyRelatedField,
)
from procura.inventory.models import Location, Lot
from procura.partners.models import Carrier, Customer, PartnerAddress
from procura.sales import record_context
from procura.sales.models import (
    CustomerInvoice,
    CustomerInvoiceLine,
    CustomerPayment,
    CustomerPortalUser,
    PaymentAllocation,
    PaymentMethod,
    SalesOrder,
    SalesOrderHistory,
    SalesOrderLine,
    Shipment,
    ShipmentLine,
)


def quantity_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=QUANTITY_MAX_DIGITS, decimal_places=3, min_value=Decimal("0.001"), **kwargs
    )


def money_field(**kwargs: Any) -> serializers.DecimalField:
    kwargs.setdefault("min_value", Decimal(0))
    return serializers.DecimalField(max_digits=MONEY_MAX_DIGITS, decimal_places=2, **kwargs)


def percent_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal(0), max_value=Decimal(100), **kwargs
    )


class OrderReasonSerializer(ProcuraSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


# --- sales orders --------------------------------------------------------------------------------


class SalesOrderLineSerializer(ProcuraModelSerializer):
    sku = serializers.CharField(source="product.sku", read_only=True)

    class Meta:
        model = SalesOrderLine
        fields = [
            "id",
            "line_no",
            "product",
            "sku",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "discount_percent",
            "tax_rate",
            "net_amount",
            "tax_amount",
            "quantity_reserved",
            "quantity_shipped",
            "quantity_invoiced",
            "price_unit",
            "price_source",
            "lot",
            "weight_shipped",
            "weight_invoiced",
        ]
        read_only_fields = fields


class SalesOrderHistorySerializer(ProcuraModelSerializer):
    by_email = serializers.EmailField(source="by.email", read_only=True, default="")

    class Meta:
        model = SalesOrderHistory
        fields = ["from_status", "to_status", "by", "by_email", "at", "reason"]
        read_only_fields = fields


class SalesOrderStatusSerializer(ProcuraModelSerializer):
    """A step of the order's status timeline as the customer sees it: no staff names."""

    class Meta:
        model = SalesOrderHistory
        fields = ["from_status", "to_status", "at"]
        read_only_fields = fields


# What only staff set on an order (top level and per line): a portal customer chooses
# products, quantities, their PO number, delivery details and notes.
STAFF_ORDER_FIELDS = ("discount_percent", "shipping_charge", "allow_backorder", "location")
STAFF_LINE_FIELDS = ("discount_percent", "lot")


ORDER_LIST_FIELDS = [
    "id",
    "number",
    "customer",
    "customer_code",
    "customer_name",
    "location",
    "location_code",
    "status",
    "order_date",
    "requested_date",
    "currency",
    "subtotal",
    "discount_amount",
    "tax_total",
    "shipping_charge",
    "total",
    "created_at",
]


class SalesOrderListSerializer(ProcuraModelSerializer):
    customer_code = serializers.CharField(source="customer.code", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    location_code = serializers.CharField(source="location.code", read_only=True)

    class Meta:
        model = SalesOrder
        fields = ORDER_LIST_FIELDS
        read_only_fields = fields


class SalesOrderSerializer(RecordContextMixin, SalesOrderListSerializer):  # type: ignore[misc]
    lines = SalesOrderLineSerializer(many=True, read_only=True)
    history = SalesOrderHistorySerializer(source="status_history", many=True, read_only=True)
    backorder_of_number = serializers.CharField(
        source="backorder_of.number", read_only=True, default=""
    )

    class Meta:
        model = SalesOrder
        fields = [
            *ORDER_LIST_FIELDS,
            "ship_to",
            "payment_terms_days",
            "notes",
            "customer_reference",
            "allow_backorder",
            "discount_percent",
            "backorder_of",
            "backorder_of_number",
            "credit_override_comment",
            "confirmed_at",
            "exchange_rate",
            "exchange_rate_date",
            "updated_at",
            "lines",
            "history",
            *RECORD_CONTEXT_FIELDS,
        ]
        read_only_fields = fields

    record_context = {
        "actions": lambda obj, user: record_context.sales_order_actions(order=obj, user=user),
        "related": lambda obj, user: readable_for(
            user, record_context.sales_order_related(order=obj)
        ),
        "workflow": lambda obj, user: record_context.sales_order_workflow(order=obj, user=user),
    }


class PortalSalesOrderSerializer(SalesOrderSerializer):
    """An order as its portal customer reads it: a status timeline instead of the internal
    history, no credit-override comment."""

    history = SalesOrderStatusSerializer(source="status_history", many=True, read_only=True)  # type: ignore[assignment]

    class Meta(SalesOrderSerializer.Meta):
        fields = [
            f
            for f in SalesOrderSerializer.Meta.fields
            if f not in {"credit_override_comment", "exchange_rate", "exchange_rate_date"}
        ]
        read_only_fields = fields


class SalesOrderLineInputSerializer(ProcuraSerializer):
    product = StrictPrimaryKeyRelatedField(queryset=Product.objects.select_related("tax_category"))
    quantity = quantity_field()
    discount_percent = percent_field(required=False, default=Decimal(0))
    description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    lot = StrictPrimaryKeyRelatedField(
        queryset=Lot.objects.all(),
        required=False,
        allow_null=True,
        help_text="Reserve this lot instead of first-expiring-first-out.",
    )


class SalesOrderCreateSerializer(ProcuraSerializer):
    customer = StrictPrimaryKeyRelatedField(
        queryset=Customer.objects.all(),
        required=False,
        help_text="Required for staff; a portal customer always orders for their own account.",
    )
    location = StrictPrimaryKeyRelatedField(
        queryset=Location.objects.all(),
        required=False,
        help_text="Required for staff; the server chooses where a portal customer's order ships"
        " from (the stock location holding most of the ordered products).",
    )
    ship_to = StrictPrimaryKeyRelatedField(
        queryset=PartnerAddress.objects.all(), required=False, allow_null=True
    )
    requested_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    customer_reference = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    discount_percent = percent_field(required=False, default=Decimal(0))
    shipping_charge = money_field(required=False, default=Decimal(0))
    allow_backorder = serializers.BooleanField(required=False, default=False)
    lines = SalesOrderLineInputSerializer(many=True, allow_empty=False)


class SalesOrderLineEditSerializer(SalesOrderLineInputSerializer):
    id = serializers.IntegerField(
        required=False, help_text="An existing line: it keeps its price and tax snapshot."
    )


class SalesOrderUpdateSerializer(ProcuraSerializer):
    """All optional; ``lines``, when sent, replaces every line."""

    location = StrictPrimaryKeyRelatedField(queryset=Location.objects.all(), required=False)
    ship_to = StrictPrimaryKeyRelatedField(
        queryset=PartnerAddress.objects.all(), required=False, allow_null=True
    )
    requested_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    customer_reference = serializers.CharField(max_length=64, required=False, allow_blank=True)
    discount_percent = percent_field(required=False)
    shipping_charge = money_field(required=False)
    allow_backorder = serializers.BooleanField(required=False)
    lines = SalesOrderLineEditSerializer(many=True, required=False, allow_empty=False)


class SalesOrderConfirmSerializer(ProcuraSerializer):
    override_credit = serializers.BooleanField(
        required=False, default=False, help_text="Finance only: confirm beyond the credit limit."
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


# --- shipments -----------------------------------------------------------------------------------


class ShipmentLineSerializer(ProcuraModelSerializer):
    line_no = serializers.IntegerField(source="order_line.line_no", read_only=True)
    sku = serializers.CharField(source="order_line.product.sku", read_only=True)
    description = serializers.CharField(source="order_line.description", read_only=True)
    unit = serializers.CharField(source="order_line.unit", read_only=True)
    lot_code = serializers.CharField(source="lot.code", read_only=True, default="")

    class Meta:
        model = ShipmentLine
        fields = [
            "id",
            "order_line",
            "line_no",
            "sku",
            "description",
            "quantity",
            "unit",
            "lot",
            "lot_code",
            "weight",
        ]
        read_only_fields = fields


class ShipmentSerializer(ProcuraModelSerializer):
    order_number = serializers.CharField(source="order.number", read_only=True)
    customer = serializers.IntegerField(source="order.customer_id", read_only=True)
    carrier_name = serializers.CharField(source="carrier.name", read_only=True, default="")
    lines = ShipmentLineSerializer(many=True, read_only=True)

    class Meta:
        model = Shipment
        fields = [
            "id",
            "number",
            "order",
            "order_number",
            "customer",
            "carrier",
            "carrier_name",
            "tracking_number",
            "ship_date",
            "delivered_date",
            "status",
            "notes",
            "lines",
            "created_at",
        ]
        read_only_fields = fields


class ShipmentLineInputSerializer(ProcuraSerializer):
    order_line = serializers.IntegerField(min_value=1)
    quantity = quantity_field()
    lot = StrictPrimaryKeyRelatedField(
        queryset=Lot.objects.all(),
        required=False,
        allow_null=True,
        help_text="Ship from this lot (a scanned case); else the order's reserved lots.",
    )
    weight = quantity_field(
        required=False, allow_null=True, help_text="Actual net weight (catch weight)."
    )


class ShipInputSerializer(ProcuraSerializer):
    lines = ShipmentLineInputSerializer(
        many=True, required=False, help_text="Omit to ship everything still reserved."
    )
    carrier = StrictPrimaryKeyRelatedField(
        queryset=Carrier.objects.all(), required=False, allow_null=True
    )
    tracking_number = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    ship_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class DeliverInputSerializer(ProcuraSerializer):
    delivered_date = serializers.DateField(required=False, allow_null=True)


# --- invoices and payments -----------------------------------------------------------------------


class CustomerInvoiceLineSerializer(ProcuraModelSerializer):
    class Meta:
        model = CustomerInvoiceLine
        fields = [
            "id",
            "order_line",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "discount_percent",
            "tax_rate",
            "net_amount",
            "tax_amount",
            "corrects_line",
        ]
        read_only_fields = fields


class CustomerInvoiceSerializer(ProcuraModelSerializer):
    customer_code = serializers.CharField(source="customer.code", read_only=True)
    order_number = serializers.CharField(source="order.number", read_only=True)
    balance = serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=2, read_only=True
    )
    lines = CustomerInvoiceLineSerializer(many=True, read_only=True)

    class Meta:
        model = CustomerInvoice
        fields = [
            "id",
            "number",
            "kind",
            "corrects",
            "reason_text",
            "customer",
            "customer_code",
            "order",
            "order_number",
            "currency",
            "issue_date",
            "due_date",
            "status",
            "subtotal",
            "discount_amount",
            "tax_total",
            "shipping_charge",
            "total",
            "amount_paid",
            "balance",
            "exchange_rate",
            "exchange_rate_date",
            "lines",
            "created_at",
        ]
        read_only_fields = fields


class CustomerInvoiceDetailSerializer(RecordContextMixin, CustomerInvoiceSerializer):  # type: ignore[misc]
    """An invoice on its page: with what the reader may do with it, its linked documents (order,
    shipments, credit notes, payments) and where it stands."""

    class Meta(CustomerInvoiceSerializer.Meta):
        fields = [*CustomerInvoiceSerializer.Meta.fields, *RECORD_CONTEXT_FIELDS]
        read_only_fields = fields

    record_context = {
        "actions": lambda obj, user: record_context.customer_invoice_actions(
            invoice=obj, user=user
        ),
        "related": lambda obj, user: readable_for(
            user, record_context.customer_invoice_related(invoice=obj)
        ),
        "workflow": lambda obj, user: record_context.customer_invoice_workflow(
            invoice=obj, user=user
        ),
    }


# What a portal customer does not read on their invoices: the exchange rate to our company
# currency is internal bookkeeping (left out of their orders too).
PORTAL_HIDDEN_INVOICE_FIELDS = frozenset({"exchange_rate", "exchange_rate_date"})


class PortalCustomerInvoiceSerializer(CustomerInvoiceSerializer):
    class Meta(CustomerInvoiceSerializer.Meta):
        fields = [
            f
            for f in CustomerInvoiceSerializer.Meta.fields
            if f not in PORTAL_HIDDEN_INVOICE_FIELDS
        ]
        read_only_fields = fields


class PortalCustomerInvoiceDetailSerializer(CustomerInvoiceDetailSerializer):
    class Meta(CustomerInvoiceDetailSerializer.Meta):
        fields = [
            f
            for f in CustomerInvoiceDetailSerializer.Meta.fields
            if f not in PORTAL_HIDDEN_INVOICE_FIELDS
        ]
        read_only_fields = fields


class InvoiceCreateSerializer(ProcuraSerializer):
    order = StrictPrimaryKeyRelatedField(queryset=SalesOrder.objects.all())
    issue_date = serializers.DateField(required=False, allow_null=True)


class PaymentAllocationSerializer(ProcuraModelSerializer):
    invoice_number = serializers.CharField(source="invoice.number", read_only=True)

    class Meta:
        model = PaymentAllocation
        fields = ["id", "invoice", "invoice_number", "amount", "applied_on", "exchange_difference"]
        read_only_fields = fields


class CustomerPaymentSerializer(ProcuraModelSerializer):
    customer_code = serializers.CharField(source="customer.code", read_only=True)
    allocations = PaymentAllocationSerializer(many=True, read_only=True)

    class Meta:
        model = CustomerPayment
        fields = [
            "id",
            "number",
            "customer",
            "customer_code",
            "amount",
            "currency",
            "received_on",
            "method",
            "reference",
            "unapplied_amount",
            "notes",
            "exchange_rate",
            "exchange_rate_date",
            "allocations",
            "created_at",
        ]
        read_only_fields = fields


class AllocationInputSerializer(ProcuraSerializer):
    invoice = StrictPrimaryKeyRelatedField(queryset=CustomerInvoice.objects.all())
    amount = money_field(min_value=Decimal("0.01"))


class PaymentCreateSerializer(ProcuraSerializer):
    customer = StrictPrimaryKeyRelatedField(queryset=Customer.objects.all())
    amount = money_field(min_value=Decimal("0.01"))
    received_on = serializers.DateField(required=False, allow_null=True)
    method = serializers.ChoiceField(
        choices=[c for c in PaymentMethod.choices if c[0] != PaymentMethod.CREDIT_NOTE],
        help_text="Credit notes settle invoices through /credit-notes/, not as payments.",
    )
    reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    allocations = AllocationInputSerializer(
        many=True,
        required=False,
        help_text="Omit to apply to the oldest open invoices first; what is left is credit.",
    )


class PaymentApplySerializer(ProcuraSerializer):
    allocations = AllocationInputSerializer(many=True, allow_empty=False)


class CustomerPortalUserSerializer(ProcuraModelSerializer):
    user_email = serializers.EmailField(source="user.email", read_only=True)
    user_name = serializers.CharField(source="user.full_name", read_only=True)
    user_is_active = serializers.BooleanField(source="user.is_active", read_only=True)
    customer_code = serializers.CharField(source="customer.code", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = CustomerPortalUser
        fields = [
            "id",
            "user",
            "user_email",
            "user_name",
            "user_is_active",
            "customer",
            "customer_code",
            "customer_name",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "user_email",
            "user_name",
            "user_is_active",
            "customer_code",
            "customer_name",
            "created_at",
        ]
