"""The keyed chain, the append-only trigger and the anchors outside the database: a chain
rewritten by someone with write access to the database is proven, whether or not they knew the
key."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from procura.audit.anchors import Anchor, audit_anchor_write, audit_anchors_read
from procura.audit.hashing import CONTENT_FIELDS as CONTENT
from procura.audit.hashing import event_hash, unkeyed_event_hash
from procura.audit.models import AuditChainHead, AuditEvent
from procura.audit.tasks import anchor_audit_chain_task
from procura.audit.tests.helpers import guard_off, raw_sql, record_events
from procura.audit.verification import audit_chain_verify


def kinds(report) -> set[str]:
    return {p.kind.value for p in report.problems}


@pytest.fixture
def chain(make_user):
    actor = make_user("admin")
    record_events(actor, actor, 5)
    return actor


def rewrite_chain(hash_of, *, key_id: str, action: str = "user.forged") -> None:
    """Change event #2 and re-link the whole chain and its head consistently with ``hash_of``,
    as someone with write access to every table would."""
    prev = "0" * 64
    for event in AuditEvent.objects.order_by("sequence"):
        content = {name: getattr(event, name) for name in CONTENT}
        if event.sequence == 2:
            content["action"] = action
        digest = hash_of(prev, content)
        raw_sql(
            "UPDATE audit_auditevent SET action = %s, prev_hash = %s, key_id = %s, hash = %s "
            "WHERE sequence = %s",
            [content["action"], prev, key_id, digest, event.sequence],
        )
        prev = digest
    raw_sql("UPDATE audit_auditchainhead SET last_hash = %s WHERE id = 1", [prev])


def test_events_are_signed_with_the_newest_key(chain, settings):
    event = AuditEvent.objects.get(sequence=1)

    assert event.key_id == "dev"
    content = {name: getattr(event, name) for name in CONTENT}
    assert event.hash == event_hash(key_id="dev", prev_hash=event.prev_hash, **content)
    assert event.hash != unkeyed_event_hash(prev_hash=event.prev_hash, **content)


def test_chain_rewritten_with_another_key_fails_verification(chain):
    guessed = b"the attacker does not know the key"

    def forged(prev, content):
        payload = json.dumps({"prev": prev, **{k: str(v) for k, v in content.items()}})
        return hmac.new(guessed, payload.encode(), hashlib.sha256).hexdigest()

    rewrite_chain(forged, key_id="dev")
    report = audit_chain_verify()

    assert not report.ok
    assert [p.sequence for p in report.problems if p.kind.value == "edited"] == [1, 2, 3, 4, 5]


def test_chain_rewritten_with_recomputed_unkeyed_hashes_fails_verification(chain):
    rewrite_chain(lambda prev, content: unkeyed_event_hash(prev_hash=prev, **content), key_id="")
    report = audit_chain_verify()

    assert not report.ok
    assert kinds(report) == {"unknown_key"}
    assert report.problem_count == 5


def test_chain_rewritten_with_the_key_is_caught_by_the_anchor(chain):
    anchor = audit_anchor_write()
    assert anchor is not None
    assert anchor.sequence == 5
    assert audit_chain_verify().ok

    # Someone who knows the key rewrites the chain consistently: only the anchor can tell.
    rewrite_chain(
        lambda prev, content: event_hash(key_id="dev", prev_hash=prev, **content), key_id="dev"
    )
    report = audit_chain_verify()

    assert [(p.sequence, p.kind.value) for p in report.problems] == [(5, "anchor_mismatch")]
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit", stdout=out, stderr=err)
    assert failure.value.returncode == 1
    assert "#5 anchor_mismatch" in err.getvalue()


def test_chain_cut_short_after_an_anchor_is_caught(chain):
    audit_anchor_write()
    raw_sql("DELETE FROM audit_auditevent WHERE sequence >= %s", [4])
    event = AuditEvent.objects.get(sequence=3)
    raw_sql(
        "UPDATE audit_auditchainhead SET last_sequence = 3, last_hash = %s WHERE id = 1",
        [event.hash],
    )

    report = audit_chain_verify()

    assert [(p.sequence, p.kind.value) for p in report.problems] == [(5, "anchor_mismatch")]
    assert "the chain ends before this event" in report.problems[0].detail


def test_forged_or_damaged_anchor_files_are_reported(chain, settings):
    audit_anchor_write()
    folder = settings.AUDIT_ANCHOR_PREFIX
    forged = {
        "format": "procura-audit-anchor/1",
        "sequence": 3,
        "hash": "a" * 64,
        "written_at": "2026-01-01T00:00:00+00:00",
        "key_id": "dev",
        "signature": "b" * 64,
    }
    default_storage.save(
        f"{folder}/anchor-000000000000003-x.json", ContentFile(json.dumps(forged).encode())
    )
    default_storage.save(f"{folder}/anchor-000000000000004-y.json", ContentFile(b"not json"))

    report = audit_chain_verify()

    assert [(p.kind.value, p.detail.rsplit(": ", 1)[1]) for p in report.problems] == [
        ("anchor_invalid", "anchor-000000000000003-x.json"),
        ("anchor_invalid", "anchor-000000000000004-y.json"),
    ]


def test_anchor_task_writes_once_per_new_head(chain, settings):
    first = anchor_audit_chain_task.apply().get()
    again = anchor_audit_chain_task.apply().get()
    record_events(chain, chain, 1)
    after_new_event = anchor_audit_chain_task.apply().get()

    assert first == {"written": True, "sequence": 5, "file": first["file"]}
    assert again == {"written": False}
    assert after_new_event["sequence"] == 6
    anchors = [a for a in audit_anchors_read() if isinstance(a, Anchor)]
    assert [a.sequence for a in anchors] == [5, 6]
    assert all(a.signature_valid() for a in anchors)
    assert audit_chain_verify().ok


def test_anchor_is_emailed_to_active_auditors_when_enabled(
    chain, make_user, settings, django_capture_on_commit_callbacks
):
    settings.AUDIT_ANCHOR_EMAIL_AUDITORS = True
    make_user("auditor", email="auditor@example.com")
    make_user("auditor", email="gone@example.com", is_active=False)
    make_user("finance", email="finance@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        anchor = audit_anchor_write()

    assert [m.to for m in mail.outbox] == [["auditor@example.com"]]
    assert anchor is not None
    assert anchor.hash in mail.outbox[0].body
    assert anchor.signature in mail.outbox[0].body


def test_rotated_key_signs_new_events_and_old_ones_still_verify(chain, settings):
    settings.AUDIT_HMAC_KEYS = {**settings.AUDIT_HMAC_KEYS, "2027": "k" * 40}
    record_events(chain, chain, 2)

    assert list(AuditEvent.objects.order_by("sequence").values_list("key_id", flat=True)) == [
        "dev",
        "dev",
        "dev",
        "dev",
        "dev",
        "2027",
        "2027",
    ]
    assert audit_chain_verify().ok

    settings.AUDIT_HMAC_KEYS = {"2027": "k" * 40}  # the old key dropped: its events cannot verify
    report = audit_chain_verify()
    assert [(p.sequence, p.kind.value) for p in report.problems] == [
        (n, "unknown_key") for n in range(1, 6)
    ]


def _refused(statement: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert AuditEvent.objects.get(sequence=1).action == "user.updated"
    assert AuditChainHead.objects.get(id=1).last_sequence == 5


@pytest.mark.django_db(transaction=True)
def test_database_refuses_update_of_audit_rows(chain):
    _refused("UPDATE audit_auditevent SET action = 'user.forged' WHERE sequence = 1")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite keeps DELETE for the test runner's flush"
)
def test_database_refuses_delete_of_audit_rows(chain):
    _refused("DELETE FROM audit_auditevent WHERE sequence = 1")


def _as_plain_chain() -> None:
    """Turn the chain back into the unkeyed SHA-256 chain of earlier releases."""
    rewrite_chain(
        lambda prev, content: unkeyed_event_hash(prev_hash=prev, **content),
        key_id="",
        action="user.updated",
    )


def test_upgrade_signs_an_intact_plain_chain_with_the_key(chain):
    from django.apps import apps

    rekey = importlib.import_module("procura.audit.migrations.0003_keyed_chain").rekey
    _as_plain_chain()
    assert kinds(audit_chain_verify()) == {"unknown_key"}

    with guard_off():  # the migration signs the chain before it installs the trigger
        rekey(apps, None)

    assert audit_chain_verify().ok
    assert set(AuditEvent.objects.values_list("key_id", flat=True)) == {"dev"}


def test_upgrade_refuses_to_sign_a_tampered_plain_chain(chain):
    from django.apps import apps

    rekey = importlib.import_module("procura.audit.migrations.0003_keyed_chain").rekey
    _as_plain_chain()
    raw_sql("UPDATE audit_auditevent SET action = 'user.forged' WHERE sequence = 3", [])

    with pytest.raises(RuntimeError, match="#3 does not match the plain hash chain"), guard_off():
        rekey(apps, None)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite has no TRUNCATE")
def test_database_refuses_truncate_of_audit_rows(chain):
    _refused("TRUNCATE audit_auditevent")
    _refused("TRUNCATE audit_auditevent, audit_auditchainhead")
