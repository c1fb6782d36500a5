"""Read-only admin pages: sales writes go through the audited services and the API."""

from __future__ import annotations

from django.contrib import admin

from procura.core.admin import ReadOnlyAdmin
from procura.sales.models import (
    CustomerInvoice,
    CustomerPayment,
    CustomerPortalUser,
    SalesOrder,
    Shipment,
)


@admin.register(SalesOrder)
class SalesOrderAdmin(ReadOnlyAdmin):
    list_display = ["number", "customer", "status", "order_date", "total", "currency"]
    list_filter = ["status", "location"]
    search_fields = ["number", "customer__code", "customer__name"]
    list_select_related = ["customer"]


@admin.register(Shipment)
class ShipmentAdmin(ReadOnlyAdmin):
    list_display = ["number", "order", "carrier", "ship_date", "delivered_date", "status"]
    list_filter = ["status"]
    search_fields = ["number", "tracking_number", "order__number"]
    list_select_related = ["order", "carrier"]


@admin.register(CustomerInvoice)
class CustomerInvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "customer",
        "issue_date",
        "due_date",
        "total",
        "amount_paid",
        "status",
    ]
    list_filter = ["status"]
    search_fields = ["number", "customer__code", "order__number"]
    list_select_related = ["customer"]


@admin.register(CustomerPayment)
class CustomerPaymentAdmin(ReadOnlyAdmin):
    list_display = ["number", "customer", "received_on", "amount", "unapplied_amount", "method"]
    search_fields = ["number", "reference", "customer__code"]
    list_select_related = ["customer"]


@admin.register(CustomerPortalUser)
class CustomerPortalUserAdmin(ReadOnlyAdmin):
    list_display = ["user", "customer", "created_at"]
    list_select_related = ["user", "customer"]
