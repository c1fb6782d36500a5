"""Writes of exchange rates: import a day's (or a history's) rates, set one by hand."""

from __future__ import annotations

import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from procura.audit.services import audit_record
from procura.core.errors import InvalidInput
from procura.core.money import round_exchange_rate, validate_currency
from procura.currency.ecb import ECB_SOURCE, ParsedRate, parse_ecb_xml
from procura.currency.models import ExchangeRate

FEED_TIMEOUT_SECONDS = 30
FEED_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class RateImport:
    rates: int
    first_date: date
    last_date: date
    currencies: list[str]


@transaction.atomic
def exchange_rates_import(
    *, rates: Sequence[ParsedRate], source: str, by: Any = None
) -> RateImport:
    """Store the rates, replacing any already held for the same base, currency and day (a
    re-import of the same file changes nothing). One statement, one transaction."""
    if not rates:
        raise InvalidInput("No rates to import.", errors={"file": ["The file holds no rates."]})
    ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(
                base=rate.base,
                currency=rate.currency,
                rate_date=rate.rate_date,
                rate=round_exchange_rate(rate.rate),
                source=source,
            )
            for rate in rates
        ],
        update_conflicts=True,
        unique_fields=["base", "currency", "rate_date"],
        update_fields=["rate", "source", "updated_at"],
        batch_size=1000,
    )
    result = RateImport(
        rates=len(rates),
        first_date=min(rate.rate_date for rate in rates),
        last_date=max(rate.rate_date for rate in rates),
        currencies=sorted({rate.currency for rate in rates}),
    )
    audit_record(
        actor=by,
        action="exchange_rates.imported",
        object_type="currency.exchangerate",
        object_id=result.last_date.isoformat(),
        object_repr=f"{result.rates} rates {result.first_date}..{result.last_date}",
        data={
            "source": source,
            "rates": result.rates,
            "first_date": result.first_date.isoformat(),
            "last_date": result.last_date.isoformat(),
        },
    )
    return result


def exchange_rates_import_ecb(*, content: bytes, by: Any = None) -> RateImport:
    """Import an ECB reference rates XML file (daily or history)."""
    return exchange_rates_import(rates=parse_ecb_xml(content), source=ECB_SOURCE, by=by)


@transaction.atomic
def exchange_rate_set(
    *, base: str, currency: str, rate_date: date, rate: Decimal, by: Any
) -> ExchangeRate:
    """Set one rate by hand (1 ``base`` = ``rate`` ``currency`` on ``rate_date``)."""
    problems: dict[str, list[str]] = {}
    for field, code in (("base", base), ("currency", currency)):
        try:
            validate_currency(code)
        except Exception as exc:  # noqa: BLE001 - Django's ValidationError message is reused
            problems[field] = [str(getattr(exc, "message", exc))]
    if base == currency:
        problems["currency"] = ["A rate is between two different currencies."]
    if rate <= 0:
        problems["rate"] = ["A rate is positive."]
    if problems:
        raise InvalidInput("The rate is not valid; see errors.", errors=problems)
    row, _created = ExchangeRate.objects.update_or_create(
        base=base,
        currency=currency,
        rate_date=rate_date,
        defaults={"rate": round_exchange_rate(rate), "source": "manual"},
    )
    audit_record(
        actor=by,
        action="exchange_rate.set",
        obj=row,
        data={"base": base, "currency": currency, "date": rate_date.isoformat(), "rate": str(rate)},
    )
    return row


def fetch_feed(url: str) -> bytes:
    """The rates file at ``url`` (https only)."""
    if not url.startswith("https://"):
        raise InvalidInput("The exchange rate feed must be an https URL.")
    with urllib.request.urlopen(url, timeout=FEED_TIMEOUT_SECONDS) as response:  # noqa: S310
        content: bytes = response.read(FEED_MAX_BYTES + 1)
    if len(content) > FEED_MAX_BYTES:
        raise InvalidInput("The exchange rate feed is too large.")
    return content


def exchange_rates_import_feed() -> RateImport | None:
    """Import today's rates from the configured feed; None when no feed is configured."""
    url = settings.EXCHANGE_RATE_FEED_URL
    if not url:
        return None
    return exchange_rates_import_ecb(content=fetch_feed(url))
