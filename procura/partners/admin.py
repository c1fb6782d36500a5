"""Read-mostly admin views of partners; changes go through the API (services, audit)."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from procura.partners.models import (
    Carrier,
    Contact,
    Customer,
    PartnerAddress,
    Plant,
    Supplier,
    SupplierPlant,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Edits here would skip validation of the services and the audit trail."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Supplier)
class SupplierAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "payment_terms_days", "currency", "on_hold", "is_active"]
    list_filter = ["is_active", "on_hold"]
    search_fields = ["code", "name", "legal_name"]


@admin.register(Customer)
class CustomerAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "tax_region", "credit_limit", "on_hold", "is_active"]
    list_filter = ["is_active", "on_hold", "kind", "tax_region"]
    search_fields = ["code", "name", "legal_name"]


@admin.register(Plant)
class PlantAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "supplier", "establishment_number", "city", "is_active"]
    list_select_related = ["supplier"]
    search_fields = ["code", "name", "establishment_number"]


@admin.register(SupplierPlant)
class SupplierPlantAdmin(ReadOnlyAdmin):
    list_display = ["supplier", "plant", "is_active"]
    list_select_related = ["supplier", "plant"]


@admin.register(Carrier)
class CarrierAdmin(ReadOnlyAdmin):
    list_display = ["scac", "name", "mc_number", "dot_number", "insurance_expires_on", "is_active"]
    search_fields = ["scac", "name"]


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ["name", "title", "email", "phone", "is_primary", "is_active"]
    search_fields = ["name", "email"]


admin.site.register(PartnerAddress, ReadOnlyAdmin)
