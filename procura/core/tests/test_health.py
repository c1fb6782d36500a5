from __future__ import annotations

import threading

from django.db.utils import OperationalError
from django.test import override_settings

from procura.core import health

CLOSED_REDIS = "redis://127.0.0.1:1/0"
REDIS_DOWN = {
    "CACHES": {
        "default": {
            "BACKEND": "procura.core.cache.FailSafeRedisCache",
            "LOCATION": CLOSED_REDIS,
            "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
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


def test_readiness_shows_staff_each_check_with_its_latency(client_as):
    staff = client_as("admin", is_staff=True)

    response = staff.get("/api/health/ready/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"] == "no-store"
    checks = checks_by_name(response)
    assert set(checks) == {"database", "cache", "broker", "worker", "storage"}
    for check in checks.values():
        assert check["ok"] is True
        assert isinstance(check["latency_ms"], int | float)
        assert check["latency_ms"] >= 0
        assert check["detail"]


def test_readiness_shows_others_only_names_and_outcomes(api_client, client_as, db):
    for client in (api_client, client_as("procurement")):
        response = client.get("/api/health/ready/")

        assert response.status_code == 200
        for check in response.json()["checks"]:
            assert set(check) == {"name", "ok"}


def test_readiness_with_a_stale_cookie_still_answers(api_client, db):
    api_client.cookies["procura_access"] = "not-a-token"

    response = api_client.get("/api/health/ready/")

    assert response.status_code == 200


def test_readiness_is_503_naming_redis_when_it_is_down(client_as):
    staff = client_as("admin", is_staff=True)
    with override_settings(**REDIS_DOWN):
        response = staff.get("/api/health/ready/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert {"cache", "broker", "worker"} <= set(body["failing"])
    assert "database" not in body["failing"]
    checks = checks_by_name(response)
    assert checks["database"]["ok"] is True
    assert checks["cache"]["ok"] is False
    assert "Connection" in checks["cache"]["detail"]


def test_readiness_hides_the_failure_detail_from_anonymous_callers(api_client, db):
    with override_settings(**REDIS_DOWN):
        response = api_client.get("/api/health/ready/")

    assert response.status_code == 503
    assert "127.0.0.1" not in response.content.decode()
    assert checks_by_name(response)["cache"] == {"name": "cache", "ok": False}


def test_readiness_is_503_naming_the_database_when_it_fails(client_as, monkeypatch):
    staff = client_as("admin", is_staff=True)

    def unreachable() -> str:
        raise OperationalError("could not connect to server")

    monkeypatch.setitem(health.CHECKS, "database", unreachable)

    response = staff.get("/api/health/ready/")

    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]
    assert "could not connect" in checks_by_name(response)["database"]["detail"]


def test_a_check_that_hangs_is_reported_as_timed_out_without_waiting_for_it(db, monkeypatch):
    release = threading.Event()

    def stalled() -> str:
        release.wait(30)
        return "late"

    monkeypatch.setitem(health.CHECKS, "cache", stalled)
    try:
        results = {r.name: r for r in health.run_checks(deadline=0.3)}
    finally:
        release.set()

    assert results["cache"].ok is False
    assert results["cache"].detail == health.TIMED_OUT.format(seconds=0.3)
    assert results["database"].ok is True


def test_readiness_database_check_runs_a_real_query(db):
    results = {r.name: r for r in health.run_checks()}

    assert results["database"].ok
    assert results["database"].detail in {"postgresql", "sqlite"}
