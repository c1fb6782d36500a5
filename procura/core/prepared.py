"""Querysets compiled once and run many times.

Building the SQL of a queryset with joins and subqueries costs more Python time than running
it: resolving the lookups, the joins, the select list and the converters of each column. A
query that every request makes with another value (the API token's digest, on every API
call) is compiled once per worker and database here, and then only executed::

    TOKEN = PreparedQuery(lambda digest: ApiToken.objects.filter(digest=digest), "digest")
    token = TOKEN.first(digest=token_digest(raw))

The rows become model instances exactly as the queryset would make them (``select_related``
objects and annotations included), through the compiler of that first compilation. The values
substituted are those of the placeholders the builder received, so a parameter must reach the
SQL unchanged (text, as for a ``CharField`` lookup): ``PreparedQuery`` refuses a builder whose
placeholders do not appear as such among the query's parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

_PLACEHOLDER = "\x00prepared-query-{name}\x00"


@dataclass
class _Compiled:
    sql: str
    params: list[Any]
    slots: dict[str, list[int]]  # parameter name -> its positions in params
    compiler: Any
    model_start: int
    model_end: int
    init_list: list[str]
    populators: list[Any]
    annotations: dict[str, int]
    model: type[Model]
    converters: dict[int, Any]


class PreparedQuery:
    """``build(**values)`` gives the queryset; its SQL is made once per database alias."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *names: str) -> None:
        self.build = build
        self.names = names
        self._compiled: dict[str, _Compiled] = {}
        self._model: type[Model] | None = None

    def _compiled_for(self, using: str | None) -> tuple[str, _Compiled]:
        db = using or (router.db_for_read(self._model) if self._model is not None else None)
        compiled = self._compiled.get(db) if db is not None else None
        if db is None or compiled is None:
            return self._compile(db)
        return db, compiled

    def _compile(self, alias: str | None) -> tuple[str, _Compiled]:
        placeholders = {name: _PLACEHOLDER.format(name=name) for name in self.names}
        queryset = self.build(**placeholders)
        self._model = queryset.model
        db = alias or queryset.db
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        params = list(params)
        slots = {
            name: [i for i, value in enumerate(params) if value == placeholder]
            for name, placeholder in placeholders.items()
        }
        missing = [name for name, positions in slots.items() if not positions]
        if missing:
            raise ValueError(f"placeholders not passed through to the SQL: {missing}")
        klass_info = compiler.klass_info
        select = compiler.select
        model_start = klass_info["select_fields"][0]
        model_end = klass_info["select_fields"][-1] + 1
        compiled = _Compiled(
            sql=sql,
            params=params,
            slots=slots,
            compiler=compiler,
            model_start=model_start,
            model_end=model_end,
            init_list=[column[0].target.attname for column in select[model_start:model_end]],
            populators=get_related_populators(klass_info, select, db),  # type: ignore[call-arg]
            annotations=dict(compiler.annotation_col_map or {}),
            model=klass_info["model"],
            converters=compiler.get_converters(
                [column[0] for column in select[: compiler.col_count]]
            ),
        )
        self._compiled[db] = compiled
        return db, compiled

    def all(self, *, using: str | None = None, **values: Any) -> list[Any]:
        """The objects the queryset built with ``values`` returns."""
        db, compiled = self._compiled_for(using)
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            for position in positions:
                params[position] = values[name]
        with connections[db].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        objects = []
        for row in rows:
            obj = compiled.model.from_db(
                db, compiled.init_list, row[compiled.model_start : compiled.model_end]
            )
            for populator in compiled.populators:
                populator.populate(row, obj)
            for attribute, position in compiled.annotations.items():
                setattr(obj, attribute, row[position])
            objects.append(obj)
        return objects

    def first(self, *, using: str | None = None, **values: Any) -> Any:
        """The first object, or None (the builder orders and limits the queryset)."""
        objects = self.all(using=using, **values)
        return objects[0] if objects else None
