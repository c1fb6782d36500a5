"""Inventory background work: the daily low-stock check."""

from __future__ import annotations

from celery import shared_task

from procura.inventory.services.alerts import low_stock_alerts_record


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def check_low_stock_task() -> int:
    """Daily: record today's low-stock alerts (idempotent per day); returns how many were new."""
    return low_stock_alerts_record()
