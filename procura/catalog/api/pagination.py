"""Pages of a large sorted list (the products): page numbers as everywhere, or keyset pages.

Page numbers (``?page=``) read the page's primary keys first -- from the index of the sort
column alone, which also holds the primary key and the columns lists filter by -- and then
only those rows with their joins: skipping 40,000 rows costs a walk over index entries, not
40,000 joined rows. ``count`` is the planner's estimate on a large list (``count_estimated``
says so) rather than a count of every row.

Keyset pages (``?cursor=start``, then the ``next`` and ``previous`` links) continue after the
last row of the page seen, in the list's order with the primary key as tiebreaker: a page
costs the same at any depth, and rows added or removed meanwhile neither repeat a row nor skip
one that was there all along. Filters, search and ordering apply as to page numbers; the
cursor remembers the ordering it was made for.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from procura.catalog.api import anchors
from procura.core.listing import ListRows
from procura.core.pagination import CURSOR_START, LedgerPagination

BAD_CURSOR = "Use 'start', or the cursor of a next or previous link of this list and ordering."
PRIMARY_KEY_TERMS = frozenset({"pk", "id", "-pk", "-id"})
# A list of at most this many rows (an exact count) is read whole from its filter's index and
# sorted; a longer one by walking the index of its order (its rows are dense enough there).
FEW_ROWS = 2000
MAX_PAGE_NUMBER = 10**9  # beyond any list; keeps OFFSET within the database's bigint


def with_tiebreaker(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """``queryset`` ordered by its first ordering term, then by the primary key in the same
    direction: a total order, the same on every read (the order keyset pages follow)."""
    terms = [str(term) for term in queryset.query.order_by] or [
        str(term) for term in queryset.model._meta.ordering
    ]
    if not terms or terms[0] in PRIMARY_KEY_TERMS:
        return queryset.order_by(terms[0] if terms else "pk")
    first = terms[0]
    return queryset.order_by(first, "-pk" if first.startswith("-") else "pk")


class DeferredRows:
    """A list's rows for page numbers: a page reads its primary keys (``OFFSET`` over the
    index of the order, from the nearest page anchor before it on a long list: see
    ``procura.catalog.api.anchors``) before the rows themselves.

    When the count is the planner's estimate, ``look_ahead`` reads the page asked for with the
    row after it first, and the count is made to fit what is there: at least one row past a
    full page when there is one (so pages beyond a low estimate are still reached, and a
    ``next`` link leads to them), exactly where the list ends when the page shows the end."""

    def __init__(self, rows: ListRows) -> None:
        self.rows = rows
        self.ordered = rows.ordered
        self.count_estimated = False
        self._count: int | None = None
        self._read: tuple[int, list[dict[str, Any]]] | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.rows.count()
            self.count_estimated = self.rows.count_estimated
        return self._count

    def __len__(self) -> int:
        return self.count()

    def look_ahead(self, number: int, size: int) -> None:
        """Read page ``number`` of ``size`` rows and the row after it, when the count is an
        estimate (the page is then served from what was read)."""
        estimate = self.count()
        if not self.count_estimated:
            return
        start = (number - 1) * size
        found = self._page(slice(start, start + size + 1))
        self._read = (start, found[:size])
        if len(found) > size:
            self._count = max(estimate, start + size + 1)
        elif found or number == 1:
            self._count = start + len(found)  # the end of the list: exact
            self.count_estimated = False
        else:
            self._count = min(estimate, start)  # past the end: no such page

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        start = page.start or 0
        if self._read is not None and self._read[0] == start and page.stop is not None:
            return self._read[1][: page.stop - start]
        return self._page(page)

    def _page(self, page: slice) -> list[dict[str, Any]]:
        queryset = self.rows.queryset
        start, stop = page.start or 0, page.stop
        anchor = None
        if stop is not None:
            anchor = anchors.page_start(queryset, start, size=self.count())
        if anchor is not None and stop is not None:
            key, at = anchor
            skip = slice(at.skip, at.skip + stop - start)
            keys = anchors.anchored(queryset, at).values("pk")[skip]
            found = self.rows.with_queryset(queryset.filter(pk__in=keys)).all()
            if found or not anchors.forget_if_written(key, at, queryset.db):
                return found  # rows, or a page past the end of the list
        if self._count is not None and not self.count_estimated and self._count <= FEW_ROWS:
            # Few rows match (a narrow search, a small category): the database reads them
            # all from the filter's index and sorts them, rather than walking the index of
            # the order past every row that does not match.
            queryset = queryset.order_by(*_unindexed(queryset.query.order_by))
        keys = queryset.values("pk")[page]
        return self.rows.with_queryset(self.rows.queryset.filter(pk__in=keys)).all()


def _unindexed(terms: Any) -> list[OrderBy]:
    """The same order written so no index serves it: ``COALESCE(sku, sku)`` sorts as ``sku``
    (a sort column holds no null) but is no indexed expression."""
    order = []
    for term in (str(term) for term in terms):
        column = term.lstrip("-")
        order.append(OrderBy(Coalesce(F(column), F(column)), descending=term.startswith("-")))
    return order


def _page_number(value: str | None) -> int | None:
    """The page a query asks for (1 when none); None for anything else ("last", a typo),
    which the paginator answers as usual."""
    if not value:
        return 1
    value = value.strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 1 <= number <= MAX_PAGE_NUMBER else None


@dataclass(frozen=True)
class _Position:
    ordering: str  # the sort term ("-list_price")
    value: Any  # the sort column's value of the row, as the database holds it
    pk: Any
    backward: bool  # a previous link: the rows before this one


class ProductPagination(LedgerPagination):
    cursor_description = (
        "Keyset pages instead of page numbers: 'start' for the first page, then the cursor in "
        "each answer's next and previous links. Same cost at any depth; rows added meanwhile "
        "never repeat or hide a row. No count."
    )
    count_estimated = False

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        self.request = request
        raw = request.query_params.get(self.cursor_query_param)
        self.keyset = raw is not None
        if not isinstance(queryset, ListRows):
            raise TypeError("ProductPagination pages the rows of a fast list.")
        if raw is None:
            deferred = DeferredRows(queryset)
            number = _page_number(request.query_params.get(self.page_query_param))
            size = self.get_page_size(request)
            if number is not None and size:
                deferred.look_ahead(number, size)
            page: list[dict[str, Any]] | None = super().paginate_queryset(deferred, request, view)
            self.count_estimated = deferred.count_estimated
            return page
        return self._keyset_page(queryset, raw.strip(), request)

    # --- keyset pages -----------------------------------------------------------------------

    def _keyset_page(self, rows: ListRows, raw: str, request: Request) -> list[dict[str, Any]]:
        queryset = rows.queryset
        terms = [str(term) for term in queryset.query.order_by]
        sort = terms[0] if terms else "pk"
        column = sort.lstrip("-")
        descending = sort.startswith("-")
        single = sort in PRIMARY_KEY_TERMS
        position = None if raw == CURSOR_START else _decode(raw, queryset, sort, column)
        size = self.get_page_size(request) or self.page_size
        backward = position is not None and position.backward
        order = terms if not backward else [_flip(term) for term in terms]
        keys = queryset
        if position is not None:
            keys = keys.filter(_beyond(column, position, ascending=descending == backward))
        fields = ("pk",) if single else (column, "pk")
        found = list(keys.order_by(*order).values_list(*fields)[: size + 1])
        more = len(found) > size
        found = found[:size]
        if backward:
            found.reverse()
        page_keys = [(row[0], row[-1]) for row in found]
        first = page_keys[0] if page_keys else None
        last = page_keys[-1] if page_keys else None
        here = (position.value, position.pk) if position is not None else None
        self.next_cursor = None
        self.previous_cursor = None
        if more or backward:
            at = last or here
            if at is not None:
                self.next_cursor = _encode(_Position(sort, at[0], at[1], backward=False))
        if (position is not None and not backward) or (backward and more):
            at = first or here
            if at is not None:
                self.previous_cursor = _encode(_Position(sort, at[0], at[1], backward=True))
        if not page_keys:
            return []
        page = queryset.filter(pk__in=[pk for _, pk in page_keys])
        return rows.with_queryset(page).all()

    # --- responses ----------------------------------------------------------------------------

    def get_paginated_response(self, data: Any) -> Response:
        if not self.keyset:
            response = super().get_paginated_response(data)
            response.data["count_estimated"] = self.count_estimated
            return response
        url = self.request.build_absolute_uri()  # type: ignore[union-attr]
        links = {
            "next": self.next_cursor,
            "previous": self.previous_cursor,
        }
        body = {
            name: replace_query_param(remove_query_param(url, self.page_query_param), "cursor", at)
            if at is not None
            else None
            for name, at in links.items()
        }
        return Response({**body, "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        properties = answer["properties"]
        properties["count"]["description"] = (
            "Page-number pages only. On a large list the database's estimate "
            "(count_estimated), not an exact count."
        )
        properties["previous"]["description"] = "The page before: a page number or a cursor."
        properties["count_estimated"] = {
            "type": "boolean",
            "description": "Page-number pages only: whether count is an estimate.",
        }
        return answer


def _flip(term: str) -> str:
    return term[1:] if term.startswith("-") else f"-{term}"


def _beyond(column: str, position: _Position, *, ascending: bool) -> Q:
    """The rows after ``position`` in an ascending walk (before it in a descending one)."""
    if position.ordering in PRIMARY_KEY_TERMS:
        column = "pk"
    return anchors.rows_after(column, position.value, position.pk, ascending=ascending)


def _text(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)  # Decimal, UUID


def _encode(position: _Position) -> str:
    payload = {
        "o": position.ordering,
        "v": _text(position.value),
        "k": _text(position.pk),
        "b": position.backward,
    }
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(raw: str, queryset: QuerySet[Any], sort: str, column: str) -> _Position:
    refused = ValidationError({"cursor": [BAD_CURSOR]})
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        payload = json.loads(text)
    except (binascii.Error, ValueError):
        raise refused from None
    if not isinstance(payload, dict) or payload.get("o") != sort:
        raise refused
    meta = queryset.model._meta
    try:
        pk = meta.pk.to_python(payload.get("k")) if meta.pk is not None else None
        value = pk
        if sort not in PRIMARY_KEY_TERMS:
            field = meta.get_field(column)
            value = field.to_python(payload.get("v"))
            field.run_validators(value)  # digits of a decimal, length of a text
    except (DjangoValidationError, FieldDoesNotExist, TypeError, ValueError):
        raise refused from None
    if pk is None or value is None or not isinstance(payload.get("b"), bool):
        raise refused
    if isinstance(value, datetime) and value.tzinfo is None:
        raise refused  # the links carry the time zone
    if isinstance(value, str) and "\x00" in value:
        raise refused
    return _Position(sort, value, pk, backward=payload["b"])
