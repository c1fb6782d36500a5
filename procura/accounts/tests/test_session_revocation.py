"""A session ends as a whole: reusing a rotated refresh token revokes its family, signing out
stops the access token at once (cookie and bearer), and a password change or deactivation ends
every session and API token of the user."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from procura.accounts.models import SessionEndReason, User, UserSession
from procura.accounts.services import sessions as session_services
from procura.accounts.tests.conftest import (
    LOGOUT_URL,
    ME_URL,
    PASSWORD,
    PASSWORD_URL,
    REFRESH_URL,
    TOKENS_URL,
)
from procura.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ACCESS = settings.JWT_ACCESS_COOKIE
REFRESH = settings.JWT_REFRESH_COOKIE
USERS_URL = "/api/v1/users/"


def bearer(api_client, raw: str):
    return api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_reused_rotated_refresh_token_revokes_the_whole_session(signed_in, api_client, monkeypatch):
    monkeypatch.setattr(session_services, "REFRESH_REUSE_GRACE", timedelta(0))
    victim = signed_in("requester")
    stolen_refresh = victim.cookies[REFRESH].value
    assert victim.unsafe("post", REFRESH_URL).status_code == 200  # the victim rotates
    new_access = victim.cookies[ACCESS].value
    assert victim.get(ME_URL).status_code == 200

    victim.cookies[REFRESH] = stolen_refresh  # the copy is presented again
    reused = victim.unsafe("post", REFRESH_URL)

    assert reused.status_code == 401
    # Every token of the family is dead: the newest refresh token and the access token too.
    victim.cookies[ACCESS] = new_access
    assert victim.get(ME_URL).status_code == 401
    assert bearer(api_client, new_access).status_code == 401
    session = UserSession.objects.get(user=victim.user)
    assert session.end_reason == SessionEndReason.REFRESH_REUSED
    assert AuditEvent.objects.filter(
        action="user.session_revoked", object_id=str(victim.user.pk)
    ).exists()


def test_concurrent_refresh_from_two_tabs_does_not_end_the_session(signed_in):
    client = signed_in("requester")
    refresh = client.cookies[REFRESH].value
    assert client.unsafe("post", REFRESH_URL).status_code == 200
    fresh_refresh = client.cookies[REFRESH].value

    client.cookies[REFRESH] = refresh  # the other tab, a moment later, with the same cookie
    assert client.unsafe("post", REFRESH_URL).status_code == 401

    client.cookies[REFRESH] = fresh_refresh
    assert client.unsafe("post", REFRESH_URL).status_code == 200
    assert client.get(ME_URL).status_code == 200


def test_reuse_in_one_session_leaves_the_users_other_sessions_alone(signed_in, monkeypatch):
    monkeypatch.setattr(session_services, "REFRESH_REUSE_GRACE", timedelta(0))
    laptop = signed_in("requester")
    phone = signed_in(user=laptop.user)
    old = laptop.cookies[REFRESH].value
    laptop.unsafe("post", REFRESH_URL)
    laptop.cookies[REFRESH] = old

    assert laptop.unsafe("post", REFRESH_URL).status_code == 401

    assert phone.get(ME_URL).status_code == 200
    assert phone.unsafe("post", REFRESH_URL).status_code == 200


def test_logout_stops_the_access_token_at_once_in_the_cookie_and_as_bearer(signed_in, api_client):
    client = signed_in("requester")
    access = client.cookies[ACCESS].value
    assert bearer(api_client, access).status_code == 200
    other_session = signed_in(user=client.user)

    response = client.unsafe("post", LOGOUT_URL)

    assert response.status_code == 204
    client.cookies[ACCESS] = access  # a copy of the cookie kept after signing out
    after = client.get(ME_URL)
    assert after.status_code == 401
    assert after["Content-Type"].startswith("application/problem+json")
    assert bearer(api_client, access).status_code == 401
    assert other_session.get(ME_URL).status_code == 200


def test_logout_with_only_the_access_cookie_ends_the_session(signed_in, api_client):
    client = signed_in("requester")
    access = client.cookies[ACCESS].value
    refresh = client.cookies[REFRESH].value
    del client.cookies[REFRESH]

    assert client.unsafe("post", LOGOUT_URL).status_code == 204

    assert bearer(api_client, access).status_code == 401
    client.cookies[REFRESH] = refresh
    assert client.unsafe("post", REFRESH_URL).status_code == 401


def test_password_change_ends_other_sessions_access_tokens_at_once(signed_in, api_client):
    client = signed_in("requester")
    other = signed_in(user=client.user)
    other_access = other.cookies[ACCESS].value
    assert bearer(api_client, other_access).status_code == 200

    changed = client.unsafe(
        "post",
        PASSWORD_URL,
        {"current_password": PASSWORD, "new_password": "A-much-better-one-42"},
    )

    assert changed.status_code == 200
    assert other.get(ME_URL).status_code == 401
    assert bearer(api_client, other_access).status_code == 401
    assert client.get(ME_URL).status_code == 200  # the caller gets a new session


def test_deactivation_ends_sessions_and_api_tokens(signed_in, client_as, api_client):
    client = signed_in("requester")
    created = client.unsafe("post", TOKENS_URL, {"name": "integration"})
    assert created.status_code == 201
    raw_token = created.json()["token"]
    access = client.cookies[ACCESS].value
    refresh = client.cookies[REFRESH].value
    admin = client_as("admin")

    response = admin.post(f"{USERS_URL}{client.user.pk}/deactivate/")

    assert response.status_code == 200, response.content
    assert bearer(api_client, raw_token).status_code == 401
    assert bearer(api_client, access).status_code == 401
    client.cookies[REFRESH] = refresh
    assert client.unsafe("post", REFRESH_URL).status_code == 401
    assert set(
        UserSession.objects.filter(user=client.user).values_list("end_reason", flat=True)
    ) == {SessionEndReason.DEACTIVATED}


@pytest.fixture
def user_with_access(signed_in):
    """A signed-in user holding an API token: the access token and the API token."""
    client = signed_in("requester")
    raw_token = client.unsafe("post", TOKENS_URL, {"name": "integration"}).json()["token"]
    return client, client.cookies[ACCESS].value, raw_token


def assert_access_ended(api_client, client, access: str, raw_token: str) -> None:
    assert bearer(api_client, access).status_code == 401
    assert bearer(api_client, raw_token).status_code == 401
    assert client.get(ME_URL).status_code == 401
    assert set(
        UserSession.objects.filter(user=client.user).values_list("end_reason", flat=True)
    ) == {SessionEndReason.PASSWORD_CHANGED}


def test_changepassword_command_ends_sessions_and_api_tokens(
    user_with_access, api_client, monkeypatch
):
    from django.contrib.auth.management.commands import changepassword

    client, access, raw_token = user_with_access
    monkeypatch.setattr(
        changepassword.Command, "_get_pass", lambda self, prompt="": "Ne3w-pass-77!"
    )

    call_command("changepassword", client.user.email, stdout=StringIO())

    assert_access_ended(api_client, client, access, raw_token)
    event = AuditEvent.objects.filter(action="user.credentials_revoked").get()
    assert event.data["reason"] == SessionEndReason.PASSWORD_CHANGED
    assert event.data["sessions_ended"] == 1
    assert event.data["api_tokens_revoked"] == 1
    assert event.actor_id is None  # set from a command line, by no signed-in person


def test_password_set_in_a_shell_ends_sessions_and_api_tokens(user_with_access, api_client):
    client, access, raw_token = user_with_access
    user = User.objects.get(pk=client.user.pk)

    user.set_password("Shell-set-pass-31")
    user.save()

    assert_access_ended(api_client, client, access, raw_token)


@pytest.mark.parametrize(
    "form",
    [
        {"password1": "Another-strong-pass-99", "password2": "Another-strong-pass-99"},
        {"usable_password": "false", "unset-password": "Disable password-based authentication"},
    ],
    ids=["set", "removed"],
)
def test_password_set_or_removed_in_the_django_admin_ends_sessions_and_api_tokens(
    user_with_access, make_user, api_client, client, form
):
    user_client, access, raw_token = user_with_access
    admin = make_user("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.post(f"/admin/accounts/user/{user_client.user.pk}/password/", form)

    assert response.status_code == 302, response.content[:800]
    user = User.objects.get(pk=user_client.user.pk)
    assert user.has_usable_password() == ("password1" in form)
    assert_access_ended(api_client, user_client, access, raw_token)
    event = AuditEvent.objects.filter(action="user.credentials_revoked").get()
    assert event.actor_id == admin.pk


def test_saving_a_user_without_a_new_password_leaves_their_access(user_with_access, api_client):
    client, access, raw_token = user_with_access
    user = User.objects.get(pk=client.user.pk)
    user.full_name = "Renamed"
    user.save()
    assert user.check_password(PASSWORD)  # a sign-in check (and any rehash) is no change
    user.save()

    assert bearer(api_client, access).status_code == 200
    assert bearer(api_client, raw_token).status_code == 200
    assert not AuditEvent.objects.filter(action="user.credentials_revoked").exists()
