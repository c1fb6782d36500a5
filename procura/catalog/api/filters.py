from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from procura.catalog.models import Category, Product, TaxRate
from procura.catalog.selectors import product_in_category, product_search
from procura.core.filters import ProcuraSearchFilter
from procura.core.units import UnitOfMeasure


class ProductFilter(django_filters.FilterSet):
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), method="filter_category"
    )
    include_descendants = django_filters.BooleanFilter(
        method="filter_noop", help_text="With category: also products of its subcategories."
    )
    active = django_filters.BooleanFilter(field_name="is_active")
    unit = django_filters.ChoiceFilter(choices=UnitOfMeasure.choices)
    min_price = django_filters.NumberFilter(field_name="list_price", lookup_expr="gte")
    max_price = django_filters.NumberFilter(field_name="list_price", lookup_expr="lte")
    sku = django_filters.BaseInFilter(
        field_name="sku",
        lookup_expr="in",
        help_text="Exact SKUs, comma separated (a pasted spreadsheet's product column).",
    )

    class Meta:
        model = Product
        fields = ["category", "tax_category", "currency", "unit"]

    def filter_category(
        self, queryset: QuerySet[Product], name: str, value: Category
    ) -> QuerySet[Product]:
        include = self.form.cleaned_data.get("include_descendants")
        return product_in_category(queryset, category=value, include_descendants=bool(include))

    def filter_noop(self, queryset: QuerySet[Product], name: str, value: bool) -> QuerySet[Product]:
        return queryset


class ProductSearchFilter(ProcuraSearchFilter):
    """``?search=``: every term in the SKU, name or GTIN; a term of one or two characters at
    the start of a word (``selectors.product_search``)."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        if not self.get_search_fields(view, request):
            return queryset
        return product_search(queryset, self.get_search_terms(request))


class TaxRateFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = TaxRate
        fields = ["tax_category", "region"]
