from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from procura.audit.models import AuditEvent
from procura.catalog.errors import NoTaxRate
from procura.catalog.identifiers import gtin_check_digit, normalise_gtin, normalise_sku
from procura.catalog.models import Product
from procura.catalog.selectors import tax_rate_for
from procura.catalog.services.products import (
    product_deactivate,
    product_reactivate,
    product_update,
)
from procura.catalog.services.taxes import tax_rate_create
from procura.catalog.tests.factories import make_category, make_product, make_tax_category
from procura.core.errors import Conflict, InvalidInput


def test_sku_is_trimmed_and_upper_cased() -> None:
    assert normalise_sku("  ab-1 ") == "AB-1"
    with pytest.raises(ValidationError):
        normalise_sku("   ")


@pytest.mark.parametrize(
    "gtin",
    ["96385074", "036000291452", "4006381333931", "10614141000415", " 4006381333931 "],
)
def test_valid_gtins_pass(gtin: str) -> None:
    assert normalise_gtin(gtin) == gtin.strip()


@pytest.mark.parametrize("gtin", ["4006381333932", "12345", "40063813339A1", "036000291453"])
def test_bad_gtins_are_refused(gtin: str) -> None:
    with pytest.raises(ValidationError):
        normalise_gtin(gtin)


def test_check_digit() -> None:
    assert gtin_check_digit("400638133393") == 1
    assert gtin_check_digit("03600029145") == 2


@pytest.mark.django_db
def test_sku_collision_after_normalisation_names_the_existing_product() -> None:
    make_product(sku="AB-1", name="Ribeye 112A")
    with pytest.raises(Conflict) as clash:
        make_product(sku=" ab-1 ")
    assert clash.value.code == "sku_taken"
    assert "Ribeye 112A" in clash.value.detail
    assert Product.objects.count() == 1


@pytest.mark.django_db
def test_database_refuses_unnormalised_or_duplicate_sku() -> None:
    product = make_product(sku="AB-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(sku=" ab-1")
    other = make_product(sku="AB-2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=other.pk).update(sku="AB-1")


@pytest.mark.django_db
def test_list_price_must_be_positive_in_service_and_database() -> None:
    with pytest.raises(InvalidInput) as refused:
        make_product(list_price=Decimal("0"))
    assert refused.value.errors == {"list_price": ["The list price must be greater than 0."]}
    product = make_product()
    with pytest.raises(IntegrityError), transaction.atomic():
        Product.objects.filter(pk=product.pk).update(list_price=Decimal("-1"))


@pytest.mark.django_db
def test_gtin_is_validated_and_unique() -> None:
    with pytest.raises(InvalidInput):
        make_product(gtin="4006381333932")
    make_product(gtin="4006381333931")
    with pytest.raises(Conflict):
        make_product(gtin="4006381333931")
    make_product(gtin="")
    make_product(gtin="")  # blank GTINs never collide


@pytest.mark.django_db
def test_update_audits_changes_and_skips_no_op() -> None:
    product = make_product(sku="AB-1", list_price=Decimal("10.00"))
    product_update(product=product, data={"list_price": Decimal("10.0000")}, by=None)
    assert not AuditEvent.objects.filter(action="product.updated").exists()
    product_update(product=product, data={"list_price": Decimal("12.5"), "sku": "ab-9"}, by=None)
    product.refresh_from_db()
    assert product.sku == "AB-9"
    event = AuditEvent.objects.get(action="product.updated")
    assert set(event.changes) == {"list_price", "sku"}


@pytest.mark.django_db
def test_update_refuses_sku_of_another_product() -> None:
    make_product(sku="AB-1")
    other = make_product(sku="AB-2")
    with pytest.raises(Conflict):
        product_update(product=other, data={"sku": "ab-1 "}, by=None)


@pytest.mark.django_db
def test_deactivate_and_reactivate() -> None:
    product = make_product()
    product_deactivate(product=product, by=None)
    product.refresh_from_db()
    assert not product.is_active
    assert product.deactivated_at is not None
    product_deactivate(product=product, by=None)
    assert AuditEvent.objects.filter(action="product.deactivated").count() == 1
    product_reactivate(product=product, by=None)
    product.refresh_from_db()
    assert product.is_active
    assert product.deactivated_at is None


@pytest.mark.django_db
def test_tax_rate_for_picks_the_latest_valid_rate_and_falls_back_to_the_country() -> None:
    food = make_tax_category("food-exempt", "Food (exempt)")

    def add(region: str, percent: str, valid_from: date) -> None:
        tax_rate_create(
            tax_category=food,
            region=region,
            rate_percent=Decimal(percent),
            valid_from=valid_from,
            by=None,
        )

    add("us-tx", "6.25", date(2025, 1, 1))
    add("US-TX", "6.5", date(2026, 7, 1))
    add("US", "0", date(2020, 1, 1))
    assert tax_rate_for(tax_category=food, region="US-TX", on=date(2026, 6, 30)) == Decimal("6.25")
    assert tax_rate_for(tax_category=food, region="us-tx", on=date(2026, 7, 1)) == Decimal("6.5")
    assert tax_rate_for(tax_category=food, region="US-CA", on=date(2026, 7, 1)) == Decimal("0")
    with pytest.raises(NoTaxRate):
        tax_rate_for(tax_category=food, region="CA-ON", on=date(2026, 7, 1))
    with pytest.raises(Conflict):
        add("US-TX", "7", date(2025, 1, 1))
    with pytest.raises(InvalidInput):
        add("US-NY", "101", date(2025, 1, 1))


@pytest.mark.django_db
def test_category_with_products_is_protected() -> None:
    category = make_category("Beef")
    make_product(category=category)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        category.delete()
