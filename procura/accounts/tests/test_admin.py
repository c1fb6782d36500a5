from __future__ import annotations

import pytest
from django.test import Client

from procura.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/accounts/department/",
        "/admin/accounts/apitoken/",
    ],
)
def test_admin_pages_open_for_an_administrator(make_user, url):
    client = Client()
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))

    assert client.get(url).status_code == 200


def test_auditor_can_view_but_not_add_in_the_admin(make_user):
    client = Client()
    client.force_login(make_user("auditor", is_staff=True))

    assert client.get("/admin/accounts/department/").status_code == 200
    assert client.get("/admin/accounts/department/add/").status_code == 403


def test_api_tokens_cannot_be_added_in_the_admin(make_user):
    client = Client()
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))

    assert client.get("/admin/accounts/apitoken/add/").status_code == 403


def test_admin_edits_are_audited(make_user):
    admin_user = make_user("admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin_user)

    response = client.post(
        "/admin/accounts/department/add/", {"code": "QA", "name": "Quality", "is_active": "on"}
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="department.created")
    assert event.actor_id == admin_user.pk
    assert event.data == {"via": "admin", "fields": ["code", "name"]}
