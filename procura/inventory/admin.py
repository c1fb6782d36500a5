"""Inventory in the Django admin. Locations and reorder rules are added and changed through
the inventory services (normalised codes, validation, audit events; see
``procura.core.admin.ServiceAdmin``); locations are deactivated, never deleted, and one still
holding stock is refused. Stock levels, movements and low-stock alerts are the ledger and its
outputs: read-only, they change only through the stock services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from procura.core.admin import ReadOnlyAdmin, ServiceAdmin, actor
from procura.inventory.models import (
    Location,
    LowStockAlert,
    ReorderRule,
    StockLevel,
    StockMovement,
)
from procura.inventory.services import (
    location_activate,
    location_create,
    location_deactivate,
    location_update,
    reorder_rule_set,
)


@admin.register(Location)
class LocationAdmin(ServiceAdmin):
    list_display = ["code", "name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]
    fields = ["code", "name", "kind", "address", "is_active", "deactivated_at"]
    readonly_fields = ["is_active", "deactivated_at"]
    activation_actions = True

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Location:
        return location_create(by=actor(request), **data)

    def update_service(
        self, request: HttpRequest, obj: Location, data: Mapping[str, Any]
    ) -> Location:
        return location_update(location=obj, by=actor(request), **data)

    def deactivate(self, request: HttpRequest, obj: Location) -> None:
        location_deactivate(location=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: Location) -> None:
        location_activate(location=obj, by=actor(request))


@admin.register(StockLevel)
class StockLevelAdmin(ReadOnlyAdmin):
    list_display = ["product", "location", "on_hand", "reserved", "average_cost", "value"]
    list_filter = ["location"]
    list_select_related = ["product", "location"]
    search_fields = ["product__sku", "product__name"]


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdmin):
    list_display = [
        "occurred_at",
        "kind",
        "product",
        "location",
        "quantity",
        "value",
        "on_hand_after",
        "source_number",
    ]
    list_filter = ["kind", "location"]
    list_select_related = ["product", "location"]
    search_fields = ["product__sku", "source_number", "reason"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False


@admin.register(ReorderRule)
class ReorderRuleAdmin(ServiceAdmin):
    """One rule per product and location; both are fixed once the rule exists."""

    list_display = ["product", "location", "reorder_point", "reorder_quantity"]
    list_filter = ["location"]
    list_select_related = ["product", "location"]
    search_fields = ["product__sku"]
    autocomplete_fields = ["product", "location"]
    fields = ["product", "location", "reorder_point", "reorder_quantity"]
    create_only_fields = ("product", "location")

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> ReorderRule:
        return reorder_rule_set(by=actor(request), **data)

    def update_service(
        self, request: HttpRequest, obj: ReorderRule, data: Mapping[str, Any]
    ) -> ReorderRule:
        values = {
            "reorder_point": obj.reorder_point,
            "reorder_quantity": obj.reorder_quantity,
            **data,
        }
        return reorder_rule_set(
            product=obj.product, location=obj.location, by=actor(request), **values
        )


@admin.register(LowStockAlert)
class LowStockAlertAdmin(ReadOnlyAdmin):
    list_display = ["alert_date", "product", "location", "on_hand", "reorder_point"]
    list_filter = ["alert_date", "location"]
    list_select_related = ["product", "location"]
