"""Keyset pages for the stock ledger and the audit trail: ?cursor=start, then each answer's
next link; every row read once, newest recorded first, whatever is recorded meanwhile."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from procura.inventory.services.movements import stock_receive
from procura.inventory.tests.factories import LocationFactory, ProductFactory

pytestmark = pytest.mark.django_db
MOVEMENTS = "/api/v1/stock-movements/"


def _receive(product, location, count: int) -> list[int]:
    return [
        stock_receive(product=product, location=location, quantity=1, unit_cost="2.00", by=None).pk
        for _ in range(count)
    ]


def _walk(client: APIClient, url: str) -> tuple[list[int], int]:
    seen: list[int] = []
    pages = 0
    while url:
        body = client.get(url).json()
        assert "count" not in body  # nothing is counted
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
        pages += 1
    return seen, pages


def test_a_cursor_walk_reads_every_movement_once_newest_first(client_as):
    product, location = ProductFactory(), LocationFactory()
    ids = _receive(product, location, 7)
    client = client_as("warehouse")

    first = client.get(MOVEMENTS, {"cursor": "start", "page_size": 3}).json()
    _receive(product, location, 2)  # recorded while the walk goes on: never shifts a page
    rest, pages = _walk(client, first["next"])

    assert [row["id"] for row in first["results"]] + rest == sorted(ids, reverse=True)
    assert pages == 2  # 3 + 3 + 1


def test_filters_apply_to_keyset_pages_and_page_numbers_still_work(client_as):
    location = LocationFactory()
    beef, pork = ProductFactory(), ProductFactory()
    beef_ids = _receive(beef, location, 3)
    _receive(pork, location, 2)
    client = client_as("warehouse")

    seen, _ = _walk(client, f"{MOVEMENTS}?cursor=start&page_size=2&product={beef.pk}")  # type: ignore[attr-defined]
    numbered = client.get(MOVEMENTS, {"page": 1, "page_size": 2}).json()

    assert seen == sorted(beef_ids, reverse=True)
    assert numbered["count"] == 5
    assert len(numbered["results"]) == 2


def test_a_keyset_page_costs_the_same_number_of_queries_at_any_depth(client_as):
    product, location = ProductFactory(), LocationFactory()
    ids = _receive(product, location, 12)
    client = client_as("warehouse")
    client.get(MOVEMENTS, {"cursor": "start", "page_size": 3})

    counts = []
    for cursor in ("start", str(ids[6])):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MOVEMENTS, {"cursor": cursor, "page_size": 3}).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


def test_the_audit_trail_reads_by_cursor_too(client_as):
    product, location = ProductFactory(), LocationFactory()
    _receive(product, location, 4)
    client = client_as("auditor")

    body = client.get("/api/v1/audit/events/", {"cursor": "start", "page_size": 2}).json()
    seen, _ = _walk(client, body["next"])

    ids = [row["id"] for row in body["results"]] + seen
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == len(set(ids)) >= 4


@pytest.mark.parametrize("cursor", ["", "abc", "0", "-4", "1.5", "١٢"])
def test_a_cursor_that_is_not_one_is_a_field_error(client_as, cursor):
    response = client_as("warehouse").get(MOVEMENTS, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]
