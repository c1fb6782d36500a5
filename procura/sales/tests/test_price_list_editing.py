"""Editing customer price lists through the API: header, items, quantity breaks, validity and
currency change; duplicate breaks and overlapping validity are refused with field errors and
change nothing; an order keeps the price it snapshotted; concurrent overlapping saves cannot
both land; the list keeps its query count."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.audit.models import AuditEvent
from procura.core.testing import run_concurrently
from procura.sales.models import PriceList
from procura.sales.services.price_lists import price_list_create
from procura.sales.tests.factories import (
    make_location,
    make_sales_customer,
    make_stocked_product,
    make_tax_rate,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
URL = "/api/v1/price-lists/"


@pytest.fixture
def setup(client_as):
    location = make_location()
    product = make_stocked_product(location, price="10.00")
    other = make_stocked_product(location, price="20.00", tax_category=product.tax_category)
    make_tax_rate(product.tax_category, rate="0")
    customer = make_sales_customer(kind="retailer")
    return {
        "location": location,
        "product": product,
        "other": other,
        "customer": customer,
        "sales": client_as("sales"),
    }


def _body(setup, **overrides):
    body = {
        "name": "HEB 2026",
        "customer": setup["customer"].pk,
        "currency": setup["customer"].currency,
        "valid_from": str(TODAY),
        "valid_to": str(TODAY + timedelta(days=90)),
        "items": [
            {"product": str(setup["product"].pk), "unit_price": "9.00"},
            {"product": str(setup["product"].pk), "min_quantity": "20", "unit_price": "8.50"},
        ],
    }
    body.update(overrides)
    return body


def _order_line(setup, quantity):
    body = {
        "customer": setup["customer"].pk,
        "location": setup["location"].pk,
        "lines": [{"product": str(setup["product"].pk), "quantity": quantity}],
    }
    response = setup["sales"].post("/api/v1/sales-orders/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_edit_items_breaks_validity_and_name_and_orders_keep_their_snapshot(setup):
    sales = setup["sales"]
    created = sales.post(URL, _body(setup), format="json")
    assert created.status_code == 201, created.json()
    list_id = created.json()["id"]
    order = _order_line(setup, "25")
    assert (order["lines"][0]["unit_price"], order["lines"][0]["price_source"]) == (
        "8.5000",
        "price list HEB 2026 (from 20)",
    )

    detail = sales.get(f"{URL}{list_id}/")
    changed = sales.patch(
        f"{URL}{list_id}/",
        {
            "name": "HEB summer",
            "valid_to": str(TODAY + timedelta(days=30)),
            "items": [
                {"product": str(setup["product"].pk), "unit_price": "9.10"},
                {"product": str(setup["product"].pk), "min_quantity": "10", "unit_price": "8.80"},
                {"product": str(setup["other"].pk), "min_quantity": "5", "unit_price": "18.00"},
            ],
        },
        format="json",
        HTTP_IF_MATCH=detail["ETag"],
    )
    assert changed.status_code == 200, changed.json()
    body = changed.json()
    assert body["name"] == "HEB summer"
    assert body["valid_to"] == str(TODAY + timedelta(days=30))
    # Items by SKU, then quantity break.
    assert [(i["product_sku"], i["min_quantity"], i["unit_price"]) for i in body["items"]] == [
        (setup["product"].sku, "0.000", "9.1000"),
        (setup["product"].sku, "10.000", "8.8000"),
        (setup["other"].sku, "5.000", "18.0000"),
    ]
    # The order placed before keeps its price and its source.
    kept = sales.get(f"/api/v1/sales-orders/{order['id']}/").json()["lines"][0]
    assert (kept["unit_price"], kept["price_source"]) == ("8.5000", "price list HEB 2026 (from 20)")
    # A new order takes the new break.
    again = _order_line(setup, "12")["lines"][0]
    assert (again["unit_price"], again["price_source"]) == (
        "8.8000",
        "price list HEB summer (from 10)",
    )
    event = AuditEvent.objects.filter(action="price_list.updated").get()
    assert event.changes["name"] == {"before": "HEB 2026", "after": "HEB summer"}

    # A stale If-Match is refused.
    stale = sales.patch(
        f"{URL}{list_id}/", {"name": "Late"}, format="json", HTTP_IF_MATCH=detail["ETag"]
    )
    assert stale.status_code == 412


def test_currency_change_and_deactivation_take_the_list_out_of_pricing(setup):
    sales = setup["sales"]
    list_id = sales.post(URL, _body(setup), format="json").json()["id"]
    moved = sales.patch(f"{URL}{list_id}/", {"currency": "CAD"}, format="json")
    assert moved.status_code == 200, moved.json()
    assert moved.json()["currency"] == "CAD"
    assert _order_line(setup, "1")["lines"][0]["price_source"] == "list price"

    sales.patch(f"{URL}{list_id}/", {"currency": setup["customer"].currency}, format="json")
    assert _order_line(setup, "1")["lines"][0]["price_source"] == "price list HEB 2026"
    off = sales.patch(f"{URL}{list_id}/", {"is_active": False}, format="json")
    assert off.json()["is_active"] is False
    assert _order_line(setup, "1")["lines"][0]["price_source"] == "list price"


def test_duplicate_break_is_a_field_error_and_changes_nothing(setup):
    sales = setup["sales"]
    duplicate = [
        {"product": str(setup["product"].pk), "min_quantity": "10", "unit_price": "9.00"},
        {"product": str(setup["product"].pk), "min_quantity": "10.000", "unit_price": "8.00"},
    ]
    refused = sales.post(URL, _body(setup, items=duplicate), format="json")
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "duplicate_price_break"
    assert body["errors"] == {
        "items.1.min_quantity": [f"{setup['product'].sku} already has a price from 10 (price 1)."]
    }
    assert PriceList.objects.count() == 0

    list_id = sales.post(URL, _body(setup), format="json").json()["id"]
    again = sales.patch(f"{URL}{list_id}/", {"items": duplicate}, format="json")
    assert again.status_code == 400
    assert again.json()["code"] == "duplicate_price_break"
    assert PriceList.objects.get().items.count() == 2


def test_overlapping_validity_for_the_same_customer_and_product_is_refused(setup):
    sales = setup["sales"]
    first = sales.post(URL, _body(setup), format="json")
    assert first.status_code == 201
    overlapping = sales.post(
        URL,
        _body(
            setup,
            name="HEB promo",
            valid_from=str(TODAY + timedelta(days=60)),
            valid_to=str(TODAY + timedelta(days=120)),
        ),
        format="json",
    )
    assert overlapping.status_code == 409
    problem = overlapping.json()
    assert problem["code"] == "price_list_overlap"
    period = f"{TODAY:%Y-%m-%d} to {TODAY + timedelta(days=90):%Y-%m-%d}"
    assert problem["errors"]["valid_from"] == [
        f"Price list HEB 2026 ({period}) already prices {setup['product'].sku} for "
        f"{setup['customer'].name} in {setup['customer'].currency}; the validity periods overlap."
    ]
    assert PriceList.objects.count() == 1

    # After the first one ends, or for other products, or for another currency: accepted.
    after = _body(setup, name="HEB Q2", valid_from=str(TODAY + timedelta(days=91)), valid_to=None)
    assert sales.post(URL, after, format="json").status_code == 201
    others = [{"product": str(setup["other"].pk), "unit_price": "19.00"}]
    assert (
        sales.post(URL, _body(setup, name="HEB pork", items=others), format="json").status_code
        == 201
    )
    assert (
        sales.post(URL, _body(setup, name="HEB CAD", currency="CAD"), format="json").status_code
        == 201
    )
    # An open-ended list that starts later now overlaps Q2: moving the first list's end refused.
    first_id = first.json()["id"]
    longer = sales.patch(f"{URL}{first_id}/", {"valid_to": None}, format="json")
    assert longer.status_code == 409
    assert "HEB Q2" in longer.json()["detail"]
    assert PriceList.objects.get(pk=first_id).valid_to == TODAY + timedelta(days=90)
    # An inactive list does not collide.
    sales.patch(f"{URL}{first_id}/", {"is_active": False}, format="json")
    assert sales.post(URL, _body(setup, name="HEB again"), format="json").status_code == 201


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"valid_to": str(TODAY - timedelta(days=1))}, "valid_to"),
        ({"customer_kind": "retailer", "customer": "SELF"}, "customer"),
        ({"customer": None, "customer_kind": ""}, "customer"),
        ({"items": []}, "items"),
        ({"items": [{"product": "nope", "unit_price": "1"}]}, "items"),
        ({"items": [{"product": "x", "unit_price": "-1"}]}, "items"),
        ({"currency": "ZZZ"}, "currency"),
        ({"valid_from": "06/12/2026"}, "valid_from"),
    ],
)
def test_bad_input_is_a_structured_400_and_changes_nothing(setup, change, field):
    sales = setup["sales"]
    list_id = sales.post(URL, _body(setup), format="json").json()["id"]
    before = sales.get(f"{URL}{list_id}/").json()
    if change.get("customer") == "SELF":
        change = {**change, "customer": setup["customer"].pk}
    response = sales.patch(f"{URL}{list_id}/", change, format="json")
    assert response.status_code == 400, response.json()
    assert response["Content-Type"].startswith("application/problem+json")
    assert any(key.startswith(field) for key in response.json()["errors"]), response.json()
    assert sales.get(f"{URL}{list_id}/").json() == before


def test_only_sales_edits_price_lists(setup, client_as):
    list_id = setup["sales"].post(URL, _body(setup), format="json").json()["id"]
    for role in ("finance", "auditor"):
        assert (
            client_as(role).patch(f"{URL}{list_id}/", {"name": "x"}, format="json").status_code
            == 403
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_lists_cannot_both_be_saved(setup):
    def save(name):
        return lambda: price_list_create(
            by=None,
            name=name,
            customer=setup["customer"],
            currency=setup["customer"].currency,
            valid_from=TODAY,
            items=[{"product": setup["product"], "unit_price": D("9")}],
        )

    results = run_concurrently([save("A"), save("B"), save("C")])
    saved = [result for result in results if isinstance(result, PriceList)]
    assert len(saved) == 1, results
    assert PriceList.objects.count() == 1


def test_list_query_count_does_not_grow_with_the_page(setup):
    sales = setup["sales"]

    def count():
        sales.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            response = sales.get(URL, {"page_size": 50})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    for index in range(2):
        price_list_create(
            by=None,
            name=f"Group {index}",
            customer_kind="retailer",
            currency="USD" if index else "CAD",
            valid_from=TODAY,
            items=[{"product": setup["product"], "unit_price": D("9")}],
        )
    few, n_few = count()
    for index in range(6):
        customer = make_sales_customer()
        price_list_create(
            by=None,
            name=f"Customer {index}",
            customer=customer,
            currency=customer.currency,
            valid_from=TODAY,
            items=[
                {"product": setup["product"], "unit_price": D("9")},
                {"product": setup["other"], "unit_price": D("19"), "min_quantity": D(5)},
            ],
        )
    many, n_many = count()
    assert (n_few, n_many) == (2, 8)
    assert many == few
