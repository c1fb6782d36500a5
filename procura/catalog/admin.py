"""The catalog in the Django admin: categories, products, tax categories and rates and supplier
items are added and changed through the catalog services (normalised SKUs and GTINs, price
rules, the category tree lock, audit events; see ``procura.core.admin.ServiceAdmin``). A
category's path and level are computed; changing its parent moves it with its subtree through
``category_move``. Nothing is deleted; products, tax categories and supplier items have the
deactivate and reactivate list actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from procura.catalog.models import Category, Product, SupplierItem, TaxCategory, TaxRate
from procura.catalog.services.categories import category_create, category_move, category_rename
from procura.catalog.services.products import (
    product_create,
    product_deactivate,
    product_reactivate,
    product_update,
)
from procura.catalog.services.supplier_items import supplier_item_create, supplier_item_update
from procura.catalog.services.taxes import (
    tax_category_create,
    tax_category_update,
    tax_rate_create,
    tax_rate_update,
)
from procura.core.admin import ServiceAdmin, actor


@admin.register(Category)
class CategoryAdmin(ServiceAdmin):
    list_display = ["name", "level", "path", "parent"]
    search_fields = ["name", "path"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    fields = ["name", "parent", "path", "level"]
    readonly_fields = ["path", "level"]

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Category:
        return category_create(name=data["name"], parent=data.get("parent"), by=actor(request))

    def update_service(
        self, request: HttpRequest, obj: Category, data: Mapping[str, Any]
    ) -> Category:
        """Rename and move in one savepoint: a refused move undoes the rename too."""
        if "name" in data:
            obj = category_rename(category=obj, name=data["name"], by=actor(request))
        if "parent" in data:
            obj = category_move(category=obj, new_parent=data["parent"], by=actor(request))
        return obj


@admin.register(TaxCategory)
class TaxCategoryAdmin(ServiceAdmin):
    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name"]
    fields = ["code", "name", "description", "is_active"]
    readonly_fields = ["is_active"]
    create_only_fields = ("code",)
    activation_actions = True

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> TaxCategory:
        return tax_category_create(
            code=data["code"],
            name=data["name"],
            description=data.get("description", ""),
            by=actor(request),
        )

    def update_service(
        self, request: HttpRequest, obj: TaxCategory, data: Mapping[str, Any]
    ) -> TaxCategory:
        return tax_category_update(tax_category=obj, data=data, by=actor(request))

    def deactivate(self, request: HttpRequest, obj: TaxCategory) -> None:
        tax_category_update(tax_category=obj, data={"is_active": False}, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: TaxCategory) -> None:
        tax_category_update(tax_category=obj, data={"is_active": True}, by=actor(request))


@admin.register(TaxRate)
class TaxRateAdmin(ServiceAdmin):
    list_display = ["tax_category", "region", "rate_percent", "valid_from"]
    list_filter = ["tax_category", "region"]
    list_select_related = ["tax_category"]
    fields = ["tax_category", "region", "rate_percent", "valid_from"]
    create_only_fields = ("tax_category", "region")

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> TaxRate:
        return tax_rate_create(
            tax_category=data["tax_category"],
            region=data["region"],
            rate_percent=data["rate_percent"],
            valid_from=data["valid_from"],
            by=actor(request),
        )

    def update_service(
        self, request: HttpRequest, obj: TaxRate, data: Mapping[str, Any]
    ) -> TaxRate:
        return tax_rate_update(rate=obj, data=data, by=actor(request))


PRODUCT_FIELDS = [
    "sku",
    "name",
    "description",
    "category",
    "unit",
    "list_price",
    "standard_cost",
    "currency",
    "tax_category",
    "gtin",
]
SERVICE_OWNED = ["is_active", "deactivated_at", "created_by", "updated_by"]


@admin.register(Product)
class ProductAdmin(ServiceAdmin):
    """The SKU is stored trimmed and upper-cased and the GTIN digits only: the form shows what
    the service stored once saved."""

    list_display = ["sku", "name", "category", "unit", "list_price", "currency", "is_active"]
    list_filter = ["is_active", "unit", "tax_category"]
    search_fields = ["sku", "name", "gtin"]
    list_select_related = ["category"]
    autocomplete_fields = ["category"]
    fields = [*PRODUCT_FIELDS, *SERVICE_OWNED]
    readonly_fields = SERVICE_OWNED
    activation_actions = True

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Product:
        values = {name: data[name] for name in PRODUCT_FIELDS if name in data}
        return product_create(by=actor(request), **values)

    def update_service(
        self, request: HttpRequest, obj: Product, data: Mapping[str, Any]
    ) -> Product:
        return product_update(product=obj, data=data, by=actor(request))

    def deactivate(self, request: HttpRequest, obj: Product) -> None:
        product_deactivate(product=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: Product) -> None:
        product_reactivate(product=obj, by=actor(request))


@admin.register(SupplierItem)
class SupplierItemAdmin(ServiceAdmin):
    list_display = ["supplier", "supplier_sku", "product", "price", "lead_time_days", "is_active"]
    search_fields = ["supplier_sku", "product__sku"]
    list_select_related = ["supplier", "product"]
    autocomplete_fields = ["supplier", "product"]
    fields = [
        "supplier",
        "product",
        "supplier_sku",
        "price",
        "currency",
        "lead_time_days",
        "minimum_order_quantity",
        "is_active",
        "created_by",
        "updated_by",
    ]
    readonly_fields = ["is_active", "created_by", "updated_by"]
    create_only_fields = ("supplier", "product")
    activation_actions = True

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> SupplierItem:
        return supplier_item_create(by=actor(request), **data)

    def update_service(
        self, request: HttpRequest, obj: SupplierItem, data: Mapping[str, Any]
    ) -> SupplierItem:
        return supplier_item_update(item=obj, data=data, by=actor(request))

    def deactivate(self, request: HttpRequest, obj: SupplierItem) -> None:
        supplier_item_update(item=obj, data={"is_active": False}, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: SupplierItem) -> None:
        supplier_item_update(item=obj, data={"is_active": True}, by=actor(request))
