"""Catalog test data, built through the services users trigger."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from procura.catalog.models import Category, Product, TaxCategory
from procura.catalog.services.categories import category_create
from procura.catalog.services.products import product_create
from procura.catalog.services.taxes import tax_category_create

_sequence = itertools.count(1)


def make_category(name: str | None = None, parent: Category | None = None) -> Category:
    return category_create(name=name or f"Category {next(_sequence)}", parent=parent, by=None)


def make_tax_category(code: str = "standard", name: str = "Standard") -> TaxCategory:
    existing = TaxCategory.objects.filter(code=code).first()
    return existing or tax_category_create(code=code, name=name, by=None)


def make_product(**fields: Any) -> Product:
    n = next(_sequence)
    values: dict[str, Any] = {
        "sku": f"SKU-{n:05d}",
        "name": f"Product {n}",
        "unit": "lb",
        "list_price": Decimal("10.00"),
        "standard_cost": Decimal("6.50"),
        "by": None,
    }
    values.update(fields)
    if "category" not in values:
        values["category"] = make_category()
    if "tax_category" not in values:
        values["tax_category"] = make_tax_category()
    return product_create(**values)


def valid_gtin13(body12: str) -> str:
    from procura.catalog.identifiers import gtin_check_digit

    return body12 + str(gtin_check_digit(body12))
