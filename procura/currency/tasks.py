"""Daily import of exchange rates from the configured feed."""

from __future__ import annotations

import logging
import urllib.error

from celery import shared_task

from procura.currency.services import exchange_rates_import_feed

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(urllib.error.URLError, TimeoutError),
    retry_backoff=60,
    retry_kwargs={"max_retries": 5},
)
def import_exchange_rates_task() -> int:
    """Import the feed's rates (idempotent: a day already held is overwritten with itself)."""
    result = exchange_rates_import_feed()
    if result is None:
        return 0
    logger.info("imported %s exchange rates up to %s", result.rates, result.last_date)
    return result.rates
