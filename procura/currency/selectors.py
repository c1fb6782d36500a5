"""Reads of exchange rates: the rate between two currencies on a day, and conversions to the
company currency. A rate is the latest one on or before the day, never older than
``EXCHANGE_RATE_MAX_AGE_DAYS``; pairs without a direct quote are crossed through a common base
(the ECB quotes every currency against the euro)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from procura.core.errors import DomainError
from procura.core.money import (
    ONE,
    ZERO,
    convert_money,
    cross_rate,
    invert_rate,
    round_exchange_rate,
)
from procura.currency import errors
from procura.currency.errors import CurrencyErrorCode
from procura.currency.models import ExchangeRate


def company_currency() -> str:
    return str(settings.COMPANY_CURRENCY)


@dataclass(frozen=True)
class Rate:
    """``value`` units of ``target`` for one unit of ``source``, as published on ``rate_date``
    (None when both are the same currency)."""

    source: str
    target: str
    value: Decimal
    rate_date: date | None

    def convert(self, amount: Decimal) -> Decimal:
        return convert_money(amount, self.value)


def exchange_rate_list(
    *, currency: str | None = None, on: date | None = None
) -> QuerySet[ExchangeRate]:
    queryset = ExchangeRate.objects.order_by("-rate_date", "base", "currency")
    if currency:
        queryset = queryset.filter(currency=currency)
    if on:
        queryset = queryset.filter(rate_date=on)
    return queryset


def _latest(rows: list[ExchangeRate], base: str, currency: str) -> ExchangeRate | None:
    for row in rows:  # newest first
        if row.base == base and row.currency == currency:
            return row
    return None


def rate_find(*, source: str, target: str, on: date) -> Rate | None:
    """The rate on ``on`` or None when no usable rate is stored (one query)."""
    if source == target:
        return Rate(source=source, target=target, value=ONE, rate_date=None)
    oldest = on - timedelta(days=settings.EXCHANGE_RATE_MAX_AGE_DAYS)
    rows = list(
        ExchangeRate.objects.filter(rate_date__lte=on, rate_date__gte=oldest)
        .filter(currency__in=[source, target])
        .order_by("-rate_date", "id")
    )
    direct = _latest(rows, source, target)
    inverse = _latest(rows, target, source)
    candidates: list[tuple[date, Decimal]] = []
    if direct:
        candidates.append((direct.rate_date, round_exchange_rate(direct.rate)))
    if inverse:
        candidates.append((inverse.rate_date, invert_rate(inverse.rate)))
    for base in sorted({row.base for row in rows} - {source, target}):
        to_source = _latest(rows, base, source)
        to_target = _latest(rows, base, target)
        if to_source and to_target:
            candidates.append(
                (
                    min(to_source.rate_date, to_target.rate_date),
                    cross_rate(to_source.rate, to_target.rate),
                )
            )
    if not candidates:
        return None
    rate_date, value = max(candidates, key=lambda candidate: candidate[0])
    return Rate(source=source, target=target, value=value, rate_date=rate_date)


def rate_get(*, source: str, target: str, on: date) -> Rate:
    """The rate on ``on``; a clear 422 when none is usable."""
    rate = rate_find(source=source, target=target, on=on)
    if rate is None:
        raise DomainError(
            errors.NO_RATE.format(
                source=source, target=target, on=on, days=settings.EXCHANGE_RATE_MAX_AGE_DAYS
            ),
            code=CurrencyErrorCode.NO_RATE,
            data={"source": source, "target": target, "on": on.isoformat()},
        )
    return rate


def company_rate_get(*, currency: str, on: date) -> Rate:
    """The rate from ``currency`` to the company currency on ``on``."""
    return rate_get(source=currency, target=company_currency(), on=on)


def document_rate(*, currency: str, on: date) -> tuple[Decimal | None, date | None]:
    """The (rate, rate date) a document in ``currency`` dated ``on`` keeps: (1, None) in the
    company currency, (None, None) when no rate is known."""
    rate = rate_find(source=currency, target=company_currency(), on=on)
    if rate is None:
        return None, None
    return rate.value, rate.rate_date


def stamp_rate(document: Any, *, on: date) -> None:
    """Set ``exchange_rate`` and ``exchange_rate_date`` of a ``ConvertedDocument`` (not saved)."""
    document.exchange_rate, document.exchange_rate_date = document_rate(
        currency=document.currency, on=on
    )


def in_company_currency(amount: Decimal, rate: Decimal | None) -> Decimal | None:
    """A document amount in the company currency at the document's own rate."""
    return None if rate is None else convert_money(amount, rate)


def exchange_difference(
    amount: Decimal, *, booked_rate: Decimal | None, paid_rate: Decimal | None
) -> Decimal | None:
    """What ``amount`` is worth in the company currency at the payment's rate less what it was
    booked at (the invoice's rate); positive is a loss on a payable. None without both rates."""
    if booked_rate is None or paid_rate is None:
        return None
    return convert_money(amount, paid_rate) - convert_money(amount, booked_rate)


@dataclass
class CompanyTotals:
    """Amounts in several currencies totalled in the company currency at each currency's rate
    on one day. A currency without a usable rate is listed in ``missing`` and left out of the
    totals, so a total never silently mixes currencies."""

    currency: str
    on: date
    rates: dict[str, Rate | None]
    totals: dict[str, Decimal]

    @property
    def missing(self) -> list[str]:
        return sorted(code for code, rate in self.rates.items() if rate is None)

    def convert(self, amount: Decimal, currency: str) -> Decimal | None:
        rate = self.rates.get(currency)
        return None if rate is None else rate.convert(amount)


def company_totals(
    rows: Iterable[Any], *, on: date, amounts: Callable[[Any], dict[str, Decimal]]
) -> CompanyTotals:
    """Each row (with a ``currency``) converted at the rate on ``on``: sets ``row.rate`` (the
    Rate or None) and ``row.company_amounts`` (the row's amounts in the company currency, or
    None without a rate), and sums them per key. One query per distinct currency."""
    rows = list(rows)
    rates: dict[str, Rate | None] = {}
    for row in rows:
        if row.currency not in rates:
            rates[row.currency] = rate_find(source=row.currency, target=company_currency(), on=on)
    result = CompanyTotals(currency=company_currency(), on=on, rates=rates, totals={})
    for row in rows:
        row.rate = rates[row.currency]
        values = amounts(row)
        if row.rate is None:
            row.company_amounts = None
            for key in values:
                result.totals.setdefault(key, ZERO)
            continue
        row.company_amounts = {key: row.rate.convert(value) for key, value in values.items()}
        for key, value in row.company_amounts.items():
            result.totals[key] = result.totals.get(key, ZERO) + value
    return result
