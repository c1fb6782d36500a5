from __future__ import annotations

import pytest
from django.test import Client

from procura.audit.models import AuditEvent
from procura.audit.tests.helpers import record_events


@pytest.fixture
def admin_site(make_user) -> Client:
    user = make_user("admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    record_events(user, user, 2)
    return client


def test_admin_lists_and_shows_events(admin_site):
    event = AuditEvent.objects.get(sequence=1)

    listing = admin_site.get("/admin/audit/auditevent/")
    detail = admin_site.get(f"/admin/audit/auditevent/{event.pk}/change/")

    assert listing.status_code == 200
    assert b"user.updated" in listing.content
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content


def test_admin_cannot_add_change_or_delete_events(admin_site):
    event = AuditEvent.objects.get(sequence=1)

    add = admin_site.get("/admin/audit/auditevent/add/")
    change = admin_site.post(
        f"/admin/audit/auditevent/{event.pk}/change/", {"action": "user.forged"}
    )
    delete = admin_site.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})

    assert add.status_code == 403
    assert change.status_code == 403
    assert delete.status_code == 403
    event.refresh_from_db()
    assert event.action == "user.updated"
    assert AuditEvent.objects.count() == 2
