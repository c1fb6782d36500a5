"""Inventory in the Django admin: read-only, because stock, locations and rules change only
through the services (which lock rows, keep the ledger and write the audit trail)."""

from django.contrib import admin

from procura.core.admin import ReadOnlyAdmin
from procura.inventory.models import (
    Location,
    LowStockAlert,
    ReorderRule,
    StockLevel,
    StockMovement,
)


@admin.register(Location)
class LocationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name"]


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
class ReorderRuleAdmin(ReadOnlyAdmin):
    list_display = ["product", "location", "reorder_point", "reorder_quantity"]
    list_filter = ["location"]
    list_select_related = ["product", "location"]
    search_fields = ["product__sku"]


@admin.register(LowStockAlert)
class LowStockAlertAdmin(ReadOnlyAdmin):
    list_display = ["alert_date", "product", "location", "on_hand", "reorder_point"]
    list_filter = ["alert_date", "location"]
    list_select_related = ["product", "location"]
