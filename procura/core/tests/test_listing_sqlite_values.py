"""On SQLite the fast lists write a decimal column straight from the stored float, a UUID from
its stored hex digits, and datetimes (in UTC), dates and booleans as the sqlite3 module reads
them: the text is the one Django's converter and the serializer field give, for every decimal
of up to 15 significant digits, every UUID, datetime, date and boolean; other values take
Django's path."""

from __future__ import annotations

import decimal
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.db import models
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.models.expressions import Col
from django.utils.dateparse import parse_datetime
from hypothesis import given
from hypothesis import strategies as st
from rest_framework import serializers

from procura.core.listing import (
    _INLINE_WRITERS,
    _direct_writer,
    _isoformat,
    _plain_decimal,
    _utc_isoformat,
)

SQLITE = SimpleNamespace(vendor="sqlite", timezone=UTC)


def django_text(value: float | int, places: int) -> str:
    """Django's SQLite decimal converter, then the serializer's same-scale formatting."""
    stored = decimal.Context(prec=15).create_decimal_from_float(value)
    return _plain_decimal(stored.quantize(Decimal(1).scaleb(-places)))


def writer(places: int, max_digits: int):
    field = models.DecimalField(max_digits=max_digits, decimal_places=places)
    expression = Col("t", field, output_field=field)
    inline = _direct_writer(SQLITE, [object()], expression, _plain_decimal)
    assert inline is not None
    return inline.writer(lambda value: "slow path")


@given(
    places=st.integers(min_value=0, max_value=6),
    digits=st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
)
def test_a_stored_decimal_of_up_to_15_digits_is_written_as_django_writes_it(places, digits):
    value = float(Decimal(digits).scaleb(-places))

    assert writer(places, 18)(value) == django_text(value, places)


@given(places=st.integers(min_value=0, max_value=6), whole=st.integers())
def test_a_whole_number_sqlite_stored_as_an_integer_is_written_as_django_writes_it(places, whole):
    write = writer(places, 18)
    if abs(whole) < 10 ** (15 - places):
        assert write(whole) == django_text(whole, places)
    else:
        assert write(whole) == "slow path"


def test_larger_values_and_other_types_take_djangos_path():
    write = writer(2, 20)

    assert write(float("12345678901234567.89")) == "slow path"
    assert write("10.00") == "slow path"
    assert write(7) == "7.00"
    assert write(-0.0) == django_text(-0.0, 2)


def datetime_writer():
    field = models.DateTimeField()
    inline = _direct_writer(SQLITE, [object()], Col("t", field, output_field=field), _utc_isoformat)
    assert inline is not None
    return inline.writer(lambda value: "slow path")


@given(st.datetimes(min_value=datetime(1000, 1, 1), timezones=st.just(UTC)))
def test_a_stored_datetime_is_written_as_django_and_drf_write_it(value):
    # What Django's SQLite backend stores for an aware datetime, and what Python's sqlite3
    # module hands back for a "datetime" column (Django registers the parser).
    stored = str(value.astimezone(UTC).replace(tzinfo=None))
    fetched = parse_datetime(stored)
    operations = DatabaseWrapper.ops_class(SimpleNamespace(timezone=UTC))  # type: ignore[arg-type]
    read = operations.convert_datetimefield_value(fetched, None, None)  # USE_TZ is on
    assert isinstance(read, datetime)
    expected = serializers.DateTimeField().to_representation(read)

    assert datetime_writer()(fetched) == expected
    assert _utc_isoformat(read) == expected


def test_datetimes_in_other_forms_take_djangos_path():
    write = datetime_writer()

    assert write(datetime(2026, 3, 1, 9, 30, tzinfo=UTC)) == "slow path"
    assert write("2026-03-01 09:30:00") == "slow path"
    assert write(datetime(2026, 3, 1, 9, 30)) == "2026-03-01T09:30:00Z"


@given(st.dates(), st.sampled_from([0, 1, 0.0, 1.0, True, False]))
def test_dates_and_booleans_are_written_as_django_and_drf_write_them(day, flag):
    operations = DatabaseWrapper.ops_class(SimpleNamespace(timezone=UTC))  # type: ignore[arg-type]
    date_field = models.DateField()
    dates = _direct_writer(SQLITE, [object()], Col("t", date_field), _isoformat)
    boolean_field = models.BooleanField()
    booleans = _direct_writer(SQLITE, [object()], Col("t", boolean_field), None)
    assert dates is not None
    assert booleans is not None

    assert dates.writer(lambda value: "slow path")(
        day
    ) == serializers.DateField().to_representation(
        operations.convert_datefield_value(day, None, None)
    )
    written = booleans.writer(lambda value: "slow path")(flag)
    assert written is operations.convert_booleanfield_value(flag, None, None)


@given(st.uuids())
def test_a_stored_uuid_is_written_as_the_serializer_writes_it(value):
    field = models.UUIDField()
    inline = _direct_writer(SQLITE, [object()], Col("t", field, output_field=field), str)
    assert inline is not None
    write = inline.writer(lambda value: "slow path")

    assert write(value.hex) == serializers.UUIDField().to_representation(value)
    assert write(value.hex.upper()) == str(value)
    assert write(str(value)) == "slow path"
    assert uuid.UUID(write(value.hex)) == value


@given(
    digits=st.integers(min_value=-(10**20), max_value=10**20),
    places=st.integers(min_value=0, max_value=10),
)
def test_a_decimal_from_the_database_is_written_inline_as_the_field_writes_it(digits, places):
    # PostgreSQL hands numeric(p, s) back with s places: tiny values and zeros of many places
    # have an exponent in str() and take the format path.
    value = Decimal(digits).scaleb(-places)
    write = _INLINE_WRITERS[_plain_decimal].writer(_plain_decimal)

    assert (
        write(value)
        == _plain_decimal(value)
        == serializers.DecimalField(max_digits=None, decimal_places=places).to_representation(value)
    )


def test_special_decimals_are_written_inline_as_the_field_writes_them():
    write = _INLINE_WRITERS[_plain_decimal].writer(_plain_decimal)
    for text in ("0E-8", "0.00000001", "1E+3", "-0.00", "NaN", "Infinity", "12345.6789"):
        assert write(Decimal(text)) == _plain_decimal(Decimal(text))


@given(
    st.datetimes(
        min_value=datetime(1000, 1, 1),
        timezones=st.sampled_from([UTC, UTC, ZoneInfo("UTC"), ZoneInfo("Europe/Berlin")]),
    )
)
def test_an_aware_datetime_from_the_database_is_written_inline_as_drf_writes_it(value):
    write = _INLINE_WRITERS[_utc_isoformat].writer(_utc_isoformat)

    assert write(value) == _utc_isoformat(value)
    assert write(value) == serializers.DateTimeField(default_timezone=UTC).to_representation(value)
