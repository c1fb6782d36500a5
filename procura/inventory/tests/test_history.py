"""``GET /api/v1/locations/{id}/history/`` and ``/reorder-rules/{id}/history/``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from procura.accounts.tests.history import history_query_counts, history_url
from procura.catalog.models import Product
from procura.inventory import services
from procura.inventory.models import Location

pytestmark = pytest.mark.django_db

Client = Callable[..., Any]  # an APIClient with the signed-in user on .user


def test_location_change_shows_in_its_history(client_as: Client) -> None:
    location = services.location_create(code="cs-dal", name="Dallas", by=None)
    clerk = client_as("warehouse")
    patched = clerk.patch(f"/api/v1/locations/{location.pk}/", {"name": "Dallas Cold Storage"})
    assert patched.status_code == 200, patched.json()

    response = client_as("sales").get(history_url("locations", location.pk))

    assert response.status_code == 200
    newest = response.json()["results"][0]
    assert newest["action"] == "location.updated"
    assert newest["actor_email"] == clerk.user.email
    assert newest["changes"]["name"] == {"before": "Dallas", "after": "Dallas Cold Storage"}


@pytest.mark.parametrize("role", ["customer", "requester"])
def test_roles_without_stock_access_cannot_read_location_history(
    client_as: Client, location: Location, role: str
) -> None:
    assert client_as(role).get(history_url("locations", location.pk)).status_code == 403


def test_reorder_rule_history(client_as: Client, product: Product, location: Location) -> None:
    rule = services.reorder_rule_set(
        product=product, location=location, reorder_point=10, reorder_quantity=50, by=None
    )
    services.reorder_rule_set(
        product=product, location=location, reorder_point=12, reorder_quantity=50, by=None
    )

    response = client_as("procurement").get(history_url("reorder-rules", rule.pk))

    assert response.status_code == 200
    results = response.json()["results"]
    assert [e["action"] for e in results] == ["reorder_rule.updated", "reorder_rule.created"]
    assert Decimal(results[0]["changes"]["reorder_point"]["after"]) == Decimal(12)


def test_history_query_count_does_not_grow_with_events(client_as: Client) -> None:
    few = services.location_create(code="few", name="Few", by=None)
    many = services.location_create(code="many", name="Many", by=None)
    for n in range(20):
        services.location_update(location=many, name=f"Many {n}", by=None)

    small, large = history_query_counts(client_as("warehouse"), "locations", few.pk, many.pk)

    assert large == small
