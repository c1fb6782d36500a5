"""Trigram indexes for product search on PostgreSQL (?search= runs UPPER(col) LIKE '%term%' on
sku, name and gtin; without them every search reads the whole product table). Nothing to do on
other databases."""

from django.db import migrations

COLUMNS = ("sku", "name", "gtin")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS catalog_product_{column}_trgm "
            f"ON catalog_product USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS catalog_product_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_supplier_items")]

    operations = [migrations.RunPython(create, drop)]
