"""List filters of the procurement API."""

from __future__ import annotations

import django_filters

from procura.core.money import MONEY_MAX_DIGITS
from procura.procurement.models import PurchaseRequest


class PurchaseRequestFilter(django_filters.FilterSet):
    """Adds date and amount ranges to the plain field filters of the request list."""

    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")
    needed_after = django_filters.DateFilter(field_name="needed_by", lookup_expr="gte")
    needed_before = django_filters.DateFilter(field_name="needed_by", lookup_expr="lte")
    total_min = django_filters.NumberFilter(
        field_name="total", lookup_expr="gte", max_digits=MONEY_MAX_DIGITS, decimal_places=2
    )
    total_max = django_filters.NumberFilter(
        field_name="total", lookup_expr="lte", max_digits=MONEY_MAX_DIGITS, decimal_places=2
    )

    class Meta:
        model = PurchaseRequest
        fields = ["status", "department", "requester", "currency", "suggested_supplier"]
