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
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ImproperlyConfigured
from django.db import connections, models
from django.db.models import Prefetch, QuerySet
from django.db.models.expressions import Col
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.db.models.lookups import Lookup
from django.db.models.sql import Query
from django.db.models.sql.datastructures import BaseTable, Join
from django.db.models.sql.where import WhereNode
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.hashable import make_hashable
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


def _passthrough(tz: tzinfo | None) -> None:
    return None


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
        if iso and _is_utc(zone):
            return _utc_isoformat

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


def _is_utc(zone: tzinfo | None) -> bool:
    return zone is UTC or getattr(zone, "key", None) in {"UTC", "Etc/UTC"}


def _utc_isoformat(value: datetime) -> str:
    """A datetime as DRF writes it in UTC."""
    value = value.astimezone(UTC) if timezone.is_aware(value) else timezone.make_aware(value, UTC)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


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
    field: drf_fields.Field, model_field: models.Field[Any, Any] | None
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
    return _walk_lookup(model, lookup, label)[0]


def _walk_lookup(
    model: type[models.Model], lookup: str, label: str
) -> tuple[models.Field[Any, Any], str | None]:
    """The model field a lookup ends on, and the first relation on the way that may be null
    (its lookup), if any."""
    current = model
    parts = lookup.split("__")
    nullable: str | None = None
    for index, part in enumerate(parts):
        try:
            model_field = current._meta.get_field(part)
        except FieldDoesNotExist as exc:
            raise ImproperlyConfigured(f"{label}: {part!r} is not a column of {current}.") from exc
        if not model_field.concrete or model_field.many_to_many:
            raise ImproperlyConfigured(f"{label}: {part!r} is not a single column.")
        if model_field.is_relation and index < len(parts) - 1:
            if nullable is None and model_field.null:
                nullable = "__".join(parts[: index + 1])
            current = model_field.related_model  # type: ignore[assignment]
    return model_field, nullable  # type: ignore[return-value]


# Extras: values the list shows that are not columns (a method field, a property, a filtered
# relation). The view gives a function per such field that reads them for a whole page at
# once: it gets the page's primary keys and returns {pk: value as the serializer writes it}.
PageExtra = Callable[[list[Any]], dict[Any, Any]]


@dataclass(frozen=True)
class _Column:
    """A column (``supplier__name``) or an annotation of the list's queryset (``balance``)."""

    name: str
    lookup: str
    converter: ConverterFactory
    annotation: bool = False
    # Through a relation that may be null (``carrier__name``): the lookup of that relation
    # and what DRF writes when it is null -- the field's default, or no key at all (``OMIT``).
    via: str | None = None
    missing: Any = None


@dataclass(frozen=True)
class _Object:
    """A nested serializer of a foreign key (``requester``): ``None`` or an object of the
    related row's columns, read with the same query."""

    name: str
    lookup: str  # the foreign key (``requester``)
    plan: ListPlan


@dataclass(frozen=True)
class _Nested:
    """A ``many=True`` serializer of a reverse foreign key: one more query for the page."""

    name: str
    accessor: str  # the reverse relation on the parent (``lines``)
    parent_column: str  # the child's foreign key column to the parent (``order_id``)
    plan: ListPlan


@dataclass(frozen=True)
class _Extra:
    """A field that is not a column. When it is a plain field over a property, ``converter``
    writes the value an extra or an annotation gives, as the field would."""

    name: str
    reason: str
    converter: ConverterFactory | None = None


RowBuilder = Callable[
    [tuple[Any, ...], list[dict[Any, Any]], list[Converter | None]], dict[str, Any]
]


@dataclass(frozen=True, eq=False)
class ListPlan:
    model: type[models.Model]
    label: str
    names: tuple[str, ...]  # output order
    fields: dict[str, _Column | _Object | _Nested | _Extra]

    def source(
        self,
        queryset: QuerySet[Any],
        *,
        fields: set[str] | None = None,
        extras: Mapping[str, PageExtra] | None = None,
        annotations: Mapping[str, Any] | None = None,
    ) -> ListRows:
        """The objects of ``queryset``, in its order, as a lazily read sequence of output dicts
        (slice it, or hand it to a paginator); ``fields`` keeps only those top-level fields,
        ``extras`` reads the fields that are not columns, for the page, and ``annotations``
        gives them as SQL expressions read with the list's own query."""
        if annotations:
            queryset = queryset.annotate(
                **{
                    f"{ANNOTATION_PREFIX}{name}": expression
                    for name, expression in annotations.items()
                }
            )
            return self._annotated(frozenset(annotations)).source(
                queryset, fields=fields, extras=extras
            )
        names = tuple(name for name in self.names if fields is None or name in fields)
        extras = extras or {}
        annotations = queryset.query.annotations
        for name in names:
            field = self.fields[name]
            if name in extras:
                continue
            if isinstance(field, _Extra):
                raise ImproperlyConfigured(f"{self.label}.{name}: {field.reason}; give an extra.")
            if isinstance(field, _Column) and field.annotation and field.lookup not in annotations:
                raise ImproperlyConfigured(
                    f"{self.label}.{name} is neither a column nor annotated by the queryset."
                )
        return ListRows(self, queryset, names, extras)

    def _annotated(self, names: frozenset[str]) -> ListPlan:
        """This plan with ``names`` read from annotations of the list's queryset."""
        key = (self, names)
        plan = _ANNOTATED_PLANS.get(key)
        if plan is None:
            fields = dict(self.fields)
            for name in names:
                field = fields[name]
                if isinstance(field, _Object | _Nested):
                    raise ImproperlyConfigured(f"{self.label}.{name} cannot be annotated.")
                # A plain field is written as the field writes the annotation's value; for a
                # method field the expression gives the value itself.
                converter = getattr(field, "converter", None) or _passthrough
                fields[name] = _Column(name, f"{ANNOTATION_PREFIX}{name}", converter, True)
            plan = ListPlan(self.model, self.label, self.names, fields)
            _ANNOTATED_PLANS[key] = plan
        return plan

    def lookups(self, names: Iterable[str], extras: Mapping[str, Any] = {}) -> list[str]:  # noqa: B006
        """The ``values_list()`` lookups of these output names: the pk, then the columns."""
        lookups = ["pk"]
        for name in names:
            if name in extras:
                continue
            field = self.fields[name]
            if isinstance(field, _Column):
                lookups.append(field.lookup)
                if field.via is not None:
                    lookups.append(field.via)
            elif isinstance(field, _Object):
                lookups.append(field.lookup)
                lookups.extend(
                    f"{field.lookup}__{lookup}"
                    for lookup in field.plan.lookups(field.plan.names)[1:]
                )
        return lookups

    def render(
        self,
        records: Sequence[tuple[Any, ...]],
        names: Sequence[str],
        *,
        queryset: QuerySet[Any] | None = None,
        extras: Mapping[str, PageExtra] = {},  # noqa: B006
        database: _DatabaseValues | None = None,
    ) -> list[dict[str, Any]]:
        """Rows of ``(pk, *lookups of names in order)`` into output dicts. ``database``: the
        records are as the database driver gave them, with the converters Django would have
        applied to each position (``read_records``)."""
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        pks = [record[0] for record in records]
        pages: list[dict[Any, Any]] = []
        for name in names:
            field = self.fields[name]
            if name in extras:
                pages.append(extras[name](pks) if pks else {})
            elif isinstance(field, _Nested):
                pages.append(field.plan.children_of(pks, relation=field, parent_queryset=queryset))
        names = tuple(names)
        if database is not None and database.converters:
            build, values = self._database_values(names, frozenset(extras), zone, database)
        else:
            build, values = self._row_builder(names, frozenset(extras), zone), []
        return [build(record, pages, values) for record in records]

    def _positions(self, names: tuple[str, ...], extras: frozenset[str]) -> list[_Column | None]:
        """What each position of a record holds: the column whose value is written, or None
        (the pk, a nullable relation or a nested object's key: only compared with None)."""
        positions: list[_Column | None] = [None]
        for name in names:
            field = self.fields[name]
            if name in extras or isinstance(field, _Nested | _Extra):
                continue
            if isinstance(field, _Column):
                positions.append(field)
                if field.via is not None:
                    positions.append(None)
            elif isinstance(field, _Object):
                positions.append(None)
                positions.extend(
                    child if isinstance(child, _Column) else None
                    for child in (field.plan.fields[n] for n in field.plan.names)
                )
        return positions

    def _database_values(
        self,
        names: tuple[str, ...],
        extras: frozenset[str],
        zone: tzinfo | None,
        database: _DatabaseValues,
    ) -> tuple[RowBuilder, list[Converter | None]]:
        """The row builder of these records and, per record position with a Django converter,
        the function it calls (the builder writes each such value with Django's converter, or
        inline for the values that allow it)."""
        key = None
        if database.origin is not None:
            key = (self, names, extras, zone, id(database.origin), database.connection)
            known = _DATABASE_VALUES.get(key)
            if known is not None and known[0] is database.origin:
                return known[1], known[2]
        positions = self._positions(names, extras)
        values: list[Converter | None] = [None] * len(positions)
        modes: list[tuple[int, str | _Inline]] = []
        for at, (converters, expression) in sorted(database.converters.items()):
            column = positions[at] if at < len(positions) else None
            if column is None:
                continue
            written = column.converter(zone)
            direct = _direct_writer(database.connection, converters, expression, written)
            django = _django_converter(converters, expression, database.connection)
            if direct is not None:
                values[at] = django if written is None else _then(django, written)
                modes.append((at, direct))
            else:
                values[at] = django
                modes.append((at, "django"))
        build = self._row_builder(names, extras, zone, tuple(modes))
        if key is not None:
            # The origin is kept with them: its id stays its own while the entry lives.
            _remember(_DATABASE_VALUES, key, (database.origin, build, values))
        return build, values

    def _row_builder(
        self,
        names: tuple[str, ...],
        extras: frozenset[str],
        zone: tzinfo | None,
        modes: tuple[tuple[int, str | _Inline], ...] = (),
    ) -> RowBuilder:
        """A function writing one record as a dict, generated once per set of names, time
        zone and database converters: one dict display with the converters inlined, instead
        of a loop over fields."""
        key = (self, names, extras, zone, modes)
        mode_at = dict(modes)
        build = _ROW_BUILDERS.get(key)
        if build is not None:
            return build
        namespace: dict[str, Any] = {}
        position = 1
        page_index = 0

        def value(column: _Column, at: int) -> str:
            convert = column.converter(zone)
            mode = mode_at.get(at)
            if isinstance(mode, _Inline):
                namespace.update(mode.constants)
                return (
                    f"(None if (value := record[{at}]) is None else ({mode.text}) "
                    f"if ({mode.test}) else database[{at}](value))"
                )
            if mode == "django":
                read = (
                    f"(value := record[{at}]) is None or (value := database[{at}](value)) is None"
                )
                if convert is None:
                    return f"(None if {read} else value)"
                namespace[f"convert_{at}"] = convert
                return f"(None if {read} else convert_{at}(value))"
            if convert is None:
                return f"record[{at}]"
            namespace[f"convert_{at}"] = convert
            inline = _INLINE_WRITERS.get(convert)
            if inline is not None:
                # The writer's common case written out (PostgreSQL's decimals and datetimes).
                namespace.update(inline.constants)
                return (
                    f"(None if (value := record[{at}]) is None else ({inline.text}) "
                    f"if ({inline.test}) else convert_{at}(value))"
                )
            return f"(None if (value := record[{at}]) is None else convert_{at}(value))"

        parts = []
        omissions = []
        for name in names:
            field = self.fields[name]
            if name in extras:
                convert = (
                    field.converter(zone) if isinstance(field, _Extra) and field.converter else None
                )
                if convert is None:
                    parts.append(f"{name!r}: pages[{page_index}].get(record[0])")
                else:
                    namespace[f"extra_{page_index}"] = convert
                    parts.append(
                        f"{name!r}: (None if (value := pages[{page_index}].get(record[0])) is None"
                        f" else extra_{page_index}(value))"
                    )
                page_index += 1
            elif isinstance(field, _Nested):
                parts.append(f"{name!r}: pages[{page_index}].get(record[0], [])")
                page_index += 1
            elif isinstance(field, _Column) and field.via is not None:
                via_at = position + 1
                if field.missing is OMIT:
                    omissions.append(
                        f"    if record[{via_at}] is None:\n        del row[{name!r}]\n"
                    )
                    parts.append(f"{name!r}: {value(field, position)}")
                else:
                    namespace[f"missing_{position}"] = field.missing
                    parts.append(
                        f"{name!r}: (missing_{position} if record[{via_at}] is None "
                        f"else {value(field, position)})"
                    )
                position += 2
            elif isinstance(field, _Column):
                parts.append(f"{name!r}: {value(field, position)}")
                position += 1
            elif isinstance(field, _Object):
                key_at = position
                position += 1
                inner = []
                for child_name in field.plan.names:
                    child = field.plan.fields[child_name]
                    if not isinstance(child, _Column):
                        raise ImproperlyConfigured(f"{self.label}.{name}: only columns nest.")
                    inner.append(f"{child_name!r}: {value(child, position)}")
                    position += 1
                parts.append(
                    f"{name!r}: (None if record[{key_at}] is None else {{{', '.join(inner)}}})"
                )
        source = (
            "def build(record, pages, database):\n    row = {"
            + ", ".join(parts)
            + "}\n"
            + "".join(omissions)
            + "    return row\n"
        )
        exec(compile(source, f"<list row {self.label}>", "exec"), namespace)  # noqa: S102
        build = namespace["build"]
        _ROW_BUILDERS[key] = build
        return build

    def children_of(
        self,
        parent_ids: Iterable[Any],
        *,
        relation: _Nested,
        parent_queryset: QuerySet[Any] | None,
    ) -> dict[Any, list[dict[str, Any]]]:
        """The nested rows of these parents, grouped by parent, in the order of the parent
        selector's ``Prefetch`` for this relation (or the child model's default order)."""
        ids = list(dict.fromkeys(parent_ids))
        if not ids:
            return {}
        queryset = _prefetch_queryset(parent_queryset, relation.accessor)
        if queryset is None:
            queryset = self.model._default_manager.all()
        names = list(self.names)
        database = self._children_query(queryset, relation, names, ids)
        records = database.records
        rendered = self.render(records, names, database=database)
        grouped: dict[Any, list[dict[str, Any]]] = {}
        for record, item in zip(records, rendered, strict=True):
            grouped.setdefault(record[-1], []).append(item)
        return grouped

    def _children_query(
        self, queryset: QuerySet[Any], relation: _Nested, names: list[str], ids: list[Any]
    ) -> _DatabaseValues:
        """The children's records. Their query depends only on the child queryset's order
        and the number of parents when that queryset is otherwise plain (no filter,
        annotation, slice...): its SQL is then compiled once per worker, database and page
        size, and later pages only run it with their parents' ids."""
        db = queryset.db
        key = _plain_query_key(queryset.query)
        if key is not None:
            key = (self, relation.accessor, tuple(names), db, len(ids), key)
            compiled = _CHILD_QUERIES.get(key)
            if compiled is not None:
                return compiled.run(connections[db], ids)
        values = (
            queryset.filter(**{f"{relation.parent_column}__in": ids})
            .prefetch_related(None)
            .values_list(*self.lookups(names), relation.parent_column)
        )
        compiled = _CompiledValues.of(values, keys=(0, -1))
        if key is not None and compiled.params == tuple(ids):
            # Every parameter is a parent id, as given: the SQL fits any page of that size.
            _CHILD_QUERIES[key] = compiled
        return compiled.run(connections[db], compiled.params)


_ROW_BUILDERS: dict[tuple[Any, ...], RowBuilder] = {}
OMIT = object()
_ANNOTATED_PLANS: dict[tuple[ListPlan, frozenset[str]], ListPlan] = {}
ANNOTATION_PREFIX = "listed_"


class ListRows:
    """A lazily read list for a paginator: ``count()`` counts the filtered queryset (without
    the joins of the shown columns), a slice reads and renders only that page."""

    def __init__(
        self,
        plan: ListPlan,
        queryset: QuerySet[Any],
        names: tuple[str, ...],
        extras: Mapping[str, PageExtra],
    ) -> None:
        self.plan = plan
        self.queryset = queryset
        self.names = names
        self.extras = {name: extra for name, extra in extras.items() if name in names}
        self._count: int | None = None
        self.count_estimated = False
        self._keyed: tuple[Query, tuple[Any, ...] | None] | None = None

    def _sql_key(self) -> tuple[Any, ...] | None:
        """``_sql_key`` of the queryset's query, worked out once for its count and its page."""
        query = self.queryset.query
        if self._keyed is None or self._keyed[0] is not query:
            self._keyed = (query, _sql_key(query))
        return self._keyed[1]

    @property
    def ordered(self) -> bool:
        return self.queryset.ordered

    def with_queryset(self, queryset: QuerySet[Any]) -> ListRows:
        """The same columns over other rows (a narrower or reordered queryset)."""
        return ListRows(self.plan, queryset, self.names, self.extras)

    def count(self) -> int:
        """The number of rows; on PostgreSQL, when the planner expects more than
        ``LIST_EXACT_COUNT_LIMIT`` of them, its estimate instead of counting them all (a
        count of 100,000 products costs more than reading the page)."""
        if self._count is None:
            key = self._sql_key()
            estimate = planner_estimate(self.queryset, key=key)
            limit = getattr(settings, "LIST_EXACT_COUNT_LIMIT", EXACT_COUNT_LIMIT)
            if estimate is not None and estimate > limit:
                self._count = estimate
                self.count_estimated = True
            else:
                self._count = _count(self.queryset, key=key)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        if not isinstance(page, slice):
            raise TypeError("ListRows is read by slices.")
        lookups = self.plan.lookups(self.names, self.extras)
        database = _read_page(self.queryset, lookups, page, key=self._sql_key())
        return self.plan.render(
            database.records,
            self.names,
            queryset=self.queryset,
            extras=self.extras,
            database=database,
        )

    def all(self) -> list[dict[str, Any]]:
        return self[:]

    def iterator(self, chunk: int) -> Iterator[dict[str, Any]]:
        """Every row, read through one server-side cursor and rendered ``chunk`` records at a
        time (nested rows and extras: one query per chunk)."""
        lookups = self.plan.lookups(self.names, self.extras)
        values = self.queryset.prefetch_related(None).values_list(*lookups)
        batch: list[tuple[Any, ...]] = []
        for record in values.iterator(chunk_size=chunk):
            batch.append(record)
            if len(batch) >= chunk:
                yield from self._render(batch)
                batch = []
        if batch:
            yield from self._render(batch)

    def _render(self, records: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
        return self.plan.render(records, self.names, queryset=self.queryset, extras=self.extras)


EXACT_COUNT_LIMIT = 10_000


@dataclass(frozen=True)
class _DatabaseValues:
    """Records as the database driver gave them, and per position the converters Django
    applies to such a value (``compiler.get_converters``), for the row builder to apply."""

    records: list[tuple[Any, ...]]
    converters: dict[int, tuple[list[Any], Any]]
    connection: Any
    # The compiled query's converters these come from (the same object for every page read
    # with that query): how the row builder writes them is worked out once per such object.
    origin: dict[int, tuple[list[Any], Any]] | None = None


def read_records(queryset: QuerySet[Any], *, keys: Sequence[int] = (0,)) -> _DatabaseValues:
    """The rows of a ``values_list()`` queryset without Django's per-value converters, which
    the row builder applies itself (once per value, fused with the output formatting where
    that gives the same text); ``keys`` (the pk, a parent's id) are converted at once, as
    pages and children are matched by them."""
    compiled = _CompiledValues.of(queryset, keys=keys)
    return compiled.run(connections[queryset.db], compiled.params)


@dataclass(frozen=True)
class _CompiledValues:
    """The SQL of a ``values_list()`` query and the converters Django applies to its columns
    (per position: the functions and the column expression they are given)."""

    sql: str | None  # None: the query can match nothing
    params: tuple[Any, ...]
    converters: dict[int, tuple[list[Any], Any]]
    keys: tuple[int, ...]

    @classmethod
    def of(cls, queryset: QuerySet[Any], *, keys: Sequence[int]) -> _CompiledValues:
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return cls(None, (), {}, ())
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        width = len(fields)
        return cls(
            sql,
            tuple(params),
            dict(compiler.get_converters(fields)),
            tuple(sorted({at % width for at in keys})),
        )

    def limited(self, limit: str) -> _CompiledValues:
        """The same query with a LIMIT/OFFSET clause (``connection.ops.limit_offset_sql``)."""
        if not limit or self.sql is None:
            return self
        return _CompiledValues(f"{self.sql} {limit}", self.params, self.converters, self.keys)

    def run(self, connection: Any, params: Sequence[Any]) -> _DatabaseValues:
        if self.sql is None:
            return _DatabaseValues([], {}, connection)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            records: list[tuple[Any, ...]] = cursor.fetchall()
        if not records:
            return _DatabaseValues([], {}, connection)
        converters = dict(self.converters)
        key_converters = [(at, converters.pop(at)) for at in self.keys if at in converters]
        if key_converters:
            fixed = []
            for record in records:
                row = list(record)
                for at, (functions, expression) in key_converters:
                    value = row[at]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[at] = value
                fixed.append(tuple(row))
            records = fixed
        return _DatabaseValues(records, converters, connection, self.converters)


_CHILD_QUERIES: dict[tuple[Any, ...], _CompiledValues] = {}
# How the row builder writes the values of a compiled query (``ListPlan._database_values``).
_DATABASE_VALUES: dict[tuple[Any, ...], tuple[Any, ...]] = {}

# The SQL of list pages and counts, by everything it depends on (``_sql_key``): a list asked
# again with the same filters runs it without building it again.
_PAGE_QUERIES: dict[tuple[Any, ...], _CompiledValues] = {}
_COUNT_QUERIES: dict[tuple[Any, ...], tuple[str, Any]] = {}
_EXPLAIN_QUERIES: dict[tuple[Any, ...], tuple[str, Any]] = {}
_SQL_CACHE_SIZE = 512
_LIMITED_VENDORS = frozenset({"sqlite", "postgresql"})  # LIMIT/OFFSET closes their SQL


def _remember(cache: dict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any) -> None:
    if len(cache) >= _SQL_CACHE_SIZE:
        cache.clear()
    cache[key] = value


_UNKNOWN: Any = object()  # a ``key`` argument not given: worked out from the queryset


def _read_page(
    queryset: QuerySet[Any], lookups: list[str], page: slice, *, key: Any = _UNKNOWN
) -> _DatabaseValues:
    """The records of one page: ``values_list(*lookups)[page]`` of the queryset. Its SQL
    without the LIMIT is kept per ``_sql_key`` (``key``, when known) and database; the page
    adds its LIMIT/OFFSET."""
    db = queryset.db
    connection = connections[db]
    if connection.vendor not in _LIMITED_VENDORS:
        key = None
    elif key is _UNKNOWN:
        key = _sql_key(queryset.query)
    start, stop = page.start or 0, page.stop
    if key is None or page.step is not None or start < 0 or (stop is not None and stop < 0):
        return read_records(queryset.prefetch_related(None).values_list(*lookups)[page])
    key = (key, tuple(lookups), db)
    compiled = _PAGE_QUERIES.get(key)
    if compiled is None:
        compiled = _CompiledValues.of(
            queryset.prefetch_related(None).values_list(*lookups), keys=(0,)
        )
        _remember(_PAGE_QUERIES, key, compiled)
    if compiled.sql is None or (stop is not None and stop <= start):
        return _DatabaseValues([], {}, connection)
    limit = connection.ops.limit_offset_sql(start, stop)
    return compiled.limited(limit).run(connection, compiled.params)


def _count(queryset: QuerySet[Any], *, key: Any = _UNKNOWN) -> int:
    """``queryset.count()``; its SQL is kept per ``_sql_key`` (``key``, when known) and
    database."""
    db = queryset.db
    connection = connections[db]
    if key is _UNKNOWN:
        key = _sql_key(queryset.query)
    if key is None:
        return queryset.count()
    key = (key, db)
    cached = _COUNT_QUERIES.get(key)
    if cached is not None:
        with connection.cursor() as cursor:
            cursor.execute(*cached)
            return int(cursor.fetchone()[0])
    executed: list[tuple[str, Any]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        count = queryset.count()
    if len(executed) == 1:
        _remember(_COUNT_QUERIES, key, executed[0])
    return count


def _sql_key(query: Query) -> tuple[Any, ...] | None:
    """Everything the SQL of ``query`` (and its parameters) depends on, when that is plain
    data: the model, tables and joins, and a filter of column lookups against constants,
    ordered by names. None for anything else (annotations, expressions, subqueries, extra
    SQL, slices, combined or locking queries), which is then built as usual."""
    if (
        query.is_sliced
        or query.combinator is not None
        or query.select_for_update
        or query.extra
        or query.annotations
    ):
        return None
    items = []
    for name, value in vars(query).items():
        if name in _QUERY_CACHES:
            continue
        if not _plain(value):
            return None
        items.append((name, value))
    try:
        key = make_hashable(tuple(sorted(items, key=lambda item: item[0])))
        hash(key)
    except TypeError:
        return None
    return (query.__class__, key)


_QUERY_CACHES = frozenset({"_annotation_select_cache", "_extra_select_cache", "base_table"})
_CONSTANTS = (str, int, float, decimal.Decimal, date, time, uuid.UUID, bytes, type(None))


def _plain(value: Any) -> bool:
    """Plain data whose equality is that of the SQL it gives (unlike, say, a subquery's
    query, which compares equal to any other of the same model)."""
    kind = type(value)
    if kind in _CONSTANTS or kind is bool or isinstance(value, datetime):
        return True
    if kind in (tuple, list, set, frozenset):
        return all(_plain(item) for item in value)
    if kind is dict:
        return all(_plain(item) for item in value) and all(_plain(v) for v in value.values())
    if isinstance(value, type | models.Field | ForeignObjectRel):
        return True
    if kind is Col:
        return True
    if kind is BaseTable:
        return value.filtered_relation is None
    if kind is Join:
        return value.filtered_relation is None
    if kind is WhereNode:
        return all(_plain(child) for child in value.children)
    if isinstance(value, Lookup):
        rhs = value.rhs
        if type(rhs) in (list, tuple):  # __in: its SQL follows from the values
            return type(value.lhs) is Col and all(type(item) in _CONSTANTS for item in rhs)
        return type(value.lhs) is Col and type(rhs) in _CONSTANTS + (bool, datetime)
    return False


def _plain_query_key(query: Any) -> tuple[Any, ...] | None:
    """What a child queryset's SQL depends on when it differs from its model's bare query
    only in its order (and ``select_related``, which ``values_list()`` drops); None when it
    filters, annotates, slices or anything else."""
    bare = vars(_bare_query(query.model))
    key: list[Any] = [query.model]
    for name, value in vars(query).items():
        if name in _ORDER_ATTRIBUTES or name in _IGNORED_ATTRIBUTES:
            continue
        if value != bare.get(name, getattr(Query, name, _NO)):
            return None
    for name in _ORDER_ATTRIBUTES:
        key.append((name, getattr(query, name)))
    try:
        hash(tuple(key))
    except TypeError:
        return None
    return tuple(key)


_NO = object()
_ORDER_ATTRIBUTES = ("order_by", "extra_order_by", "default_ordering", "standard_ordering")
# values_list() drops select_related; the others are caches and flags of the queryset API.
_IGNORED_ATTRIBUTES = frozenset(
    {"select_related", "_annotation_select_cache", "filter_is_sticky", "base_table"}
)
_BARE_QUERIES: dict[type[models.Model], Query] = {}


def _bare_query(model: type[models.Model]) -> Query:
    bare = _BARE_QUERIES.get(model)
    if bare is None:
        bare = _BARE_QUERIES[model] = Query(model)
    return bare


def _django_converter(functions: list[Any], expression: Any, connection: Any) -> Converter:
    """A value as Django's converters for its column make it."""
    if len(functions) == 1:
        function = functions[0]
        return lambda value: function(value, expression, connection)

    def convert(value: Any) -> Any:
        for function in functions:
            value = function(value, expression, connection)
        return value

    return convert


def _then(first: Converter, second: Converter) -> Converter:
    return lambda value: None if (value := first(value)) is None else second(value)


# SQLite hands back a decimal column as a float (or an int) and Django rounds it to 15
# significant digits, then to the column's places. A value of at most 15 significant digits
# (below 10 ** (15 - places)) is that same number once the float is written with that many
# places: a double is within 1.2e-16 of it, well inside half a unit of its last place.
SQLITE_EXACT_DIGITS = 15


@dataclass(frozen=True)
class _Inline:
    """A value the database gives in a form that writes directly to the text Django's
    converter followed by the serializer field would give: ``test`` (a Python expression of
    ``value``) is true for such a value and ``text`` (another) writes it; any other value takes
    the slower path. The row builder writes both into its source; ``constants`` are the names
    they use."""

    test: str
    text: str
    constants: tuple[tuple[str, Any], ...] = ()

    def writer(self, slow: Converter) -> Converter:
        """The same as a function (for a single value)."""
        namespace = {"slow": slow, **dict(self.constants)}
        source = f"lambda value: ({self.text}) if ({self.test}) else slow(value)"
        writer: Converter = eval(compile(source, "<list value>", "eval"), namespace)  # noqa: S307
        return writer


# Writers whose usual case the row builder writes inline: a decimal whose text has no exponent
# (``str`` gives the same digits as the ``f`` format, several times faster), a datetime in UTC.
_INLINE_WRITERS: dict[Converter, _Inline] = {
    _plain_decimal: _Inline(test="'E' not in (text := str(value))", text="text"),
    _utc_isoformat: _Inline(
        test="value.tzinfo is UTC", text="value.isoformat()[:-6] + 'Z'", constants=(("UTC", UTC),)
    ),
}


def _direct_writer(
    connection: Any, functions: list[Any], expression: Any, written: Converter | None
) -> _Inline | None:
    """How a value the database gives in a form that writes directly to the same text as
    Django's converter followed by the serializer field (SQLite's decimals, UUIDs, UTC
    datetimes, dates and booleans) is written inline; None for a column without such a
    form."""
    if connection.vendor != "sqlite" or len(functions) != 1:
        return None
    if not isinstance(expression, Col):
        return None
    field = expression.output_field
    if isinstance(field, models.DecimalField) and written is _plain_decimal:
        places = field.decimal_places
        limit = 10 ** (SQLITE_EXACT_DIGITS - places)
        # SQLite keeps a whole number as an integer: its digits and the places' zeros, without
        # the float formatting.
        zeros = "." + "0" * places if places else ""
        return _Inline(
            test=f"(type(value) is float or type(value) is int) and -{limit} < value < {limit}",
            text=f"f'{{value}}{zeros}' if type(value) is int else '%.{places}f' % value",
        )
    if isinstance(field, models.UUIDField) and written in (str, None):
        # The serializer writes the UUID as its hyphenated text (a primary key field hands
        # the UUID to the renderer, which writes the same text).
        return _Inline(
            test="type(value) is str and len(value) == 32",
            text='f"{(value := value.lower())[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}'
            '-{value[20:]}"',
        )
    if (
        isinstance(field, models.DateTimeField)
        and written is _utc_isoformat
        and _is_utc(connection.timezone)
    ):
        # Stored and read back (Python's sqlite3 parses the text) as a naive datetime in UTC,
        # written in UTC: its ISO text with a "Z".
        return _Inline(
            test="type(value) is datetime and value.tzinfo is None",
            text="value.isoformat() + 'Z'",
            constants=(("datetime", datetime),),
        )
    if isinstance(field, models.DateField) and written is _isoformat:
        return _Inline(
            test="type(value) is date", text="value.isoformat()", constants=(("date", date),)
        )
    if isinstance(field, models.BooleanField) and written is None:
        return _Inline(test="value == 0 or value == 1", text="value == 1")
    return None


def planner_estimate(queryset: QuerySet[Any], *, key: Any = _UNKNOWN) -> int | None:
    """How many rows PostgreSQL's planner expects ``queryset`` to return (None elsewhere);
    ``key``: its ``_sql_key``, when known."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    if key is _UNKNOWN:
        key = _sql_key(queryset.query)
    if key is not None:
        key = (key, queryset.db)
    explained = _EXPLAIN_QUERIES.get(key) if key is not None else None
    if explained is None:
        explained = queryset.order_by().values("pk").query.sql_with_params()
        if key is not None:
            _remember(_EXPLAIN_QUERIES, key, explained)
    sql, params = explained
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        row = cursor.fetchone()
    plan = json.loads(row[0]) if isinstance(row[0], str | bytes) else row[0]
    return int(plan[0]["Plan"]["Plan Rows"])


def _prefetch_queryset(queryset: QuerySet[Any] | None, accessor: str) -> QuerySet[Any] | None:
    if queryset is None:
        return None
    for lookup in getattr(queryset, "_prefetch_related_lookups", ()):
        if isinstance(lookup, Prefetch) and lookup.prefetch_to == accessor:
            return lookup.queryset
    return None


_PLANS: dict[type[serializers.BaseSerializer], ListPlan] = {}


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
    fields: dict[str, _Column | _Object | _Nested | _Extra] = {}
    label = serializer_class.__name__
    for name, field in serializer.fields.items():  # type: ignore[attr-defined]
        if field.write_only:
            continue
        names.append(name)
        fields[name] = _compile_field(model, name, field, f"{label}.{name}")
    return ListPlan(model=model, label=label, names=tuple(names), fields=fields)


def _compile_field(
    model: type[models.Model], name: str, field: drf_fields.Field, label: str
) -> _Column | _Object | _Nested | _Extra:
    if isinstance(field, serializers.ListSerializer):
        return _compile_nested(model, name, field, label)
    if isinstance(field, drf_fields.SerializerMethodField):
        return _Extra(name, "a method field")
    source = str(field.source)
    if source == "*":
        return _Extra(name, "the whole object")
    lookup = source.replace(".", "__")
    if "__" not in lookup and lookup not in {f.name for f in model._meta.get_fields()}:
        if isinstance(getattr(model, lookup, None), property | cached_property):
            return _Extra(name, "a property", _converter_or_none(field))
        # Not on the model: an annotation the list's queryset must make (checked per request).
        return _Column(name, lookup, _converter_for(field, None), annotation=True)
    if isinstance(field, serializers.BaseSerializer):
        return _compile_object(model, name, field, lookup, label)
    try:
        model_field, nullable = _walk_lookup(model, lookup, label)
    except ImproperlyConfigured as exc:
        return _Extra(name, str(exc))
    try:
        converter = _converter_for(field, model_field)
    except ImproperlyConfigured as exc:
        if model_field.is_relation:
            return _Extra(name, str(exc))
        converter = _field_converter(field)
    if nullable is None:
        return _Column(name, lookup, converter)
    # DRF reading ``carrier.name`` of an order without carrier: the default, else None when
    # the field allows it, else it leaves the field out.
    if field.default is not drf_fields.empty:
        missing = field.get_default()
    elif field.allow_null:
        missing = None
    else:
        missing = OMIT
    return _Column(name, lookup, converter, via=nullable, missing=missing)


def _converter_or_none(field: drf_fields.Field) -> ConverterFactory | None:
    try:
        return _converter_for(field, None)
    except ImproperlyConfigured:
        return None


def _compile_object(
    model: type[models.Model],
    name: str,
    field: serializers.BaseSerializer,
    lookup: str,
    label: str,
) -> _Object | _Extra:
    try:
        model_field = _check_lookup(model, lookup, label)
    except ImproperlyConfigured as exc:
        return _Extra(name, str(exc))
    if not (model_field.many_to_one or model_field.one_to_one):
        return _Extra(name, "a nested object that is not a foreign key")
    plan = list_plan(type(field))
    if any(
        not isinstance(child, _Column) or child.annotation or child.via is not None
        for child in plan.fields.values()
    ):
        return _Extra(name, "a nested object with fields that are not columns")
    return _Object(name, lookup, plan)


def _field_converter(field: drf_fields.Field) -> ConverterFactory:
    """A column holding structured data (a JSON list of issues): the serializer field itself
    writes it, which is exact by construction and costs only on rows that hold such data."""
    return lambda tz: field.to_representation


def _compile_nested(
    model: type[models.Model], name: str, field: serializers.ListSerializer, label: str
) -> _Column | _Nested | _Extra:
    source = str(field.source)
    try:
        relation = model._meta.get_field(source)
    except FieldDoesNotExist:
        return _Extra(name, f"{source!r} is not a relation")
    if relation.concrete and not relation.is_relation:
        return _Column(name, source, _field_converter(field))
    if not isinstance(relation, models.ManyToOneRel) or relation.one_to_one:
        return _Extra(name, "only reverse foreign keys can be nested")
    child = field.child
    if not isinstance(child, serializers.ModelSerializer):
        return _Extra(name, "the nested items are not a model serializer")
    plan = list_plan(type(child))
    if plan.model is not relation.related_model:
        raise ImproperlyConfigured(f"{label}: serializer model does not match.")
    if any(isinstance(child_field, _Extra) for child_field in plan.fields.values()):
        return _Extra(name, "nested items with fields that are not columns")
    return _Nested(
        name=name,
        accessor=relation.get_accessor_name() or source,
        parent_column=relation.field.attname,
        plan=plan,
    )
