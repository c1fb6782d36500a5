"""Walks the schema: for every write route and every role that does not hold the route's matrix
action, the API refuses with 403 before reading the body or the object; every role that holds
it gets past that refusal."""

from __future__ import annotations

import re

import pytest
from rest_framework.test import APIClient

from procura.accounts.permissions import MatrixPermission
from procura.accounts.roles import ALL_ROLES, Role
from procura.core.tests.openapi import openapi_schema

pytestmark = pytest.mark.django_db

ROLE_REFUSAL = MatrixPermission.message

SCHEMA = openapi_schema()
WRITES = sorted(
    (path, method, operation["x-permission"]["roles"])
    for path, item in SCHEMA["paths"].items()
    for method, operation in item.items()
    if method in {"post", "put", "patch", "delete"} and "x-permission" in operation
)


def test_the_walk_covers_the_write_routes():
    assert len(WRITES) > 100


def test_every_write_route_refuses_the_roles_the_matrix_does_not_grant(make_user):
    clients = {}
    for role in ALL_ROLES:
        if role == Role.ADMIN:
            continue
        client = APIClient()
        client.force_authenticate(make_user(role))
        clients[role] = client
    allowed_through = []
    for path, method, roles in WRITES:
        url = re.sub(r"\{[^}]+\}", "1", path)
        for role, client in clients.items():
            if role in roles:
                continue
            response = getattr(client, method)(url, {}, format="json")
            if response.status_code != 403:
                allowed_through.append(f"{role} {method.upper()} {path}: {response.status_code}")
    assert allowed_through == []


def test_every_write_route_lets_through_the_roles_the_matrix_grants(make_user):
    """The other half of the walk: a role the matrix grants the action is not refused for its
    role (it may still meet a 400, 404, 409 or an object rule such as segregation of duties)."""
    clients = {}
    for role in ALL_ROLES:
        client = APIClient()
        client.force_authenticate(make_user(role))
        clients[role] = client
    refused = []
    checked = 0
    for path, method, roles in WRITES:
        url = re.sub(r"\{[^}]+\}", "1", path)
        for role in roles:
            response = getattr(clients[role], method)(url, {}, format="json")
            checked += 1
            if response.status_code == 403 and response.json()["detail"] == ROLE_REFUSAL:
                refused.append(f"{role} {method.upper()} {path}")
    assert checked > 200
    assert refused == []
