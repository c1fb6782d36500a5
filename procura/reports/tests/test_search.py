"""GET /api/v1/search/: find a record by number or name, only among what the person may read."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procura.accounts.tests.factories import DepartmentFactory
from procura.catalog.tests.factories import make_product, make_tax_category
from procura.procurement.tests.factories import make_order, make_person, make_request, order_line
from procura.sales.services.portal import customer_portal_link
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)
from procura.sales.tests.factories import make_order as make_sales_order

pytestmark = pytest.mark.django_db
URL = "/api/v1/search/"


def _hits(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200, response.content
    return [(hit["kind"], hit["number"]) for hit in response.json()["results"]]


def test_a_record_is_found_by_its_number_and_by_a_name_with_exact_numbers_first(client_as):
    buyer = make_person("procurement")
    first = make_order(buyer, lines=[order_line(None, "1", "10.00")])
    second = make_order(buyer, lines=[order_line(None, "1", "20.00")])
    product = make_product(sku="BRISKET-112", name="Beef brisket, choice")
    client = client_as("procurement")

    assert _hits(client, first.number) == [("purchase_order", first.number)]
    by_prefix = [number for kind, number in _hits(client, "PO-") if kind == "purchase_order"]
    assert set(by_prefix) == {first.number, second.number}
    assert ("product", product.sku) in _hits(client, "brisket")
    body = client.get(URL, {"q": second.number}).json()["results"][0]
    assert body["amount"] == "20.00"
    assert body["id"] == str(second.pk)
    assert body["title"] == second.supplier.name


def test_search_follows_each_list_rule_requesters_and_portal_customers_see_their_own(client_as):
    department = DepartmentFactory()
    mine_requester = client_as("requester", department=department)
    own = make_request(mine_requester.user, title="Boxed beef for the deli")
    make_request(make_person("requester", department=department), title="Boxed beef for the grill")
    location = make_location()
    tax_category = make_tax_category()
    make_tax_rate(tax_category, "US-TX", "8.25")
    product = make_stocked_product(location, tax_category=tax_category)
    customer, other = make_sales_customer(), make_sales_customer()
    order = make_sales_order(customer=customer, location=location, lines=[(product, "1")])
    foreign = make_sales_order(customer=other, location=location, lines=[(product, "1")])
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=customer, by=None)
    make_order(make_person("procurement"), lines=[order_line(None, "1", "1.00")])

    assert _hits(mine_requester, "boxed beef") == [("purchase_request", own.number)]
    # a requester may not read purchase orders: none are offered, whatever the text
    assert not [kind for kind, _ in _hits(mine_requester, "PO-") if kind == "purchase_order"]
    portal_hits = _hits(portal, "SO-")
    assert ("sales_order", order.number) in portal_hits
    assert ("sales_order", foreign.number) not in portal_hits
    assert all(kind in {"sales_order", "customer_invoice", "product"} for kind, _ in portal_hits)


def test_a_query_too_short_finds_nothing_and_a_missing_one_is_a_field_error(client_as):
    client = client_as("procurement")
    assert client.get(URL, {"q": "P"}).json()["results"] == []
    response = client.get(URL)
    assert response.status_code == 400
    assert "q" in response.json()["errors"]
    assert client_as().get(URL, {"q": "PO"}).status_code == 403


def test_search_costs_one_query_per_kind_however_many_records_match(client_as):
    client = client_as("admin")
    buyer = make_person("procurement")

    def count() -> int:
        client.get(URL, {"q": "PO-"})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"q": "PO-"}).status_code == 200
        return len(queries)

    make_order(buyer, lines=[order_line(None, "1", "1.00")])
    few = count()
    for _ in range(4):
        make_order(buyer, lines=[order_line(None, "1", "1.00")])
    assert count() == few
