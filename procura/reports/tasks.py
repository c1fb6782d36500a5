"""Scheduled reports."""

from __future__ import annotations

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from procura.reports.summaries import daily_spend_summary_send


@shared_task
def send_daily_spend_summary_task(day: str | None = None) -> int:
    """Beat, daily: the previous day's spend summary to finance (``day`` as YYYY-MM-DD to
    send another day's). Returns how many summaries were queued."""
    on = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    return daily_spend_summary_send(day=on)
