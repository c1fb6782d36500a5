"""The catalog in the Django admin: add and change go through the services (SKU and GTIN rules,
the category tree), errors show on the form, and the list actions are audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from procura.audit.models import AuditEvent
from procura.catalog.models import Category, Product, TaxCategory, TaxRate
from procura.catalog.services.supplier_items import supplier_item_create
from procura.catalog.services.taxes import tax_rate_create
from procura.catalog.tests.factories import make_category, make_product, make_tax_category
from procura.partners.tests.factories import make_supplier

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


def test_catalog_change_pages_open_for_an_administrator(staff_client):
    product = make_product()
    supplier_item = supplier_item_create(
        supplier=make_supplier(),
        product=product,
        supplier_sku="x-1",
        price=Decimal("3.50"),
        by=None,
    )
    rate = tax_rate_create(
        tax_category=product.tax_category,
        region="US-TX",
        rate_percent=Decimal("8.25"),
        valid_from=date(2026, 1, 1),
        by=None,
    )
    urls = [
        f"/admin/catalog/category/{product.category_id}/change/",
        f"/admin/catalog/product/{product.pk}/change/",
        f"/admin/catalog/taxcategory/{product.tax_category_id}/change/",
        f"/admin/catalog/taxrate/{rate.pk}/change/",
        f"/admin/catalog/supplieritem/{supplier_item.pk}/change/",
    ]

    assert [staff_client.get(url).status_code for url in urls] == [200] * len(urls)


def test_a_second_rate_for_the_same_day_shows_on_the_form(staff_client):
    tax_category = make_tax_category()
    form = {
        "tax_category": str(tax_category.pk),
        "region": " us-tx ",
        "rate_percent": "8.25",
        "valid_from": "2026-01-01",
    }

    assert staff_client.post("/admin/catalog/taxrate/add/", form).status_code == 302
    response = staff_client.post("/admin/catalog/taxrate/add/", form)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["valid_from"]
    assert TaxRate.objects.get().region == "US-TX"


def test_tax_category_actions_record_one_event_per_category(staff_client):
    categories = [make_tax_category("standard"), make_tax_category("exempt", "Exempt")]

    staff_client.post(
        "/admin/catalog/taxcategory/",
        {
            "action": "deactivate_selected",
            "_selected_action": [str(category.pk) for category in categories],
        },
    )

    assert not TaxCategory.objects.filter(is_active=True).exists()
    assert AuditEvent.objects.filter(action="tax_category.updated").count() == 2
