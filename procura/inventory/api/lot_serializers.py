"""Lot, lot stock, traceability and scanned-case representations."""

from __future__ import annotations

from rest_framework import serializers

from procura.core.serializers import ProcuraModelSerializer, ProcuraSerializer
from procura.inventory.models import Lot, LotStock, StockMovement


class LotSerializer(ProcuraModelSerializer):
    product_sku = serializers.CharField(source="product.sku", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)
    plant_establishment = serializers.CharField(
        source="plant.establishment_number", read_only=True, default=""
    )
    plant_name = serializers.CharField(source="plant.name", read_only=True, default="")
    supplier_name = serializers.CharField(source="supplier.name", read_only=True, default="")
    on_hand = serializers.DecimalField(max_digits=16, decimal_places=3, read_only=True)
    weight_on_hand = serializers.DecimalField(max_digits=16, decimal_places=3, read_only=True)

    class Meta:
        model = Lot
        fields = [
            "id",
            "code",
            "product",
            "product_sku",
            "product_name",
            "plant",
            "plant_establishment",
            "plant_name",
            "supplier",
            "supplier_name",
            "production_date",
            "pack_date",
            "use_by",
            "country_of_origin",
            "on_hand",
            "weight_on_hand",
            "created_at",
        ]
        read_only_fields = fields


class LotStockSerializer(ProcuraModelSerializer):
    lot_code = serializers.CharField(source="lot.code", read_only=True)
    product = serializers.UUIDField(source="lot.product_id", read_only=True)
    product_sku = serializers.CharField(source="lot.product.sku", read_only=True)
    product_name = serializers.CharField(source="lot.product.name", read_only=True)
    use_by = serializers.DateField(source="lot.use_by", read_only=True)
    plant_establishment = serializers.CharField(
        source="lot.plant.establishment_number", read_only=True, default=""
    )
    location_code = serializers.CharField(source="location.code", read_only=True)
    available = serializers.DecimalField(max_digits=16, decimal_places=3, read_only=True)

    class Meta:
        model = LotStock
        fields = [
            "id",
            "lot",
            "lot_code",
            "product",
            "product_sku",
            "product_name",
            "use_by",
            "plant_establishment",
            "location",
            "location_code",
            "on_hand",
            "reserved",
            "available",
            "weight_on_hand",
        ]
        read_only_fields = fields


class LotMovementSerializer(ProcuraModelSerializer):
    location_code = serializers.CharField(source="location.code", read_only=True)

    class Meta:
        model = StockMovement
        fields = [
            "id",
            "kind",
            "occurred_at",
            "location",
            "location_code",
            "quantity",
            "weight",
            "source_type",
            "source_id",
            "source_number",
        ]
        read_only_fields = fields


class LotTraceSerializer(ProcuraSerializer):
    lot = LotSerializer()
    inbound = LotMovementSerializer(many=True)
    outbound = LotMovementSerializer(many=True)


class CaseLabelInputSerializer(ProcuraSerializer):
    code = serializers.CharField(
        max_length=200,
        trim_whitespace=False,
        help_text="The GS1-128 element string a scanner typed (FNC1/GS as ASCII 29 or '|').",
    )
    purpose = serializers.ChoiceField(choices=["receive", "ship"], default="receive")


class ScannedCaseSerializer(ProcuraSerializer):
    gtin = serializers.CharField()
    product = serializers.UUIDField()
    product_sku = serializers.CharField()
    product_name = serializers.CharField()
    lot = serializers.IntegerField(allow_null=True)
    lot_code = serializers.CharField()
    production_date = serializers.DateField(allow_null=True)
    pack_date = serializers.DateField(allow_null=True)
    use_by = serializers.DateField(allow_null=True)
    net_weight = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    weight_unit = serializers.CharField()
    serial = serializers.CharField()
