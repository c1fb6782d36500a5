"""The product list and detail match the published OpenAPI schema for staff and for
customers, who receive the public shape without costs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from rest_framework.test import APIClient
from schemathesis.checks import response_schema_conformance
from werkzeug.wrappers import Response as WsgiResponse

from procura.catalog.tests.factories import make_product
from procura.core.tests.openapi import openapi_schema

pytestmark = pytest.mark.django_db

Client = Callable[..., APIClient]


@pytest.fixture(scope="module")
def api_schema() -> Any:
    return schemathesis.from_dict(openapi_schema())


def conforms(api_schema: Any, path: str, client: APIClient, **path_parameters: Any) -> dict:
    """GET ``path`` as ``client`` and check the body against the operation's 200 schema."""
    url = path.format(**path_parameters)
    response = client.get(url)
    assert response.status_code == 200
    case = api_schema[path]["GET"].make_case(path_parameters=path_parameters or None)
    wsgi = WsgiResponse(response.content, status=200, content_type=response["Content-Type"])
    case.validate_response(wsgi, checks=(response_schema_conformance,))
    return response.json()


@pytest.mark.parametrize(
    ("role", "has_costs"), [("procurement", True), ("auditor", True), ("customer", False)]
)
def test_product_responses_match_the_schema_for_each_reader(
    api_schema: Any, client_as: Client, role: str, has_costs: bool
) -> None:
    product = make_product()
    client = client_as(role)

    detail = conforms(api_schema, "/api/v1/products/{id}/", client, id=product.pk)
    listed = conforms(api_schema, "/api/v1/products/", client)

    assert ("standard_cost" in detail) is has_costs
    assert ("standard_cost" in listed["results"][0]) is has_costs


def test_schema_tells_the_two_shapes_apart(api_schema: Any, client_as: Client) -> None:
    """A staff body must not pass as the public shape (the schema's oneOf would then match
    twice): the public shape refuses the cost fields."""
    product = make_product()
    staff = client_as("procurement").get(f"/api/v1/products/{product.pk}/").json()
    public_schema = api_schema.raw_schema["components"]["schemas"]["ProductPublic"]

    assert public_schema["additionalProperties"] is False
    assert "standard_cost" in staff
    assert "standard_cost" not in public_schema["properties"]
