"""Serializer bases: unknown input fields are refused, ``?fields=`` trims the output."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import Field

UNKNOWN_FIELD = "Unknown field."
FIELDS_PARAM = "fields"
NOT_ISO_DATE = "Give the date as YYYY-MM-DD."
NOT_ISO_DATE_TIME = "Give the date and time as YYYY-MM-DDThh:mm[:ss[.ffffff]][Z or ±hh:mm]."

# ISO 8601 as written by machines: four-digit year, two-digit month and day, ASCII digits.
# Python and Django also read "2026-1-1", "20260101" or "2026-W01-1", which are refused.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
ISO_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?\Z"
)


def iso_format_error(field: Field, value: Any) -> str | None:
    """The message for a date or date-time written in anything but strict ISO 8601."""
    if not isinstance(value, str):
        return None
    if isinstance(field, serializers.DateTimeField):
        return None if ISO_DATE_TIME.match(value) else NOT_ISO_DATE_TIME
    if isinstance(field, serializers.DateField):
        return None if ISO_DATE.match(value) else NOT_ISO_DATE
    return None


class StrictInputMixin:
    """A field the API does not know is an error, not something silently dropped: a client that
    sends ``totl`` instead of ``total`` hears about it."""

    # Dates and date-times are read in strict ISO 8601 only: "2026-1-1" is an error, not a guess.

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            known = set(self.fields)  # type: ignore[attr-defined]
            unknown = sorted(str(key) for key in data if key not in known)
            if unknown:
                raise serializers.ValidationError({key: [UNKNOWN_FIELD] for key in unknown})
            loose = {
                name: [message]
                for name, field in self.fields.items()  # type: ignore[attr-defined]
                if not field.read_only and (message := iso_format_error(field, data.get(name)))
            }
            if loose:
                raise serializers.ValidationError(loose)
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


# --- what a record page shows around the record (``procura.core.records``) ----------------------


class RecordActionSerializer(serializers.Serializer):
    action = serializers.CharField(
        help_text="The permission-matrix action, e.g. ``supplier_invoice.approve``."
    )
    label = serializers.CharField()  # type: ignore[assignment]
    allowed = serializers.BooleanField()
    reason = serializers.CharField(
        allow_null=True, help_text="Why not: role, scope, separation_of_duties or state."
    )
    detail = serializers.CharField(help_text="The reason in words, for a disabled button.")


class LinkedDocumentSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text="purchase_request, purchase_order, goods_receipt, supplier_invoice, "
        "supplier_payment, sales_order, shipment, customer_invoice, customer_payment, credit_note"
    )
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    readable = serializers.BooleanField(help_text="Whether the reader may open the document.")


class WorkflowStepSerializer(serializers.Serializer):
    status = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    state = serializers.CharField(help_text="done, current, upcoming or skipped")


class NextStepSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    who = serializers.CharField(help_text="The person or role who takes the next step.")
    action = serializers.CharField()
    mine = serializers.BooleanField(help_text="Whether the reader takes it.")


class WorkflowSerializer(serializers.Serializer):
    steps = WorkflowStepSerializer(many=True)
    next = NextStepSerializer(allow_null=True)


RECORD_CONTEXT_FIELDS = ("available_actions", "related_documents", "workflow")


class RecordContextMixin(serializers.Serializer):
    """Adds ``available_actions``, ``related_documents`` and ``workflow`` to a detail
    serializer. The subclass names the domain's selectors in ``record_context``: a mapping of
    "actions" / "related" / "workflow" to functions of (obj, user) -> values of
    ``procura.core.records``. Outside a request (no reader) all three are empty."""

    available_actions = serializers.SerializerMethodField(
        help_text="What the reader may do with the record now, or why not."
    )
    related_documents = serializers.SerializerMethodField(
        help_text="Documents linked to the record, in the order of the business flow."
    )
    workflow = serializers.SerializerMethodField(
        help_text="The record's place in its workflow, the next step and who takes it."
    )

    record_context: Mapping[str, Any] = {}

    def _reader(self) -> Any:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None

    @extend_schema_field(RecordActionSerializer(many=True))
    def get_available_actions(self, obj: Any) -> list[Any]:
        reader = self._reader()
        if reader is None:
            return []
        return [asdict(a) for a in self.record_context["actions"](obj, reader)]

    @extend_schema_field(LinkedDocumentSerializer(many=True))
    def get_related_documents(self, obj: Any) -> Any:
        reader = self._reader()
        if reader is None:
            return []
        documents = self.record_context["related"](obj, reader)
        return LinkedDocumentSerializer([asdict(d) for d in documents], many=True).data

    @extend_schema_field(WorkflowSerializer(allow_null=True))
    def get_workflow(self, obj: Any) -> Any:
        reader = self._reader()
        if reader is None:
            return None
        return asdict(self.record_context["workflow"](obj, reader))
