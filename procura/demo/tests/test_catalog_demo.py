from __future__ import annotations

import pytest

from procura.catalog.models import Category, Product, SupplierItem, TaxRate
from procura.catalog.selectors import category_tree
from procura.demo.catalog import demo_products
from procura.demo.seed import SeedContext, run_seed

pytestmark = pytest.mark.django_db


def test_catalog_demo_is_idempotent_and_links_demo_suppliers() -> None:
    run_seed(SeedContext(verbosity=0), only={"accounts", "partners", "catalog"})
    counts = (Category.objects.count(), Product.objects.count(), SupplierItem.objects.count())

    run_seed(SeedContext(verbosity=0), only={"catalog"})

    assert (
        Category.objects.count(),
        Product.objects.count(),
        SupplierItem.objects.count(),
    ) == counts
    assert 180 <= counts[1] == len(demo_products()) <= 220
    assert counts[2] > counts[1]
    assert TaxRate.objects.filter(region="US-TX").exists()
    assert Product.objects.filter(sku="BF-RIB-112A-CH-CS", unit="case").exists()
    beef = next(node for node in category_tree() if node.name == "Beef")
    assert {child.name for child in beef.children} == {"Primal cuts", "Ground & trim"}
    assert max(c.level for c in Category.objects.all()) == 2


def test_catalog_demo_without_suppliers_skips_supplier_items() -> None:
    run_seed(SeedContext(verbosity=0), only={"catalog"})
    assert Product.objects.count() == len(demo_products())
    assert not SupplierItem.objects.exists()
