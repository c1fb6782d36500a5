"""Reads of partners, each with the joins its screens need (list query counts stay constant)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from procura.partners.models import (
    Carrier,
    Contact,
    Customer,
    PartnerAddress,
    Plant,
    Supplier,
    SupplierPlant,
)


def _active_contacts() -> Prefetch[str]:
    return Prefetch("contacts", queryset=Contact.objects.filter(is_active=True))


def supplier_list() -> QuerySet[Supplier]:
    return Supplier.objects.all()


def supplier_detail_queryset() -> QuerySet[Supplier]:
    return Supplier.objects.prefetch_related(
        Prefetch("addresses", queryset=PartnerAddress.objects.order_by("id")),
        _active_contacts(),
        Prefetch("plants", queryset=Plant.objects.order_by("code")),
    )


def customer_list() -> QuerySet[Customer]:
    return Customer.objects.all()


def customer_detail_queryset() -> QuerySet[Customer]:
    return Customer.objects.prefetch_related(
        Prefetch("addresses", queryset=PartnerAddress.objects.order_by("id")),
        _active_contacts(),
    )


def plant_list() -> QuerySet[Plant]:
    return Plant.objects.select_related("supplier")


def plant_detail_queryset() -> QuerySet[Plant]:
    return plant_list().prefetch_related(_active_contacts())


def _linked_products() -> QuerySet[Any]:
    """The catalog's products, reached through the link's relation: partners sits below the
    catalog and does not import it."""
    return SupplierPlant.products.field.related_model._default_manager.all()


def supplier_plant_list() -> QuerySet[SupplierPlant]:
    return SupplierPlant.objects.select_related("supplier", "plant").prefetch_related(
        Prefetch("approved_customers", queryset=Customer.objects.order_by("code")),
        Prefetch("products", queryset=_linked_products().only("pk")),
    )


def contact_list() -> QuerySet[Contact]:
    return Contact.objects.select_related("supplier", "plant", "customer", "carrier")


def carrier_list() -> QuerySet[Carrier]:
    return Carrier.objects.all()


def carrier_detail_queryset() -> QuerySet[Carrier]:
    return Carrier.objects.prefetch_related(_active_contacts())


def carriers_insurance_expiring(
    queryset: QuerySet[Carrier], *, within_days: int, today: date | None = None
) -> QuerySet[Carrier]:
    """Carriers whose insurance ends within ``within_days`` days, the already expired ones
    included (they need chasing most)."""
    today = today or timezone.localdate()
    return queryset.filter(insurance_expires_on__lte=today + timedelta(days=within_days))


def supplier_ids_by_contact_email(email: str) -> list[int]:
    """Active suppliers with an active contact at exactly this e-mail address."""
    return sorted(
        set(
            Contact.objects.filter(
                is_active=True,
                supplier__isnull=False,
                supplier__is_active=True,
                email__iexact=email.strip(),
            ).values_list("supplier_id", flat=True)
        )
    )


def supplier_ids_by_contact_domain(domain: str) -> list[int]:
    """Active suppliers with an active contact whose e-mail address is at ``domain``."""
    return sorted(
        set(
            Contact.objects.filter(
                is_active=True,
                supplier__isnull=False,
                supplier__is_active=True,
                email__iendswith="@" + domain.strip().lower(),
            ).values_list("supplier_id", flat=True)
        )
    )
