"""Webhooks end to end against a real HTTP receiver on loopback."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.procurement.services.requests import purchase_request_submit
from procura.procurement.tests.factories import make_org, make_request
from procura.webhooks import signing
from procura.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from procura.webhooks.services import delivery_attempt, webhook_endpoint_create
from procura.webhooks.tests.receiver import running_receiver

pytestmark = pytest.mark.django_db

ENDPOINTS = "/api/v1/webhook-endpoints/"


@pytest.fixture
def allow_loopback(settings: Any) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True


def _submit(org: Any, capture: Any) -> Any:
    request = make_request(org.requester, total="321.00")
    with capture(execute=True):
        purchase_request_submit(request=request, by=org.requester)
    return request


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_private_and_loopback_addresses_are_refused(client_as: Any, url: str) -> None:
    response = client_as("admin").post(
        ENDPOINTS, {"url": url, "events": ["purchase_order.issued"]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "webhook_url_refused"
    assert "url" in response.json()["errors"]
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "ftp://example.com/x", "events": ["purchase_order.issued"]}, "url"),
        ({"url": "http://user:pw@example.com/x", "events": ["purchase_order.issued"]}, "url"),
        ({"url": "https://example.com/x", "events": ["order.nuked"]}, "events"),
        ({"url": "https://example.com/x", "events": []}, "events"),
        ({"url": "https://no-such-host.invalid/x", "events": ["purchase_order.issued"]}, "url"),
    ],
)
def test_bad_endpoints_are_refused(client_as: Any, body: dict[str, Any], field: str) -> None:
    response = client_as("admin").post(ENDPOINTS, body, format="json")

    assert response.status_code == 400
    assert any(key.split(".")[0] == field for key in response.json()["errors"])
    assert not WebhookEndpoint.objects.exists()


def test_only_administrators_manage_webhooks(client_as: Any) -> None:
    client = client_as("procurement")
    assert client.get(ENDPOINTS).status_code == 403
    assert client.get("/api/v1/webhook-deliveries/").status_code == 403
    assert client.post(ENDPOINTS, {}, format="json").status_code == 403


def test_a_submitted_request_reaches_the_receiver_signed(
    client_as: Any, allow_loopback: None, django_capture_on_commit_callbacks: Any
) -> None:
    org = make_org()
    admin = client_as("admin")
    with running_receiver() as receiver:
        created = admin.post(
            ENDPOINTS,
            {"url": receiver.url, "events": ["purchase_request.submitted"]},
            format="json",
        )
        assert created.status_code == 201
        secret = created.json()["secret"]
        assert secret.startswith("whsec_")

        request = _submit(org, django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 1
    sent = receiver.requests[0]
    assert sent.headers["procura-event"] == "purchase_request.submitted"
    assert signing.verify(secret, sent.headers["procura-signature"], sent.body)
    assert not signing.verify("whsec_other", sent.headers["procura-signature"], sent.body)
    assert not signing.verify(secret, sent.headers["procura-signature"], sent.body + b" ")
    payload = json.loads(sent.body)
    assert payload["type"] == "purchase_request.submitted"
    assert payload["version"] == 1
    assert payload["id"] == sent.headers["procura-event-id"]
    assert payload["data"]["object_repr"].startswith(request.number)
    assert payload["data"]["changes"]["status"]["after"] == "pending_approval"
    log = admin.get("/api/v1/webhook-deliveries/").json()["results"]
    assert [(d["status"], d["last_status_code"]) for d in log] == [("succeeded", 200)]
    assert log[0]["log"][0]["status_code"] == 200
    assert "secret" not in admin.get(ENDPOINTS).json()["results"][0]


def test_a_signature_outside_the_replay_window_is_refused() -> None:
    body = b'{"id":"x"}'
    old = int(time.time()) - signing.REPLAY_WINDOW_SECONDS - 5
    header = signing.signature_header("whsec_k", body, timestamp=old)

    assert not signing.verify("whsec_k", header, body)
    assert signing.verify("whsec_k", signing.signature_header("whsec_k", body), body)
    assert not signing.verify("whsec_k", "t=abc,v1=00", body)


def test_unsubscribed_events_and_rolled_back_changes_send_nothing(
    allow_loopback: None, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    org = make_org()
    with running_receiver() as receiver:
        webhook_endpoint_create(
            url=receiver.url, events_=["purchase_order.issued"], by=make_user("admin")
        )
        _submit(org, django_capture_on_commit_callbacks)
        webhook_endpoint_create(
            url=receiver.url, events_=["purchase_request.submitted"], by=make_user("admin")
        )
        request = make_request(org.requester)

        def submit_then_fail() -> None:
            with transaction.atomic():
                purchase_request_submit(request=request, by=org.requester)
                raise RuntimeError("the change fails after its audit event")

        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            submit_then_fail()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_failures_are_retried_with_backoff_then_the_endpoint_is_disabled(
    client_as: Any,
    allow_loopback: None,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 30
    org = make_org()
    admin = client_as("admin")
    with running_receiver([500]) as receiver:
        endpoint = webhook_endpoint_create(
            url=receiver.url, events_=["purchase_request.submitted"], by=admin.user
        )
        _submit(org, django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == DeliveryStatus.RETRYING
        assert delivery.next_attempt_at is not None
        first_wait = delivery.next_attempt_at - timezone.now()
        assert timedelta(seconds=20) < first_wait <= timedelta(seconds=30)

        assert delivery_attempt(delivery_id=str(delivery.pk)) is None  # not due yet
        for _ in range(2):
            WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
            assert delivery_attempt(delivery_id=str(delivery.pk)) is not None
        delivery.refresh_from_db()

    endpoint.refresh_from_db()
    assert len(receiver.requests) == 3
    assert delivery.attempts == 3
    assert delivery.status == DeliveryStatus.FAILED
    assert not endpoint.is_active
    assert "3 failed attempts" in endpoint.disabled_reason
    attempts = admin.get(f"/api/v1/webhook-deliveries/{delivery.pk}/").json()["log"]
    assert [a["status_code"] for a in attempts] == [500, 500, 500]
    refused = admin.post(f"/api/v1/webhook-deliveries/{delivery.pk}/redeliver/")
    assert refused.status_code == 409
    assert WebhookDelivery.objects.count() == 1


def test_retry_waits_grow_exponentially(settings: Any) -> None:
    from procura.webhooks.services import retry_delay

    settings.WEBHOOKS_RETRY_BASE_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(40) == timedelta(hours=6)


def test_manual_redelivery_sends_the_same_event_again(
    client_as: Any, allow_loopback: None, django_capture_on_commit_callbacks: Any
) -> None:
    org = make_org()
    admin = client_as("admin")
    with running_receiver() as receiver:
        webhook_endpoint_create(
            url=receiver.url, events_=["purchase_request.submitted"], by=admin.user
        )
        _submit(org, django_capture_on_commit_callbacks)
        original = WebhookDelivery.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(f"/api/v1/webhook-deliveries/{original.pk}/redeliver/")

    assert response.status_code == 202
    assert len(receiver.requests) == 2
    first, second = receiver.requests
    assert first.headers["procura-event-id"] == second.headers["procura-event-id"]
    assert first.headers["procura-delivery"] != second.headers["procura-delivery"]
    assert json.loads(first.body) == json.loads(second.body)
    assert WebhookDelivery.objects.get(pk=response.json()["id"]).status == "succeeded"


def test_a_delivery_is_refused_when_the_name_now_points_inside(
    allow_loopback: None,
    settings: Any,
    make_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    org = make_org()
    with running_receiver() as receiver:
        webhook_endpoint_create(
            url=receiver.url, events_=["purchase_request.submitted"], by=make_user("admin")
        )
        settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
        _submit(org, django_capture_on_commit_callbacks)

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert "private or internal address" in delivery.last_error


def test_the_delivery_log_query_count_does_not_grow_with_the_page(
    client_as: Any, allow_loopback: None, django_capture_on_commit_callbacks: Any
) -> None:
    org = make_org()
    admin = client_as("admin")
    with running_receiver() as receiver:
        webhook_endpoint_create(
            url=receiver.url, events_=["purchase_request.submitted"], by=admin.user
        )
        _submit(org, django_capture_on_commit_callbacks)

        def queries() -> int:
            with CaptureQueriesContext(connection) as ctx:
                assert admin.get("/api/v1/webhook-deliveries/").status_code == 200
            return len(ctx)

        queries()
        few = queries()
        for _ in range(4):
            _submit(org, django_capture_on_commit_callbacks)
    assert WebhookDelivery.objects.count() == 5
    assert queries() == few


def test_the_event_catalogue_and_payload_are_in_the_schema(client_as: Any) -> None:
    events = client_as("admin").get("/api/v1/webhook-events/").json()
    by_type = {event["type"]: event for event in events}
    assert by_type["purchase_order.issued"]["version"] == 1
    assert "goods.received" in by_type

    schema = client_as("admin").get("/api/schema/", {"format": "json"}).json()
    callbacks = schema["paths"]["/api/v1/webhook-endpoints/"]["post"]["callbacks"]
    assert "purchase_order.issued" in callbacks
    assert "WebhookPayload" in schema["components"]["schemas"]


def test_a_product_falling_below_its_reorder_point_is_sent_once_a_day(
    allow_loopback: None, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from procura.catalog.tests.factories import make_product
    from procura.inventory.services.alerts import low_stock_alerts_record
    from procura.inventory.services.locations import reorder_rule_set
    from procura.procurement.tests.factories import make_location

    admin = make_user("admin")
    product = make_product(sku="LOW-1")
    location = make_location()
    reorder_rule_set(
        product=product, location=location, reorder_point="5", reorder_quantity="20", by=admin
    )
    with running_receiver() as receiver:
        webhook_endpoint_create(url=receiver.url, events_=["stock.below_reorder_point"], by=admin)
        with django_capture_on_commit_callbacks(execute=True):
            assert low_stock_alerts_record() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert low_stock_alerts_record() == 0

    assert len(receiver.requests) == 1
    payload = json.loads(receiver.requests[0].body)
    assert payload["type"] == "stock.below_reorder_point"
    assert payload["data"]["object_repr"] == f"LOW-1 at {location.code}"
    assert payload["data"]["details"]["reorder_point"] == "5.000"


class _RebindingResolver:
    """A DNS name that answers ``first`` to the first lookup and ``later`` to every other one
    (what an attacker's rebinding name server does); IP literals resolve as usual."""

    NAME = "hooks.partner.example"

    def __init__(self, first: str, later: str) -> None:
        import socket

        self.real = socket.getaddrinfo
        self.first, self.later = first, later
        self.lookups = 0

    def reset(self) -> None:
        self.lookups = 0

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        import socket

        if host != self.NAME:
            return self.real(host, port, *args, **kwargs)
        self.lookups += 1
        address = self.first if self.lookups == 1 else self.later
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 80)))]


def test_a_delivery_goes_to_the_address_that_was_checked(
    allow_loopback: None,
    settings: Any,
    make_user: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The name answers loopback (where the receiver is) to the check and an unroutable
    address afterwards: only a request pinned to the checked address arrives."""
    import socket

    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    resolver = _RebindingResolver(first="127.0.0.1", later="192.0.2.1")
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    org = make_org()
    with running_receiver() as receiver:
        port = receiver.url.split(":")[2].split("/")[0]
        url = f"http://{resolver.NAME}:{port}/hooks/procura?source=procura"
        webhook_endpoint_create(
            url=url, events_=["purchase_request.submitted"], by=make_user("admin")
        )
        resolver.reset()
        _submit(org, django_capture_on_commit_callbacks)

    assert resolver.lookups == 1
    assert len(receiver.requests) == 1
    assert receiver.requests[0].headers["host"] == f"{resolver.NAME}:{port}"
    assert receiver.requests[0].path == "/hooks/procura?source=procura"
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED


def test_a_name_rebound_to_loopback_after_the_check_is_not_reached(
    settings: Any,
    make_user: Any,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """DNS rebinding: the name answers a public address to the check, then loopback. The
    request must not reach the loopback receiver."""
    import socket

    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    resolver = _RebindingResolver(first="93.184.216.34", later="127.0.0.1")
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    org = make_org()
    with running_receiver() as receiver:
        port = receiver.url.split(":")[2].split("/")[0]
        webhook_endpoint_create(
            url=f"http://{resolver.NAME}:{port}/hooks/procura",
            events_=["purchase_request.submitted"],
            by=make_user("admin"),
        )
        resolver.reset()
        _submit(org, django_capture_on_commit_callbacks)

    assert receiver.requests == []
    assert resolver.lookups == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.last_error
