"""Unit conversions and catch-weight tolerance: exact Decimal arithmetic, checked by
hypothesis over the quantities a broker handles."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procura.catalog.conversions import (
    KG_PER_LB,
    UnitConversionError,
    convert_quantity,
    nominal_weight_of,
    to_unit_exact,
    weight_to,
    weight_within_tolerance,
)
from procura.core.money import round_quantity


@dataclass
class Units:
    sku: str = "RIBEYE"
    unit: str = "case"
    weight_unit: str = "lb"
    nominal_weight: Decimal | None = Decimal("60")


quantities = st.decimals(
    min_value=Decimal("0.001"), max_value=Decimal("999999.999"), places=3, allow_nan=False
)
case_weights = st.decimals(
    min_value=Decimal("0.5"), max_value=Decimal("200"), places=3, allow_nan=False
)


def test_a_pound_is_exactly_the_international_pound():
    assert weight_to(Decimal(1), source="lb", target="kg") == Decimal("0.45359237")
    assert convert_quantity(Units(), 100, source="kg", target="lb") == Decimal("220.462")


@given(quantities)
def test_lb_to_kg_is_exact_multiplication(lb):
    assert weight_to(lb, source="lb", target="kg") == lb * KG_PER_LB


@given(quantities)
def test_lb_kg_lb_round_trip_returns_the_stored_quantity(lb):
    kg = to_unit_exact(Units(), lb, source="lb", target="kg")
    assert round_quantity(to_unit_exact(Units(), kg, source="kg", target="lb")) == lb


@given(quantities, case_weights)
def test_cases_to_weight_and_back_is_exact(cases, per_case):
    product = Units(nominal_weight=per_case)
    weight = to_unit_exact(product, cases, source="case", target="lb")
    assert weight == cases * per_case
    assert round_quantity(to_unit_exact(product, weight, source="lb", target="case")) == cases


@given(quantities, case_weights)
def test_cases_in_kg_agree_with_cases_in_lb_converted(cases, per_case):
    product = Units(nominal_weight=per_case)
    in_kg = to_unit_exact(product, cases, source="case", target="kg")
    in_lb = to_unit_exact(product, cases, source="case", target="lb")
    assert in_kg == in_lb * KG_PER_LB


@given(
    case_weights, st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=50)
)
def test_tolerance_bounds_are_inclusive_and_symmetric(per_case, cases, percent):
    nominal = per_case * cases
    spread = nominal * Decimal(percent) / 100
    tolerance = Decimal(percent)
    assert weight_within_tolerance(
        nominal=nominal, actual=nominal + spread, tolerance_percent=tolerance
    )
    assert weight_within_tolerance(
        nominal=nominal, actual=nominal - spread, tolerance_percent=tolerance
    )
    step = Decimal("0.001")
    assert not weight_within_tolerance(
        nominal=nominal, actual=nominal + spread + step, tolerance_percent=tolerance
    )


def test_nominal_weight_of_cases():
    assert nominal_weight_of(Units(nominal_weight=Decimal("61.25")), 3) == Decimal("183.750")


def test_cases_without_a_nominal_weight_do_not_convert():
    with pytest.raises(UnitConversionError, match="RIBEYE has no conversion"):
        convert_quantity(Units(nominal_weight=None), 1, source="case", target="lb")


def test_floats_are_refused():
    with pytest.raises(TypeError):
        convert_quantity(Units(), 1.5, source="lb", target="kg")  # type: ignore[arg-type]
