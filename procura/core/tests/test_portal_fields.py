"""Walks the schema as a portal customer: every answer's fields, at any depth, and every
download's columns stay within the customer-facing schema (``accounts.portal_fields``).

Runs on the demo data set, where the demo customer has orders, invoices, a statement and an
aging; each detail route is asked for the first objects the customer's own list shows.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from rest_framework.test import APIClient

from procura.accounts.models import User
from procura.accounts.portal_fields import PORTAL_FIELDS
from procura.accounts.roles import Role
from procura.core.tests.openapi import openapi_schema
from procura.demo.accounts import USERS

pytestmark = pytest.mark.django_db

SCHEMA = openapi_schema()
READS = sorted(path for path, item in SCHEMA["paths"].items() if "get" in item)
DETAIL = re.compile(r"^(?P<list>/api/v1/(?:[a-z0-9-]+/)+)\{id\}/")
# Staff data that must never reach a customer whatever the route (a check on the table too).
NEVER = {
    "standard_cost",
    "exchange_rate",
    "credit_limit",
    "credit_override_comment",
    "tax_id",
    "actor_email",
    "actor",
    "ip_address",
    "request_id",
    "hash",
    "prev_hash",
}


def field_names(value: Any, into: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            into.add(str(key))
            field_names(item, into)
    elif isinstance(value, list):
        for item in value:
            field_names(item, into)
    return into


def column_names(response: Any) -> set[str]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)), [])
    return {name.strip().lower().replace(" ", "_") for name in header}


def answer_fields(response: Any) -> set[str] | None:
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/csv"):
        return column_names(response)
    if "json" in content_type:
        return field_names(response.json(), set())
    return None  # a PDF or a file: no fields


def first_ids(client: APIClient, list_path: str) -> list[Any]:
    response = client.get(list_path, {"page_size": 3})
    if response.status_code != 200:
        return []
    body = response.json()
    rows = body.get("results", body) if isinstance(body, dict) else body
    return [row["id"] for row in rows if isinstance(row, dict) and "id" in row][:3]


def portal_client() -> APIClient:
    """A token-signed-in client of the demo customer (the demo data set is loaded)."""
    client = APIClient()
    client.force_authenticate(
        User.objects.get(email=next(s.email for s in USERS if s.role == Role.CUSTOMER))
    )
    assert client.post("/api/v1/auth/tokens/", {"name": "portal walk"}).status_code == 201
    return client


def test_the_customer_facing_schema_holds_no_staff_field():
    leaked = {route: sorted(NEVER & fields) for route, fields in PORTAL_FIELDS.items()}
    assert {route: names for route, names in leaked.items() if names} == {}


def test_every_answer_a_portal_customer_reaches_stays_within_the_customer_facing_schema(
    demo_data,
):
    client = portal_client()
    order = client.get("/api/v1/sales-orders/").json()["results"][0]["number"]
    query = {"/api/v1/search/": {"q": order}}

    answered: dict[str, set[str]] = {}
    for path in READS:
        match = DETAIL.match(path)
        if match:
            urls = [path.replace("{id}", str(i)) for i in first_ids(client, match["list"])]
        elif "{" in path:
            continue  # a provider, token or supplier id that is not a list row
        else:
            urls = [path]
        for url in urls:
            response = client.get(url, query.get(path, {}))
            if response.status_code != 200:
                continue
            fields = answer_fields(response)
            if fields is not None:
                answered.setdefault(path, set()).update(fields)

    unreviewed = sorted(set(answered) - set(PORTAL_FIELDS))
    outside = {
        path: sorted(fields - PORTAL_FIELDS[path])
        for path, fields in answered.items()
        if path in PORTAL_FIELDS and fields - PORTAL_FIELDS[path]
    }
    assert unreviewed == []
    assert outside == {}
    # the walk saw the customer's own records, their lines and their downloads
    for path in (
        "/api/v1/sales-orders/{id}/",
        "/api/v1/customer-invoices/{id}/",
        "/api/v1/sales-orders/export/",
        "/api/v1/receivables/statement/",
        "/api/v1/search/",
    ):
        assert answered.get(path), path
    assert {"lines", "history"} <= answered["/api/v1/sales-orders/{id}/"]
