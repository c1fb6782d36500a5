"""The catalog in the Django admin: add and change go through the services (SKU and GTIN rules,
the category tree), errors show on the form, and the list actions are audited."""

from __future__ import annotations

import pytest
from django.test import Client

from procura.audit.models import AuditEvent
from procura.catalog.models import Category, Product
from procura.catalog.tests.factories import make_category, make_product, make_tax_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(make_user):
    return make_user("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(staff_admin):
    client = Client()
    client.force_login(staff_admin)
    return client


def product_form(**fields):
    return {
        "sku": " beef-01 ",
        "name": "Beef chuck",
        "description": "",
        "category": str(make_category().pk),
        "unit": "lb",
        "list_price": "4.25",
        "standard_cost": "3.10",
        "currency": "USD",
        "tax_category": str(make_tax_category().pk),
        "gtin": "",
        **fields,
    }


@pytest.mark.parametrize(
    "url",
    [
        "/admin/catalog/category/add/",
        "/admin/catalog/product/add/",
        "/admin/catalog/taxcategory/add/",
        "/admin/catalog/taxrate/add/",
        "/admin/catalog/supplieritem/add/",
    ],
)
def test_catalog_add_pages_open_for_an_administrator(staff_client, url):
    assert staff_client.get(url).status_code == 200


def test_adding_a_product_stores_the_normalised_sku_and_audits(staff_client, staff_admin):
    response = staff_client.post("/admin/catalog/product/add/", product_form())

    assert response.status_code == 302
    product = Product.objects.get()
    assert product.sku == "BEEF-01"
    assert product.created_by == staff_admin
    assert AuditEvent.objects.filter(action="product.created", object_id=str(product.pk)).exists()


def test_an_invalid_product_shows_the_form_errors_and_creates_nothing(staff_client):
    response = staff_client.post(
        "/admin/catalog/product/add/", product_form(list_price="0", gtin="4006381333932")
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "gtin" in errors or "list_price" in errors
    assert not Product.objects.exists()
    assert not AuditEvent.objects.filter(action="product.created").exists()


def test_a_bad_gtin_alone_is_refused_on_its_field(staff_client):
    response = staff_client.post("/admin/catalog/product/add/", product_form(gtin="4006381333932"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["gtin"]
    assert not Product.objects.exists()


def test_a_zero_list_price_alone_is_refused_on_its_field(staff_client):
    response = staff_client.post("/admin/catalog/product/add/", product_form(list_price="0"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["list_price"]
    assert not Product.objects.exists()


def test_deactivate_action_on_a_product_writes_the_audit_event(staff_client, staff_admin):
    product = make_product()

    response = staff_client.post(
        "/admin/catalog/product/",
        {"action": "deactivate_selected", "_selected_action": [str(product.pk)]},
    )

    assert response.status_code == 302
    product.refresh_from_db()
    assert not product.is_active
    event = AuditEvent.objects.get(action="product.deactivated")
    assert event.actor_id == staff_admin.pk
    assert event.object_id == str(product.pk)


def test_changing_a_category_parent_moves_it_with_path_and_level(staff_client):
    meat = make_category("Meat")
    beef = make_category("Beef")
    child = make_category("Chuck", parent=beef)

    response = staff_client.post(
        f"/admin/catalog/category/{beef.pk}/change/", {"name": "Beef", "parent": str(meat.pk)}
    )

    assert response.status_code == 302
    beef.refresh_from_db()
    child.refresh_from_db()
    assert beef.parent == meat
    assert (beef.level, child.level) == (1, 2)
    assert child.path.startswith(meat.path)
    assert AuditEvent.objects.filter(action="category.moved").count() == 1


def test_moving_a_category_into_its_subtree_is_refused_and_undoes_the_rename(staff_client):
    beef = make_category("Beef")
    child = make_category("Chuck", parent=beef)

    response = staff_client.post(
        f"/admin/catalog/category/{beef.pk}/change/",
        {"name": "Bovine", "parent": str(child.pk)},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]
    assert Category.objects.get(pk=beef.pk).name == "Beef"
    assert not AuditEvent.objects.filter(action="category.renamed").exists()


def test_categories_cannot_be_deleted_in_the_admin(staff_client):
    category = make_category()

    assert staff_client.get(f"/admin/catalog/category/{category.pk}/delete/").status_code == 403
