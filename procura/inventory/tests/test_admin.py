"""Inventory in the Django admin: locations and reorder rules through the services; the ledger
stays read-only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from procura.audit.models import AuditEvent
from procura.inventory.models import Location, ReorderRule, StockMovement
from procura.inventory.services import reorder_rule_set, stock_receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(make_user):
    return make_user("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(staff_admin):
    client = Client()
    client.force_login(staff_admin)
    return client


def test_adding_a_location_normalises_the_code_and_audits(staff_client, staff_admin):
    response = staff_client.post(
        "/admin/inventory/location/add/",
        {"code": " cs-aus ", "name": "Austin", "kind": "cold_store", "address": ""},
    )

    assert response.status_code == 302
    location = Location.objects.get()
    assert location.code == "CS-AUS"
    assert AuditEvent.objects.filter(action="location.created", actor_id=staff_admin.pk)


def test_a_location_holding_stock_refuses_deactivation_with_a_message(
    staff_client, product, location
):
    stock_receive(product=product, location=location, quantity=5, unit_cost="2.00", by=None)

    response = staff_client.post(
        "/admin/inventory/location/",
        {"action": "deactivate_selected", "_selected_action": [str(location.pk)]},
    )

    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(location.code in text for text in texts)
    location.refresh_from_db()
    assert location.is_active
    assert not AuditEvent.objects.filter(action="location.deactivated").exists()


def test_an_empty_location_is_deactivated_by_the_action(staff_client, location):
    staff_client.post(
        "/admin/inventory/location/",
        {"action": "deactivate_selected", "_selected_action": [str(location.pk)]},
    )

    location.refresh_from_db()
    assert not location.is_active
    assert AuditEvent.objects.filter(action="location.deactivated").count() == 1


def test_reorder_rules_are_set_through_the_service(staff_client, product, location):
    form = {
        "product": str(product.pk),
        "location": str(location.pk),
        "reorder_point": "10",
        "reorder_quantity": "0",
    }

    refused = staff_client.post("/admin/inventory/reorderrule/add/", form)

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["reorder_quantity"]
    assert not ReorderRule.objects.exists()

    response = staff_client.post(
        "/admin/inventory/reorderrule/add/", {**form, "reorder_quantity": "40"}
    )

    assert response.status_code == 302
    rule = ReorderRule.objects.get()
    assert rule.reorder_quantity == Decimal("40")
    assert AuditEvent.objects.filter(action="reorder_rule.created").count() == 1


def test_stock_movements_stay_read_only(staff_client, product, location):
    movement = stock_receive(
        product=product, location=location, quantity=5, unit_cost="2.00", by=None
    )

    assert staff_client.get("/admin/inventory/stockmovement/").status_code == 200
    assert staff_client.get("/admin/inventory/stockmovement/add/").status_code == 403
    response = staff_client.post(
        f"/admin/inventory/stockmovement/{movement.pk}/change/", {"quantity": "500"}
    )
    assert response.status_code == 403
    assert StockMovement.objects.get().quantity == Decimal("5")


def test_inventory_pages_open_for_an_administrator(staff_client, product, location):
    rule = reorder_rule_set(
        product=product, location=location, reorder_point=5, reorder_quantity=20, by=None
    )
    urls = [
        "/admin/inventory/location/add/",
        f"/admin/inventory/location/{location.pk}/change/",
        "/admin/inventory/reorderrule/add/",
        f"/admin/inventory/reorderrule/{rule.pk}/change/",
        "/admin/inventory/stocklevel/",
        "/admin/inventory/lowstockalert/",
    ]

    assert [staff_client.get(url).status_code for url in urls] == [200] * len(urls)


def test_changing_a_reorder_rule_keeps_its_product_and_location(staff_client, product, location):
    rule = reorder_rule_set(
        product=product, location=location, reorder_point=5, reorder_quantity=20, by=None
    )

    response = staff_client.post(
        f"/admin/inventory/reorderrule/{rule.pk}/change/",
        {"reorder_point": "8", "reorder_quantity": "20"},
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.reorder_point, rule.reorder_quantity) == (Decimal("8"), Decimal("20"))
    event = AuditEvent.objects.get(action="reorder_rule.updated")
    assert set(event.changes) == {"reorder_point"}
