"""Date-time filters refuse instants that do not exist in UTC instead of failing in the
database driver."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/audit/events/?occurred_before=0001-01-01T00:00:00%2B01:00",
        "/api/v1/audit/events/?occurred_after=9999-12-31T23:59:59-01:00",
        "/api/v1/stock-movements/?occurred_after=0001-01-01T00:00:00%2B01:00",
    ],
)
def test_an_instant_outside_the_utc_calendar_is_a_field_error(client_as, query):
    response = client_as("admin").get(query)

    assert response.status_code == 400
    assert set(response.json()["errors"]) & {"occurred_before", "occurred_after"}


def test_an_ordinary_instant_with_an_offset_still_filters(client_as):
    response = client_as("admin").get(
        "/api/v1/audit/events/", {"occurred_before": "2026-01-01T00:00:00+01:00"}
    )

    assert response.status_code == 200
