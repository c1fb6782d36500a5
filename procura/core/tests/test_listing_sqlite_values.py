"""On SQLite the fast lists write a decimal column straight from the stored float: the text is
the one Django's converter and the serializer field give, for every value of up to 15
significant digits, and larger values take Django's path."""

from __future__ import annotations

import decimal
from decimal import Decimal
from types import SimpleNamespace

from django.db import models
from django.db.models.expressions import Col
from hypothesis import given
from hypothesis import strategies as st

from procura.core.listing import _direct_writer, _plain_decimal

SQLITE = SimpleNamespace(vendor="sqlite")


def django_text(value: float, places: int) -> str:
    """Django's SQLite decimal converter, then the serializer's same-scale formatting."""
    stored = decimal.Context(prec=15).create_decimal_from_float(value)
    return _plain_decimal(stored.quantize(Decimal(1).scaleb(-places)))


def writer(places: int, max_digits: int):
    field = models.DecimalField(max_digits=max_digits, decimal_places=places)
    expression = Col("t", field, output_field=field)
    make = _direct_writer(SQLITE, [object()], expression, _plain_decimal)
    assert make is not None
    return make(lambda value: "slow path")


@given(
    places=st.integers(min_value=0, max_value=6),
    digits=st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
)
def test_a_stored_decimal_of_up_to_15_digits_is_written_as_django_writes_it(places, digits):
    value = float(Decimal(digits).scaleb(-places))

    assert writer(places, 18)(value) == django_text(value, places)


def test_larger_values_and_other_types_take_djangos_path():
    write = writer(2, 20)

    assert write(float("12345678901234567.89")) == "slow path"
    assert write("10.00") == "slow path"
    assert write(7) == "7.00"
    assert write(-0.0) == django_text(-0.0, 2)
