"""Walks the schema: for every route with an id and every role, an object outside the role's
reach answers 403 or 404 and never its data.

The demo data set has objects of every resource, owned by several people, departments and
customers. For each detail route, the ids an administrator lists are compared with the ids the
role lists; one object the role cannot list is then asked for directly.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from rest_framework.test import APIClient

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.tests.openapi import openapi_schema
from procura.demo.accounts import USERS

pytestmark = pytest.mark.django_db

SCHEMA = openapi_schema()
DETAIL = re.compile(r"^(?P<list>/api/v1/(?:[a-z0-9-]+/)+)\{id\}/$")
DETAIL_ROUTES = sorted(
    (match["list"], path)
    for path, item in SCHEMA["paths"].items()
    if (match := DETAIL.match(path))
    and "get" in item
    and "get" in SCHEMA["paths"].get(match["list"], {})
)
# One demo person per role other than admin (the admin reaches everything).
ROLE_USERS = {str(spec.role): spec.email for spec in reversed(USERS) if spec.role != Role.ADMIN}


def _ids(client: APIClient, path: str) -> set[Any] | None:
    """The ids listed at ``path`` (all pages), or None when the list is refused."""
    ids: set[Any] = set()
    page = 1
    while True:
        response = client.get(path, {"page": page, "page_size": 200})
        if response.status_code in {403, 404}:
            return None
        assert response.status_code == 200, (path, response.status_code)
        body = response.json()
        rows = body.get("results", body) if isinstance(body, dict) else body
        ids |= {row["id"] for row in rows if isinstance(row, dict) and "id" in row}
        if not isinstance(body, dict) or not body.get("next"):
            return ids
        page += 1


def test_no_role_reads_an_object_outside_its_reach(demo_data):
    admin = APIClient()
    admin.force_authenticate(
        User.objects.get(email=next(s.email for s in USERS if s.role == Role.ADMIN))
    )
    everything = {list_path: _ids(admin, list_path) or set() for list_path, _ in DETAIL_ROUTES}

    checked, leaks = 0, []
    for role, email in sorted(ROLE_USERS.items()):
        client = APIClient()
        client.force_authenticate(User.objects.get(email=email))
        for list_path, detail in DETAIL_ROUTES:
            visible = _ids(client, list_path) or set()
            hidden = sorted(everything[list_path] - visible, key=str)
            if not hidden:
                continue
            target = hidden[0]
            response = client.get(detail.replace("{id}", str(target)))
            checked += 1
            body = response.json() if response.content else {}
            if response.status_code not in {403, 404} or body.get("id") == target:
                leaks.append(f"{role} read {detail} id={target}: {response.status_code}")
    assert checked > 50, f"only {checked} out-of-reach objects were tried"
    assert leaks == []
