from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelChoiceField

from procura.catalog.models import Category, Product, TaxRate
from procura.catalog.selectors import (
    CategorySubtree,
    category_subtree,
    product_in_category,
    product_search,
)
from procura.core.filters import ProcuraSearchFilter
from procura.core.units import UnitOfMeasure


class _CategorySubtreeField(ModelChoiceField):
    """A category id, read with the ids of its subtree in one query."""

    def to_python(self, value: Any) -> CategorySubtree | None:
        if value in self.empty_values:
            return None
        invalid = ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
        try:
            pk = int(str(value))
        except ValueError:
            raise invalid from None
        subtree = category_subtree(category_id=pk)
        if subtree is None:
            raise invalid
        return subtree


class CategorySubtreeFilter(django_filters.ModelChoiceFilter):
    field_class = _CategorySubtreeField


class ProductFilter(django_filters.FilterSet):
    category = CategorySubtreeFilter(queryset=Category.objects.all(), method="filter_category")
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
        self, queryset: QuerySet[Product], name: str, value: CategorySubtree
    ) -> QuerySet[Product]:
        include = self.form.cleaned_data.get("include_descendants")
        return product_in_category(queryset, subtree=value, include_descendants=bool(include))

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
