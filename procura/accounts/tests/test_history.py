"""``GET /api/v1/users/{id}/history/`` (administrators) and ``/departments/{id}/history/``
(staff)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from procura.accounts.models import User
from procura.accounts.services import department_update, user_update
from procura.accounts.tests.factories import make_department
from procura.accounts.tests.history import history_query_counts, history_url

pytestmark = pytest.mark.django_db

Client = Callable[..., Any]  # an APIClient with the signed-in user on .user


def test_user_change_shows_in_its_history_with_before_and_after(
    client_as: Client, make_user: Callable[..., User]
) -> None:
    user = make_user("requester", full_name="Dana Buyer")
    admin = client_as("admin")
    patched = admin.patch(f"/api/v1/users/{user.pk}/", {"full_name": "Dana Byers"}, format="json")
    assert patched.status_code == 200, patched.json()

    response = admin.get(history_url("users", user.pk))

    assert response.status_code == 200
    newest = response.json()["results"][0]
    assert newest["action"] == "user.updated"
    assert newest["object_type"] == "accounts.user"
    assert newest["object_id"] == str(user.pk)
    assert newest["actor_email"] == admin.user.email
    assert newest["changes"]["full_name"] == {"before": "Dana Buyer", "after": "Dana Byers"}


@pytest.mark.parametrize("role", ["procurement", "auditor", "customer"])
def test_only_administrators_read_a_users_history(
    client_as: Client, make_user: Callable[..., User], role: str
) -> None:
    user = make_user("requester")

    assert client_as(role).get(history_url("users", user.pk)).status_code == 403


def test_department_history_for_staff_not_customers(client_as: Client) -> None:
    department = make_department(name="Meat")
    department_update(department=department, by=None, changes={"name": "Meat buying"})

    staff = client_as("requester").get(history_url("departments", department.pk))

    assert staff.status_code == 200
    assert staff.json()["results"][0]["changes"]["name"] == {
        "before": "Meat",
        "after": "Meat buying",
    }
    assert client_as("customer").get(history_url("departments", department.pk)).status_code == 403


def test_history_query_count_does_not_grow_with_events(
    client_as: Client, make_user: Callable[..., User]
) -> None:
    few, many = make_user(), make_user()
    user_update(user=few, by=None, changes={"full_name": "Name"})
    for n in range(20):
        user_update(user=many, by=None, changes={"full_name": f"Name {n}"})

    small, large = history_query_counts(client_as("admin"), "users", few.pk, many.pk)

    assert large == small
