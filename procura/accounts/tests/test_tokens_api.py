from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from procura.accounts.authentication import INVALID_TOKEN
from procura.accounts.models import ApiToken
from procura.accounts.services import api_token_create
from procura.accounts.tests.conftest import ME_URL, TOKENS_URL
from procura.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_created_token_is_shown_once_and_only_its_digest_is_stored(client_as):
    client = client_as("finance")

    response = client.post(TOKENS_URL, {"name": "ERP export"}, format="json")

    assert response.status_code == 201
    raw = response.json()["token"]
    assert raw.startswith("procura_")
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.name, token.prefix, token.digest}
    assert raw.startswith(token.prefix)
    listed = client.get(TOKENS_URL).json()["results"]
    assert [row["id"] for row in listed] == [token.pk]
    assert "token" not in listed[0]
    assert AuditEvent.objects.filter(action="api_token.created", object_id=str(token.pk)).exists()


def test_token_authenticates_as_bearer_without_csrf(client_as):
    client = client_as("finance")
    raw = client.post(TOKENS_URL, {"name": "ci"}, format="json").json()["token"]

    second, _ = api_token_create(user=client.user, name="second")

    me = bearer(raw).get(ME_URL)
    revoked = bearer(raw).delete(f"{TOKENS_URL}{second.pk}/")

    assert me.status_code == 200
    assert me.json()["email"] == client.user.email
    assert revoked.status_code == 204
    assert ApiToken.objects.get(name="ci").last_used_at is not None


def test_revoked_unknown_and_expired_tokens_are_401(client_as):
    client = client_as("finance")
    raw = client.post(TOKENS_URL, {"name": "ci"}, format="json").json()["token"]
    token = ApiToken.objects.get(name="ci")
    expired, expired_raw = api_token_create(
        user=client.user, name="old", expires_at=timezone.now() + timedelta(seconds=1)
    )
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))

    revoked = client.delete(f"{TOKENS_URL}{token.pk}/")

    assert revoked.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    for candidate in (raw, "procura_unknown", expired_raw):
        response = bearer(candidate).get(ME_URL)
        assert response.status_code == 401
        assert response.json()["detail"] == INVALID_TOKEN
    assert client.delete(f"{TOKENS_URL}{token.pk}/").status_code == 409


def test_expiry_in_the_past_is_refused(client_as):
    response = client_as("finance").post(
        TOKENS_URL, {"name": "x", "expires_at": "2001-01-01T00:00:00Z"}, format="json"
    )

    assert response.status_code == 400
    assert "expires_at" in response.json()["errors"]


def test_someone_elses_token_is_not_found(client_as):
    owner = client_as("finance")
    token_id = owner.post(TOKENS_URL, {"name": "mine"}, format="json").json()["id"]

    response = client_as("admin").delete(f"{TOKENS_URL}{token_id}/")

    assert response.status_code == 404


def test_token_list_query_count_does_not_grow(client_as):
    client = client_as("finance")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(TOKENS_URL, {"page_size": 50}).status_code == 200
        return len(ctx)

    for n in range(2):
        api_token_create(user=client.user, name=f"t{n}")
    count_queries()  # warm up: the user's own roles are loaded once
    few = count_queries()
    for n in range(2, 20):
        api_token_create(user=client.user, name=f"t{n}")

    assert count_queries() == few


def test_tokens_expire_by_default_and_cannot_mint_tokens(client_as, settings):
    settings.API_TOKEN_DEFAULT_DAYS = 90
    client = client_as("finance")
    raw = client.post(TOKENS_URL, {"name": "ERP"}, format="json").json()
    token = ApiToken.objects.get(pk=raw["id"])
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {raw['token']}")

    minted = bearer.post(TOKENS_URL, {"name": "successor"}, format="json")

    expected = timezone.now() + timedelta(days=90)
    assert token.expires_at is not None
    assert abs((token.expires_at - expected).total_seconds()) < 60
    assert minted.status_code == 403
    assert ApiToken.objects.filter(user=client.user).count() == 1
    assert bearer.get(ME_URL).status_code == 200


def test_password_change_and_deactivation_revoke_tokens(client_as, make_user):
    from procura.accounts.services import password_change, user_deactivate
    from procura.accounts.tests.conftest import PASSWORD

    owner = make_user("sales")
    _, raw = api_token_create(user=owner, name="shop")
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert bearer.get(ME_URL).status_code == 200

    password_change(user=owner, current_password=PASSWORD, new_password="A-new-long-passphrase-9")

    assert bearer.get(ME_URL).status_code == 401
    other = make_user("sales")
    _, second = api_token_create(user=other, name="shop")
    user_deactivate(user=other, by=None)
    assert ApiToken.objects.get(user=other).revoked_at is not None
