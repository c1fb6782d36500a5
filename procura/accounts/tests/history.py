"""Helpers for the tests of the ``{id}/history/`` action, shared by the master-data domains."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient


def history_url(resource: str, pk: object) -> str:
    return f"/api/v1/{resource}/{pk}/history/"


def history_query_counts(
    client: APIClient, resource: str, few: object, many: object
) -> tuple[int, int]:
    """Queries for a full page of ``few``'s and of ``many``'s history. A first request is made
    before counting, so the reader's roles (read once, then cached on the user) do not count."""
    client.get(history_url(resource, few))
    counts = []
    for pk in (few, many):
        with CaptureQueriesContext(connection) as context:
            assert client.get(history_url(resource, pk) + "?page_size=200").status_code == 200
        counts.append(len(context.captured_queries))
    return counts[0], counts[1]
