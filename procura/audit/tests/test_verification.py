from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from procura.audit.hashing import event_hash
from procura.audit.models import AuditChainHead, AuditEvent
from procura.audit.tests.helpers import raw_sql, record_events
from procura.audit.verification import ChainProblemKind, audit_chain_verify
from procura.core.request_context import set_client_ip


def run_command() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def kinds(report) -> list[tuple[int, str]]:
    return [(p.sequence, p.kind.value) for p in report.problems]


@pytest.fixture
def chain(make_user):
    """Five events about one user."""
    actor = make_user("admin")
    record_events(actor, actor, 5)
    return actor


def test_empty_chain_is_intact(db):
    report = audit_chain_verify()

    assert report.ok
    assert report.checked == 0


def test_intact_chain_exits_0_with_the_count(chain):
    code, out, err = run_command()

    assert code == 0
    assert "5 events verified" in out
    assert err == ""


def test_edited_row_is_reported_by_sequence(chain):
    raw_sql("UPDATE audit_auditevent SET action = %s WHERE sequence = %s", ["user.deleted", 3])

    code, _, err = run_command()

    assert code == 1
    assert "#3 edited" in err
    assert "#2" not in err
    assert "#4" not in err


def test_edited_json_contents_are_detected(chain):
    raw_sql("UPDATE audit_auditevent SET changes = %s WHERE sequence = %s", ['{"x": 1}', 2])

    assert kinds(audit_chain_verify()) == [(2, "edited")]


def test_deleted_rows_in_the_middle_are_reported_as_a_range(chain):
    raw_sql("DELETE FROM audit_auditevent WHERE sequence IN (%s, %s)", [2, 3])

    report = audit_chain_verify()

    assert kinds(report) == [(2, "deleted")]
    assert report.problems[0].last_sequence == 3
    code, _, err = run_command()
    assert code == 1
    assert "#2-#3 deleted" in err


def test_deleted_newest_row_is_caught_by_the_head(chain):
    raw_sql("DELETE FROM audit_auditevent WHERE sequence = %s", [5])

    assert kinds(audit_chain_verify()) == [(5, "deleted")]


def test_rewritten_row_with_a_recomputed_hash_breaks_the_next_link(chain):
    event = AuditEvent.objects.get(sequence=2)
    forged = event_hash(
        key_id=event.key_id,
        prev_hash=event.prev_hash,
        sequence=2,
        occurred_at=event.occurred_at,
        actor_id=event.actor_id,
        actor_email=event.actor_email,
        action="user.forged",
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        changes=event.changes,
        data=event.data,
        request_id=event.request_id,
        ip_address=event.ip_address,
    )
    raw_sql(
        "UPDATE audit_auditevent SET action = %s, hash = %s WHERE sequence = %s",
        ["user.forged", forged, 2],
    )

    assert kinds(audit_chain_verify()) == [(3, "broken_link")]


def test_row_inserted_behind_the_head_is_reported(chain):
    last = AuditEvent.objects.get(sequence=5)
    raw_sql(
        "INSERT INTO audit_auditevent (sequence, occurred_at, actor_email, action, object_type, "
        "object_id, object_repr, changes, data, request_id, prev_hash, key_id, hash) "
        "VALUES (%s, %s, '', 'user.forged', '', '', '', '{}', '{}', '', %s, 'dev', %s)",
        [6, last.occurred_at, last.hash, "f" * 64],
    )

    assert kinds(audit_chain_verify()) == [(6, "outside_chain")]


def test_moved_head_is_reported(chain):
    AuditChainHead.objects.filter(id=1).update(last_hash="a" * 64)

    assert kinds(audit_chain_verify()) == [(5, "head_mismatch")]


def test_report_serialises_for_a_task_result(chain):
    raw_sql("DELETE FROM audit_auditevent WHERE sequence = %s", [1])

    result = audit_chain_verify().as_dict()

    assert result["ok"] is False
    assert result["checked"] == 4
    assert result["problems"] == [
        {"sequence": 1, "kind": ChainProblemKind.DELETED, "detail": "event deleted"}
    ]


def test_missing_head_row_is_reported(chain):
    raw_sql("DELETE FROM audit_auditchainhead WHERE id = %s", [1])

    report = audit_chain_verify()

    assert kinds(report) == [(5, "head_mismatch")]
    assert report.checked == 5


def test_ipv6_client_address_verifies_after_the_database_round_trip(make_user):
    actor = make_user()
    set_client_ip("2001:0db8:0000:0000:0000:0000:0000:0001")
    try:
        record_events(actor, actor, 1)
    finally:
        set_client_ip("")

    assert AuditEvent.objects.get().ip_address == "2001:db8::1"
    assert audit_chain_verify().ok
