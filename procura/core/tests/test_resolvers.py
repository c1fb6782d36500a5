"""The API's URL resolver remembers what a path resolves to: asked again, it answers the same,
and a path that resolves to nothing is still a 404 every time."""

from __future__ import annotations

import pytest
from django.urls import Resolver404, resolve, reverse

from procura.core.resolvers import RememberingResolver
from procura.urls import urlpatterns

pytestmark = pytest.mark.django_db


def describe(path: str) -> tuple[object, ...]:
    match = resolve(path)
    return (
        match.func,
        match.args,
        match.kwargs,
        match.url_name,
        match.route,
        len(match.tried or []),
    )


def test_a_path_resolves_the_same_when_asked_again():
    assert any(isinstance(pattern, RememberingResolver) for pattern in urlpatterns)
    for path in ("/api/v1/purchase-orders/", "/api/v1/purchase-orders/7/", "/api/v1/products/"):
        first = describe(path)
        assert describe(path) == first
        assert resolve(path) is not resolve(path)  # a fresh match each request
    assert describe("/api/v1/purchase-orders/7/")[2] == {"pk": "7"}
    assert describe("/api/v1/purchase-orders/8/")[2] == {"pk": "8"}
    assert reverse("purchase-order-detail", kwargs={"pk": 7}) == "/api/v1/purchase-orders/7/"
    # The patterns tried before the API's (a few) are listed; the API's own are not copied in.
    assert len(resolve("/api/v1/purchase-orders/").tried or []) < 10


def test_an_unknown_api_path_is_a_problem_404_every_time(client_as):
    client = client_as("auditor")
    for _ in range(2):
        with pytest.raises(Resolver404):
            resolve("/api/v1/no-such-list/")
        response = client.get("/api/v1/no-such-list/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")
    assert client.get("/api/v1/purchase-orders/").status_code == 200
