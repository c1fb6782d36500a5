from __future__ import annotations

from django.db.utils import OperationalError
from django.test import override_settings

from procura.core import health

CLOSED_REDIS = "redis://127.0.0.1:1/0"
REDIS_DOWN = {
    "CACHES": {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_REDIS,
        }
    },
    "CELERY_BROKER_URL": CLOSED_REDIS,
    "CELERY_TASK_ALWAYS_EAGER": False,
}


def checks_by_name(response) -> dict[str, dict]:
    return {check["name"]: check for check in response.json()["checks"]}


def test_liveness_answers_without_authentication(api_client):
    response = api_client.get("/api/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_reports_each_check_with_its_latency(api_client, db):
    response = api_client.get("/api/health/ready/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"] == "no-store"
    checks = checks_by_name(response)
    assert set(checks) == {"database", "cache", "broker", "storage"}
    for check in checks.values():
        assert check["ok"] is True
        assert isinstance(check["latency_ms"], int | float)
        assert check["latency_ms"] >= 0


def test_readiness_is_503_naming_redis_when_it_is_down(api_client, db):
    with override_settings(**REDIS_DOWN):
        response = api_client.get("/api/health/ready/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert set(body["failing"]) == {"cache", "broker"}
    checks = checks_by_name(response)
    assert checks["database"]["ok"] is True
    assert checks["cache"]["ok"] is False
    assert "Connection" in checks["cache"]["detail"]
    assert checks["broker"]["latency_ms"] >= 0


def test_readiness_is_503_naming_the_database_when_it_fails(api_client, db, monkeypatch):
    def unreachable() -> str:
        raise OperationalError("could not connect to server")

    monkeypatch.setitem(health.CHECKS, "database", unreachable)

    response = api_client.get("/api/health/ready/")

    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert "could not connect" in checks_by_name(response)["database"]["detail"]


def test_readiness_database_check_runs_a_real_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        results = {r.name: r for r in health.run_checks()}

    assert results["database"].ok
