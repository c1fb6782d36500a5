"""Partners in the Django admin: add and change go through the services (normalised, audited);
nothing is deleted; the list actions deactivate and reactivate one audited object at a time."""

from __future__ import annotations

import pytest
from django.test import Client

from procura.audit.models import AuditEvent
from procura.catalog.tests.factories import make_product
from procura.partners import services
from procura.partners.models import Contact, Supplier
from procura.partners.tests.factories import (
    make_carrier,
    make_contact,
    make_customer,
    make_supplier,
    make_supplier_plant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(make_user):
    return make_user("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(staff_admin):
    client = Client()
    client.force_login(staff_admin)
    return client


SUPPLIER_FORM = {
    "code": "  acme-01 ",
    "name": "Acme Packing",
    "legal_name": "",
    "tax_id": "",
    "payment_terms_days": "21",
    "currency": "USD",
    "notes": "",
}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/partners/supplier/add/",
        "/admin/partners/customer/add/",
        "/admin/partners/plant/add/",
        "/admin/partners/carrier/add/",
        "/admin/partners/contact/add/",
        "/admin/partners/supplierplant/add/",
    ],
)
def test_partner_add_pages_open_for_an_administrator(staff_client, url):
    assert staff_client.get(url).status_code == 200


def test_adding_a_supplier_in_the_admin_normalises_the_code_and_audits(staff_client, staff_admin):
    response = staff_client.post("/admin/partners/supplier/add/", SUPPLIER_FORM)

    assert response.status_code == 302
    supplier = Supplier.objects.get()
    assert supplier.code == "ACME-01"
    assert supplier.created_by == staff_admin
    event = AuditEvent.objects.get(action="supplier.created")
    assert event.actor_id == staff_admin.pk
    assert event.object_id == str(supplier.pk)


def test_a_duplicate_supplier_code_shows_on_the_form_and_adds_nothing(staff_client, staff_admin):
    make_supplier(code="ACME-01")

    response = staff_client.post("/admin/partners/supplier/add/", SUPPLIER_FORM)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"]
    assert Supplier.objects.count() == 1
    assert not AuditEvent.objects.filter(action="supplier.created", actor_id=staff_admin.pk)


def test_changing_a_supplier_records_only_what_changed(staff_client):
    supplier = make_supplier(code="ACME", name="Acme")
    form = {**SUPPLIER_FORM, "code": "ACME", "name": "Acme Packing Co"}

    response = staff_client.post(f"/admin/partners/supplier/{supplier.pk}/change/", form)

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="supplier.updated")
    assert event.changes == {"name": {"before": "Acme", "after": "Acme Packing Co"}}


def test_a_contact_needs_exactly_one_party(staff_client):
    response = staff_client.post(
        "/admin/partners/contact/add/", {"name": "Pat", "email": "pat@example.com"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert not Contact.objects.exists()


def test_deactivate_and_reactivate_actions_audit_each_supplier(staff_client):
    suppliers = [make_supplier(), make_supplier()]
    ids = [str(supplier.pk) for supplier in suppliers]

    staff_client.post(
        "/admin/partners/supplier/",
        {"action": "deactivate_selected", "_selected_action": ids},
    )

    assert not Supplier.objects.filter(is_active=True).exists()
    assert AuditEvent.objects.filter(action="supplier.deactivated").count() == 2

    staff_client.post(
        "/admin/partners/supplier/",
        {"action": "reactivate_selected", "_selected_action": ids[:1]},
    )

    assert Supplier.objects.filter(is_active=True).count() == 1


def test_deactivating_an_inactive_contact_is_reported(staff_client):
    contact = make_contact()
    staff_client.post(
        "/admin/partners/contact/",
        {"action": "deactivate_selected", "_selected_action": [str(contact.pk)]},
    )

    response = staff_client.post(
        "/admin/partners/contact/",
        {"action": "deactivate_selected", "_selected_action": [str(contact.pk)]},
        follow=True,
    )

    texts = [str(message) for message in response.context["messages"]]
    assert any("already inactive" in text for text in texts)
    assert AuditEvent.objects.filter(action="contact.deactivated").count() == 1


def test_partners_cannot_be_deleted_in_the_admin(staff_client):
    supplier = make_supplier()

    response = staff_client.get(f"/admin/partners/supplier/{supplier.pk}/delete/")

    assert response.status_code == 403


def test_partner_change_pages_open_for_an_administrator(staff_client):
    link = make_supplier_plant()
    contact = make_contact(party=make_customer())
    urls = [
        f"/admin/partners/supplier/{link.supplier_id}/change/",
        f"/admin/partners/plant/{link.plant_id}/change/",
        f"/admin/partners/supplierplant/{link.pk}/change/",
        f"/admin/partners/customer/{contact.customer_id}/change/",
        f"/admin/partners/carrier/{make_carrier().pk}/change/",
        f"/admin/partners/contact/{contact.pk}/change/",
    ]

    assert [staff_client.get(url).status_code for url in urls] == [200] * len(urls)


def test_a_supplier_plant_link_keeps_its_sets_through_the_service(staff_client):
    link = make_supplier_plant()
    customers = [make_customer(), make_customer()]
    product = make_product()
    inactive = make_customer()
    services.customer_deactivate(customer=inactive, by=None)

    refused = staff_client.post(
        f"/admin/partners/supplierplant/{link.pk}/change/",
        {"approved_customers": [str(inactive.pk)], "products": [], "notes": ""},
    )

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["approved_customers"]
    assert not link.approved_customers.exists()

    response = staff_client.post(
        f"/admin/partners/supplierplant/{link.pk}/change/",
        {
            "approved_customers": [str(customer.pk) for customer in customers],
            "products": [str(product.pk)],
            "notes": "Boxed beef only",
        },
    )

    assert response.status_code == 302
    assert set(link.approved_customers.all()) == set(customers)
    assert list(link.products.all()) == [product]
    event = AuditEvent.objects.get(action="supplier_plant.updated")
    assert set(event.changes) == {"approved_customers", "products", "notes"}
