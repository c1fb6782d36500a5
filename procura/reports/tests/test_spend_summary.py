"""The daily spend summary: built by reports, sent to finance through notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from procura.catalog.tests.factories import make_category, make_product
from procura.notifications.models import NotificationLog
from procura.procurement.tests.factories import make_order, make_person, order_line
from procura.reports.tasks import send_daily_spend_summary_task

pytestmark = pytest.mark.django_db


def test_daily_spend_summary_goes_to_finance_through_notifications(
    django_capture_on_commit_callbacks,
):
    buyer = make_person("procurement")
    finance = make_person("finance", email="ap@example.com")
    make_person("finance", email="")  # nobody to write to
    offal = make_category("Offal")
    yesterday = timezone.now() - timedelta(days=1)
    with time_machine.travel(yesterday, tick=False):
        make_order(buyer, lines=[order_line(make_product(category=offal), "10", "2.50")])
    make_order(buyer, lines=[order_line(make_product(), "1", "999")])  # today: not in it
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_spend_summary_task() == 1

    (message,) = mail.outbox
    assert message.to == [finance.email]
    day = timezone.localdate() - timedelta(days=1)
    assert message.subject == f"Daily spend summary {day.isoformat()}"
    assert "Offal: 25.00 USD" in message.body
    assert "Direct orders: 25.00 USD" in message.body
    assert "999" not in message.body
    log = NotificationLog.objects.get(template="reports/daily_spend_summary")
    assert (log.status, log.recipient, log.object_id) == ("sent", finance.email, day.isoformat())


def test_a_summary_run_twice_mails_each_person_once(django_capture_on_commit_callbacks):
    make_person("finance", email="ap@example.com")
    day = "2026-03-02"

    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_spend_summary_task(day) == 1
        assert send_daily_spend_summary_task(day) == 0
    second = make_person("finance", email="controller@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_spend_summary_task(day) == 1

    assert [m.to for m in mail.outbox] == [["ap@example.com"], [second.email]]
    assert "By department:\n  none" in mail.outbox[0].body
