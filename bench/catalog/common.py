"""Shared set-up of the catalog benchmarks: Django on the configured database, migrated, with a
small category tree and the tax categories the generated products use."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_CATEGORY_ROOT = "Benchmark"
LEAF_COUNT = 20


def setup_django() -> None:
    """Configure Django from the environment (DATABASE_URL) and migrate the database."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procura.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def describe_database() -> str:
    from django.db import connection

    settings = connection.settings_dict
    return f"{connection.vendor} {settings.get('NAME')}"


def ensure_catalog() -> tuple[list[str], str]:
    """Leaf category names ("Benchmark > Group 07 > Leaf 03") and a tax category code."""
    from procura.catalog.models import Category, TaxCategory
    from procura.catalog.services.categories import category_create
    from procura.catalog.services.taxes import tax_category_create

    root = Category.objects.filter(name=BENCH_CATEGORY_ROOT, parent=None).first()
    if root is None:
        root = category_create(name=BENCH_CATEGORY_ROOT, parent=None, by=None)
    names = []
    for g in range(LEAF_COUNT // 4):
        group_name = f"Group {g:02d}"
        group = Category.objects.filter(name=group_name, parent=root).first()
        if group is None:
            group = category_create(name=group_name, parent=root, by=None)
        for leaf in range(4):
            leaf_name = f"Leaf {leaf:02d}"
            if not Category.objects.filter(name=leaf_name, parent=group).exists():
                category_create(name=leaf_name, parent=group, by=None)
            names.append(f"{BENCH_CATEGORY_ROOT} > {group_name} > {leaf_name}")
    if not TaxCategory.objects.filter(code="standard").exists():
        tax_category_create(code="standard", name="Standard", by=None)
    return names, "standard"
