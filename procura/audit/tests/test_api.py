from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from procura.audit.models import AuditEvent
from procura.audit.tests.helpers import raw_sql, record_events
from procura.jobs.models import TaskRecord, TaskState

EVENTS_URL = "/api/v1/audit/events/"


@pytest.fixture
def auditor(client_as):
    return client_as("auditor")


def test_auditor_lists_events_newest_first(auditor, make_user):
    subject = make_user()
    record_events(auditor.user, subject, 3)

    response = auditor.get(EVENTS_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [e["sequence"] for e in body["results"]] == [3, 2, 1]
    first = body["results"][0]
    assert first["actor"] == auditor.user.pk
    assert first["actor_email"] == auditor.user.email
    assert first["object_type"] == "accounts.user"
    assert first["object_id"] == str(subject.pk)
    assert first["changes"] == {"full_name": {"before": "Name 2", "after": "Name 3"}}
    assert len(first["hash"]) == 64


@pytest.mark.parametrize("role", ["procurement", "finance", "approver", "customer"])
def test_other_roles_may_not_read_the_audit_trail(client_as, role):
    response = client_as(role).get(EVENTS_URL)

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")


def test_anonymous_is_asked_to_sign_in(api_client, db):
    response = api_client.get(EVENTS_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_filters_by_actor_action_object_and_time(auditor, make_user):
    someone = make_user()
    other = make_user()
    record_events(auditor.user, someone, 2, action="user.updated")
    record_events(someone, other, 1, action="user.deactivated")

    def sequences(query: str) -> list[int]:
        response = auditor.get(EVENTS_URL + query)
        assert response.status_code == 200, response.json()
        return [e["sequence"] for e in response.json()["results"]]

    assert sequences(f"?actor={someone.pk}") == [3]
    assert sequences("?action=user.updated") == [2, 1]
    assert sequences("?action_prefix=user.de") == [3]
    assert sequences(f"?object_type=accounts.user&object_id={other.pk}") == [3]
    assert sequences("?ordering=sequence") == [1, 2, 3]
    later = (timezone.now() + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    earlier = (timezone.now() - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
    assert sequences(f"?occurred_after={later}") == []
    assert sequences(f"?occurred_after={earlier}&occurred_before={later}") == [3, 2, 1]


def test_bad_filter_value_is_a_400_problem(auditor):
    response = auditor.get(EVENTS_URL + "?occurred_after=yesterday")

    assert response.status_code == 400
    assert "occurred_after" in response.json()["errors"]


def test_list_query_count_does_not_grow_with_rows(
    auditor, make_user, django_assert_max_num_queries
):
    record_events(auditor.user, make_user(), 2)
    auditor.get(EVENTS_URL)
    with django_assert_max_num_queries(5) as small:
        auditor.get(EVENTS_URL)
    record_events(make_user(), make_user(), 18)
    with django_assert_max_num_queries(5) as large:
        response = auditor.get(EVENTS_URL + "?page_size=50")

    assert len(response.json()["results"]) == 20
    assert len(small.captured_queries) == len(large.captured_queries)


def test_detail_has_an_etag_and_honours_if_none_match(auditor, make_user):
    record_events(auditor.user, make_user(), 1)
    event = AuditEvent.objects.get()

    first = auditor.get(f"{EVENTS_URL}{event.pk}/")
    again = auditor.get(f"{EVENTS_URL}{event.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    stale = auditor.get(f"{EVENTS_URL}{event.pk}/", HTTP_IF_NONE_MATCH='"other"')

    assert first.status_code == 200
    assert first.json()["sequence"] == 1
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert stale.status_code == 200


def test_sparse_fields_on_list_and_detail(auditor, make_user):
    record_events(auditor.user, make_user(), 2)
    event = AuditEvent.objects.get(sequence=1)

    listed = auditor.get(EVENTS_URL + "?fields=sequence,action").json()
    detail = auditor.get(f"{EVENTS_URL}{event.pk}/?fields=id,hash").json()

    assert listed["results"] == [
        {"sequence": 2, "action": "user.updated"},
        {"sequence": 1, "action": "user.updated"},
    ]
    assert set(detail) == {"id", "hash"}


def test_events_cannot_be_written_through_the_api(client_as, make_user):
    admin = client_as("admin")
    record_events(admin.user, make_user(), 1)
    event = AuditEvent.objects.get()

    assert admin.post(EVENTS_URL, {}, format="json").status_code == 405
    assert admin.patch(f"{EVENTS_URL}{event.pk}/", {}, format="json").status_code == 405
    assert admin.delete(f"{EVENTS_URL}{event.pk}/").status_code == 405


def test_verify_answers_202_and_the_task_reports_an_intact_chain(
    auditor, make_user, django_capture_on_commit_callbacks
):
    record_events(auditor.user, make_user(), 4)

    with django_capture_on_commit_callbacks(execute=True):
        response = auditor.post("/api/v1/audit/verify/")

    assert response.status_code == 202
    task_id = response.json()["task_id"]
    assert response["Location"] == f"/api/v1/tasks/{task_id}/"
    status = auditor.get(f"/api/v1/tasks/{task_id}/").json()
    assert status["state"] == "succeeded"
    assert status["name"] == "procura.audit.tasks.verify_audit_chain_task"
    assert status["progress"] == 100
    assert status["result"]["ok"] is True
    assert status["result"]["checked"] == 4
    assert status["finished_at"] is not None


def test_verify_task_lists_tampered_events(auditor, make_user, django_capture_on_commit_callbacks):
    record_events(auditor.user, make_user(), 4)
    raw_sql("UPDATE audit_auditevent SET object_repr = %s WHERE sequence = %s", ["x", 2])

    with django_capture_on_commit_callbacks(execute=True):
        task_id = auditor.post("/api/v1/audit/verify/").json()["task_id"]

    record = TaskRecord.objects.get(pk=task_id)
    assert record.state == TaskState.SUCCEEDED
    assert record.owner == auditor.user
    assert isinstance(record.result, dict)
    assert record.result["ok"] is False
    assert [(p["sequence"], p["kind"]) for p in record.result["problems"]] == [(2, "edited")]


def test_only_admins_and_auditors_may_start_a_verification(client_as):
    response = client_as("procurement").post("/api/v1/audit/verify/")

    assert response.status_code == 403
    assert not TaskRecord.objects.exists()


@pytest.mark.urls("procura.audit.tests.history_urls")
def test_history_lists_that_objects_events_for_whoever_may_see_it(client_as, make_user):
    manager = client_as("approver")
    report = make_user(manager=manager.user)
    record_events(manager.user, report, 3)
    record_events(manager.user, manager.user, 2)

    response = manager.get(f"/api/v1/people/{report.pk}/history/?page_size=2")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [e["sequence"] for e in body["results"]] == [3, 2]
    assert {e["object_id"] for e in body["results"]} == {str(report.pk)}
    assert body["next"] is not None


@pytest.mark.urls("procura.audit.tests.history_urls")
def test_history_of_an_object_one_may_not_see_is_404(client_as, make_user):
    manager = client_as("approver")
    stranger = make_user()
    record_events(manager.user, stranger, 1)

    response = manager.get(f"/api/v1/people/{stranger.pk}/history/")

    assert response.status_code == 404


@pytest.mark.urls("procura.audit.tests.history_urls")
def test_history_needs_the_viewsets_read_role(client_as, make_user):
    clerk = client_as("warehouse")
    report = make_user(manager=clerk.user)

    response = clerk.get(f"/api/v1/people/{report.pk}/history/")

    assert response.status_code == 403


@pytest.mark.parametrize("actor", ["-1", "1.5", str(2**70), "x"])
def test_out_of_range_actor_filter_is_a_400(auditor, actor):
    response = auditor.get(f"{EVENTS_URL}?actor={actor}")

    assert response.status_code == 400
    assert "actor" in response.json()["errors"]
