"""Exact money, rates and quantities.

Money has 2 places in the document currency, unit prices and rates up to 4, quantities 3; each
rounds half-up. Floats never enter: a float argument is refused.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models

CENT = Decimal("0.01")
RATE_STEP = Decimal("0.0001")
QUANTITY_STEP = Decimal("0.001")
# Exchange rates keep 8 places: 1 EUR = 161.53000000 JPY as well as 1 JPY = 0.00619080 EUR.
EXCHANGE_RATE_PLACES = 8
EXCHANGE_RATE_STEP = Decimal(1).scaleb(-EXCHANGE_RATE_PLACES)
ONE = Decimal(1)
ZERO = Decimal("0")

MONEY_MAX_DIGITS = 16
RATE_MAX_DIGITS = 18
QUANTITY_MAX_DIGITS = 16


def to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float):
        raise TypeError("Money and quantities are never floats; pass a Decimal, int or str.")
    try:
        result = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"{value!r} is not a number") from exc
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


def round_money(value: Decimal | int | str) -> Decimal:
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_rate(value: Decimal | int | str) -> Decimal:
    return to_decimal(value).quantize(RATE_STEP, rounding=ROUND_HALF_UP)


def round_quantity(value: Decimal | int | str) -> Decimal:
    return to_decimal(value).quantize(QUANTITY_STEP, rounding=ROUND_HALF_UP)


def round_exchange_rate(value: Decimal | int | str) -> Decimal:
    return to_decimal(value).quantize(EXCHANGE_RATE_STEP, rounding=ROUND_HALF_UP)


def convert_money(amount: Decimal | int | str, rate: Decimal | int | str) -> Decimal:
    """``amount`` in one currency times ``rate`` (units of the other currency for one unit of
    the first), rounded half-up to the cent once, at the end."""
    rate = to_decimal(rate)
    if rate <= 0:
        raise ValueError(f"An exchange rate is positive, not {rate}.")
    return round_money(to_decimal(amount) * rate)


def invert_rate(rate: Decimal | int | str) -> Decimal:
    """The rate of the opposite direction (1 USD = 0.92 EUR from 1 EUR = 1.0870 USD)."""
    rate = to_decimal(rate)
    if rate <= 0:
        raise ValueError(f"An exchange rate is positive, not {rate}.")
    return round_exchange_rate(ONE / rate)


def cross_rate(base_to_source: Decimal, base_to_target: Decimal) -> Decimal:
    """Source-to-target rate from two rates quoted against one base (ECB: both per 1 EUR)."""
    if to_decimal(base_to_source) <= 0 or to_decimal(base_to_target) <= 0:
        raise ValueError("Exchange rates are positive.")
    return round_exchange_rate(to_decimal(base_to_target) / to_decimal(base_to_source))


def line_amount(
    quantity: Decimal, unit_price: Decimal, discount_percent: Decimal = ZERO
) -> Decimal:
    """quantity x unit price, less a percentage discount, rounded half-up to the cent."""
    gross = to_decimal(quantity) * to_decimal(unit_price)
    if discount_percent:
        gross -= gross * to_decimal(discount_percent) / Decimal(100)
    return round_money(gross)


def written_precision(value: Decimal) -> Decimal:
    """Half a unit of the last place ``value`` is written to: what rounding to that place may
    have moved it by (0.005 for ``9.90``, 0.00005 for ``9.9000``, 0.5 for ``10``)."""
    exponent = value.as_tuple().exponent
    places = min(exponent, 0) if isinstance(exponent, int) else 0
    return Decimal(1).scaleb(places) / 2


def line_amount_gap(
    quantity: Decimal,
    price: Decimal,
    amount: Decimal,
    *,
    per: Decimal = ONE,
    adjustment: Decimal = ZERO,
) -> Decimal | None:
    """How far a stated line amount is from quantity x price (per ``per`` units, plus line
    charges less allowances in ``adjustment``) beyond what rounding explains: a cent, and the
    rounding of the price to the places it is written to, once per priced unit. None when
    they agree; else the amount the quantity and price give."""
    expected = quantity * price / per + adjustment
    tolerance = CENT + abs(quantity / per) * written_precision(price)
    return None if abs(expected - amount) <= tolerance else expected


class MoneyField(models.DecimalField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_digits", MONEY_MAX_DIGITS)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class RateField(models.DecimalField):
    """Unit prices, costs and rates: up to 4 decimal places."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_digits", RATE_MAX_DIGITS)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class ExchangeRateField(models.DecimalField):
    """Units of one currency for one unit of another, 8 decimal places."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_digits", 20)
        kwargs.setdefault("decimal_places", EXCHANGE_RATE_PLACES)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class QuantityField(models.DecimalField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_digits", QUANTITY_MAX_DIGITS)
        kwargs.setdefault("decimal_places", 3)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


# ISO 4217 codes in active use.
CURRENCY_CODES = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL
    GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW
    KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN
    NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK
    SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS
    VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split()  # noqa: SIM905
)
CURRENCY_CHOICES = [(code, code) for code in sorted(CURRENCY_CODES)]


def validate_currency(value: str) -> None:
    if value not in CURRENCY_CODES:
        raise ValidationError(
            f"{value!r} is not an ISO 4217 currency code.", code="invalid_currency"
        )


class CurrencyField(models.CharField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("validators", [validate_currency])
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
