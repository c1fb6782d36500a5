"""The API's rate limits apply: anonymous, per user, and the scopes for sign-in, uploads and
exports answer 429 with Retry-After past their rate; health probes are never throttled; with
the cache down requests still go through."""

from __future__ import annotations

import pytest
from rest_framework.throttling import SimpleRateThrottle

from procura.core.testing import redis_unreachable

pytestmark = pytest.mark.django_db

CSRF_URL = "/api/v1/auth/csrf/"


@pytest.fixture
def rates(monkeypatch):
    """Lower one scope's rate for a test (the suite's settings raise them all)."""

    def _set(scope: str, rate: str) -> None:
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, rate)

    return _set


def test_anonymous_requests_are_throttled_past_their_rate(api_client, rates):
    rates("anon", "3/minute")

    answers = [api_client.get(CSRF_URL).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    refused = api_client.get(CSRF_URL)
    assert refused["Content-Type"].startswith("application/problem+json")
    assert 0 < int(refused["Retry-After"]) <= 60


def test_each_user_has_their_own_rate(client_as, rates):
    rates("user", "2/minute")
    first, second = client_as("procurement"), client_as("procurement")

    assert [first.get("/api/v1/auth/me/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/v1/auth/me/").status_code == 200


def test_sign_in_has_its_own_lower_rate(api_client, rates):
    rates("login", "2/minute")
    body = {"email": "nobody@example.com", "password": "x"}

    answers = [
        api_client.post("/api/v1/auth/login/", body, format="json").status_code for _ in range(3)
    ]

    assert answers == [401, 401, 429]
    assert api_client.get(CSRF_URL).status_code == 200  # other anonymous requests unaffected


def test_uploads_are_throttled_per_user(client_as, rates):
    rates("uploads", "1/minute")
    client = client_as("procurement")

    def upload():
        return client.post(
            "/api/v1/documents/", {"file": b"not a document"}, format="multipart"
        ).status_code

    assert upload() != 429
    assert upload() == 429
    assert client.get("/api/v1/documents/").status_code == 200


def test_exports_are_throttled_per_user(client_as, rates):
    rates("exports", "1/minute")
    client = client_as("procurement")

    assert client.get("/api/v1/suppliers/export/").status_code == 200
    assert client.get("/api/v1/suppliers/export/").status_code == 429
    assert client.get("/api/v1/suppliers/").status_code == 200


def test_health_probes_are_never_throttled(api_client, rates):
    rates("anon", "1/minute")

    assert {api_client.get("/api/health/").status_code for _ in range(3)} == {200}


def test_throttles_let_requests_through_when_redis_is_down(api_client, rates):
    rates("anon", "1/minute")
    with redis_unreachable():
        answers = {api_client.get(CSRF_URL).status_code for _ in range(3)}

    assert answers == {200}


class _Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _user_throttle(rates, clock, user_id: int = 41):
    from types import SimpleNamespace

    from procura.core.throttling import UserCountingThrottle

    rates("user", "10/minute")
    throttle = UserCountingThrottle()
    throttle.timer = clock
    request = SimpleNamespace(user=SimpleNamespace(is_authenticated=True, pk=user_id))
    return lambda: throttle.allow_request(request, None), throttle  # type: ignore[arg-type]


def test_a_rate_counts_requests_in_two_numbers_per_client(rates):
    from django.core.cache import cache

    clock = _Clock(6_000_000.0)  # the start of a minute
    allow, throttle = _user_throttle(rates, clock)

    assert [allow() for _ in range(11)] == [True] * 10 + [False]
    assert 59 <= throttle.wait() <= 60
    stored = cache.get_many([f"{throttle.key}:100000", f"{throttle.key}:99999"])
    assert stored == {f"{throttle.key}:100000": 10}  # a count, not a list of times

    # A third into the next minute, two thirds of the last minute's 10 still count: 4 more
    # pass; 4 seconds later the earlier minute weighs one request less.
    clock.now += 80
    assert [allow() for _ in range(5)] == [True] * 4 + [False]
    assert throttle.wait() == pytest.approx(4)
    clock.now += throttle.wait() + 0.01
    assert allow() is True
    # Two minutes later nothing counts any more.
    clock.now += 120
    assert [allow() for _ in range(11)] == [True] * 10 + [False]


def test_each_client_has_its_own_counts(rates):
    clock = _Clock(6_000_000.0)
    first, _ = _user_throttle(rates, clock, user_id=1)
    second, _ = _user_throttle(rates, clock, user_id=2)

    assert [first() for _ in range(11)][-1] is False
    assert second() is True
