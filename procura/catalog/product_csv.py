"""The product CSV file: the import spec and the export columns (the same columns, so an
exported file imports back unchanged).

Columns: sku, name, description, category ("Beef > Primal cuts > Rib" or the category id),
unit (each/case/lb/kg), list_price, standard_cost, currency, tax_category (code), gtin, active.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone

from procura.audit.imports import AuditedImport
from procura.catalog.identifiers import normalise_gtin, normalise_sku
from procura.catalog.models import Category, Product, TaxCategory
from procura.catalog.selectors import CATEGORY_NAME_SEPARATOR, category_full_names
from procura.catalog.services.products import UPDATABLE_FIELDS as PRODUCT_FIELDS
from procura.core.csv_io import (
    Column,
    ExportColumn,
    ImportSpec,
    boolean,
    choice,
    decimal,
    lookup,
    text,
)
from procura.core.money import CURRENCY_CODES
from procura.core.units import UnitOfMeasure

GTIN_USED = "GTIN {gtin} is already used by {sku}."


def parse_currency(value: str) -> str:
    code = value.upper()
    if code not in CURRENCY_CODES:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code.")
    return code


def _category_key(value: str) -> str:
    parts = [part.strip().lower() for part in value.replace("/", ">").split(">")]
    return CATEGORY_NAME_SEPARATOR.join(part for part in parts if part)


class ProductImport(AuditedImport, ImportSpec[Product]):
    model = Product
    key = "sku"
    update_fields = (
        *(name for name in PRODUCT_FIELDS if name != "sku"),
        "is_active",
        "deactivated_at",
    )
    audit_action = "product.imported"

    def __init__(self, *, actor: Any = None) -> None:
        super().__init__(actor=actor)
        self.categories: dict[str, Category] = {}
        self.tax_categories: dict[str, TaxCategory] = {}
        self.gtin_holders: dict[str, str] = {}
        self.file_gtins: dict[str, str] = {}

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        return [
            Column("sku", parse=normalise_sku),
            Column("name", parse=text(max_length=200)),
            Column("description", required=False, default=""),
            Column(
                "category",
                parse=lookup(lambda: self.categories, label="category", key=_category_key),
            ),
            Column("unit", parse=choice(UnitOfMeasure.values), aliases=("uom", "unit_of_measure")),
            Column(
                "list_price", parse=decimal(places=4, greater_than=Decimal(0)), aliases=("price",)
            ),
            Column(
                "standard_cost",
                parse=decimal(places=4, min_value=Decimal(0)),
                required=False,
                default=Decimal(0),
                aliases=("cost",),
            ),
            Column(
                "currency",
                parse=parse_currency,
                required=False,
                default=settings.DEFAULT_CURRENCY,
            ),
            Column(
                "tax_category",
                parse=lookup(lambda: self.tax_categories, label="tax category"),
            ),
            Column("gtin", parse=normalise_gtin, required=False, default=""),
            Column("active", parse=boolean, required=False, default=True, field="is_active"),
        ]

    def prepare(self) -> None:
        """Three queries: categories, tax categories, products holding a GTIN."""
        names = category_full_names()
        for category in Category.objects.all():
            self.categories[str(category.pk)] = category
            self.categories[_category_key(names[category.pk])] = category
        self.tax_categories = {tc.code.lower(): tc for tc in TaxCategory.objects.all()}
        self.gtin_holders = dict(
            Product.objects.exclude(gtin="").values_list("gtin", "sku").iterator(chunk_size=5000)
        )

    def validate(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        gtin, sku = values.get("gtin") or "", values["sku"]
        if not gtin:
            return []
        holder = self.gtin_holders.get(gtin) or self.file_gtins.get(gtin)
        if holder is not None and holder != sku:
            return [("gtin", GTIN_USED.format(gtin=gtin, sku=holder))]
        self.file_gtins[gtin] = sku
        return []

    def build(self, values: dict[str, Any]) -> Product:
        product = super().build(values)
        if not product.is_active:
            product.deactivated_at = timezone.now()
        return product

    def apply(self, instance: Product, values: dict[str, Any]) -> bool:
        was_active = instance.is_active
        changed = super().apply(instance, values)
        if instance.is_active != was_active:
            instance.deactivated_at = None if instance.is_active else timezone.now()
        return changed


def product_export_columns(*, with_costs: bool) -> list[ExportColumn]:
    """The import's columns; without the standard cost for customers. Category names come from
    one query made when the columns are built."""
    names = category_full_names()
    columns = [
        ExportColumn("sku", lambda p: p.sku),
        ExportColumn("name", lambda p: p.name),
        ExportColumn("description", lambda p: p.description),
        ExportColumn("category", lambda p: names.get(p.category_id, "")),
        ExportColumn("unit", lambda p: p.unit),
        ExportColumn("list_price", lambda p: p.list_price),
        ExportColumn("standard_cost", lambda p: p.standard_cost),
        ExportColumn("currency", lambda p: p.currency),
        ExportColumn("tax_category", lambda p: p.tax_category.code),
        ExportColumn("gtin", lambda p: p.gtin),
        ExportColumn("active", lambda p: p.is_active),
    ]
    if not with_costs:
        columns = [c for c in columns if c.header != "standard_cost"]
    return columns
