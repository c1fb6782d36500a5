"""The password sign-in switch, through its admin API and the sign-in endpoints."""

from __future__ import annotations

from typing import Any

import pytest

from procura.accounts.models import SignInPolicy
from procura.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

POLICY = "/api/v1/auth/sign-in-policy/"
PROVIDER = {
    "id": "corp",
    "name": "Corporate sign-in",
    "issuer": "https://login.example.com",
    "client_id": "procura",
}


def _login(client: Any, email: str) -> Any:
    return client.post(
        "/api/v1/auth/login/",
        {"email": email, "password": "correct-horse-battery"},
        content_type="application/json",
    )


def test_an_administrator_turns_password_sign_in_off_and_the_sign_in_page_follows(
    client: Any, client_as: Any, make_user: Any, settings: Any
) -> None:
    settings.SSO_PROVIDERS = [PROVIDER]
    make_user("procurement", email="bob@example.com")
    admin = client_as("admin")
    shown = admin.get(POLICY).json()
    assert shown["password_sign_in"] is True
    assert shown["sso_providers"] == ["Corporate sign-in"]
    assert shown["can_disable_password_sign_in"] is True

    changed = admin.patch(POLICY, {"password_sign_in": False}, format="json")

    assert changed.status_code == 200
    assert changed.json()["password_sign_in"] is False
    assert changed.json()["updated_by"] is not None
    assert client.get("/api/v1/auth/sso/providers/").json()["password_sign_in"] is False
    refused = _login(client, "bob@example.com")
    assert refused.status_code == 403
    assert refused.json()["code"] == "password_sign_in_disabled"
    event = AuditEvent.objects.get(action="sign_in_policy.updated")
    assert event.changes == {"password_sign_in": {"before": True, "after": False}}

    assert admin.patch(POLICY, {"password_sign_in": True}, format="json").status_code == 200
    assert _login(client, "bob@example.com").status_code == 200
    assert AuditEvent.objects.filter(action="sign_in_policy.updated").count() == 2


def test_password_sign_in_cannot_be_turned_off_without_a_provider(
    client: Any, client_as: Any, make_user: Any, settings: Any
) -> None:
    settings.SSO_PROVIDERS = []
    make_user("procurement", email="bob@example.com")
    admin = client_as("admin")
    assert admin.get(POLICY).json()["can_disable_password_sign_in"] is False

    refused = admin.patch(POLICY, {"password_sign_in": False}, format="json")

    assert refused.status_code == 409
    assert refused.json()["code"] == "no_sso_provider"
    assert "password_sign_in" in refused.json()["errors"]
    assert not SignInPolicy.objects.exists()
    assert not AuditEvent.objects.filter(action="sign_in_policy.updated").exists()
    assert _login(client, "bob@example.com").status_code == 200


def test_only_administrators_see_or_change_the_policy(client_as: Any) -> None:
    for role in ("finance", "auditor", "procurement"):
        user = client_as(role)
        assert user.get(POLICY).status_code == 403
        assert user.patch(POLICY, {"password_sign_in": False}, format="json").status_code == 403
    bad = client_as("admin").patch(POLICY, {"password_sign_in": "maybe"}, format="json")
    assert bad.status_code == 400
    assert "password_sign_in" in bad.json()["errors"]
    assert not SignInPolicy.objects.exists()
