"""Filters shared by the list endpoints."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField

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
