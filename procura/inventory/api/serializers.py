from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers

from procura.catalog.models import Product
from procura.core.money import QUANTITY_MAX_DIGITS, RATE_MAX_DIGITS
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.inventory.models import (
    Location,
    LowStockAlert,
    ReorderRule,
    StockLevel,
    StockMovement,
    normalise_location_code,
)

OCCURRED_IN_FUTURE = "A movement cannot be booked in the future."
OCCURRED_TOO_EARLY = (
    "A movement can be back-dated by at most {days} days: give a time on or after {earliest}."
)


def quantity_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=QUANTITY_MAX_DIGITS, decimal_places=3, **kwargs)


def cost_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=RATE_MAX_DIGITS, decimal_places=4, **kwargs)


class LocationSerializer(ProcuraModelSerializer):
    class Meta:
        model = Location
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "address",
            "is_active",
            "deactivated_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["is_active", "deactivated_at", "created_at", "updated_at"]
        # Uniqueness is checked on the normalised code by the service (model validation).
        extra_kwargs: dict[str, dict[str, Any]] = {"code": {"validators": []}}

    def validate_code(self, value: str) -> str:
        code = normalise_location_code(value)
        if not code:
            raise serializers.ValidationError("A location code is required.")
        return code


class _ProductAtLocationSerializer(ProcuraModelSerializer):
    """The product's SKU, name and unit and the location's code beside their ids."""

    product_sku = serializers.CharField(source="product.sku", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    unit = serializers.CharField(source="product.unit", read_only=True)
    location_code = serializers.CharField(source="location.code", read_only=True)


class StockLevelSerializer(_ProductAtLocationSerializer):
    lot_tracked = serializers.BooleanField(source="product.lot_tracked", read_only=True)
    catch_weight = serializers.BooleanField(source="product.catch_weight", read_only=True)
    weight_unit = serializers.CharField(source="product.weight_unit", read_only=True)
    available = quantity_field(read_only=True)
    reorder_point = quantity_field(read_only=True, allow_null=True)

    class Meta:
        model = StockLevel
        fields = [
            "id",
            "product",
            "product_sku",
            "product_name",
            "unit",
            "lot_tracked",
            "catch_weight",
            "weight_unit",
            "location",
            "location_code",
            "on_hand",
            "weight_on_hand",
            "reserved",
            "available",
            "average_cost",
            "value",
            "reorder_point",
            "updated_at",
        ]
        read_only_fields = fields


class StockMovementSerializer(ProcuraModelSerializer):
    product_sku = serializers.CharField(source="product.sku", read_only=True)
    unit = serializers.CharField(source="product.unit", read_only=True)
    location_code = serializers.CharField(source="location.code", read_only=True)
    actor_email = serializers.SerializerMethodField()

    class Meta:
        model = StockMovement
        fields = [
            "id",
            "kind",
            "product",
            "product_sku",
            "unit",
            "location",
            "location_code",
            "quantity",
            "unit_cost",
            "value",
            "on_hand_after",
            "source_type",
            "source_id",
            "source_number",
            "reason",
            "transfer_group",
            "actor",
            "actor_email",
            "occurred_at",
        ]
        read_only_fields = fields

    def get_actor_email(self, obj: StockMovement) -> str:
        return obj.actor.email if obj.actor else ""


class ReorderRuleSerializer(ProcuraModelSerializer):
    product_sku = serializers.CharField(source="product.sku", read_only=True)
    location_code = serializers.CharField(source="location.code", read_only=True)

    class Meta:
        model = ReorderRule
        fields = [
            "id",
            "product",
            "product_sku",
            "location",
            "location_code",
            "reorder_point",
            "reorder_quantity",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class ReorderRuleUpdateSerializer(ReorderRuleSerializer):
    """On update only the quantities change; product and location stay."""

    class Meta(ReorderRuleSerializer.Meta):
        read_only_fields = ["product", "location", "created_at", "updated_at"]


class LowStockSerializer(_ProductAtLocationSerializer):
    on_hand = quantity_field(read_only=True)
    available = quantity_field(read_only=True)

    class Meta:
        model = ReorderRule
        fields = [
            "id",
            "product",
            "product_sku",
            "product_name",
            "unit",
            "location",
            "location_code",
            "on_hand",
            "available",
            "reorder_point",
            "reorder_quantity",
        ]
        read_only_fields = fields


class LowStockAlertSerializer(ProcuraModelSerializer):
    class Meta:
        model = LowStockAlert
        fields = [
            "id",
            "product",
            "location",
            "alert_date",
            "on_hand",
            "reorder_point",
            "reorder_quantity",
        ]
        read_only_fields = fields


# --- stock actions (input) -------------------------------------------------------------------


class _StockActionInput(ProcuraSerializer):
    product = StrictPrimaryKeyRelatedField(queryset=Product.objects.all())
    reference = serializers.CharField(
        max_length=64,
        required=False,
        default="",
        allow_blank=True,
        help_text="Your document number (delivery note, count sheet); stored on the movements.",
    )
    occurred_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When it physically happened, if earlier than now (e.g. a late-booked delivery).",
    )

    def validate_occurred_at(self, value: datetime | None) -> datetime | None:
        if value is None:
            return value
        now = timezone.now()
        if value > now:
            raise serializers.ValidationError(OCCURRED_IN_FUTURE)
        # A late-booked delivery or count is normal; a movement in 1900 is a typo that would
        # rewrite every valuation and report since.
        days = settings.STOCK_BACKDATING_DAYS
        earliest = now - timedelta(days=days)
        if value < earliest:
            raise serializers.ValidationError(
                OCCURRED_TOO_EARLY.format(days=days, earliest=earliest.date().isoformat())
            )
        return value


class _AtLocationInput(_StockActionInput):
    location = StrictPrimaryKeyRelatedField(queryset=Location.objects.all())


class ReceiptInputSerializer(_AtLocationInput):
    quantity = quantity_field()
    unit_cost = cost_field()


class IssueInputSerializer(_AtLocationInput):
    quantity = quantity_field()
    from_reservation = serializers.BooleanField(required=False, default=False)


class TransferInputSerializer(_StockActionInput):
    from_location = StrictPrimaryKeyRelatedField(queryset=Location.objects.all())
    to_location = StrictPrimaryKeyRelatedField(queryset=Location.objects.all())
    quantity = quantity_field()


class AdjustmentInputSerializer(_AtLocationInput):
    quantity = quantity_field(help_text="Signed change: positive adds stock, negative removes it.")
    reason = serializers.CharField(max_length=500)
    unit_cost = cost_field(required=False, allow_null=True, default=None)
    lot_code = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="The lot (lot-tracked products): found stock of a new lot registers it; stock "
        "is taken only from a lot on file.",
    )
    use_by = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Use-by of a new lot."
    )
    weight = serializers.DecimalField(
        max_digits=16,
        decimal_places=3,
        min_value=Decimal("0.001"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Actual net weight of the cases added or removed (catch-weight products, "
        "in the product's weight unit); required when adding.",
    )


class CountInputSerializer(_AtLocationInput):
    counted_quantity = quantity_field()
    reason = serializers.CharField(max_length=500, required=False, default="Cycle count")


class MovementsOutputSerializer(ProcuraSerializer):
    movements = StockMovementSerializer(many=True)


class ValuationLocationSerializer(ProcuraSerializer):
    location = serializers.IntegerField(source="location_id")
    location_code = serializers.CharField(source="location__code")
    location_name = serializers.CharField(source="location__name")
    quantity = quantity_field()
    value = serializers.DecimalField(max_digits=16, decimal_places=2)


class ValuationProductSerializer(ProcuraSerializer):
    product = serializers.UUIDField(source="product_id")
    product_sku = serializers.CharField(source="product__sku")
    product_name = serializers.CharField(source="product__name")
    unit = serializers.CharField(source="product__unit")
    quantity = quantity_field()
    value = serializers.DecimalField(max_digits=16, decimal_places=2)


class ValuationSerializer(ProcuraSerializer):
    currency = serializers.CharField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    by_location = ValuationLocationSerializer(many=True)
    by_product = ValuationProductSerializer(many=True)
