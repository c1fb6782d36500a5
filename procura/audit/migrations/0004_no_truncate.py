"""Refuse TRUNCATE on audit events too: it fires no row trigger, so a statement trigger."""

from django.db import migrations

from procura.audit.guard import install_truncate_guard, remove_truncate_guard


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: install_truncate_guard(schema_editor),
            lambda apps, schema_editor: remove_truncate_guard(schema_editor),
        ),
    ]
