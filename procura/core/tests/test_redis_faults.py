"""With Redis down or stalled (a real redis-server of the test's own, stopped or SIGSTOPped):
sign-in works, reads keep working, the cache answers as a miss instead of raising, and the
readiness probe names the cache as down."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import override_settings

from procura.accounts.tests.conftest import BrowserClient
from procura.core.cache import CacheUnavailable, FailSafeRedisCache
from procura.core.tests.redis_server import OwnRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis() -> Iterator[OwnRedis]:
    server = OwnRedis()
    server.start()
    caches = {
        "default": {
            "BACKEND": "procura.core.cache.FailSafeRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "fault-test",
            "OPTIONS": {"socket_timeout": 0.3, "socket_connect_timeout": 0.3},
        }
    }
    FailSafeRedisCache.outage.end()
    with override_settings(CACHES=caches):
        yield server
    FailSafeRedisCache.outage.end()
    server.cleanup()


def test_the_cache_works_while_redis_is_up(own_redis):
    cache.set("k", "v")

    assert cache.get("k") == "v"
    assert cache.add("counter", 0) is True
    assert cache.incr("counter") == 1


@pytest.mark.parametrize("fault", ["stopped", "stalled"])
def test_the_cache_answers_as_a_miss_when_redis_is_away(own_redis, fault):
    cache.set("k", "v")
    own_redis.stop() if fault == "stopped" else own_redis.stall()

    assert cache.get("k", "fallback") == "fallback"
    assert cache.add("other", 1) is False
    cache.set("other", 1)
    assert cache.get_many(["k", "other"]) == {}
    with pytest.raises(CacheUnavailable):
        cache.incr("k")
    # While the outage lasts, calls answer at once instead of waiting for the socket again.
    assert FailSafeRedisCache.outage.active()


def test_the_cache_comes_back_with_redis(own_redis):
    own_redis.stall()
    assert cache.get("k") is None
    own_redis.resume()
    FailSafeRedisCache.outage.end()  # the outage window would end by itself a moment later

    cache.set("k", "v")

    assert cache.get("k") == "v"


@pytest.mark.parametrize("fault", ["stopped", "stalled"])
def test_sign_in_and_reads_work_with_redis_away(own_redis, make_user, fault):
    user = make_user("procurement", email="buyer@example.com")
    client = BrowserClient()
    own_redis.stop() if fault == "stopped" else own_redis.stall()

    response = client.login(user.email)

    assert response.status_code == 200, response.content
    me = client.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json()["email"] == user.email
    assert client.get("/api/v1/purchase-requests/").status_code == 200


def test_a_wrong_password_is_still_refused_with_redis_away(own_redis, make_user):
    user = make_user("procurement", email="buyer@example.com")
    client = BrowserClient()
    own_redis.stop()

    response = client.login(user.email, "wrong-password-here")

    assert response.status_code in {400, 401}


def test_readiness_names_the_cache_when_redis_is_stalled(own_redis, client_as):
    staff = client_as("admin", is_staff=True)
    own_redis.stall()

    response = staff.get("/api/health/ready/")

    assert response.status_code == 503
    assert "cache" in response.json()["failing"]
    cache_check = next(c for c in response.json()["checks"] if c["name"] == "cache")
    assert "Timeout" in cache_check["detail"] or "no answer" in cache_check["detail"]
