"""Delivery through a local HTTP server playing the SMS gateway: success, 500s -> retries ->
breaker opens -> e-mail fallback; E.164 validation; the admin-only log API."""

from __future__ import annotations

import base64
import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from procura.notifications.breaker import CircuitBreaker
from procura.notifications.channels import PermanentDeliveryError, to_e164
from procura.notifications.models import NotificationLog
from procura.notifications.services import notification_queue, retry_delay, sms_breaker

pytestmark = pytest.mark.django_db


class Gateway:
    def __init__(self) -> None:
        self.status = 201
        self.requests: list[dict[str, str]] = []


@pytest.fixture
def gateway(settings) -> Iterator[Gateway]:
    state = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers["Content-Length"])
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            form["auth"] = self.headers.get("Authorization", "")
            state.requests.append(form)
            body = json.dumps({"sid": f"SM{len(state.requests)}"}).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFICATIONS_SMS_BACKEND = "http"
    settings.NOTIFICATIONS_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/Messages.json"
    settings.NOTIFICATIONS_SMS_GATEWAY_ACCOUNT = "AC123"
    settings.NOTIFICATIONS_SMS_GATEWAY_TOKEN = "secret"
    settings.NOTIFICATIONS_SMS_FROM = "+15125550199"
    settings.NOTIFICATIONS_BREAKER_THRESHOLD = 3
    settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS = 0
    yield state
    server.shutdown()
    server.server_close()


def _queue(capture, phone: str = "+1 512 555 0100") -> list[NotificationLog]:
    with capture(execute=True):
        return notification_queue(
            template="tests/hello",
            context={"name": "Pat"},
            email="pat@example.com",
            phone=phone,
            object_type="tests.thing",
            object_id="7",
        )


def test_sms_is_posted_to_the_gateway_in_e164_with_basic_auth(
    gateway, django_capture_on_commit_callbacks, mailoutbox
):
    # when
    _queue(django_capture_on_commit_callbacks)
    # then
    (request,) = gateway.requests
    assert request["To"] == "+15125550100"
    assert request["From"] == "+15125550199"
    assert request["Body"] == "Hi Pat (sms)"
    assert request["auth"] == "Basic " + base64.b64encode(b"AC123:secret").decode()
    sms = NotificationLog.objects.get(channel="sms")
    assert (sms.status, sms.attempts, sms.provider_id) == ("sent", 1, "SM1")
    assert [m.subject for m in mailoutbox] == ["Hello Pat"]


def test_gateway_500s_are_retried_then_the_breaker_opens_and_email_takes_over(
    gateway, django_capture_on_commit_callbacks, mailoutbox
):
    gateway.status = 500
    # when one SMS fails three times
    _queue(django_capture_on_commit_callbacks)
    # then three attempts were made, the log failed, and the message went by e-mail
    assert len(gateway.requests) == 3
    sms = NotificationLog.objects.get(channel="sms")
    assert (sms.status, sms.attempts) == ("failed", 3)
    assert "500" in sms.error
    fallback = NotificationLog.objects.get(fallback_of=sms)
    assert (fallback.channel, fallback.status, fallback.recipient) == (
        "email",
        "sent",
        "pat@example.com",
    )
    assert sms_breaker().is_open()
    # when the next SMS comes while the breaker is open
    mailoutbox.clear()
    _queue(django_capture_on_commit_callbacks)
    # then the gateway is not called and e-mail is used instead
    assert len(gateway.requests) == 3
    skipped = NotificationLog.objects.filter(channel="sms").order_by("-id")[0]
    assert (skipped.status, skipped.attempts) == ("skipped", 0)
    assert len(mailoutbox) == 2  # the e-mail itself and the SMS fallback


def test_breaker_lets_one_probe_through_after_the_cool_down(settings):
    breaker = CircuitBreaker("probe-test", threshold=2, cooldown=0)
    breaker.record_failure()
    assert breaker.allow()
    breaker.record_failure()
    # cool-down of 0: half open at once, exactly one probe
    assert breaker.allow()
    assert not breaker.allow()
    breaker.record_success()
    assert breaker.allow()
    assert breaker.allow()


def test_breaker_stays_open_during_the_cool_down():
    breaker = CircuitBreaker("open-test", threshold=1, cooldown=300)
    breaker.record_failure()
    assert breaker.is_open()
    assert not breaker.allow()


def test_invalid_phone_fails_without_calling_the_gateway(
    gateway, django_capture_on_commit_callbacks
):
    _queue(django_capture_on_commit_callbacks, phone="12")
    sms = NotificationLog.objects.get(channel="sms")
    assert sms.status == "failed"
    assert "not a valid phone number" in sms.error
    assert gateway.requests == []
    assert NotificationLog.objects.filter(fallback_of=sms, status="sent").exists()


@pytest.mark.parametrize(
    ("raw", "e164"),
    [("(512) 555-0100", "+15125550100"), ("+44 20 7946 0958", "+442079460958")],
)
def test_e164(raw, e164):
    assert to_e164(raw, region="US") == e164


def test_e164_refuses_garbage():
    with pytest.raises(PermanentDeliveryError):
        to_e164("not a number")


def test_backoff_doubles(settings):
    settings.NOTIFICATIONS_RETRY_BACKOFF_SECONDS = 30
    assert [retry_delay(n) for n in (1, 2, 3)] == [30, 60, 120]


def test_nothing_is_sent_when_the_transaction_rolls_back(gateway, mailoutbox):
    from django.db import transaction

    class Boom(Exception):
        pass

    def queue_then_fail() -> None:
        with transaction.atomic():
            notification_queue(template="tests/hello", context={"name": "X"}, email="x@example.com")
            raise Boom

    with pytest.raises(Boom):
        queue_then_fail()
    assert mailoutbox == []
    assert NotificationLog.objects.count() == 0


def test_log_api_is_for_admins_only(client_as, django_capture_on_commit_callbacks, gateway):
    _queue(django_capture_on_commit_callbacks)
    assert client_as("finance").get("/api/v1/notification-logs/").status_code == 403
    response = client_as("admin").get("/api/v1/notification-logs/?channel=sms")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert (row["status"], row["attempts"], row["template"]) == ("sent", 1, "tests/hello")
