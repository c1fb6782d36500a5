"""Columns of a list export: ``?columns=number,title,requester.full_name=Requester``.

Each item is a dotted path into the list's serialized row, optionally followed by ``=`` and the
header to print (the web app sends the headers its table shows). Without ``columns`` every field
of the list serializer is exported. A path must name a field the list serializer returns to the
caller, so an export never shows a field the screen would hide for the caller's role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from procura.core.errors import InvalidInput
from procura.core.exports.cells import CellKind

MAX_COLUMNS = 100
MAX_HEADER_CHARS = 120
DISPLAY_KEYS = ("full_name", "name", "number", "code", "label", "title", "username", "id")

UNKNOWN_COLUMN = "Unknown column {path!r}; the list has: {known}."
TOO_MANY_COLUMNS = "At most {limit} columns can be exported."
HEADER_TOO_LONG = "A column header has at most {limit} characters."


@dataclass(frozen=True)
class ListColumn:
    path: tuple[str, ...]
    header: str
    kind: CellKind

    def read(self, row: Mapping[str, Any]) -> Any:
        value: Any = row
        for name in self.path:
            if not isinstance(value, Mapping):
                return None
            value = value.get(name)
        return display(value)


def display(value: Any) -> Any:
    """A nested object by its name (or number, code...), a list as its items joined."""
    if isinstance(value, Mapping):
        for key in DISPLAY_KEYS:
            if value.get(key) not in (None, ""):
                return value[key]
        return None
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in (display(v) for v in value) if item is not None)
    return value


def field_kind(field: serializers.Field) -> CellKind:
    if isinstance(field, serializers.BooleanField):
        return CellKind.BOOLEAN
    if isinstance(
        field, serializers.DecimalField | serializers.IntegerField | serializers.FloatField
    ):
        return CellKind.NUMBER
    if isinstance(field, serializers.DateTimeField):
        return CellKind.DATETIME
    if isinstance(field, serializers.DateField):
        return CellKind.DATE
    return CellKind.TEXT


def _label(field: serializers.Field, name: str) -> str:
    label = field.label if isinstance(field.label, str) and field.label else None
    return label or name.replace("_", " ").capitalize()


def _children(field: serializers.Field) -> Mapping[str, serializers.Field] | None:
    if isinstance(field, serializers.ListSerializer):
        field = field.child  # type: ignore[assignment]
    if isinstance(field, serializers.Serializer):
        return field.fields
    return None


def _readable(fields: Mapping[str, serializers.Field]) -> dict[str, serializers.Field]:
    return {name: field for name, field in fields.items() if not field.write_only}


def serializer_columns(serializer: serializers.Serializer, raw: str | None) -> list[ListColumn]:
    """The columns ``raw`` asks for, checked against what ``serializer`` returns."""
    top = _readable(serializer.fields)
    if not raw or not raw.strip():
        return [
            ListColumn((name,), _label(field, name), field_kind(field))
            for name, field in top.items()
        ]
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if len(items) > MAX_COLUMNS:
        message = TOO_MANY_COLUMNS.format(limit=MAX_COLUMNS)
        raise InvalidInput(message, code="too_many_columns", errors={"columns": [message]})
    columns: list[ListColumn] = []
    errors: list[str] = []
    for item in items:
        path_text, _, header = item.partition("=")
        path = tuple(part.strip() for part in path_text.split(".") if part.strip())
        field = _resolve(top, path)
        if field is None:
            errors.append(UNKNOWN_COLUMN.format(path=path_text.strip(), known=", ".join(top)))
            continue
        header = header.strip() or " ".join(_label(field, name) for name in path[-1:])
        if len(header) > MAX_HEADER_CHARS:
            errors.append(HEADER_TOO_LONG.format(limit=MAX_HEADER_CHARS))
            continue
        columns.append(ListColumn(path, header, field_kind(field)))
    if errors:
        raise InvalidInput(errors[0], code="unknown_column", errors={"columns": errors})
    return columns


def _resolve(
    fields: Mapping[str, serializers.Field], path: Sequence[str]
) -> serializers.Field | None:
    current: Mapping[str, serializers.Field] | None = fields
    field: serializers.Field | None = None
    for name in path:
        if current is None:
            return None
        field = _readable(current).get(name)
        if field is None:
            return None
        current = _children(field)
    return field


def top_level_names(columns: Sequence[ListColumn]) -> set[str]:
    return {column.path[0] for column in columns}
