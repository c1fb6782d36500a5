"""Unit conversions per product: case <-> lb <-> kg, in exact Decimal arithmetic.

A pound is exactly 0.45359237 kg (the international yard and pound agreement), so lb -> kg is an
exact multiplication; kg -> lb divides and is exact to the 28 significant digits of the decimal
context. A case converts to weight through the product's nominal net weight per case; a
catch-weight product's actual weight comes from the scale or the label, never from here, except
as the estimate an order is priced at. Results are rounded (half-up, 3 places) only by
``convert_quantity``; the lower-level helpers stay exact so chained conversions do not drift.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from procura.core.money import round_quantity, to_decimal
from procura.core.units import UnitOfMeasure

KG_PER_LB = Decimal("0.45359237")
WEIGHT_UNITS = frozenset({UnitOfMeasure.LB.value, UnitOfMeasure.KG.value})
COUNT_UNITS = frozenset({UnitOfMeasure.CASE.value, UnitOfMeasure.EACH.value})

NO_CONVERSION = "{sku} has no conversion from {source} to {target}."


class UnitConversionError(ValueError):
    """A conversion the product does not define (e.g. cases to lb without a nominal weight)."""


class HasUnits(Protocol):
    sku: str
    unit: str
    weight_unit: str
    nominal_weight: Decimal | None


def weight_to(quantity: Decimal | int | str, *, source: str, target: str) -> Decimal:
    """Exact weight conversion between lb and kg (identity for the same unit)."""
    value = to_decimal(quantity)
    if source not in WEIGHT_UNITS or target not in WEIGHT_UNITS:
        raise UnitConversionError(f"{source} -> {target} is not a weight conversion.")
    if source == target:
        return value
    if source == UnitOfMeasure.LB:
        return value * KG_PER_LB
    return value / KG_PER_LB


def _nominal(product: HasUnits) -> tuple[Decimal, str]:
    if not product.nominal_weight or product.weight_unit not in WEIGHT_UNITS:
        raise UnitConversionError(
            NO_CONVERSION.format(sku=product.sku, source=product.unit, target="weight")
        )
    return Decimal(product.nominal_weight), product.weight_unit


def to_unit_exact(
    product: HasUnits, quantity: Decimal | int | str, *, source: str, target: str
) -> Decimal:
    """``quantity`` in ``source`` units expressed in ``target`` units, unrounded."""
    value = to_decimal(quantity)
    if source == target:
        return value
    if source in WEIGHT_UNITS and target in WEIGHT_UNITS:
        return weight_to(value, source=source, target=target)
    if source in COUNT_UNITS and target in WEIGHT_UNITS and source == product.unit:
        per_unit, unit = _nominal(product)
        return weight_to(value * per_unit, source=unit, target=target)
    if source in WEIGHT_UNITS and target in COUNT_UNITS and target == product.unit:
        per_unit, unit = _nominal(product)
        return weight_to(value, source=source, target=unit) / per_unit
    raise UnitConversionError(NO_CONVERSION.format(sku=product.sku, source=source, target=target))


def convert_quantity(
    product: HasUnits, quantity: Decimal | int | str, *, source: str, target: str
) -> Decimal:
    """``to_unit_exact`` rounded half-up to a stored quantity (3 places)."""
    return round_quantity(to_unit_exact(product, quantity, source=source, target=target))


def nominal_weight_of(product: HasUnits, cases: Decimal | int | str) -> Decimal:
    """The expected net weight of ``cases`` in the product's weight unit (3 places)."""
    per_unit, _unit = _nominal(product)
    return round_quantity(to_decimal(cases) * per_unit)


def weight_within_tolerance(
    *, nominal: Decimal, actual: Decimal, tolerance_percent: Decimal
) -> bool:
    """``actual`` within +/- ``tolerance_percent`` of ``nominal`` (bounds included)."""
    spread = nominal * to_decimal(tolerance_percent) / Decimal(100)
    return nominal - spread <= actual <= nominal + spread
