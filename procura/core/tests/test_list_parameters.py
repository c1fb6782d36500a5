"""Walks the schema: every list refuses a query parameter it does not know (a field error),
rather than ignoring it and returning every row."""

from __future__ import annotations

import pytest

from procura.core.filters import NOT_A_BOOLEAN, UNKNOWN_PARAMETER
from procura.core.tests.openapi import openapi_schema

pytestmark = pytest.mark.django_db

SCHEMA = openapi_schema()
LISTS = sorted(
    path
    for path, item in SCHEMA["paths"].items()
    if "{" not in path
    and "get" in item
    and any(p["name"] == "page" for p in item["get"].get("parameters", ()))
)


def test_the_walk_covers_the_lists():
    assert len(LISTS) > 40
    assert {"/api/v1/inbox/", "/api/v1/webhook-deliveries/"} <= set(LISTS)


def test_every_list_refuses_an_unknown_query_parameter(client_as):
    admin = client_as("admin")
    ignored = []
    for path in LISTS:
        response = admin.get(path, {"no_such_filter": "1"})
        body = response.json()
        if response.status_code != 400 or body["errors"] != {"no_such_filter": [UNKNOWN_PARAMETER]}:
            ignored.append(f"{path}: {response.status_code}")
    assert ignored == []


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/inbox/", {"unread": "true"}),
        ("/api/v1/webhook-deliveries/", {"status": "failed", "event_type": "x", "endpoint": "1"}),
    ],
)
def test_their_own_filters_still_answer(client_as, path, query):
    assert client_as("admin").get(path, query).status_code == 200


def _boolean_parameters() -> list[tuple[str, str]]:
    return sorted(
        (path, parameter["name"])
        for path in LISTS
        for parameter in SCHEMA["paths"][path]["get"].get("parameters", ())
        if parameter.get("schema", {}).get("type") == "boolean" and parameter["in"] == "query"
    )


def test_a_yes_no_filter_refuses_a_value_that_is_neither(client_as):
    admin = client_as("admin")
    walked = _boolean_parameters()
    assert ("/api/v1/inbox/", "unread") in walked
    loose = []
    for path, name in walked:
        response = admin.get(path, {name: "maybe"})
        if response.status_code != 400 or response.json()["errors"] != {name: [NOT_A_BOOLEAN]}:
            loose.append(f"{path}?{name}=maybe: {response.status_code}")
        if admin.get(path, {name: "false"}).status_code != 200:
            loose.append(f"{path}?{name}=false refused")
    assert loose == []
