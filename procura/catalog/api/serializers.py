from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from procura.catalog.models import (
    WEIGHT_UNIT_CHOICES,
    Category,
    Product,
    SupplierItem,
    TaxCategory,
    TaxRate,
)
from procura.catalog.selectors import RESOLVE_MAX_IDENTIFIERS, Resolution
from procura.core.money import CURRENCY_CHOICES, QUANTITY_MAX_DIGITS, RATE_MAX_DIGITS
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)
from procura.core.units import UnitOfMeasure
from procura.partners.models import Supplier

# --- categories ---------------------------------------------------------------------------------


class CategorySerializer(ProcuraModelSerializer):
    children_count = serializers.IntegerField(read_only=True, default=0)
    product_count = serializers.SerializerMethodField(
        help_text="Products in this category and all its subcategories."
    )

    class Meta:
        model = Category
        fields = [
            "id",
            "name",
            "parent",
            "level",
            "path",
            "children_count",
            "product_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_product_count(self, category: Category) -> int:
        counts: dict[int, int] = self.context.get("product_counts") or {}
        return counts.get(category.pk, 0)


class CategoryCreateSerializer(ProcuraSerializer):
    name = serializers.CharField(max_length=120)
    parent = StrictPrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Category.objects.all(), allow_null=True, required=False, default=None
    )


class CategoryRenameSerializer(ProcuraSerializer):
    name = serializers.CharField(max_length=120)


class CategoryMoveSerializer(ProcuraSerializer):
    parent = StrictPrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Category.objects.all(),
        allow_null=True,
        help_text="The new parent; null makes the category a root.",
    )


class CategoryTreeNodeSerializer(ProcuraSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    level = serializers.IntegerField()
    path = serializers.CharField()
    parent_id = serializers.IntegerField(allow_null=True)
    product_count = serializers.IntegerField(
        help_text="Products in this category and all its subcategories."
    )


CategoryTreeNodeSerializer._declared_fields["children"] = CategoryTreeNodeSerializer(many=True)


# --- tax ----------------------------------------------------------------------------------------


class TaxCategorySerializer(ProcuraModelSerializer):
    class Meta:
        model = TaxCategory
        fields = ["id", "code", "name", "description", "is_active", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class TaxCategoryUpdateSerializer(ProcuraSerializer):
    name = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class TaxRateSerializer(ProcuraModelSerializer):
    tax_category_code = serializers.CharField(source="tax_category.code", read_only=True)

    class Meta:
        model = TaxRate
        fields = [
            "id",
            "tax_category",
            "tax_category_code",
            "region",
            "rate_percent",
            "valid_from",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "tax_category_code", "created_at", "updated_at"]
        validators: list[Any] = []  # uniqueness is the service's (409 naming the rate)


class TaxRateUpdateSerializer(ProcuraSerializer):
    rate_percent = serializers.DecimalField(max_digits=7, decimal_places=4, required=False)
    valid_from = serializers.DateField(required=False)


class TaxRateLookupSerializer(ProcuraSerializer):
    tax_category = StrictPrimaryKeyRelatedField(queryset=TaxCategory.objects.all())
    region = serializers.CharField(max_length=16)
    on = serializers.DateField(required=False)


class TaxRateLookupResultSerializer(ProcuraSerializer):
    tax_category = serializers.IntegerField()
    region = serializers.CharField()
    on = serializers.DateField()
    rate_percent = serializers.DecimalField(max_digits=7, decimal_places=4)


# --- products -----------------------------------------------------------------------------------

PUBLIC_PRODUCT_FIELDS = [
    "id",
    "sku",
    "name",
    "description",
    "category",
    "category_name",
    "unit",
    "list_price",
    "currency",
    "tax_category",
    "tax_category_code",
    "gtin",
    "lot_tracked",
    "catch_weight",
    "weight_unit",
    "nominal_weight",
    "weight_tolerance_percent",
    "is_active",
    "updated_at",
]


class ProductPublicSerializer(ProcuraModelSerializer):
    """What a customer sees: no costs, no internal bookkeeping."""

    category_name = serializers.CharField(source="category.name", read_only=True)
    tax_category_code = serializers.CharField(source="tax_category.code", read_only=True)
    # Declared so the schema admits the blank value of a product that is not catch-weight
    # (a model-derived read-only field loses allow_blank).
    weight_unit = serializers.ChoiceField(
        choices=WEIGHT_UNIT_CHOICES,
        allow_blank=True,
        read_only=True,
        help_text=Product._meta.get_field("weight_unit").help_text,
    )

    class Meta:
        model = Product
        fields = PUBLIC_PRODUCT_FIELDS
        read_only_fields = fields


class LineProductSerializer(ProcuraModelSerializer):
    """What a document line needs of a product (any reader may see it)."""

    class Meta:
        model = Product
        fields = ["id", "sku", "name", "unit", "list_price", "currency", "gtin", "is_active"]
        read_only_fields = fields


class ProductResolveSerializer(ProcuraSerializer):
    identifiers = serializers.ListField(
        child=serializers.CharField(max_length=200, trim_whitespace=True),
        min_length=1,
        max_length=RESOLVE_MAX_IDENTIFIERS,
        help_text="SKUs, GTINs or product names, e.g. the product column of a pasted sheet.",
    )
    supplier = StrictPrimaryKeyRelatedField(
        queryset=Supplier.objects.all(),
        required=False,
        allow_null=True,
        help_text="On a purchase document: also read identifiers as this supplier's own product"
        " codes (its supplier items), after our SKUs. Staff only.",
    )


class ProductResolutionSerializer(ProcuraSerializer):
    identifier = serializers.CharField()
    status = serializers.ChoiceField(
        choices=[
            (Resolution.FOUND, "One product"),
            (Resolution.AMBIGUOUS, "Several products have this name"),
            (Resolution.INACTIVE, "Only a product taken out of use"),
            (Resolution.NOT_FOUND, "No product"),
        ]
    )
    matched_by = serializers.ChoiceField(
        choices=["sku", "supplier_sku", "gtin", "name"],
        allow_blank=True,
        help_text="Blank when nothing matched.",
    )
    product = LineProductSerializer(allow_null=True)
    candidates = LineProductSerializer(many=True, help_text="The products an ambiguous name fits.")


class ProductResolveResultSerializer(ProcuraSerializer):
    results = ProductResolutionSerializer(many=True, help_text="One per identifier, in order.")


class ProductSerializer(ProductPublicSerializer):
    """Staff view of a product, with its standard cost."""

    class Meta:
        model = Product
        fields = [
            *PUBLIC_PRODUCT_FIELDS,
            "standard_cost",
            "deactivated_at",
            "created_at",
            "created_by",
            "updated_by",
        ]
        read_only_fields = fields


def _price_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=RATE_MAX_DIGITS, decimal_places=4, **kwargs)


class ProductWriteSerializer(ProcuraSerializer):
    sku = serializers.CharField(max_length=80, help_text="Stored trimmed and upper-cased.")
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    category = StrictPrimaryKeyRelatedField(queryset=Category.objects.all())
    unit = serializers.ChoiceField(choices=UnitOfMeasure.choices)
    list_price = _price_field(min_value=Decimal("0.0001"))
    standard_cost = _price_field(min_value=Decimal(0), required=False, default=Decimal(0))
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    tax_category = StrictPrimaryKeyRelatedField(queryset=TaxCategory.objects.all())
    gtin = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text="8/12/13/14 digits."
    )
    lot_tracked = serializers.BooleanField(
        required=False, help_text=Product._meta.get_field("lot_tracked").help_text
    )
    catch_weight = serializers.BooleanField(
        required=False, help_text=Product._meta.get_field("catch_weight").help_text
    )
    weight_unit = serializers.ChoiceField(
        choices=WEIGHT_UNIT_CHOICES,
        required=False,
        allow_blank=True,
        help_text="lb or kg for a catch-weight product; blank otherwise.",
    )
    nominal_weight = serializers.DecimalField(
        max_digits=QUANTITY_MAX_DIGITS,
        decimal_places=3,
        required=False,
        allow_null=True,
        help_text="Nominal net weight of one case, in the weight unit.",
    )
    weight_tolerance_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        help_text="How far a case's actual weight may stray from the nominal weight (0-100).",
    )


# --- supplier items -----------------------------------------------------------------------------


class SupplierItemSerializer(ProcuraModelSerializer):
    supplier_code = serializers.CharField(source="supplier.code", read_only=True)
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    product_sku = serializers.CharField(source="product.sku", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = SupplierItem
        fields = [
            "id",
            "supplier",
            "supplier_code",
            "supplier_name",
            "product",
            "product_sku",
            "product_name",
            "supplier_sku",
            "price",
            "currency",
            "lead_time_days",
            "minimum_order_quantity",
            "pack_size",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SupplierItemUpdateSerializer(ProcuraSerializer):
    supplier_sku = serializers.CharField(max_length=80)
    price = _price_field(min_value=Decimal(0))
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES)
    lead_time_days = serializers.IntegerField(min_value=0, max_value=365)
    minimum_order_quantity = serializers.DecimalField(
        max_digits=QUANTITY_MAX_DIGITS, decimal_places=3, min_value=Decimal(0)
    )
    pack_size = serializers.DecimalField(
        max_digits=QUANTITY_MAX_DIGITS, decimal_places=3, min_value=Decimal(0)
    )
    is_active = serializers.BooleanField()


class SupplierItemCreateSerializer(ProcuraSerializer):
    supplier = StrictPrimaryKeyRelatedField(queryset=Supplier.objects.all())
    product = StrictPrimaryKeyRelatedField(queryset=Product.objects.all())
    supplier_sku = serializers.CharField(max_length=80)
    price = _price_field(min_value=Decimal(0))
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    lead_time_days = serializers.IntegerField(min_value=0, max_value=365, default=0)
    minimum_order_quantity = serializers.DecimalField(
        max_digits=QUANTITY_MAX_DIGITS, decimal_places=3, min_value=Decimal(0), default=Decimal(0)
    )
    pack_size = serializers.DecimalField(
        max_digits=QUANTITY_MAX_DIGITS, decimal_places=3, min_value=Decimal(0), default=Decimal(0)
    )
