"""The product catalog: a category tree, tax categories and rates, products and supplier items.

Categories form a tree stored twice over: ``parent`` (adjacency list) for integrity, and a
materialised ``path`` ("000001.000004.", one zero-padded id per level) plus ``level`` (0 for a
root) so that a subtree is one indexed prefix query. Services in ``procura.catalog.services``
keep ``path`` and ``level`` right; nothing else writes them.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import F, Lookup, Q, Value
from django.db.models.functions import Concat, Lower, Trim, Upper

from procura.core.models import ActivatableModel, TimeStampedModel, TrackedModel
from procura.core.money import CurrencyField, QuantityField, RateField
from procura.core.units import UnitOfMeasure

# The columns a product list is sorted by: each is indexed together with the primary key (the
# tiebreaker that makes every order total, so keyset pages are exact) and the two columns
# lists filter by, so PostgreSQL finds a page of any order, also of a category's products,
# from the index alone.
PRODUCT_SORT_COLUMNS = ("sku", "name", "list_price", "updated_at")
SEARCH_SEPARATOR = " "

PATH_SEGMENT_WIDTH = 6
PATH_SEPARATOR = "."
CATEGORY_PATH_MAX_LENGTH = 1000


WEIGHT_UNIT_CHOICES = [(UnitOfMeasure.LB.value, "Pound"), (UnitOfMeasure.KG.value, "Kilogram")]


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_SEGMENT_WIDTH}d}{PATH_SEPARATOR}"


class Category(TimeStampedModel):
    name = models.CharField(max_length=120)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    # Unique, so PostgreSQL also gets a varchar_pattern_ops index for the LIKE 'prefix%' queries.
    path = models.CharField(max_length=CATEGORY_PATH_MAX_LENGTH, unique=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(Lower("name"), "parent", name="uniq_category_name_per_parent"),
            models.UniqueConstraint(
                Lower("name"),
                condition=Q(parent__isnull=True),
                name="uniq_category_name_root",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="category_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_descendant_of(self, other: Category) -> bool:
        return self.path.startswith(other.path) and self.pk != other.pk


class TaxCategory(TimeStampedModel):
    """How a product is taxed (standard, food-exempt, reduced); the rate depends on the region."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "tax categories"

    def __str__(self) -> str:
        return self.name


class TaxRate(TimeStampedModel):
    """The rate of a tax category in a tax region ("US-TX") from ``valid_from`` on, until the
    next rate of the same category and region takes over."""

    tax_category = models.ForeignKey(TaxCategory, on_delete=models.PROTECT, related_name="rates")
    region = models.CharField(max_length=16, help_text='Tax region code, e.g. "US-TX".')
    rate_percent = models.DecimalField(max_digits=7, decimal_places=4)
    valid_from = models.DateField()

    class Meta:
        ordering = ["tax_category__code", "region", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_category", "region", "valid_from"], name="uniq_tax_rate_validity"
            ),
            models.CheckConstraint(
                condition=Q(rate_percent__gte=0) & Q(rate_percent__lte=100),
                name="tax_rate_percent_range",
            ),
        ]
        indexes = [models.Index(fields=["region", "tax_category", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.tax_category.code} {self.region} {self.rate_percent}% from {self.valid_from}"


class Product(TrackedModel, ActivatableModel):
    """A thing we buy and sell. ``sku`` is stored trimmed and upper-cased (the CHECK makes sure),
    so the unique constraint catches " ab-1 " against "AB-1". Reorder points live per location
    in inventory."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sku = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products")
    unit = models.CharField(max_length=8, choices=UnitOfMeasure.choices)
    list_price = RateField()
    standard_cost = RateField(default=0)
    currency = CurrencyField(default=settings.DEFAULT_CURRENCY)
    tax_category = models.ForeignKey(TaxCategory, on_delete=models.PROTECT, related_name="products")
    gtin = models.CharField(
        max_length=14, blank=True, default="", help_text="GTIN-8/12/13/14 with a valid check digit."
    )
    lot_tracked = models.BooleanField(
        default=False, help_text="Stock is kept per lot (code, plant, pack date, use-by)."
    )
    catch_weight = models.BooleanField(
        default=False,
        help_text="Counted in cases, priced and invoiced by actual net weight.",
    )
    weight_unit = models.CharField(
        max_length=8,
        choices=WEIGHT_UNIT_CHOICES,
        blank=True,
        default="",
        help_text="The unit a catch-weight product is priced and invoiced in.",
    )
    nominal_weight = QuantityField(
        null=True, blank=True, help_text="Nominal net weight of one unit (case) in weight_unit."
    )
    weight_tolerance_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=10,
        help_text="How far a case's actual weight may stray from the nominal weight.",
    )
    # What ?search= reads: SKU, name and GTIN in one column (a search term holds no blank, so
    # it never matches across two of them), with one trigram index on PostgreSQL.
    search_text = models.GeneratedField(
        expression=Concat(
            "sku",
            Value(SEARCH_SEPARATOR),
            "name",
            Value(SEARCH_SEPARATOR),
            "gtin",
            output_field=models.CharField(),
        ),
        output_field=models.CharField(max_length=280),
        db_persist=True,
    )

    class Meta:
        ordering = ["sku"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sku=Upper(Trim("sku"))) & ~Q(sku=""), name="product_sku_normalised"
            ),
            models.CheckConstraint(condition=Q(list_price__gt=0), name="product_list_price_gt_0"),
            models.CheckConstraint(
                condition=Q(standard_cost__gte=0), name="product_standard_cost_gte_0"
            ),
            models.UniqueConstraint(
                fields=["gtin"], condition=~Q(gtin=""), name="uniq_product_gtin"
            ),
            models.CheckConstraint(
                condition=Q(catch_weight=False)
                | (Q(weight_unit__in=["lb", "kg"]) & Q(nominal_weight__gt=0)),
                name="product_catch_weight_has_weight",
            ),
            models.CheckConstraint(
                condition=Q(weight_tolerance_percent__gte=0) & Q(weight_tolerance_percent__lte=100),
                name="product_weight_tolerance_range",
            ),
        ]
        indexes = [
            *(
                models.Index(
                    fields=[column, "id", "category", "is_active"],
                    name=f"catalog_prod_{column}_sort",
                )
                for column in PRODUCT_SORT_COLUMNS
            ),
            models.Index(fields=["category", "is_active"]),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.name}"


# Where a word of the search text may start: after one of these, or at its start ("AB-12":
# "AB" and "12"; "Ribeye 150": "Ribeye" and "150").
WORD_SEPARATORS = " ./_-"


class WordStart(Lookup):
    """``search_text__word_start="15"``: a word of the column starts with the value, ignoring
    case. For terms too short to hold a trigram: on PostgreSQL a regular expression the
    trigram index answers (a separator before the term gives pg_trgm the word-start trigrams
    "  1" and " 15"), so a one- or two-character term reads the index rather than every row."""

    lookup_name = "word_start"

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, tuple[str]]:
        escaped = "".join(char if char.isalnum() else f"\\{char}" for char in str(value))
        return "%s", (f"(^|[{WORD_SEPARATORS}]){escaped}",)  # "-" last: not a range

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        params = (*lhs_params, *rhs_params)
        if connection.vendor == "postgresql":
            # The same expression as the trigram index (and as Django's icontains).
            return f"UPPER({lhs}::text) ~ UPPER({rhs})", params
        return f"UPPER({lhs}) REGEXP UPPER({rhs})", params


# On the generated column's value field, which lookups on search_text resolve against.
_search_value = getattr(Product._meta.get_field("search_text"), "output_field", None)
if _search_value is None:
    raise ImproperlyConfigured("Product.search_text is a generated column.")
_search_value.register_lookup(WordStart)


class SupplierItem(TrackedModel):
    """What a supplier calls a product, what it charges and how long it takes to deliver."""

    supplier = models.ForeignKey(
        "partners.Supplier", on_delete=models.PROTECT, related_name="supplier_items"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="supplier_items")
    supplier_sku = models.CharField(max_length=64)
    price = RateField()
    currency = CurrencyField(default=settings.DEFAULT_CURRENCY)
    lead_time_days = models.PositiveSmallIntegerField(default=0)
    minimum_order_quantity = QuantityField(default=0)
    pack_size = QuantityField(
        default=0, help_text="Sold only in multiples of this quantity (0: any quantity)."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["supplier_id", "supplier_sku"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier", "supplier_sku"], name="uniq_supplier_item_sku"
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="supplier_item_price_gte_0"),
            models.CheckConstraint(
                condition=Q(minimum_order_quantity__gte=0), name="supplier_item_moq_gte_0"
            ),
            models.CheckConstraint(condition=Q(pack_size__gte=0), name="supplier_item_pack_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier_sku} ({self.product_id})"
