"""Single sign-on end to end against a real OpenID Connect provider run as a second process on
loopback (procura.sso.tests.oidc_provider)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings as django_settings
from django.core.cache import cache

from procura.accounts.models import User

pytestmark = pytest.mark.django_db

CLIENT_ID = "procura-test"
CLIENT_SECRET = "test-client-secret"  # noqa: S105 - the throwaway provider's secret


@contextmanager
def oidc_provider(
    *, email: str = "ann@example.com", groups: str = "erp-buyers", mode: str = "normal"
) -> Iterator[str]:
    process = subprocess.Popen(  # noqa: S603 - our own test provider
        [
            sys.executable,
            "-m",
            "procura.sso.tests.oidc_provider",
            "--client-id",
            CLIENT_ID,
            "--client-secret",
            CLIENT_SECRET,
            "--email",
            email,
            "--groups",
            groups,
            "--mode",
            mode,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(django_settings.BASE_DIR),
    )
    try:
        assert process.stdout is not None
        issuer = process.stdout.readline().strip()
        assert issuer.startswith("http://127.0.0.1:")
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def configure(settings: Any) -> Callable[[str], None]:
    def _configure(issuer: str, **extra: Any) -> None:
        cache.clear()
        settings.SSO_PROVIDERS = [
            {
                "id": "corp",
                "name": "Corporate sign-in",
                "issuer": issuer,
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "allowed_domains": ["example.com"],
                "groups_claim": "groups",
                "role_map": {"erp-buyers": "procurement"},
                "default_roles": ["requester"],
                **extra,
            }
        ]

    return _configure


def sign_in(client: Any, *, tamper_state: bool = False) -> Any:
    """Run the browser's part: start, the provider's page, back to the callback."""
    start = client.get("/api/v1/auth/sso/corp/start/", {"next": "/purchase-orders"})
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"]
    assert query["nonce"]
    assert query["code_challenge"]
    at_provider = requests.get(authorize, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    params = {k: v[0] for k, v in parse_qs(back.query).items()}
    if tamper_state:
        params["state"] = "not-the-state-we-sent"
    return client.get(back.path, params)


def error_of(response: Any) -> str:
    assert response.status_code == 302
    assert response["Location"].startswith("/login?")
    return parse_qs(urlsplit(response["Location"]).query)["sso_error"][0]


def test_sign_in_creates_the_user_with_mapped_roles_and_opens_a_cookie_session(
    client: Any, configure: Callable[..., None]
) -> None:
    with oidc_provider() as issuer:
        configure(issuer)
        response = sign_in(client)

        assert response.status_code == 302
        assert response["Location"] == "/purchase-orders"
        access = response.cookies[django_settings.JWT_ACCESS_COOKIE]
        assert access["httponly"]
        me = client.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "ann@example.com"
    user = User.objects.get(email="ann@example.com")
    assert set(user.role_names) == {"procurement"}
    assert not user.has_usable_password()


def test_an_existing_user_is_linked_by_verified_email(
    client: Any, configure: Callable[..., None], make_user: Any
) -> None:
    existing = make_user("finance", email="Ann@Example.com")
    with oidc_provider() as issuer:
        configure(issuer)
        response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/purchase-orders"
    assert User.objects.filter(email__iexact="ann@example.com").count() == 1
    existing.refresh_from_db()
    assert set(existing.role_names) == {"finance"}  # roles of a known user are kept


@pytest.mark.parametrize(
    ("mode", "email", "code"),
    [
        ("tamper", "ann@example.com", "sso_bad_token"),
        ("wrong-nonce", "ann@example.com", "sso_bad_token"),
        ("unverified", "ann@example.com", "sso_email_unverified"),
        ("normal", "eve@elsewhere.org", "sso_domain_refused"),
    ],
)
def test_bad_identities_are_refused_and_change_nothing(
    client: Any, configure: Callable[..., None], mode: str, email: str, code: str
) -> None:
    users_before = User.objects.count()
    with oidc_provider(mode=mode, email=email) as issuer:
        configure(issuer)
        response = sign_in(client)
    assert error_of(response) == code
    assert (
        django_settings.JWT_ACCESS_COOKIE not in response.cookies
        or not response.cookies[django_settings.JWT_ACCESS_COOKIE].value
    )
    assert User.objects.count() == users_before
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_a_wrong_state_is_refused(client: Any, configure: Callable[..., None]) -> None:
    with oidc_provider() as issuer:
        configure(issuer)
        response = sign_in(client, tamper_state=True)
    assert error_of(response) == "sso_bad_state"
    assert not User.objects.filter(email="ann@example.com").exists()


def test_a_callback_without_the_flow_cookie_is_refused(
    client: Any, configure: Callable[..., None]
) -> None:
    with oidc_provider() as issuer:
        configure(issuer)
        start = client.get("/api/v1/auth/sso/corp/start/")
        at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
        back = urlsplit(at_provider.headers["Location"])
        client.cookies.clear()
        response = client.get(back.path, {k: v[0] for k, v in parse_qs(back.query).items()})
    assert error_of(response) == "sso_bad_state"


def test_the_sign_in_page_lists_the_providers(
    client: Any, configure: Callable[..., None], settings: Any
) -> None:
    configure("http://127.0.0.1:9")
    settings.PASSWORD_SIGN_IN_ENABLED = False
    body = client.get("/api/v1/auth/sso/providers/").json()
    assert body == {
        "providers": [
            {"id": "corp", "name": "Corporate sign-in", "start_url": "/api/v1/auth/sso/corp/start/"}
        ],
        "password_sign_in": False,
    }
    assert client.get("/api/v1/auth/sso/nope/start/").status_code == 404


def test_with_password_sign_in_off_only_administrators_use_a_password(
    client: Any, settings: Any, make_user: Any
) -> None:
    make_user("procurement", email="bob@example.com")
    make_user("admin", email="root@example.com")
    settings.PASSWORD_SIGN_IN_ENABLED = False

    refused = client.post(
        "/api/v1/auth/login/",
        {"email": "bob@example.com", "password": "correct-horse-battery"},
        content_type="application/json",
    )
    admin = client.post(
        "/api/v1/auth/login/",
        {"email": "root@example.com", "password": "correct-horse-battery"},
        content_type="application/json",
    )

    assert refused.status_code == 403
    assert refused.json()["code"] == "password_sign_in_disabled"
    assert django_settings.JWT_ACCESS_COOKIE not in refused.cookies
    assert admin.status_code == 200
