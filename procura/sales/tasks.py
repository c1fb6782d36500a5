"""Background work of order-to-cash."""

from __future__ import annotations

import logging

from celery import shared_task

from procura.sales.services.invoices import invoice_reminders_send
from procura.sales.services.quotes import sales_quotes_expire

logger = logging.getLogger(__name__)


@shared_task
def send_overdue_reminders_task() -> dict[str, int]:
    """Beat, daily: reminders for invoices overdue by 7, 30 and 60 days (each level once)."""
    levels = invoice_reminders_send()
    counts = {f"level_{level}": levels.count(level) for level in sorted(set(levels))}
    logger.info("overdue invoice reminders", extra=counts)
    return counts


@shared_task
def expire_quotes_task() -> dict[str, int]:
    """Beat, daily after midnight: open quotes past their validity date become expired."""
    numbers = sales_quotes_expire()
    logger.info("quotes expired", extra={"expired": len(numbers)})
    return {"expired": len(numbers)}
