"""Scheduled reports sent through the notifications domain: the daily spend summary to
finance."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from procura.accounts.models import User
from procura.notifications.models import NotificationLog
from procura.notifications.services import notification_queue
from procura.reports.spend import spend_summary

SPEND_SUMMARY_TEMPLATE = "reports/daily_spend_summary"
SPEND_SUMMARY_OBJECT = "reports.daily_spend_summary"
SPEND_SUMMARY_ROLE = "finance"


@transaction.atomic
def daily_spend_summary_send(*, day: date) -> int:
    """Queue the spend summary of ``day`` (orders issued that day, by department, supplier and
    category) to every active finance user with an e-mail address, once per person and day: a
    scheduled run delivered twice mails nobody twice. Returns how many were queued."""
    recipients = list(
        User.objects.filter(groups__name=SPEND_SUMMARY_ROLE, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    already = set(
        NotificationLog.objects.filter(
            template=SPEND_SUMMARY_TEMPLATE,
            object_type=SPEND_SUMMARY_OBJECT,
            object_id=day.isoformat(),
        ).values_list("recipient", flat=True)
    )
    recipients = [email for email in recipients if email not in already]
    if not recipients:
        return 0
    summary = spend_summary(day=day)
    for email in recipients:
        notification_queue(
            template=SPEND_SUMMARY_TEMPLATE,
            context={"day": day, "summary": summary},
            email=email,
            object_type=SPEND_SUMMARY_OBJECT,
            object_id=day.isoformat(),
        )
    return len(recipients)
