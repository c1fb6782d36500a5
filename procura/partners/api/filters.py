"""List filters of the partner endpoints."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from procura.partners.models import (
    PARTY_FIELDS,
    Carrier,
    Contact,
    Customer,
    CustomerKind,
    PartyStatus,
    Plant,
    Supplier,
    SupplierPlant,
    status_filter,
)
from procura.partners.selectors import carriers_insurance_expiring

MAX_EXPIRY_WINDOW_DAYS = 3650


class StatusFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=PartyStatus.choices, method="filter_status")

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(status_filter(value))


class SupplierFilter(StatusFilterSet):
    class Meta:
        model = Supplier
        fields = ["is_active", "on_hold", "currency", "status"]


class CustomerFilter(StatusFilterSet):
    kind = filters.ChoiceFilter(choices=CustomerKind.choices)

    class Meta:
        model = Customer
        fields = ["is_active", "on_hold", "currency", "tax_region", "kind", "status"]


class PlantFilter(filters.FilterSet):
    class Meta:
        model = Plant
        fields = ["is_active", "supplier", "country", "region"]


class SupplierPlantFilter(filters.FilterSet):
    customer = filters.NumberFilter(field_name="approved_customers", distinct=True)
    product = filters.UUIDFilter(field_name="products", distinct=True)

    class Meta:
        model = SupplierPlant
        fields = ["is_active", "supplier", "plant", "customer", "product"]


class ContactFilter(filters.FilterSet):
    party_type = filters.ChoiceFilter(
        choices=[(party, party) for party in PARTY_FIELDS], method="filter_party_type"
    )

    class Meta:
        model = Contact
        fields = ["is_active", "is_primary", "supplier", "plant", "customer", "carrier"]

    def filter_party_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(**{f"{value}__isnull": False}))


class CarrierFilter(filters.FilterSet):
    insurance_expiring_within = filters.NumberFilter(
        method="filter_insurance_expiring",
        min_value=0,
        max_value=MAX_EXPIRY_WINDOW_DAYS,
        label="Insurance expires within this many days (already expired included).",
    )

    class Meta:
        model = Carrier
        fields = ["is_active", "insurance_expiring_within"]

    def filter_insurance_expiring(self, queryset: QuerySet, name: str, value: Decimal) -> QuerySet:
        return carriers_insurance_expiring(queryset, within_days=int(value))
