"""Error texts and codes of exchange rates (tests assert on these)."""

from __future__ import annotations

from enum import StrEnum


class CurrencyErrorCode(StrEnum):
    NO_RATE = "no_exchange_rate"
    BAD_RATE_FILE = "bad_rate_file"


NO_RATE = (
    "No exchange rate from {source} to {target} on or before {on} (rates older than {days} days "
    "are not used); import the day's rates first."
)
BAD_RATE_FILE = "The file is not an ECB reference rates XML file: {reason}"
