from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from procura.inventory.models import Location, StockLevel, StockMovement
from procura.inventory.services import reorder_rule_set, stock_receive
from procura.inventory.tests.factories import LocationFactory, ProductFactory

RECEIPTS = "/api/v1/stock/receipts/"
ISSUES = "/api/v1/stock/issues/"
TRANSFERS = "/api/v1/stock/transfers/"
ADJUSTMENTS = "/api/v1/stock/adjustments/"
COUNTS = "/api/v1/stock/counts/"
LEVELS = "/api/v1/stock-levels/"
MOVEMENTS = "/api/v1/stock-movements/"
LOCATIONS = "/api/v1/locations/"
RULES = "/api/v1/reorder-rules/"
LOW = "/api/v1/stock/low/"
VALUATION = "/api/v1/stock/valuation/"


def receipt_body(product, location, quantity="10", unit_cost="2.5000"):
    return {
        "product": str(product.pk),
        "location": location.pk,
        "quantity": quantity,
        "unit_cost": unit_cost,
        "reference": "DN-1001",
    }


def test_warehouse_receives_stock_and_gets_the_movement(client_as, product, location):
    client = client_as("warehouse")

    response = client.post(RECEIPTS, receipt_body(product, location), format="json")

    assert response.status_code == 201, response.content
    [movement] = response.data["movements"]
    assert movement["kind"] == "receipt"
    assert movement["quantity"] == "10.000"
    assert movement["value"] == "25.00"
    assert movement["source_number"] == "DN-1001"
    assert movement["actor_email"] == client.user.email


@pytest.mark.parametrize("role", ["procurement", "sales", "finance", "auditor", "customer"])
def test_only_warehouse_and_admin_move_stock(client_as, product, location, role):
    response = client_as(role).post(RECEIPTS, receipt_body(product, location), format="json")

    assert response.status_code == 403
    assert not StockMovement.objects.exists()


def test_admin_may_move_stock(client_as, product, location):
    response = client_as("admin").post(RECEIPTS, receipt_body(product, location), format="json")

    assert response.status_code == 201


@pytest.mark.parametrize("role", ["procurement", "sales", "finance", "auditor", "warehouse"])
def test_staff_roles_read_stock(client_as, role):
    client = client_as(role)

    for url in (LEVELS, MOVEMENTS, LOCATIONS, RULES, LOW, VALUATION):
        assert client.get(url).status_code == 200, url


def test_customers_cannot_read_stock(client_as):
    client = client_as("customer")

    for url in (LEVELS, MOVEMENTS, LOCATIONS, RULES, LOW, VALUATION):
        assert client.get(url).status_code == 403, url


def test_issue_beyond_available_is_a_409_problem_naming_the_available_quantity(
    client_as, product, location
):
    client = client_as("warehouse")
    client.post(RECEIPTS, receipt_body(product, location, quantity="3"), format="json")

    response = client.post(
        ISSUES,
        {"product": str(product.pk), "location": location.pk, "quantity": "5"},
        format="json",
    )

    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.data["code"] == "insufficient_stock"
    assert response.data["available"] == "3.000"
    assert response.data["requested"] == "5.000"
    assert "3.000" in response.data["detail"]


def test_transfer_returns_both_legs(client_as, product, location, other_location):
    client = client_as("warehouse")
    client.post(RECEIPTS, receipt_body(product, location), format="json")

    response = client.post(
        TRANSFERS,
        {
            "product": str(product.pk),
            "from_location": location.pk,
            "to_location": other_location.pk,
            "quantity": "4",
        },
        format="json",
    )

    assert response.status_code == 201
    kinds = [row["kind"] for row in response.data["movements"]]
    assert kinds == ["transfer_out", "transfer_in"]


def test_adjustment_without_reason_is_a_400(client_as, product, location):
    response = client_as("warehouse").post(
        ADJUSTMENTS,
        {"product": str(product.pk), "location": location.pk, "quantity": "-1"},
        format="json",
    )

    assert response.status_code == 400
    assert "reason" in response.data["errors"]


def test_unknown_fields_and_bad_numbers_are_400s(client_as, product, location):
    client = client_as("warehouse")

    unknown = client.post(RECEIPTS, {**receipt_body(product, location), "qty": "1"}, format="json")
    zero = client.post(RECEIPTS, receipt_body(product, location, quantity="0"), format="json")
    text = client.post(RECEIPTS, receipt_body(product, location, quantity="ten"), format="json")

    assert (unknown.status_code, zero.status_code, text.status_code) == (400, 400, 400)


def test_count_posts_the_difference_and_an_agreeing_count_posts_nothing(
    client_as, product, location
):
    client = client_as("warehouse")
    client.post(RECEIPTS, receipt_body(product, location), format="json")
    body = {"product": str(product.pk), "location": location.pk, "counted_quantity": "9.5"}

    first = client.post(COUNTS, body, format="json")
    second = client.post(COUNTS, body, format="json")

    assert first.status_code == 201
    assert first.data["movements"][0]["quantity"] == "-0.500"
    assert second.status_code == 200
    assert second.data["movements"] == []


def test_location_crud_normalises_the_code_and_refuses_duplicates(client_as):
    client = client_as("warehouse")

    created = client.post(
        LOCATIONS, {"code": " cs-hou ", "name": "Houston", "kind": "cold_store"}, format="json"
    )
    duplicate = client.post(LOCATIONS, {"code": "CS-HOU", "name": "Other"}, format="json")
    detail = client.get(f"{LOCATIONS}{created.data['id']}/")
    renamed = client.patch(
        f"{LOCATIONS}{created.data['id']}/",
        {"name": "Houston Cold Storage"},
        format="json",
        HTTP_IF_MATCH=detail["ETag"],
    )

    assert created.status_code == 201
    assert created.data["code"] == "CS-HOU"
    assert duplicate.status_code == 400
    assert renamed.status_code == 200
    assert renamed.data["name"] == "Houston Cold Storage"


def test_location_deactivate_refused_while_holding_stock(client_as, product, location, clerk):
    stock_receive(product=product, location=location, quantity=1, unit_cost=1, by=clerk)
    empty = LocationFactory.create()
    client = client_as("warehouse")

    refused = client.post(f"{LOCATIONS}{location.pk}/deactivate/")
    done = client.post(f"{LOCATIONS}{empty.pk}/deactivate/")

    assert refused.status_code == 409
    assert done.status_code == 200
    assert done.data["is_active"] is False
    assert client.delete(f"{LOCATIONS}{empty.pk}/").status_code == 405


def test_stock_levels_filter_below_reorder_and_search_by_sku(client_as, product, location, clerk):
    other = ProductFactory.create(sku="PORK-LOIN")
    stock_receive(product=product, location=location, quantity=5, unit_cost=1, by=clerk)
    stock_receive(product=other, location=location, quantity=50, unit_cost=1, by=clerk)
    reorder_rule_set(
        product=product, location=location, reorder_point=10, reorder_quantity=40, by=clerk
    )
    reorder_rule_set(
        product=other, location=location, reorder_point=10, reorder_quantity=40, by=clerk
    )
    client = client_as("procurement")

    below = client.get(LEVELS, {"below_reorder": "true"})
    found = client.get(LEVELS, {"search": "pork"})

    assert [row["product_sku"] for row in below.data["results"]] == ["BEEF-CHUCK"]
    assert below.data["results"][0]["available"] == "5.000"
    assert below.data["results"][0]["reorder_point"] == "10.000"
    assert [row["product_sku"] for row in found.data["results"]] == ["PORK-LOIN"]


def test_reorder_rules_crud_and_low_stock_list(client_as, product, location, clerk):
    stock_receive(product=product, location=location, quantity=5, unit_cost=1, by=clerk)
    client = client_as("procurement")

    created = client.post(
        RULES,
        {
            "product": str(product.pk),
            "location": location.pk,
            "reorder_point": "4",
            "reorder_quantity": "20",
        },
        format="json",
    )
    before = client.get(LOW)
    raised = client.patch(f"{RULES}{created.data['id']}/", {"reorder_point": "5"}, format="json")
    after = client.get(LOW)
    deleted = client.delete(f"{RULES}{created.data['id']}/")

    assert created.status_code == 201
    assert before.data["count"] == 0
    assert raised.status_code == 200
    assert after.data["count"] == 1
    assert after.data["results"][0]["on_hand"] == "5.000"
    assert deleted.status_code == 204


def test_second_rule_for_the_same_pair_is_a_400(client_as, product, location, clerk):
    reorder_rule_set(
        product=product, location=location, reorder_point=1, reorder_quantity=5, by=clerk
    )
    body = {
        "product": str(product.pk),
        "location": location.pk,
        "reorder_point": "2",
        "reorder_quantity": "5",
    }

    response = client_as("warehouse").post(RULES, body, format="json")

    assert response.status_code == 400


def test_movements_cannot_be_booked_in_the_future(client_as, product, location):
    body = {**receipt_body(product, location), "occurred_at": "2999-01-01T00:00:00Z"}

    response = client_as("warehouse").post(RECEIPTS, body, format="json")

    assert response.status_code == 400
    assert "occurred_at" in response.data["errors"]


def test_stock_levels_order_by_available(client_as, product, location, other_location, clerk):
    stock_receive(product=product, location=location, quantity=9, unit_cost=1, by=clerk)
    stock_receive(product=product, location=other_location, quantity=3, unit_cost=1, by=clerk)

    response = client_as("sales").get(LEVELS, {"ordering": "available_quantity"})

    assert [row["available"] for row in response.data["results"]] == ["3.000", "9.000"]


def test_stock_movements_filter_by_kind_and_date(client_as, product, location, clerk):
    stock_receive(product=product, location=location, quantity=5, unit_cost=1, by=clerk)
    client = client_as("auditor")

    receipts = client.get(MOVEMENTS, {"kind": "receipt", "date_from": "2000-01-01"})
    issues = client.get(MOVEMENTS, {"kind": "issue"})
    future = client.get(MOVEMENTS, {"date_from": "2999-01-01"})

    assert (receipts.data["count"], issues.data["count"], future.data["count"]) == (1, 0, 0)
    assert client.post(MOVEMENTS, {}).status_code in (403, 405)


def test_valuation_totals_per_location_and_product(
    client_as, product, location, other_location, clerk
):
    stock_receive(product=product, location=location, quantity=10, unit_cost="2.00", by=clerk)
    stock_receive(product=product, location=other_location, quantity=5, unit_cost="4.00", by=clerk)

    body = client_as("finance").get(VALUATION).data
    only_dallas = client_as("finance").get(VALUATION, {"location": location.pk}).data

    assert body["total"] == "40.00"
    assert {row["location_code"]: row["value"] for row in body["by_location"]} == {
        "CS-CHI": "20.00",
        "CS-DAL": "20.00",
    }
    assert body["by_product"][0]["quantity"] == "15.000"
    assert only_dallas["total"] == "20.00"
    # the by-location figures download as shown
    export = client_as("finance").get(f"{VALUATION}by-location/export/", {"format": "csv"})
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert len(lines) == 3
    assert any(
        line.startswith(f"{location.pk},CS-DAL,") and line.endswith(",20.00") for line in lines
    )


def _list_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": 50})
    assert response.status_code == 200
    return len(captured)


def _stock_rows(count: int, clerk) -> None:
    locations = [
        Location.objects.get_or_create(code=f"Q-{i}", defaults={"name": f"Q {i}"})[0]
        for i in range(2)
    ]
    existing = StockLevel.objects.count()
    for index in range(existing, count):
        product = ProductFactory.create()
        location = locations[index % 2]
        stock_receive(product=product, location=location, quantity=1, unit_cost=1, by=clerk)
        reorder_rule_set(
            product=product, location=location, reorder_point=5, reorder_quantity=10, by=clerk
        )


@pytest.mark.parametrize("url", [LEVELS, MOVEMENTS, RULES, LOW, LOCATIONS])
def test_list_query_count_does_not_grow_with_rows(client_as, clerk, url):
    client = client_as("warehouse")
    client.get(url)  # the user's roles are loaded once per client
    _stock_rows(2, clerk)
    few = _list_queries(client, url)

    _stock_rows(20, clerk)
    many = _list_queries(client, url)

    assert many == few
    assert StockLevel.objects.count() == 20
    assert Decimal(client.get(VALUATION).data["total"]) == Decimal("20.00")


def test_admin_pages_list_stock_read_only(client, product, location, clerk, make_user):
    stock_receive(product=product, location=location, quantity=2, unit_cost=1, by=clerk)
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))

    for model in ("location", "stocklevel", "stockmovement", "reorderrule", "lowstockalert"):
        response = client.get(f"/admin/inventory/{model}/")
        assert response.status_code == 200, model
    assert client.get("/admin/inventory/stockmovement/add/").status_code == 403


@pytest.mark.parametrize("occurred_at", ["1900-01-01T00:00:00Z", "2000-06-30T12:00:00+02:00"])
def test_movements_cannot_be_back_dated_beyond_the_limit(client_as, product, location, occurred_at):
    body = {**receipt_body(product, location), "occurred_at": occurred_at}

    response = client_as("warehouse").post(RECEIPTS, body, format="json")

    assert response.status_code == 400
    [message] = response.data["errors"]["occurred_at"]
    assert "back-dated by at most 92 days" in message
    assert not StockMovement.objects.exists()


def test_a_late_booked_delivery_within_the_limit_is_taken(client_as, product, location):
    when = (timezone.now() - timedelta(days=30)).replace(microsecond=0)
    body = {**receipt_body(product, location), "occurred_at": when.isoformat()}

    response = client_as("warehouse").post(RECEIPTS, body, format="json")

    assert response.status_code == 201, response.data
    assert StockMovement.objects.get().occurred_at == when


@pytest.mark.parametrize("occurred_at", ["2026-1-1T00:00:00Z", "2026-12-06", "20261206T000000Z"])
def test_movement_times_are_read_in_strict_iso_8601_only(client_as, product, location, occurred_at):
    body = {**receipt_body(product, location), "occurred_at": occurred_at}

    response = client_as("warehouse").post(RECEIPTS, body, format="json")

    assert response.status_code == 400
    assert response.data["errors"]["occurred_at"][0].startswith("Give the date and time as")


def test_stock_ledger_date_filters_refuse_loose_dates(client_as):
    response = client_as("auditor").get(MOVEMENTS, {"date_from": "2026-1-1"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"date_from": ["Give the date as YYYY-MM-DD."]}
