"""Partners in the Django admin: suppliers, customers, plants, carriers, contacts and
supplier-plant links are added and changed through the partner services (normalised codes,
validation, row locks, audit events; see ``procura.core.admin.ServiceAdmin``). Nothing is
deleted; the list actions deactivate and reactivate. Addresses are browse-only here (the API
edits them with their supplier or customer)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from procura.core.admin import ReadOnlyAdmin, ServiceAdmin, actor
from procura.core.errors import InvalidInput
from procura.partners import services
from procura.partners.models import (
    Carrier,
    Contact,
    Customer,
    PartnerAddress,
    Plant,
    Supplier,
    SupplierPlant,
)
from procura.partners.services.carriers import CARRIER_FIELDS
from procura.partners.services.contacts import CONTACT_FIELDS, PARTY_FIELD_BY_MODEL, Party
from procura.partners.services.customers import CUSTOMER_FIELDS
from procura.partners.services.suppliers import PLANT_FIELDS, SUPPLIER_FIELDS

TRACKED_READONLY = ("is_active", "deactivated_at", "created_by", "updated_by")
ONE_PARTY = "Choose exactly one supplier, plant, customer or carrier."


def form_fields(model: type[Model], editable: Iterable[str]) -> tuple[str, ...]:
    """The fields the service lets a person change, in the model's order, then the ones the
    services keep (shown read-only)."""
    wanted = set(editable)
    return (
        *(field.name for field in model._meta.fields if field.name in wanted),
        *TRACKED_READONLY,
    )


class PartnerAdmin(ServiceAdmin):
    activation_actions = True
    readonly_fields = TRACKED_READONLY


@admin.register(Supplier)
class SupplierAdmin(PartnerAdmin):
    list_display = ["code", "name", "payment_terms_days", "currency", "on_hold", "is_active"]
    list_filter = ["is_active", "on_hold"]
    search_fields = ["code", "name", "legal_name"]
    fields = form_fields(Supplier, SUPPLIER_FIELDS)

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Supplier:
        return services.supplier_create(by=actor(request), data=data)

    def update_service(
        self, request: HttpRequest, obj: Supplier, data: Mapping[str, Any]
    ) -> Supplier:
        return services.supplier_update(supplier=obj, by=actor(request), data=data)

    def deactivate(self, request: HttpRequest, obj: Supplier) -> None:
        services.supplier_deactivate(supplier=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: Supplier) -> None:
        services.supplier_reactivate(supplier=obj, by=actor(request))


@admin.register(Customer)
class CustomerAdmin(PartnerAdmin):
    list_display = ["code", "name", "kind", "tax_region", "credit_limit", "on_hold", "is_active"]
    list_filter = ["is_active", "on_hold", "kind", "tax_region"]
    search_fields = ["code", "name", "legal_name"]
    fields = form_fields(Customer, CUSTOMER_FIELDS)

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Customer:
        return services.customer_create(by=actor(request), data=data)

    def update_service(
        self, request: HttpRequest, obj: Customer, data: Mapping[str, Any]
    ) -> Customer:
        return services.customer_update(customer=obj, by=actor(request), data=data)

    def deactivate(self, request: HttpRequest, obj: Customer) -> None:
        services.customer_deactivate(customer=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: Customer) -> None:
        services.customer_reactivate(customer=obj, by=actor(request))


@admin.register(Plant)
class PlantAdmin(PartnerAdmin):
    list_display = ["code", "name", "supplier", "establishment_number", "city", "is_active"]
    list_select_related = ["supplier"]
    search_fields = ["code", "name", "establishment_number"]
    autocomplete_fields = ["supplier"]
    fields = form_fields(Plant, PLANT_FIELDS)

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Plant:
        return services.plant_create(by=actor(request), data=data)

    def update_service(self, request: HttpRequest, obj: Plant, data: Mapping[str, Any]) -> Plant:
        return services.plant_update(plant=obj, by=actor(request), data=data)

    def deactivate(self, request: HttpRequest, obj: Plant) -> None:
        services.plant_deactivate(plant=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: Plant) -> None:
        services.plant_reactivate(plant=obj, by=actor(request))


@admin.register(SupplierPlant)
class SupplierPlantAdmin(PartnerAdmin):
    list_display = ["supplier", "plant", "is_active"]
    list_select_related = ["supplier", "plant"]
    autocomplete_fields = ["supplier", "plant", "approved_customers"]
    fields = [
        "supplier",
        "plant",
        "approved_customers",
        "products",
        "notes",
        *TRACKED_READONLY,
    ]
    create_only_fields = ("supplier", "plant")

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> SupplierPlant:
        return services.supplier_plant_create(
            by=actor(request),
            supplier=data["supplier"],
            plant=data["plant"],
            approved_customers=data.get("approved_customers") or (),
            products=data.get("products") or (),
            notes=data.get("notes", ""),
        )

    def update_service(
        self, request: HttpRequest, obj: SupplierPlant, data: Mapping[str, Any]
    ) -> SupplierPlant:
        return services.supplier_plant_update(
            link=obj,
            by=actor(request),
            data={name: data[name] for name in ("notes",) if name in data},
            approved_customers=data.get("approved_customers"),
            products=data.get("products"),
        )

    def deactivate(self, request: HttpRequest, obj: SupplierPlant) -> None:
        services.supplier_plant_deactivate(link=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: SupplierPlant) -> None:
        services.supplier_plant_reactivate(link=obj, by=actor(request))


@admin.register(Carrier)
class CarrierAdmin(PartnerAdmin):
    list_display = ["scac", "name", "mc_number", "dot_number", "insurance_expires_on", "is_active"]
    search_fields = ["scac", "name"]
    fields = form_fields(Carrier, CARRIER_FIELDS)

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Carrier:
        return services.carrier_create(by=actor(request), data=data)

    def update_service(
        self, request: HttpRequest, obj: Carrier, data: Mapping[str, Any]
    ) -> Carrier:
        return services.carrier_update(carrier=obj, by=actor(request), data=data)

    def deactivate(self, request: HttpRequest, obj: Carrier) -> None:
        services.carrier_deactivate(carrier=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: Carrier) -> None:
        services.carrier_reactivate(carrier=obj, by=actor(request))


PARTY_FIELDS = tuple(PARTY_FIELD_BY_MODEL.values())


@admin.register(Contact)
class ContactAdmin(PartnerAdmin):
    """A contact belongs to exactly one party, chosen when adding it (fixed afterwards)."""

    list_display = ["name", "title", "email", "phone", "is_primary", "is_active"]
    search_fields = ["name", "email"]
    autocomplete_fields = list(PARTY_FIELDS)
    fields = (*PARTY_FIELDS, *form_fields(Contact, CONTACT_FIELDS))
    create_only_fields = PARTY_FIELDS

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> Contact:
        parties: list[Party] = [data[name] for name in PARTY_FIELDS if data.get(name)]
        if len(parties) != 1:
            raise InvalidInput(ONE_PARTY, errors={"__all__": [ONE_PARTY]})
        values = {name: value for name, value in data.items() if name not in PARTY_FIELDS}
        return services.contact_create(by=actor(request), party=parties[0], data=values)

    def update_service(
        self, request: HttpRequest, obj: Contact, data: Mapping[str, Any]
    ) -> Contact:
        return services.contact_update(contact=obj, by=actor(request), data=data)

    def deactivate(self, request: HttpRequest, obj: Contact) -> None:
        services.contact_deactivate(contact=obj, by=actor(request))

    def reactivate(self, request: HttpRequest, obj: Contact) -> None:
        services.contact_reactivate(contact=obj, by=actor(request))


admin.site.register(PartnerAddress, ReadOnlyAdmin)
