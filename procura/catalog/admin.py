"""Browse-only admin of the catalog; changes go through the API (services keep tree paths and
the audit trail right)."""

from django.contrib import admin

from procura.catalog.models import Category, Product, SupplierItem, TaxCategory, TaxRate
from procura.core.admin import ReadOnlyAdmin


class CatalogAdmin(ReadOnlyAdmin):
    pass


@admin.register(Category)
class CategoryAdmin(CatalogAdmin):
    list_display = ["name", "level", "path", "parent"]
    search_fields = ["name", "path"]
    list_select_related = ["parent"]


@admin.register(TaxCategory)
class TaxCategoryAdmin(CatalogAdmin):
    list_display = ["code", "name", "is_active"]


@admin.register(TaxRate)
class TaxRateAdmin(CatalogAdmin):
    list_display = ["tax_category", "region", "rate_percent", "valid_from"]
    list_filter = ["tax_category", "region"]
    list_select_related = ["tax_category"]


@admin.register(Product)
class ProductAdmin(CatalogAdmin):
    list_display = ["sku", "name", "category", "unit", "list_price", "currency", "is_active"]
    list_filter = ["is_active", "unit", "tax_category"]
    search_fields = ["sku", "name", "gtin"]
    list_select_related = ["category"]


@admin.register(SupplierItem)
class SupplierItemAdmin(CatalogAdmin):
    list_display = ["supplier", "supplier_sku", "product", "price", "lead_time_days", "is_active"]
    search_fields = ["supplier_sku", "product__sku"]
    list_select_related = ["supplier", "product"]
