"""Read-only resources advertise no PUT and answer 405 to one; a body nested a hundred thousand
arrays deep is a 400 problem, not a recursion error."""

from __future__ import annotations

import pytest

from procura.core.tests.openapi import openapi_schema

pytestmark = pytest.mark.django_db

READ_ONLY = [
    "/api/v1/audit/events/{id}/",
    "/api/v1/stock-levels/{id}/",
    "/api/v1/stock-movements/{id}/",
    "/api/v1/documents/{id}/",
    "/api/v1/tasks/{id}/",
    "/api/v1/notification-logs/{id}/",
]


def test_read_only_resources_take_no_put(client_as):
    paths = openapi_schema()["paths"]
    admin = client_as("admin")
    for path in READ_ONLY:
        assert "put" not in paths[path], path
        response = admin.put(path.replace("{id}", "1"), {}, format="json")
        assert response.status_code == 405, (path, response.status_code)


def test_a_body_nested_too_deep_is_a_400_problem(client_as):
    depth = 100_000
    response = client_as("requester").generic(
        "POST",
        "/api/v1/purchase-requests/",
        "[" * depth + "]" * depth,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
