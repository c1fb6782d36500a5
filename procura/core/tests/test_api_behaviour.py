"""Behaviour every endpoint shares: request ids, problem+json errors, body limits, media
types, authentication challenges, ETags and sparse fieldsets."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from django.test import override_settings

from procura.accounts.models import Department
from procura.audit.models import AuditEvent
from procura.core.logging import JsonFormatter, RequestIdFilter
from procura.core.request_context import set_request_id

PROBE = pytest.mark.urls("procura.core.tests.probe_urls")
ECHO = "/api/v1/probe/echo/"


@pytest.fixture
def json_log() -> Iterator[list[str]]:
    """JSON log lines written by the ``procura`` and ``django.request`` loggers."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Collect(level=logging.INFO)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("procura"), logging.getLogger("django.request")]
    levels = [log.level for log in loggers]
    for log in loggers:
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    yield lines
    for log, level in zip(loggers, levels, strict=True):
        log.removeHandler(handler)
        log.setLevel(level)


def is_problem(response) -> bool:
    return response["Content-Type"].startswith("application/problem+json")


# --- Request id ---------------------------------------------------------------------------


def test_request_id_is_generated_when_absent(api_client):
    response = api_client.get("/api/health/")

    assert len(response["X-Request-ID"]) == 32


def test_request_id_sent_by_the_client_is_returned(api_client):
    response = api_client.get("/api/health/", HTTP_X_REQUEST_ID="lb-7f3a.91:2")

    assert response["X-Request-ID"] == "lb-7f3a.91:2"


def test_unsafe_request_id_is_replaced(api_client):
    response = api_client.get("/api/health/", HTTP_X_REQUEST_ID="bad id\n<script>")

    assert response["X-Request-ID"] != "bad id\n<script>"
    assert len(response["X-Request-ID"]) == 32


def test_error_bodies_carry_the_request_id(api_client, db):
    response = api_client.get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID="req-404")

    assert response.json()["request_id"] == "req-404"


@PROBE
def test_request_id_reaches_log_lines_and_audit_events(client_as, json_log):
    client = client_as("procurement")

    response = client.post(ECHO, {"a": 1}, format="json", HTTP_X_REQUEST_ID="req-echo-1")

    assert response.status_code == 200
    event = AuditEvent.objects.get(pk=response.json()["audit_event"])
    assert event.request_id == "req-echo-1"
    logged = [json.loads(line) for line in json_log]
    echoed = next(line for line in logged if line["message"] == "echoed")
    assert echoed["request_id"] == "req-echo-1"
    assert echoed["level"] == "INFO"
    assert echoed["logger"] == "procura.probe"
    assert echoed["keys"] == ["a"]


def test_django_request_warnings_carry_the_request_id(api_client, db, json_log):
    api_client.get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID="req-missing")

    logged = [json.loads(line) for line in json_log]
    warning = next(line for line in logged if line["logger"] == "django.request")
    assert warning["request_id"] == "req-missing"
    assert warning["request"] == "GET /api/v1/no-such-thing/"


def test_json_formatter_writes_one_parseable_line_with_the_context_request_id():
    record = logging.makeLogRecord(
        {"name": "procura.x", "levelname": "WARNING", "msg": "stock %s", "args": ("low",)}
    )
    set_request_id("ctx-1")
    try:
        line = JsonFormatter().format(record)
    finally:
        set_request_id("")

    assert "\n" not in line
    assert json.loads(line)["message"] == "stock low"
    assert json.loads(line)["request_id"] == "ctx-1"


# --- Errors as problem+json ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/api/v1/no-such-thing/", "/api/v1/audit/nothing", "/api/nope", "/api/v1/tasks/1/x/"]
)
def test_unknown_api_url_is_a_404_problem_not_html(api_client, db, url):
    response = api_client.get(url)

    assert response.status_code == 404
    assert is_problem(response)
    assert response.json()["code"] == "not_found"


def test_unknown_method_is_a_405_problem(client_as):
    response = client_as("admin").delete("/api/v1/audit/verify/")

    assert response.status_code == 405
    assert is_problem(response)


@PROBE
def test_malformed_json_is_a_400_malformed_problem(client_as):
    response = client_as("procurement").post(ECHO, data='{"a": 1,', content_type="application/json")

    assert response.status_code == 400
    assert is_problem(response)
    assert response.json()["code"] == "malformed"


@PROBE
@pytest.mark.parametrize(
    "body",
    ["[" * 100_000 + "]" * 100_000, '{"a": NaN}', '{"a": 1e999999}', b'{"a": "\xff"}'],
    ids=["deeply-nested", "nan", "infinite", "not-utf8"],
)
def test_json_that_no_strict_reader_accepts_is_a_400_malformed_problem(client_as, body):
    response = client_as("procurement").post(ECHO, data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "malformed"


def test_body_over_10_mb_is_a_413_problem(client_as):
    client = client_as("admin")
    body = b"x" * (10 * 1024 * 1024 + 1)

    response = client.post("/api/v1/audit/verify/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert is_problem(response)
    assert response.json()["max_bytes"] == 10 * 1024 * 1024


@PROBE
@override_settings(API_MAX_BODY_BYTES=100)
def test_body_at_the_limit_is_accepted(client_as):
    body = json.dumps({"k": "v" * 91})
    assert len(body) == 100

    response = client_as("procurement").post(ECHO, data=body, content_type="application/json")

    assert response.status_code == 200


@PROBE
def test_wrong_content_type_is_a_415_problem(client_as):
    response = client_as("procurement").post(ECHO, data="a=1", content_type="text/plain")

    assert response.status_code == 415
    assert is_problem(response)


def test_unauthenticated_is_a_401_with_a_challenge(api_client, db):
    response = api_client.get("/api/v1/tasks/")

    assert response.status_code == 401
    assert is_problem(response)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_invalid_bearer_token_is_a_401(api_client, db):
    response = api_client.get("/api/v1/tasks/", HTTP_AUTHORIZATION="Bearer procura_nonsense")

    assert response.status_code == 401
    assert is_problem(response)


# --- ETags ----------------------------------------------------------------------------------


@pytest.fixture
def department(db) -> Department:
    return Department.objects.create(code="MEAT", name="Meat buying")


@PROBE
def test_if_none_match_with_the_current_etag_is_304(client_as, department):
    client = client_as("admin")
    url = f"/api/v1/probe-departments/{department.pk}/"
    etag = client.get(url)["ETag"]

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


@PROBE
def test_stale_if_match_is_a_412_and_nothing_changes(client_as, department):
    client = client_as("admin")
    url = f"/api/v1/probe-departments/{department.pk}/"
    etag = client.get(url)["ETag"]
    client.patch(url, {"name": "Meat sourcing"}, format="json")

    response = client.patch(url, {"name": "Lost update"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert is_problem(response)
    assert response.json()["code"] == "stale"
    department.refresh_from_db()
    assert department.name == "Meat sourcing"


@PROBE
def test_current_if_match_updates_and_returns_the_new_etag(client_as, department):
    client = client_as("admin")
    url = f"/api/v1/probe-departments/{department.pk}/"
    etag = client.get(url)["ETag"]

    response = client.patch(url, {"name": "Meat sourcing"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert client.get(url)["ETag"] == response["ETag"]


@PROBE
def test_unknown_input_field_is_refused(client_as, department):
    response = client_as("admin").patch(
        f"/api/v1/probe-departments/{department.pk}/", {"nmae": "typo"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"nmae": ["Unknown field."]}


@PROBE
def test_sparse_fields_trim_detail_and_list(client_as, department):
    client = client_as("admin")

    detail = client.get(f"/api/v1/probe-departments/{department.pk}/?fields=code").json()
    listed = client.get("/api/v1/probe-departments/?fields=id,name").json()

    assert detail == {"code": "MEAT"}
    assert listed["results"] == [{"id": department.pk, "name": "Meat buying"}]


def test_a_value_the_database_refuses_is_a_400_problem_not_a_server_error():
    from django.db import DataError

    from procura.core.errors import problem_exception_handler

    response = problem_exception_handler(DataError("integer out of range"), {})

    assert response.status_code == 400
    assert response.data["code"] == "invalid"
