"""The in-app notification centre: own messages only, unread counts, fed with the e-mails."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.notifications.inbox import InboxMessage, inbox_post
from procura.notifications.services import notification_queue
from procura.procurement.tests.factories import make_org, submitted_request

pytestmark = pytest.mark.django_db
URL = "/api/v1/inbox/"


def test_a_person_reads_only_their_own_messages_and_marks_them_read(client_as, make_user):
    me = client_as("finance")
    other = make_user("finance")
    first, second = (inbox_post(user_ids=[me.user.pk], title=title)[0] for title in ("One", "Two"))
    (foreign,) = inbox_post(user_ids=[other.pk], title="Not yours")

    listed = me.get(URL).json()
    assert [row["title"] for row in listed["results"]] == ["Two", "One"]
    assert me.get(f"{URL}unread-count/").json() == {"unread": 2}

    assert me.post(f"{URL}{first.pk}/read/").json() == {"marked": 1, "unread": 1}
    assert me.post(f"{URL}{foreign.pk}/read/").status_code == 404
    assert me.get(f"{URL}?unread=true").json()["count"] == 1
    assert me.post(f"{URL}read-all/").json() == {"marked": 1, "unread": 0}
    foreign.refresh_from_db()
    assert foreign.read_at is None
    assert second.pk in InboxMessage.objects.filter(read_at__isnull=False).values_list(
        "pk", flat=True
    )


def test_the_inbox_list_costs_the_same_queries_for_more_messages(client_as):
    me = client_as("sales")
    inbox_post(user_ids=[me.user.pk], title="One")
    with CaptureQueriesContext(connection) as few:
        me.get(URL)
    for n in range(10):
        inbox_post(user_ids=[me.user.pk], title=f"More {n}")
    with CaptureQueriesContext(connection) as many:
        assert me.get(URL).json()["count"] == 11
    assert len(many) == len(few)


def test_a_mail_to_one_of_our_users_lands_in_their_inbox_and_not_for_outsiders(make_user):
    user = make_user("sales", email="sam@example.com")

    notification_queue(
        template="sales/order_confirmed",
        context={"order": {"number": "SO-2026-000001"}},
        email="Sam@Example.com",
        object_type="sales_order",
        object_id="7",
    )
    notification_queue(template="sales/order_confirmed", context={}, email="buyer@customer.example")

    (message,) = InboxMessage.objects.all()
    assert message.user == user
    assert (message.object_type, message.object_id) == ("sales_order", "7")
    assert message.read_at is None


def test_an_approval_request_reaches_the_approvers_inbox(django_capture_on_commit_callbacks):
    org = make_org()
    with django_capture_on_commit_callbacks(execute=True):
        request = submitted_request(org.requester, total="750.00")

    messages = InboxMessage.objects.filter(user=org.manager)
    assert [m.title for m in messages] == [f"Approval needed: {request.number} {request.title}"]
    assert messages[0].object_id == str(request.pk)
