from django.db import migrations

# The product list's version: one number that every statement writing catalog_product (insert,
# update, delete, truncate; the ORM, bulk loads and raw SQL alike) changes in the writer's own
# transaction, so a reader sees the new number exactly when it sees the new rows. The number
# is drawn from a sequence: one a rolled-back transaction had set never comes back. Page numbers
# deep in a large list start from remembered rows of that version (procura.catalog.api.anchors).
# PostgreSQL only: the anchors are not used elsewhere.

CREATE = """
CREATE SEQUENCE IF NOT EXISTS catalog_product_list_version_seq;
CREATE TABLE IF NOT EXISTS catalog_product_list_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO catalog_product_list_version (id, version)
VALUES (1, nextval('catalog_product_list_version_seq')) ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION catalog_product_list_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalog_product_list_version (id, version)
    VALUES (1, nextval('catalog_product_list_version_seq'))
    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS catalog_product_list_changed ON catalog_product;
CREATE TRIGGER catalog_product_list_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_product
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_product_list_changed();
"""

DROP = """
DROP TRIGGER IF EXISTS catalog_product_list_changed ON catalog_product;
DROP FUNCTION IF EXISTS catalog_product_list_changed();
DROP TABLE IF EXISTS catalog_product_list_version;
DROP SEQUENCE IF EXISTS catalog_product_list_version_seq;
"""


def create_version(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_version(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0006_product_sort_and_search"),
    ]

    operations = [migrations.RunPython(create_version, drop_version)]
