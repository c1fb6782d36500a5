"""Key the audit chain and refuse UPDATE/DELETE on its rows in the database.

Events written before this migration carry a plain SHA-256 chain. Each is checked against it
and signed again under the current AUDIT_HMAC_KEYS key, in sequence order, before the trigger is
installed. A broken plain chain is not re-signed (that would hide the tampering): the migration
stops and names the first broken event, unless AUDIT_REKEY_BROKEN_CHAIN=accept is set, in which
case the break is recorded in the migration's output and the chain is re-signed as it is.
"""

import os

from django.db import migrations, models

from procura.audit.guard import install_guard, remove_guard
from procura.audit.hashing import (
    CONTENT_FIELDS,
    GENESIS_HASH,
    current_key_id,
    event_hash,
    unkeyed_event_hash,
)



def rekey(apps, schema_editor):
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    accept_broken = os.environ.get("AUDIT_REKEY_BROKEN_CHAIN") == "accept"
    key_id = current_key_id()
    old_prev = GENESIS_HASH
    new_prev = GENESIS_HASH
    last_sequence = 0
    rows = event_model.objects.order_by("sequence").values("pk", "prev_hash", "hash", *CONTENT_FIELDS)
    for row in rows.iterator(chunk_size=2000):
        content = {name: row[name] for name in CONTENT_FIELDS}
        intact = row["prev_hash"] == old_prev and row["hash"] == unkeyed_event_hash(
            prev_hash=row["prev_hash"], **content
        )
        if not intact:
            message = (
                f"Audit event #{row['sequence']} does not match the plain hash chain; it was "
                "changed before the chain was keyed."
            )
            if not accept_broken:
                raise RuntimeError(
                    message + " Run `manage.py verify_audit` on the previous release, or set "
                    "AUDIT_REKEY_BROKEN_CHAIN=accept to sign the chain as it stands."
                )
            print(f"\n  {message} Signed as it stands (AUDIT_REKEY_BROKEN_CHAIN=accept).")  # noqa: T201
        old_prev = row["hash"]
        digest = event_hash(key_id=key_id, prev_hash=new_prev, **content)
        event_model._base_manager.filter(pk=row["pk"]).update(
            prev_hash=new_prev, key_id=key_id, hash=digest
        )
        new_prev = digest
        last_sequence = row["sequence"]
    if last_sequence:
        head_model.objects.filter(id=1, last_sequence=last_sequence).update(last_hash=new_prev)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_head")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(default="", editable=False, max_length=32),
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop),
        migrations.RunPython(
            lambda apps, schema_editor: install_guard(schema_editor),
            lambda apps, schema_editor: remove_guard(schema_editor),
        ),
    ]
