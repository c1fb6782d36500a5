from __future__ import annotations

import uuid

import pytest

from procura.jobs.models import TaskRecord, TaskState


@pytest.fixture
def record_of(db):
    def _record(owner, **fields) -> TaskRecord:
        return TaskRecord.objects.create(name="reports.spend", owner=owner, **fields)

    return _record


def test_owner_reads_state_progress_and_result(client_as, record_of):
    client = client_as("finance")
    record = record_of(
        client.user, state=TaskState.PROGRESS, progress=55, step="Totalling", result=None
    )

    response = client.get(f"/api/v1/tasks/{record.id}/")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(record.id)
    assert body["state"] == "progress"
    assert body["progress"] == 55
    assert body["step"] == "Totalling"
    assert body["result"] is None
    assert set(body) >= {"name", "error", "created_at", "finished_at"}
    assert response["Cache-Control"] == "no-store"


def test_someone_elses_task_is_not_found(client_as, make_user, record_of):
    record = record_of(make_user("finance"))

    response = client_as("finance").get(f"/api/v1/tasks/{record.id}/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_admin_reads_any_task(client_as, make_user, record_of):
    record = record_of(make_user("finance"))

    response = client_as("admin").get(f"/api/v1/tasks/{record.id}/")

    assert response.status_code == 200


def test_unknown_or_malformed_task_id_is_404(client_as):
    client = client_as("finance")

    assert client.get(f"/api/v1/tasks/{uuid.uuid4()}/").status_code == 404
    assert client.get("/api/v1/tasks/not-a-uuid/").status_code == 404


def test_anonymous_caller_is_asked_to_sign_in(api_client, make_user, record_of):
    record = record_of(make_user())

    response = api_client.get(f"/api/v1/tasks/{record.id}/")

    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_task_list_shows_only_own_tasks_with_constant_queries(
    client_as, make_user, record_of, django_assert_max_num_queries
):
    client = client_as("finance")
    stranger = make_user()
    for _ in range(2):
        record_of(client.user)
        record_of(stranger)
    client.get("/api/v1/tasks/")  # loads the user's roles once, as every request after sign-in

    with django_assert_max_num_queries(3) as small:
        response = client.get("/api/v1/tasks/")
    for _ in range(18):
        record_of(client.user)
    with django_assert_max_num_queries(3) as large:
        client.get("/api/v1/tasks/?page_size=50")

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert len(small.captured_queries) == len(large.captured_queries)
