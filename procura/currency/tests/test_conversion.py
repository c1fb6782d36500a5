"""Conversion and rounding properties of exchange rates (pure functions, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procura.core.money import (
    CENT,
    EXCHANGE_RATE_STEP,
    convert_money,
    cross_rate,
    invert_rate,
    round_exchange_rate,
)

amounts = st.decimals(
    min_value=Decimal("0"), max_value=Decimal("9999999999.99"), places=2, allow_nan=False
)
rates = st.decimals(
    min_value=Decimal("0.0001"), max_value=Decimal("50000"), places=8, allow_nan=False
)


@given(amount=amounts, rate=rates)
def test_a_conversion_has_exactly_two_places_and_is_within_half_a_cent(amount, rate):
    converted = convert_money(amount, rate)

    assert converted == converted.quantize(CENT)
    assert abs(converted - amount * rate) <= Decimal("0.005")


@given(amount=amounts)
def test_converting_at_rate_one_changes_nothing(amount):
    assert convert_money(amount, Decimal(1)) == amount


@given(amount=amounts, rate=rates, extra=amounts)
def test_conversion_never_goes_down_as_the_amount_goes_up(amount, rate, extra):
    assert convert_money(amount + extra, rate) >= convert_money(amount, rate)


@given(a=amounts, b=amounts, rate=rates)
def test_lines_converted_one_by_one_differ_from_their_total_by_at_most_a_cent_each(a, b, rate):
    assert abs(convert_money(a, rate) + convert_money(b, rate) - convert_money(a + b, rate)) <= (
        Decimal("0.01")
    )


@given(rate=rates)
def test_an_inverted_rate_times_the_rate_is_one_within_the_rate_step(rate):
    inverse = invert_rate(rate)

    assert inverse == inverse.quantize(EXCHANGE_RATE_STEP)
    # error of the inverse is at most half a step, times the rate
    assert abs(inverse * rate - 1) <= EXCHANGE_RATE_STEP * rate / 2 + Decimal("1e-20")


@given(to_source=rates, to_target=rates)
def test_a_cross_rate_is_the_quotient_of_the_two_base_rates(to_source, to_target):
    rate = cross_rate(to_source, to_target)

    assert abs(rate - to_target / to_source) <= EXCHANGE_RATE_STEP / 2


@given(to_x=rates)
def test_the_cross_rate_of_a_currency_with_itself_is_one(to_x):
    assert cross_rate(to_x, to_x) == 1


def test_half_a_cent_rounds_up_and_rates_round_half_up_at_eight_places():
    assert convert_money(Decimal("1.00"), Decimal("0.125")) == Decimal("0.13")
    assert convert_money(Decimal("10.00"), Decimal("1.0855")) == Decimal("10.86")
    assert round_exchange_rate(Decimal("0.123456785")) == Decimal("0.12345679")


@pytest.mark.parametrize("rate", [Decimal(0), Decimal("-1.2")])
def test_a_rate_that_is_not_positive_is_refused(rate):
    with pytest.raises(ValueError, match="positive"):
        convert_money(Decimal("1.00"), rate)
    with pytest.raises(ValueError, match="positive"):
        invert_rate(rate)


def test_a_float_rate_is_refused():
    with pytest.raises(TypeError):
        convert_money(Decimal("1.00"), 1.1)  # type: ignore[arg-type]
