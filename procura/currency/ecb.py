"""The ECB euro foreign exchange reference rates as XML (eurofxref-daily.xml, -hist-90d.xml,
-hist.xml): one ``Cube time=`` per day holding ``Cube currency= rate=`` per currency, every rate
quoted as units of that currency for 1 EUR. Parsed with defusedxml (no entities, no network)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from procura.core.errors import InvalidInput
from procura.core.money import CURRENCY_CODES
from procura.currency import errors
from procura.currency.errors import CurrencyErrorCode

ECB_BASE = "EUR"
ECB_SOURCE = "ecb"


@dataclass(frozen=True)
class ParsedRate:
    base: str
    currency: str
    rate_date: date
    rate: Decimal


def _bad(reason: str) -> InvalidInput:
    return InvalidInput(
        errors.BAD_RATE_FILE.format(reason=reason),
        code=CurrencyErrorCode.BAD_RATE_FILE,
        errors={"file": [reason]},
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_ecb_xml(content: bytes) -> list[ParsedRate]:
    """Every rate of the file; refuses a file that is not ECB reference rates or holds a bad
    date, currency or rate (nothing is half-read)."""
    try:
        root: Element = SafeET.fromstring(content)
    except (SafeET.ParseError, DefusedXmlException, ValueError) as exc:
        raise _bad(f"not well-formed XML ({exc})") from exc
    rates: list[ParsedRate] = []
    days = [el for el in root.iter() if _local(el.tag) == "Cube" and "time" in el.attrib]
    if not days:
        raise _bad("it holds no dated Cube element")
    for day in days:
        try:
            rate_date = date.fromisoformat(day.attrib["time"])
        except ValueError as exc:
            raise _bad(f"bad date {day.attrib['time']!r}") from exc
        for cube in day:
            if _local(cube.tag) != "Cube":
                continue
            code = cube.attrib.get("currency", "")
            if code not in CURRENCY_CODES or code == ECB_BASE:
                raise _bad(f"unknown currency {code!r} on {rate_date}")
            try:
                rate = Decimal(cube.attrib.get("rate", ""))
            except InvalidOperation as exc:
                raise _bad(f"bad rate for {code} on {rate_date}") from exc
            if not rate.is_finite() or rate <= 0:
                raise _bad(f"bad rate for {code} on {rate_date}")
            rates.append(ParsedRate(base=ECB_BASE, currency=code, rate_date=rate_date, rate=rate))
    if not rates:
        raise _bad("it holds no rates")
    return rates
