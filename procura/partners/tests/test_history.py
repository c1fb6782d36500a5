"""``GET /api/v1/<partner resource>/{id}/history/``: the object's audit events, for whoever
may read the partner (staff)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from procura.accounts.tests.history import history_query_counts, history_url
from procura.partners import services
from procura.partners.tests.factories import (
    make_carrier,
    make_contact,
    make_customer,
    make_plant,
    make_supplier,
    make_supplier_plant,
)

pytestmark = pytest.mark.django_db

Client = Callable[..., Any]  # an APIClient with the signed-in user on .user


def test_supplier_change_shows_in_its_history_with_before_and_after(client_as: Client) -> None:
    supplier = make_supplier(name="Prairie Plains")
    buyer = client_as("procurement")
    patched = buyer.patch(f"/api/v1/suppliers/{supplier.pk}/", {"name": "Prairie Plains Beef"})
    assert patched.status_code == 200, patched.json()

    response = client_as("finance").get(history_url("suppliers", supplier.pk))

    assert response.status_code == 200
    body = response.json()
    assert [e["action"] for e in body["results"]] == ["supplier.updated", "supplier.created"]
    newest = body["results"][0]
    assert newest["actor_email"] == buyer.user.email
    assert newest["object_type"] == "partners.supplier"
    assert newest["changes"]["name"] == {"before": "Prairie Plains", "after": "Prairie Plains Beef"}


def test_customer_role_cannot_read_partner_history(client_as: Client) -> None:
    supplier = make_supplier()

    response = client_as("customer").get(history_url("suppliers", supplier.pk))

    assert response.status_code == 403


def test_unknown_partner_has_no_history(client_as: Client) -> None:
    assert client_as("procurement").get(history_url("carriers", 999_999)).status_code == 404


def test_every_partner_resource_has_a_history(client_as: Client) -> None:
    supplier = make_supplier()
    plant = make_plant(supplier)
    customer = make_customer()
    carrier = make_carrier()
    contact = make_contact(customer)
    link = make_supplier_plant(supplier=supplier, plant=plant)
    services.carrier_deactivate(carrier=carrier, by=None)
    auditor = client_as("auditor")

    for resource, pk, actions in [
        ("plants", plant.pk, ["plant.created"]),
        ("customers", customer.pk, ["customer.created"]),
        ("carriers", carrier.pk, ["carrier.deactivated", "carrier.created"]),
        ("contacts", contact.pk, ["contact.created"]),
        ("supplier-plant-mappings", link.pk, ["supplier_plant.created"]),
    ]:
        response = auditor.get(history_url(resource, pk))
        assert response.status_code == 200, resource
        assert [e["action"] for e in response.json()["results"]] == actions, resource


def test_demoted_primary_contact_shows_the_demotion_in_its_history(client_as: Client) -> None:
    customer = make_customer()
    first = make_contact(customer, is_primary=True)
    make_contact(customer, is_primary=True)

    results = client_as("sales").get(history_url("contacts", first.pk)).json()["results"]

    assert results[0]["action"] == "contact.demoted"
    assert results[0]["changes"] == {"is_primary": {"before": True, "after": False}}


def test_history_query_count_does_not_grow_with_events(client_as: Client) -> None:
    few, many = make_supplier(), make_supplier()
    for n in range(20):
        services.supplier_update(supplier=many, by=None, data={"name": f"Name {n}"})

    small, large = history_query_counts(client_as("procurement"), "suppliers", few.pk, many.pk)

    assert large == small
