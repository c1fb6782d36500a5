"""A portal customer places an order without knowing the warehouses: the server chooses."""

from __future__ import annotations

import pytest

from procura.inventory.models import Location
from procura.inventory.services import stock_receive
from procura.sales import errors
from procura.sales.errors import LOCATION_REQUIRED, NO_SHIP_FROM
from procura.sales.models import SalesOrder
from procura.sales.services.portal import customer_portal_link
from procura.sales.tests.factories import make_location, make_order, make_stocked_product

pytestmark = pytest.mark.django_db
ORDERS = "/api/v1/sales-orders/"


def _portal(world, client_as):
    portal = client_as("customer")
    customer_portal_link(user=portal.user, customer=world.customer, by=None)
    return portal


def _lines(world, quantity="3"):
    return [{"product": str(world.product.pk), "quantity": quantity}]


def test_portal_order_ships_from_the_location_with_most_of_the_products(world, client_as):
    bigger = make_location()
    stock_receive(product=world.product, location=bigger, quantity="500", unit_cost="5", by=None)
    portal = _portal(world, client_as)

    placed = portal.post(ORDERS, {"lines": _lines(world)}, format="json")

    assert placed.status_code == 201, placed.json()
    assert placed.json()["location"] == bigger.pk
    assert SalesOrder.objects.get(pk=placed.json()["id"]).customer == world.customer


def test_portal_cannot_pick_a_warehouse_the_server_did_not_choose(world, client_as):
    empty = make_location()
    portal = _portal(world, client_as)

    placed = portal.post(ORDERS, {"location": empty.pk, "lines": _lines(world)}, format="json")

    assert placed.status_code == 403
    assert placed.json()["errors"] == {"location": [errors.STAFF_ONLY_FIELD]}
    assert not SalesOrder.objects.filter(customer=world.customer).exists()


def test_portal_order_without_stock_anywhere_uses_the_latest_order_location(world, client_as):
    other = make_location()
    make_order(customer=world.customer, location=other, lines=[(world.product, "1")])
    unstocked = make_stocked_product(world.location, on_hand="0")
    portal = _portal(world, client_as)

    placed = portal.post(
        ORDERS, {"lines": [{"product": unstocked.pk, "quantity": "2"}]}, format="json"
    )

    assert placed.status_code == 201
    assert placed.json()["location"] == other.pk


def test_portal_order_with_no_active_location_is_refused_clearly(world, client_as):
    # Stock still on the books of a closed cold store cannot ship.
    Location.objects.filter(pk=world.location.pk).update(is_active=False)
    portal = _portal(world, client_as)

    placed = portal.post(ORDERS, {"lines": _lines(world)}, format="json")

    assert placed.status_code == 400
    assert placed.json()["errors"]["location"] == [NO_SHIP_FROM]
    assert not SalesOrder.objects.exists()


def test_staff_must_still_choose_the_location(world, client_as):
    sales = client_as("sales")

    placed = sales.post(
        ORDERS, {"customer": world.customer.pk, "lines": _lines(world)}, format="json"
    )

    assert placed.status_code == 400
    assert placed.json()["errors"]["location"] == [LOCATION_REQUIRED]
