"""Filters shared by the list endpoints."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.filters import OrderingFilter, SearchFilter

from procura.core.serializers import ISO_DATE, ISO_DATE_TIME, NOT_ISO_DATE, NOT_ISO_DATE_TIME

OUT_OF_RANGE = "Give a date and time between the years 1 and 9999 in UTC."


class _UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time that still exists once moved to UTC (``0001-01-01T00:00+01:00``
    does not), refused as a field error rather than overflowing in the database driver."""

    def to_python(self, value: Any) -> datetime | None:
        try:
            result = super().to_python(value)
            if result is not None and result.tzinfo is not None:
                result.astimezone(UTC)
        except OverflowError as exc:
            raise ValidationError(OUT_OF_RANGE, code="invalid") from exc
        return result


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = _UtcIsoDateTimeField


BOOLEANS = frozenset({"true", "false", "1", "0"})
NOT_A_BOOLEAN = "Give true or false."
UNKNOWN_PARAMETER = "Unknown query parameter: this list cannot be filtered by it."
# Parameters every list reads besides its filters: pages, search, ordering, sparse fields, exports.
LIST_PARAMETERS = frozenset(
    {"page", "page_size", "cursor", "search", "ordering", "fields", "format", "columns"}
)


def hidden_fields_of(view: Any) -> frozenset[str]:
    """The fields of the view's rows the person may not read (``view.hidden_fields()``, e.g. a
    customer's credit limit and tax id for a buyer). Lists neither filter, search nor sort by
    them for that person: the order of the rows or which rows match would tell the value."""
    hidden = getattr(view, "hidden_fields", None)
    return frozenset(hidden()) if callable(hidden) else frozenset()


def _touches(lookup: str, hidden: frozenset[str]) -> bool:
    """Whether a filter, search or ordering path (``tax_id``, ``^tax_id``, ``-credit_limit``,
    ``credit_limit__gte``) reads one of the ``hidden`` fields."""
    path = lookup.lstrip("-^=@$")
    return any(path == name or path.startswith(f"{name}__") for name in hidden)


def _parameter_names(filterset: Any) -> set[str]:
    """The query parameters of a filterset (a range filter reads ``name_min``/``name_max``...)."""
    names: set[str] = set()
    for name, query_filter in filterset.filters.items():
        names.add(name)
        widget = query_filter.field.widget
        for suffix in getattr(widget, "suffixes", ()):
            names.add(f"{name}_{suffix}" if suffix else name)
    return names


def _class_parameter_names(filterset_class: Any) -> frozenset[str]:
    """As ``_parameter_names``, from the class: its filters' form fields are not built (a
    field may depend on the request), the widget comes from the filter or its field class."""
    names: set[str] = set()
    for name, query_filter in filterset_class.base_filters.items():
        names.add(name)
        widget = query_filter.extra.get("widget") or query_filter.field_class.widget
        for suffix in getattr(widget, "suffixes", ()):
            names.add(f"{name}_{suffix}" if suffix else name)
    return frozenset(names)


class ProcuraFilterBackend(DjangoFilterBackend):
    """django-filter, with the query string read as strictly as bodies: a parameter the list
    does not know (``?product=`` on a list without that filter) is a field error rather than
    silently ignored, which would return every row; dates (``?date_from=2026-1-1`` or
    ``12/31/2026``) are a field error, not a guess by the locale's formats. A view that reads
    parameters of its own names them in ``extra_query_params``.

    A request that names none of the list's filters (the plain first page of a list) filters
    nothing, so it is answered without building the filterset and its form; the parameter
    names of each view's filterset are read once per worker."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        key = (type(view), queryset.model)
        names = _FILTER_PARAMETERS.get(key, _UNSEEN)
        if names is _UNSEEN:
            filterset_class = self.get_filterset_class(view, queryset)
            names = None if filterset_class is None else _class_parameter_names(filterset_class)
            _FILTER_PARAMETERS[key] = names
        if names is None or names.isdisjoint(request.query_params):
            if getattr(view, "action", "list") in {"list", "export"}:
                _refuse_unknown(request, view, names or ())
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if getattr(view, "action", "list") in {"list", "export"}:
            # A list without filters knows only the common parameters (and its own); a filter
            # on a field the person may not read is as unknown to them as any other.
            hidden = hidden_fields_of(view)
            if filterset is not None and hidden:
                for name, query_filter in list(filterset.filters.items()):
                    if _touches(query_filter.field_name or name, hidden):
                        del filterset.filters[name]
            _refuse_unknown(
                request, view, _parameter_names(filterset) if filterset is not None else ()
            )
        if filterset is None:
            return None
        loose: dict[str, list[str]] = {}
        for name, query_filter in filterset.filters.items():
            value = request.query_params.get(name)
            if not value:
                continue
            field_class = query_filter.field_class
            if issubclass(field_class, forms.DateTimeField):
                if not ISO_DATE_TIME.match(value):
                    loose[name] = [NOT_ISO_DATE_TIME]
            elif issubclass(field_class, forms.DateField) and not ISO_DATE.match(value):
                loose[name] = [NOT_ISO_DATE]
            elif issubclass(field_class, forms.NullBooleanField) and value.lower() not in BOOLEANS:
                # The widgets read anything else ("maybe", "yes") as "not given": every row.
                loose[name] = [NOT_A_BOOLEAN]
        if loose:
            raise serializers.ValidationError(loose)
        return filterset


_UNSEEN = object()
# (view class, model) -> the query parameters of its filterset, or None without one.
_FILTER_PARAMETERS: dict[tuple[type, type], Any] = {}


def query_flag(request: Any, name: str) -> bool:
    """A yes/no query parameter a view reads itself (``?include_archived=true``): absent is
    no; anything but true/false/1/0 is a field error rather than read as no."""
    value = request.query_params.get(name, "")
    if value == "":
        return False
    if value.lower() not in BOOLEANS:
        raise serializers.ValidationError({name: [NOT_A_BOOLEAN]})
    return value.lower() in {"true", "1"}


def _refuse_unknown(request: Any, view: Any, names: Iterable[str]) -> None:
    """400 naming each query parameter the list does not read."""
    known = set(names) | LIST_PARAMETERS | set(getattr(view, "extra_query_params", ()))
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise serializers.ValidationError({name: [UNKNOWN_PARAMETER] for name in unknown})


class ProcuraSearchFilter(SearchFilter):
    """``?search=`` over the view's ``search_fields`` less those the person may not read (a
    buyer's search for a tax id matches nothing rather than telling whose it is)."""

    def get_search_fields(self, view: Any, request: Any) -> Any:
        fields = super().get_search_fields(view, request)
        hidden = hidden_fields_of(view)
        if not fields or not hidden:
            return fields
        return [field for field in fields if not _touches(field, hidden)]


class ProcuraOrderingFilter(OrderingFilter):
    """``?ordering=`` over the view's ``ordering_fields``; a field the person may not read is
    ignored like any unknown one (sorting by it would rank the hidden values)."""

    def remove_invalid_fields(self, queryset: Any, fields: Any, view: Any, request: Any) -> Any:
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        hidden = hidden_fields_of(view)
        return [term for term in valid if not _touches(term, hidden)] if hidden else valid
