"""Supplier hints kept as examples per field (label, where the value stands from it, its box,
latest first) instead of one label list and one region per field; the old hints are carried
over, each label and region as one example."""

from django.db import migrations, models


def to_examples(apps, schema_editor):
    SupplierHint = apps.get_model("documents", "SupplierHint")
    for row in SupplierHint.objects.all():
        examples = {}
        for name in set(row.labels) | set(row.regions):
            page, box = row.regions.get(name) or (1, [])
            labels = row.labels.get(name) or [""]
            examples[name] = [
                {"label": label, "at": "", "page": int(page), "from_end": 0, "box": list(box),
                 "order": "", "seen": 1}
                for label in labels[:3]
            ]
        row.examples = examples
        row.save(update_fields=["examples"])


def to_labels(apps, schema_editor):
    SupplierHint = apps.get_model("documents", "SupplierHint")
    for row in SupplierHint.objects.all():
        row.labels = {
            name: [e["label"] for e in examples if e.get("label")]
            for name, examples in row.examples.items()
        }
        row.regions = {
            name: [examples[0].get("page", 1), examples[0]["box"]]
            for name, examples in row.examples.items()
            if examples and examples[0].get("box")
        }
        row.save(update_fields=["labels", "regions"])


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0004_sha256_per_uploader'),
    ]

    operations = [
        migrations.AddField(
            model_name='supplierhint',
            name='examples',
            field=models.JSONField(blank=True, default=dict, help_text='Per field, where corrected invoices printed it (label, position), latest first.'),
        ),
        migrations.RunPython(to_examples, to_labels),
        migrations.RemoveField(
            model_name='supplierhint',
            name='labels',
        ),
        migrations.RemoveField(
            model_name='supplierhint',
            name='regions',
        ),
    ]
