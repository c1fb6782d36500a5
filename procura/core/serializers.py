"""Serializer bases: unknown input fields are refused, ``?fields=`` trims the output."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rest_framework import serializers
from rest_framework.fields import Field

UNKNOWN_FIELD = "Unknown field."
FIELDS_PARAM = "fields"


class StrictInputMixin:
    """A field the API does not know is an error, not something silently dropped: a client that
    sends ``totl`` instead of ``total`` hears about it."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            known = set(self.fields)  # type: ignore[attr-defined]
            unknown = sorted(str(key) for key in data if key not in known)
            if unknown:
                raise serializers.ValidationError({key: [UNKNOWN_FIELD] for key in unknown})
        return super().to_internal_value(data)  # type: ignore[misc]


def requested_fields(context: Mapping[str, Any]) -> set[str] | None:
    """The top-level fields to return: ``context["fields"]`` when a view chose them (an
    export of some columns), else ``?fields=`` of a GET."""
    chosen = context.get(FIELDS_PARAM)
    if chosen is not None:
        return set(chosen)
    request = context.get("request")
    if request is None or request.method != "GET":
        return None
    raw = request.query_params.get(FIELDS_PARAM)
    if not raw:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


class SparseFieldsMixin:
    """``?fields=id,number,total`` returns only those fields of the top-level objects."""

    def _is_top_level(self) -> bool:
        parent = getattr(self, "parent", None)
        if parent is None:
            return True
        return isinstance(parent, serializers.ListSerializer) and parent.parent is None

    @property
    def _readable_fields(self) -> Iterator[Field]:
        wanted = requested_fields(self.context) if self._is_top_level() else None  # type: ignore[attr-defined]
        for field in super()._readable_fields:  # type: ignore[misc]
            if wanted is None or field.field_name in wanted:
                yield field


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id taken as it was written: ``1.9``, ``true`` or digits of another
    script (``"١"``) are refused instead of being read as the record with id 1."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool | float) or (isinstance(data, str) and not data.isascii()):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


# DRF's stubs declare _readable_fields as a method; at run time it is a property, as here.
class ProcuraSerializer(StrictInputMixin, SparseFieldsMixin, serializers.Serializer):  # type: ignore[misc]
    pass


class ProcuraModelSerializer(  # type: ignore[misc]
    StrictInputMixin, SparseFieldsMixin, serializers.ModelSerializer
):
    serializer_related_field = StrictPrimaryKeyRelatedField
