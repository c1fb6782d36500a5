"""Requests for quotation on the wire: the buyer's side and the supplier's quotation page."""

from __future__ import annotations

from rest_framework import serializers

from procura.catalog.models import Product
from procura.core.money import CURRENCY_CHOICES
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.core.units import UnitOfMeasure
from procura.inventory.models import Location
from procura.partners.models import Supplier
from procura.procurement.api.serializers import price_field, quantity_field
from procura.procurement.models import (
    PurchaseRequest,
    Rfq,
    RfqInvitation,
    RfqLine,
    RfqQuote,
)


class RfqLineSerializer(ProcuraModelSerializer):
    product_sku = serializers.CharField(source="product.sku", read_only=True, default="")

    class Meta:
        model = RfqLine
        fields = ["id", "line_no", "product", "product_sku", "description", "quantity", "unit"]
        read_only_fields = fields


class RfqQuoteSerializer(ProcuraModelSerializer):
    class Meta:
        model = RfqQuote
        fields = ["line", "unit_price", "quantity", "lead_time_days", "line_total"]
        read_only_fields = fields


class RfqInvitationSerializer(ProcuraModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    purchase_order_number = serializers.CharField(
        source="purchase_order.number", read_only=True, default=None
    )
    quotes = RfqQuoteSerializer(many=True, read_only=True)
    link = serializers.SerializerMethodField(help_text="The supplier's own link to quote.")

    class Meta:
        model = RfqInvitation
        fields = [
            "id",
            "supplier",
            "supplier_name",
            "email",
            "status",
            "responded_at",
            "valid_until",
            "supplier_notes",
            "purchase_order",
            "purchase_order_number",
            "quotes",
            "link",
        ]
        read_only_fields = fields

    def get_link(self, invitation: RfqInvitation) -> str:
        from procura.procurement.services.rfqs import rfq_link_url

        return rfq_link_url(invitation)


class RfqListInvitationSerializer(ProcuraModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)

    class Meta:
        model = RfqInvitation
        fields = ["id", "supplier", "supplier_name", "status", "purchase_order"]
        read_only_fields = fields


class RfqSerializer(ProcuraModelSerializer):
    ship_to_code = serializers.CharField(source="ship_to.code", read_only=True)
    request_number = serializers.CharField(source="request.number", read_only=True, default=None)
    invitations = RfqListInvitationSerializer(many=True, read_only=True)

    class Meta:
        model = Rfq
        fields = [
            "id",
            "number",
            "title",
            "status",
            "currency",
            "respond_by",
            "ship_to",
            "ship_to_code",
            "request",
            "request_number",
            "sent_at",
            "awarded_at",
            "invitations",
            "created_at",
        ]
        read_only_fields = fields


class RfqDetailSerializer(RfqSerializer):
    lines = RfqLineSerializer(many=True, read_only=True)
    invitations = RfqInvitationSerializer(many=True, read_only=True)  # type: ignore[assignment]

    class Meta(RfqSerializer.Meta):
        fields = [*RfqSerializer.Meta.fields, "notes", "lines", "comparison"]
        read_only_fields = fields


class RfqLineWriteSerializer(ProcuraSerializer):
    product = StrictPrimaryKeyRelatedField(
        queryset=Product.objects.all(), required=False, allow_null=True
    )
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    quantity = quantity_field()
    unit = serializers.ChoiceField(choices=UnitOfMeasure.choices, required=False)


class RfqWriteSerializer(ProcuraSerializer):
    title = serializers.CharField(max_length=200)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    respond_by = serializers.DateField()
    ship_to = StrictPrimaryKeyRelatedField(queryset=Location.objects.all())
    request = StrictPrimaryKeyRelatedField(
        queryset=PurchaseRequest.objects.all(), required=False, allow_null=True
    )
    suppliers = StrictPrimaryKeyRelatedField(
        queryset=Supplier.objects.all(), many=True, allow_empty=False
    )
    lines = RfqLineWriteSerializer(many=True, required=False)


class RfqAwardLineSerializer(ProcuraSerializer):
    line = serializers.IntegerField()
    invitation = serializers.IntegerField()


class RfqAwardSerializer(ProcuraSerializer):
    """Either ``invitation`` (the whole RFQ to one supplier) or ``lines`` (per line)."""

    invitation = StrictPrimaryKeyRelatedField(
        queryset=RfqInvitation.objects.all(), required=False, allow_null=True
    )
    lines = RfqAwardLineSerializer(many=True, required=False)

    def validate(self, attrs: dict) -> dict:
        if bool(attrs.get("invitation")) == bool(attrs.get("lines")):
            raise serializers.ValidationError(
                {"lines": ["Award per line or name one supplier for the whole, not both."]}
            )
        return attrs


class AwardedOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    supplier_name = serializers.CharField(source="supplier.name")
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.CharField()


class AwardResultSerializer(serializers.Serializer):
    orders = AwardedOrderSerializer(many=True)


class ComparisonQuoteSerializer(serializers.Serializer):
    invitation = serializers.IntegerField()
    unit_price = serializers.CharField()
    quantity = serializers.CharField()
    line_total = serializers.CharField()
    lead_time_days = serializers.IntegerField()
    best_price = serializers.BooleanField()
    fastest = serializers.BooleanField()
    short = serializers.BooleanField()


class ComparisonLineSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    line_no = serializers.IntegerField()
    description = serializers.CharField()
    quantity = serializers.CharField()
    unit = serializers.CharField()
    awarded_invitation = serializers.IntegerField(allow_null=True)
    quotes = ComparisonQuoteSerializer(many=True)


class ComparisonSupplierSerializer(serializers.Serializer):
    invitation = serializers.IntegerField()
    supplier = serializers.IntegerField()
    supplier_name = serializers.CharField()
    status = serializers.CharField()
    responded_at = serializers.CharField(allow_null=True)
    valid_until = serializers.CharField(allow_null=True)
    notes = serializers.CharField(allow_blank=True)
    lines_quoted = serializers.IntegerField()
    total = serializers.CharField()
    rating_percent = serializers.CharField(allow_null=True)
    on_time_percent = serializers.CharField(allow_null=True)
    purchase_order = serializers.CharField(allow_null=True)


class ComparisonSerializer(serializers.Serializer):
    rfq = serializers.CharField()
    currency = serializers.CharField()
    suppliers = ComparisonSupplierSerializer(many=True)
    lines = ComparisonLineSerializer(many=True)


# --- the supplier's quotation page (no account) ---------------------------------------------


class SupplierQuoteLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    line_no = serializers.IntegerField()
    description = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=16, decimal_places=3)
    unit = serializers.CharField()
    unit_price = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    quoted_quantity = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    lead_time_days = serializers.IntegerField(allow_null=True)


class SupplierQuotePageSerializer(serializers.Serializer):
    rfq_number = serializers.CharField()
    title = serializers.CharField()
    notes = serializers.CharField(allow_blank=True)
    currency = serializers.CharField()
    respond_by = serializers.DateField()
    ship_to = serializers.CharField()
    supplier_name = serializers.CharField()
    status = serializers.CharField()
    open = serializers.BooleanField()
    valid_until = serializers.DateField(allow_null=True)
    supplier_notes = serializers.CharField(allow_blank=True)
    lines = SupplierQuoteLineSerializer(many=True)


class SupplierQuoteLineWriteSerializer(ProcuraSerializer):
    line = serializers.IntegerField()
    unit_price = price_field()
    quantity = quantity_field()
    lead_time_days = serializers.IntegerField(min_value=0, max_value=3650)


class SupplierQuoteWriteSerializer(ProcuraSerializer):
    lines = SupplierQuoteLineWriteSerializer(many=True, required=False, default=list)
    valid_until = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    decline = serializers.BooleanField(required=False, default=False)
