"""Page numbers deep in a large product list without reading every row before the page.

``OFFSET 60000`` makes PostgreSQL walk 60,000 index entries to find a page. Instead, for a
list asked beyond its first ``ANCHORS_FROM`` rows, one query remembers the sort value and
primary key of every ``ANCHOR_STRIDE``-th row of the list (its filters, search and order;
kept per worker, per list; on a list of more than ``MAX_ANCHORS`` strides, every
size / ``MAX_ANCHORS``-th row, so a list keeps at most that many); a page then starts after the
nearest remembered row before it (``sku > 'AB-..' OR (sku = 'AB-..' AND id > ..)``, a range on
the index of the order) and skips fewer than one stride of rows from there.

Positions hold only as long as no product is written. Every statement writing
``catalog_product`` changes the list's version in its own transaction (a statement trigger,
migration 0007), the anchors are read together with that version, and a page read from them
carries the condition that the version is still the same, checked by the database in the same
snapshot as the rows: after any write the anchored page comes back empty, the anchors are
forgotten and the page is read by ``OFFSET`` (an empty page at the same version lies past the
end of the list). Anchors are rebuilt at most once every
``REBUILD_SECONDS`` per list, so a stream of writes costs no more than plain ``OFFSET`` pages.

PostgreSQL only (elsewhere, and for lists whose query is not plain data, pages use OFFSET).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from django.db import connections
from django.db.models import BooleanField, F, Q, QuerySet, Window
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.functions import RowNumber

from procura.core.listing import _sql_key

ANCHOR_STRIDE = 500
ANCHORS_FROM = 2 * ANCHOR_STRIDE
MAX_ANCHORS = 1000
REBUILD_SECONDS = 10.0
LIST_VERSION_SQL = "(SELECT version FROM catalog_product_list_version WHERE id = 1)"
_POSITION = "anchor_position"
_CACHE_SIZE = 128


@dataclass(frozen=True)
class Anchors:
    """Every ``stride``-th row of one list at one version: ``keys[i]`` is the (sort value,
    primary key) of the row at position ``(i + 1) * stride - 1``."""

    version: int | None
    stride: int
    keys: tuple[tuple[Any, Any], ...]
    built: float
    stale: bool = False


@dataclass(frozen=True)
class Start:
    """Where an anchored page starts: ``after`` the anchor's row, then ``skip`` rows."""

    after: Q
    skip: int
    version: int


_ANCHORS: dict[tuple[Any, ...], Anchors] = {}


def page_start(
    queryset: QuerySet[Any], offset: int, *, size: int
) -> tuple[tuple[Any, ...], Start] | None:
    """The anchor to start a page at ``offset`` of ``queryset`` (of about ``size`` rows) from
    (building the list's anchors when there are none), with the key to ``forget`` them by; None
    for a page read by OFFSET alone."""
    if offset < ANCHORS_FROM or connections[queryset.db].vendor != "postgresql":
        return None
    terms = [str(term) for term in queryset.query.order_by]
    if len(terms) != 2 or terms[1].lstrip("-") not in {"pk", "id"}:
        return None  # not the total order with_tiebreaker() makes
    sql_key = _sql_key(queryset.query)
    if sql_key is None:
        return None
    key = (sql_key, queryset.db)
    anchors = _ANCHORS.get(key)
    now = time.monotonic()
    if anchors is None or (anchors.stale and now - anchors.built >= REBUILD_SECONDS):
        stride = max(ANCHOR_STRIDE, -(-size // MAX_ANCHORS))
        anchors = _build(queryset, terms, stride)
        _remember(key, anchors)
    if anchors.stale or anchors.version is None:
        return None
    stride = anchors.stride
    index = offset // stride - 1
    if index < 0:
        return None
    index = min(index, len(anchors.keys) - 1)
    if index < 0:
        return None
    value, pk = anchors.keys[index]
    first = terms[0]
    after = rows_after(first.lstrip("-"), value, pk, ascending=not first.startswith("-"))
    return key, Start(after, offset - (index + 1) * stride, anchors.version)


def anchored(queryset: QuerySet[Any], start: Start) -> QuerySet[Any]:
    """``queryset`` from the row after the anchor on, while the list's version is the one
    the anchors were read at (otherwise no row)."""
    same_version = RawSQL(  # noqa: S611 - a constant subquery; the version is a parameter
        f"{LIST_VERSION_SQL} = %s",
        (start.version,),
        output_field=BooleanField(),
    )
    return queryset.filter(start.after).filter(same_version)


def forget_if_written(key: tuple[Any, ...], start: Start, db: str) -> bool:
    """After an anchored page came back empty: whether a product was written since the
    anchors were read (they are then forgotten and the page is to be read by OFFSET); if not,
    the page lies past the end of the list, and the anchors still hold."""
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT {LIST_VERSION_SQL}")  # noqa: S608 - a constant query
        row = cursor.fetchone()
    if row is not None and row[0] == start.version:
        return False
    anchors = _ANCHORS.get(key)
    if anchors is not None and not anchors.stale:
        _ANCHORS[key] = replace(anchors, stale=True)
    return True


def _build(queryset: QuerySet[Any], terms: list[str], stride: int) -> Anchors:
    first = terms[0]
    column = first.lstrip("-")
    descending = first.startswith("-")
    order = [OrderBy(F(column), descending=descending), OrderBy(F("pk"), descending=descending)]
    numbered = (
        queryset.order_by()
        .annotate(**{_POSITION: Window(RowNumber(), order_by=order)})
        .values_list(column, "pk", _POSITION)
    )
    sql, params = numbered.query.sql_with_params()
    every = (
        f"SELECT {LIST_VERSION_SQL}, numbered.* FROM ({sql}) numbered "  # noqa: S608
        f'WHERE numbered."{_POSITION}" %% {stride:d} = 0 '
        f'ORDER BY numbered."{_POSITION}"'
    )
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        cursor.execute(every, params)
        rows = cursor.fetchall()
    if not rows:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {LIST_VERSION_SQL}")  # noqa: S608
            version = cursor.fetchone()[0]
        return Anchors(version, stride, (), time.monotonic())
    keys = tuple((value, pk) for _, value, pk, _ in rows)
    version = rows[0][0]
    if any(value is None for value, _ in keys):
        version = None  # a column with nulls: OFFSET pages
    return Anchors(version, stride, keys, time.monotonic())


def rows_after(column: str, value: Any, pk: Any, *, ascending: bool) -> Q:
    """The rows after (``value``, ``pk``) in an order by ``column`` then the primary key,
    ascending (before it in a descending order); the plain range on the sort column lets the
    database start the index walk there."""
    if column in {"pk", "id"}:
        return Q(pk__gt=pk) if ascending else Q(pk__lt=pk)
    strict, loose = ("gt", "gte") if ascending else ("lt", "lte")
    return Q(**{f"{column}__{loose}": value}) & (
        Q(**{f"{column}__{strict}": value}) | Q(**{column: value, f"pk__{strict}": pk})
    )


def _remember(key: tuple[Any, ...], anchors: Anchors) -> None:
    if key not in _ANCHORS and len(_ANCHORS) >= _CACHE_SIZE:
        _ANCHORS.pop(next(iter(_ANCHORS)))
    _ANCHORS[key] = anchors
