from __future__ import annotations

import uuid
from decimal import Decimal

import factory

from procura.catalog.models import Category, Product, TaxCategory
from procura.core.units import UnitOfMeasure
from procura.inventory.models import Location, LocationKind


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    path = factory.LazyFunction(lambda: f"{uuid.uuid4().hex}.")


class TaxCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxCategory
        django_get_or_create = ("code",)

    code = "standard"
    name = "Standard"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Product {n}")
    category = factory.SubFactory(CategoryFactory)
    tax_category = factory.SubFactory(TaxCategoryFactory)
    unit = UnitOfMeasure.LB
    list_price = Decimal("5.0000")
    standard_cost = Decimal("3.0000")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    code = factory.Sequence(lambda n: f"LOC-{n:03d}")
    name = factory.Sequence(lambda n: f"Location {n}")
    kind = LocationKind.COLD_STORE
