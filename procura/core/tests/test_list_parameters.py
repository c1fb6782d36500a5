"""Walks the schema: every list refuses a query parameter it does not know (a field error),
rather than ignoring it and returning every row."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from procura.core.filters import UNKNOWN_PARAMETER

pytestmark = pytest.mark.django_db

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
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
