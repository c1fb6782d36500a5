"""The fast read path for large lists.

A list serializer class is compiled once into a :class:`ListPlan`: for each output field the
database column it reads (``supplier.name`` -> ``supplier__name``) and how its value is written
(Decimal places, ISO datetimes in the current time zone, ...), exactly as the DRF field would
write it. A page is then read with ``values_list()`` -- only the columns the list shows, names
of related rows joined in -- and each nested ``many=True`` serializer with one more query for
the whole page. No model instances and no per-field DRF calls are made, so a page of 50 orders
with their lines costs a few plain loops instead of thousands of method calls.

The serializer stays the one description of the list: the schema is generated from it, the
detail endpoint renders with it, and the tests compare the fast output with its output. A field
the compiler cannot express as a column (a method field, a model property) is refused when the
plan is built, so a list can never silently drift from its serializer.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers
from rest_framework.settings import api_settings

ISO_8601 = "iso-8601"  # rest_framework.ISO_8601

Converter = Callable[[Any], Any]
# A converter factory gets the request's time zone (datetimes are written in it).
ConverterFactory = Callable[[tzinfo | None], Converter | None]

# Fields whose value from the database is already what DRF writes.
_PASSTHROUGH = (
    drf_fields.CharField,  # also Email, Slug, URL, Regex
    drf_fields.ChoiceField,
    drf_fields.IntegerField,
    drf_fields.BooleanField,
    drf_fields.JSONField,
    drf_fields.ReadOnlyField,
    relations.PrimaryKeyRelatedField,
)


def _decimal_converter(field: drf_fields.DecimalField, *, same_scale: bool) -> ConverterFactory:
    if field.localize:
        raise ImproperlyConfigured(f"{field.field_name}: localized decimals are not supported.")
    coerce = getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
    normalize = bool(getattr(field, "normalize_output", False))
    if field.decimal_places is None:
        exponent = None
        context = None
    else:
        exponent = decimal.Decimal(".1") ** field.decimal_places
        context = decimal.getcontext().copy()
        if field.max_digits is not None:
            context.prec = field.max_digits
    rounding = field.rounding
    if same_scale and coerce and not normalize:
        return lambda tz: _plain_decimal

    def convert(value: Any) -> Any:
        if not isinstance(value, decimal.Decimal):
            value = decimal.Decimal(str(value).strip())
        if exponent is not None:
            value = value.quantize(exponent, rounding=rounding, context=context)
        if normalize:
            value = value.normalize()
        return f"{value:f}" if coerce else value

    return lambda tz: convert


def _plain_decimal(value: decimal.Decimal) -> str:
    return f"{value:f}"


def _datetime_converter(field: drf_fields.DateTimeField) -> ConverterFactory:
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if output_format is None:
        return lambda tz: None
    iso = output_format.lower() == ISO_8601
    fixed_tz = field.timezone if hasattr(field, "timezone") else None

    def factory(request_tz: tzinfo | None) -> Converter:
        zone = fixed_tz if hasattr(field, "timezone") else request_tz

        def convert(value: datetime) -> str:
            if zone is not None:
                value = (
                    value.astimezone(zone)
                    if timezone.is_aware(value)
                    else timezone.make_aware(value, zone)
                )
            if not iso:
                return value.strftime(output_format)
            text = value.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text

        return convert

    return factory


def _iso_converter(field: drf_fields.Field, setting: str) -> ConverterFactory:
    output_format = getattr(field, "format", getattr(api_settings, setting))
    if output_format is None:
        return lambda tz: None
    if output_format.lower() == ISO_8601:
        return lambda tz: _isoformat
    return lambda tz: lambda value: value.strftime(output_format)


def _isoformat(value: date | time) -> str:
    return value.isoformat()


def _converter_for(
    field: drf_fields.Field, model_field: models.Field[Any, Any]
) -> ConverterFactory:
    if isinstance(field, drf_fields.DecimalField):
        # The database hands a decimal column back with the column's scale (PostgreSQL
        # numeric(p, s); Django quantizes SQLite's), so when the serializer writes the same
        # number of places only the formatting is left to do.
        same_scale = (
            isinstance(model_field, models.DecimalField)
            and model_field.decimal_places == field.decimal_places
            and (field.max_digits is None or field.max_digits >= model_field.max_digits)
        )
        return _decimal_converter(field, same_scale=same_scale)
    if isinstance(field, drf_fields.DateTimeField):
        return _datetime_converter(field)
    if isinstance(field, drf_fields.DateField):
        return _iso_converter(field, "DATE_FORMAT")
    if isinstance(field, drf_fields.TimeField):
        return _iso_converter(field, "TIME_FORMAT")
    if isinstance(field, drf_fields.UUIDField):
        if field.uuid_format != "hex_verbose":
            return lambda tz: lambda value: getattr(value, field.uuid_format)
        return lambda tz: str
    if isinstance(field, drf_fields.FloatField):
        return lambda tz: float
    if isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is not None:
        raise ImproperlyConfigured(f"{field.field_name}: pk_field is not supported.")
    if isinstance(field, _PASSTHROUGH) and not isinstance(
        field, relations.HyperlinkedRelatedField | drf_fields.FileField
    ):
        return lambda tz: None
    raise ImproperlyConfigured(
        f"{field.field_name}: a {type(field).__name__} cannot be read from a column; "
        "give the list a plain field or leave it off the fast path."
    )


def _check_lookup(model: type[models.Model], lookup: str, label: str) -> models.Field[Any, Any]:
    """The model field a lookup ends on; it names database columns all the way (no
    properties, no reverse relations)."""
    current = model
    parts = lookup.split("__")
    for index, part in enumerate(parts):
        try:
            model_field = current._meta.get_field(part)
        except FieldDoesNotExist as exc:
            raise ImproperlyConfigured(f"{label}: {part!r} is not a column of {current}.") from exc
        if not model_field.concrete or model_field.many_to_many:
            raise ImproperlyConfigured(f"{label}: {part!r} is not a single column.")
        if model_field.is_relation and index < len(parts) - 1:
            current = model_field.related_model  # type: ignore[assignment]
    return model_field  # type: ignore[return-value]


@dataclass(frozen=True)
class _Column:
    name: str
    lookup: str
    converter: ConverterFactory


@dataclass(frozen=True)
class _Nested:
    name: str
    accessor: str  # the reverse relation on the parent (``lines``)
    parent_column: str  # the child's foreign key column to the parent (``order_id``)
    plan: ListPlan


@dataclass(frozen=True, eq=False)
class ListPlan:
    model: type[models.Model]
    names: tuple[str, ...]  # output order
    columns: dict[str, _Column]
    nested: dict[str, _Nested]

    def source(self, queryset: QuerySet[Any], *, fields: set[str] | None = None) -> ListRows:
        """The objects of ``queryset``, in its order, as a lazily read sequence of output dicts
        (slice it, or hand it to a paginator); ``fields`` keeps only those top-level fields."""
        names = tuple(name for name in self.names if fields is None or name in fields)
        return ListRows(self, queryset, names)

    def render(
        self,
        records: Sequence[tuple[Any, ...]],
        names: Sequence[str],
        *,
        queryset: QuerySet[Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Rows of ``(pk, *columns of names in order)`` into output dicts."""
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        nested = [
            self.nested[name].plan.children_of(
                [record[0] for record in records],
                relation=self.nested[name],
                parent_queryset=queryset,
            )
            for name in names
            if name in self.nested
        ]
        build = self._row_builder(tuple(names), zone)
        return [build(record, nested) for record in records]

    def _row_builder(self, names: tuple[str, ...], zone: tzinfo | None) -> RowBuilder:
        """A function writing one record as a dict, generated once per set of names and time
        zone: one dict display with the converters inlined, instead of a loop over fields."""
        key = (names, zone)
        build = _ROW_BUILDERS.get((self, key))
        if build is not None:
            return build
        namespace: dict[str, Any] = {}
        parts = []
        position = 1
        nested_index = 0
        for name in names:
            column = self.columns.get(name)
            if column is None:
                parts.append(f"{name!r}: nested[{nested_index}].get(record[0], [])")
                nested_index += 1
                continue
            convert = column.converter(zone)
            if convert is None:
                parts.append(f"{name!r}: record[{position}]")
            else:
                namespace[f"convert_{position}"] = convert
                parts.append(
                    f"{name!r}: None if (value := record[{position}]) is None "
                    f"else convert_{position}(value)"
                )
            position += 1
        source = "def build(record, nested):\n    return {" + ", ".join(parts) + "}\n"
        exec(compile(source, f"<list row {self.model.__name__}>", "exec"), namespace)  # noqa: S102
        build = namespace["build"]
        _ROW_BUILDERS[(self, key)] = build
        return build

    def lookups(self, names: Iterable[str]) -> list[str]:
        """The ``values_list()`` lookups of these output names: the pk, then the columns."""
        return ["pk", *(self.columns[name].lookup for name in names if name in self.columns)]

    def children_of(
        self,
        parent_ids: Iterable[Any],
        *,
        relation: _Nested,
        parent_queryset: QuerySet[Any] | None,
    ) -> dict[Any, list[dict[str, Any]]]:
        """The nested rows of these parents, grouped by parent, in the order of the parent
        selector's ``Prefetch`` for this relation (or the child model's default order)."""
        ids = list(parent_ids)
        if not ids:
            return {}
        queryset = _prefetch_queryset(parent_queryset, relation.accessor)
        if queryset is None:
            queryset = self.model._default_manager.all()
        names = list(self.names)
        values = (
            queryset.filter(**{f"{relation.parent_column}__in": ids})
            .prefetch_related(None)
            .values_list(*self.lookups(names), relation.parent_column)
        )
        records = list(values)
        rendered = self.render(records, names)
        grouped: dict[Any, list[dict[str, Any]]] = {}
        for record, item in zip(records, rendered, strict=True):
            grouped.setdefault(record[-1], []).append(item)
        return grouped


class ListRows:
    """A lazily read list for a paginator: ``count()`` counts the filtered queryset (without
    the joins of the shown columns), a slice reads and renders only that page."""

    def __init__(self, plan: ListPlan, queryset: QuerySet[Any], names: tuple[str, ...]) -> None:
        self.plan = plan
        self.queryset = queryset
        self.names = names
        self._count: int | None = None

    @property
    def ordered(self) -> bool:
        return self.queryset.ordered

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        if not isinstance(page, slice):
            raise TypeError("ListRows is read by slices.")
        values = self.queryset.prefetch_related(None).values_list(*self.plan.lookups(self.names))
        records = list(values[page])
        return self.plan.render(records, self.names, queryset=self.queryset)

    def all(self) -> list[dict[str, Any]]:
        return self[:]


def _prefetch_queryset(queryset: QuerySet[Any] | None, accessor: str) -> QuerySet[Any] | None:
    if queryset is None:
        return None
    for lookup in getattr(queryset, "_prefetch_related_lookups", ()):
        if isinstance(lookup, Prefetch) and lookup.prefetch_to == accessor:
            return lookup.queryset
    return None


_PLANS: dict[type[serializers.BaseSerializer], ListPlan] = {}
RowBuilder = Callable[[tuple[Any, ...], list[dict[Any, list[dict[str, Any]]]]], dict[str, Any]]
_ROW_BUILDERS: dict[tuple[ListPlan, tuple[tuple[str, ...], tzinfo | None]], RowBuilder] = {}


def list_plan(serializer_class: type[serializers.BaseSerializer]) -> ListPlan:
    """The compiled plan of a ``ModelSerializer`` (built on first use, then kept)."""
    plan = _PLANS.get(serializer_class)
    if plan is None:
        plan = _compile(serializer_class)
        _PLANS[serializer_class] = plan
    return plan


def _compile(serializer_class: type[serializers.BaseSerializer]) -> ListPlan:
    meta = getattr(serializer_class, "Meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        raise ImproperlyConfigured(f"{serializer_class.__name__} is not a ModelSerializer.")
    serializer = serializer_class()
    names: list[str] = []
    columns: dict[str, _Column] = {}
    nested: dict[str, _Nested] = {}
    label = serializer_class.__name__
    for name, field in serializer.fields.items():  # type: ignore[attr-defined]
        if field.write_only:
            continue
        names.append(name)
        if isinstance(field, serializers.ListSerializer):
            nested[name] = _compile_nested(model, name, field, label)
            continue
        if field.source == "*" or isinstance(field, serializers.BaseSerializer):
            raise ImproperlyConfigured(f"{label}.{name}: nested objects are not supported.")
        lookup = field.source.replace(".", "__")
        model_field = _check_lookup(model, lookup, f"{label}.{name}")
        columns[name] = _Column(
            name=name, lookup=lookup, converter=_converter_for(field, model_field)
        )
    return ListPlan(model=model, names=tuple(names), columns=columns, nested=nested)


def _compile_nested(
    model: type[models.Model], name: str, field: serializers.ListSerializer, label: str
) -> _Nested:
    source = str(field.source)
    try:
        relation = model._meta.get_field(source)
    except FieldDoesNotExist as exc:
        raise ImproperlyConfigured(f"{label}.{name}: {source!r} is not a relation.") from exc
    if not isinstance(relation, models.ManyToOneRel) or relation.one_to_one:
        raise ImproperlyConfigured(f"{label}.{name}: only reverse foreign keys can be nested.")
    child = field.child
    if not isinstance(child, serializers.BaseSerializer):
        raise ImproperlyConfigured(f"{label}.{name}: the nested items are not a serializer.")
    plan = list_plan(type(child))
    if plan.model is not relation.related_model:
        raise ImproperlyConfigured(f"{label}.{name}: serializer model does not match.")
    return _Nested(
        name=name,
        accessor=relation.get_accessor_name() or source,
        parent_column=relation.field.attname,
        plan=plan,
    )
