"""The product list through the fast read path: staff and customers each get what the schema
documents and what their serializer writes for the same products."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings as django_settings

from procura.catalog.api.serializers import ProductPublicSerializer, ProductSerializer
from procura.catalog.selectors import product_list
from procura.catalog.services.products import product_deactivate
from procura.catalog.tests.factories import make_product
from procura.core.testing import assert_fast_list

pytestmark = pytest.mark.django_db

URL = "/api/v1/products/"


@pytest.fixture
def products():
    made = [
        make_product(name="Beef chuck roll", list_price=Decimal("4.2500")),
        make_product(name="Pork belly skin-on", gtin="00012345678905"),
        make_product(name="Chicken thigh", unit="kg"),
    ]
    product_deactivate(product=made[2], by=None)
    return made


def test_staff_see_every_product_with_costs(products, client_as):
    body = assert_fast_list(
        client_as("procurement"), URL, serializer_class=ProductSerializer, queryset=product_list()
    )
    assert body["count"] == 3
    assert "standard_cost" in body["results"][0]


def test_customers_see_active_products_without_costs(products, client_as):
    body = assert_fast_list(
        client_as("customer"),
        URL,
        serializer_class=ProductPublicSerializer,
        queryset=product_list(include_inactive=False),
    )
    assert body["count"] == 2
    assert all("standard_cost" not in row for row in body["results"])


def test_search_filters_and_sparse_fields(products, client_as):
    client = client_as("procurement")
    found = client.get(URL, {"search": "belly", "fields": "id,sku"}).json()
    assert found["results"] == [{"id": str(products[1].pk), "sku": products[1].sku}]
    by_gtin = client.get(URL, {"search": "00012345678905"}).json()
    assert [row["id"] for row in by_gtin["results"]] == [str(products[1].pk)]
    ordered = client.get(URL, {"ordering": "-list_price", "fields": "list_price"}).json()
    prices = [Decimal(row["list_price"]) for row in ordered["results"]]
    assert prices == sorted(prices, reverse=True)


@pytest.mark.skipif(
    not django_settings.IS_POSTGRES, reason="the planner estimate is PostgreSQL's; SQLite counts"
)
def test_a_large_list_reports_the_planner_estimate_instead_of_counting(
    products, client_as, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("procurement")
    client.get(URL)  # the signed-in user's roles are read once
    with CaptureQueriesContext(connection) as ctx:
        exact = client.get(URL).json()
    assert exact["count"] == 3
    settings.LIST_EXACT_COUNT_LIMIT = 2
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
    with CaptureQueriesContext(connection) as estimated_ctx:
        estimated = client.get(URL).json()
    assert len(estimated["results"]) == 3
    assert estimated["count"] == 3  # the estimate of an analysed table
    counted = [q["sql"] for q in estimated_ctx.captured_queries if "COUNT(" in q["sql"]]
    assert counted == []
    assert len(estimated_ctx.captured_queries) == len(ctx.captured_queries) - 1
