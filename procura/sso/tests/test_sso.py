"""Single sign-on end to end against a real OpenID Connect provider, django-oauth-toolkit, run as
a second process on loopback (``provider/serve.py``): Procura redirects to its authorize page,
the person signs in there with a password, the provider sends the browser back with a code, and
Procura verifies the ID token against the provider's JWKS. Only the forged token comes from a
small crafted provider (``oidc_provider.py``), as no real provider signs a tampered payload."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pytest
import requests
from django.conf import settings as django_settings
from django.core.cache import cache

from procura.accounts.models import User

pytestmark = pytest.mark.django_db

CLIENT_ID = "procura-test"
CLIENT_SECRET = "test-client-secret"  # noqa: S105 - the throwaway provider's secret
CALLBACK = "http://testserver/api/v1/auth/sso/corp/callback/"
PEOPLE: dict[str, dict[str, Any]] = {
    "ann": {
        "email": "ann@example.com",
        "first_name": "Ann",
        "last_name": "Buyer",
        "groups": ["erp-buyers", "staff"],
    },
    "una": {"email": "una@example.com", "groups": ["erp-buyers"], "email_verified": False},
    "eve": {"email": "eve@elsewhere.org", "groups": ["erp-buyers"]},
}


@contextmanager
def _process(args: list[str], stdin: str | None = None) -> Iterator[str]:
    """Start a provider process; yield the issuer it prints once it accepts connections."""
    process = subprocess.Popen(  # noqa: S603 - our own test provider
        [sys.executable, "-m", *args],
        stdin=subprocess.PIPE if stdin is not None else None,
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(django_settings.BASE_DIR),
    )
    try:
        if stdin is not None:
            assert process.stdin is not None
            process.stdin.write(stdin)
            process.stdin.close()
        assert process.stdout is not None
        issuer = process.stdout.readline().strip()
        assert issuer.startswith("http://127.0.0.1:"), f"provider did not start ({issuer!r})"
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def provider() -> Iterator[dict[str, Any]]:
    """django-oauth-toolkit's OIDC provider with Procura registered and three people."""
    people = [
        {"username": name, "password": secrets.token_urlsafe(16), **person}
        for name, person in PEOPLE.items()
    ]
    config = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": CALLBACK,
        "people": people,
    }
    with _process(["procura.sso.tests.provider.serve"], stdin=json.dumps(config)) as issuer:
        yield {"issuer": issuer, "passwords": {p["username"]: p["password"] for p in people}}


@contextmanager
def forging_provider(*, email: str = "ann@example.com") -> Iterator[str]:
    with _process(
        [
            "procura.sso.tests.oidc_provider",
            *("--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET),
            *("--email", email, "--groups", "erp-buyers", "--mode", "tamper"),
        ]
    ) as issuer:
        yield issuer


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


def start(client: Any) -> str:
    """Procura's start endpoint: the provider's authorize URL, with PKCE, state and nonce."""
    response = client.get("/api/v1/auth/sso/corp/start/", {"next": "/purchase-orders"})
    assert response.status_code == 302
    authorize = str(response["Location"])
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["state"]
    assert query["nonce"]
    assert query["code_challenge"]
    assert query["redirect_uri"] == [CALLBACK]
    return authorize


def provider_sign_in(
    browser: requests.Session, authorize: str, *, username: str, password: str
) -> requests.Response:
    """The authorize page sends a signed-out browser to the provider's sign-in form; the
    person fills it in. Returns the provider's answer to the form."""
    response = browser.get(authorize, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    login = urljoin(authorize, response.headers["Location"])
    assert urlsplit(login).path == "/accounts/login/"
    form = browser.get(login, timeout=10)
    assert form.status_code == 200
    return browser.post(
        form.url,
        data={
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "username": username,
            "password": password,
        },
        allow_redirects=False,
        timeout=10,
    )


def at_provider(authorize: str, *, username: str = "", password: str = "") -> str:
    """The browser at the provider, signing in when asked, until the provider redirects back
    to Procura's callback. Returns that redirect."""
    browser = requests.Session()
    if username:
        signed_in = provider_sign_in(browser, authorize, username=username, password=password)
        assert signed_in.status_code == 302, "the provider refused the sign-in"
        assert urljoin(authorize, signed_in.headers["Location"]) == authorize
    response = browser.get(authorize, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    location = urljoin(authorize, response.headers["Location"])
    assert location.startswith(CALLBACK), location
    return location


def callback(client: Any, location: str, *, state: str | None = None) -> Any:
    back = urlsplit(location)
    params = {k: v[0] for k, v in parse_qs(back.query).items()}
    if state is not None:
        params["state"] = state
    return client.get(back.path, params)


def sign_in(client: Any, provider: dict[str, Any], person: str = "ann") -> Any:
    """The whole browser round trip as ``person`` at the real provider."""
    location = at_provider(start(client), username=person, password=provider["passwords"][person])
    return callback(client, location)


def error_of(response: Any) -> str:
    assert response.status_code == 302
    assert response["Location"].startswith("/login?")
    return parse_qs(urlsplit(response["Location"]).query)["sso_error"][0]


def test_sign_in_creates_the_user_with_mapped_roles_and_opens_a_cookie_session(
    client: Any, configure: Callable[..., None], provider: dict[str, Any]
) -> None:
    configure(provider["issuer"])
    response = sign_in(client, provider)

    assert response.status_code == 302
    assert response["Location"] == "/purchase-orders"
    access = response.cookies[django_settings.JWT_ACCESS_COOKIE]
    assert access["httponly"]
    me = client.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "ann@example.com"
    user = User.objects.get(email="ann@example.com")
    assert user.full_name == "Ann Buyer"
    assert set(user.role_names) == {"procurement"}  # erp-buyers mapped; staff not mapped
    assert not user.has_usable_password()


def test_a_second_sign_in_finds_the_same_user(
    client: Any, configure: Callable[..., None], provider: dict[str, Any]
) -> None:
    configure(provider["issuer"])
    assert sign_in(client, provider)["Location"] == "/purchase-orders"
    client.cookies.clear()
    assert sign_in(client, provider)["Location"] == "/purchase-orders"
    assert User.objects.filter(email__iexact="ann@example.com").count() == 1


def test_an_existing_user_is_linked_by_verified_email(
    client: Any, configure: Callable[..., None], make_user: Any, provider: dict[str, Any]
) -> None:
    existing = make_user("finance", email="Ann@Example.com")
    configure(provider["issuer"])
    response = sign_in(client, provider)
    assert response.status_code == 302
    assert response["Location"] == "/purchase-orders"
    assert User.objects.filter(email__iexact="ann@example.com").count() == 1
    existing.refresh_from_db()
    assert set(existing.role_names) == {"finance"}  # roles of a known user are kept
    assert client.get("/api/v1/auth/me/").json()["email"].lower() == "ann@example.com"


def assert_refused(client: Any, response: Any, code: str, users_before: int) -> None:
    assert error_of(response) == code
    assert (
        django_settings.JWT_ACCESS_COOKIE not in response.cookies
        or not response.cookies[django_settings.JWT_ACCESS_COOKIE].value
    )
    assert User.objects.count() == users_before
    assert client.get("/api/v1/auth/me/").status_code == 401


@pytest.mark.parametrize(
    ("person", "code"),
    [("una", "sso_email_unverified"), ("eve", "sso_domain_refused")],
)
def test_bad_identities_are_refused_and_change_nothing(
    client: Any, configure: Callable[..., None], provider: dict[str, Any], person: str, code: str
) -> None:
    users_before = User.objects.count()
    configure(provider["issuer"])
    assert_refused(client, sign_in(client, provider, person), code, users_before)


def test_an_id_token_for_another_nonce_is_refused(
    client: Any, configure: Callable[..., None], provider: dict[str, Any]
) -> None:
    """The provider signs a genuine token, but for a nonce this browser's flow did not ask for
    (a replayed or injected authorization response)."""
    users_before = User.objects.count()
    configure(provider["issuer"])
    url = urlsplit(start(client))
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    query["nonce"] = "a-nonce-from-another-flow"
    location = at_provider(
        urlunsplit(url._replace(query=urlencode(query))),
        username="ann",
        password=provider["passwords"]["ann"],
    )
    assert_refused(client, callback(client, location), "sso_bad_token", users_before)


def test_a_tampered_id_token_is_refused(client: Any, configure: Callable[..., None]) -> None:
    users_before = User.objects.count()
    with forging_provider() as issuer:
        configure(issuer)
        response = callback(client, at_provider(start(client)))
    assert_refused(client, response, "sso_bad_token", users_before)


def test_a_wrong_state_is_refused(
    client: Any, configure: Callable[..., None], provider: dict[str, Any]
) -> None:
    configure(provider["issuer"])
    location = at_provider(start(client), username="ann", password=provider["passwords"]["ann"])
    response = callback(client, location, state="not-the-state-we-sent")
    assert error_of(response) == "sso_bad_state"
    assert not User.objects.filter(email="ann@example.com").exists()


def test_a_callback_without_the_flow_cookie_is_refused(
    client: Any, configure: Callable[..., None], provider: dict[str, Any]
) -> None:
    configure(provider["issuer"])
    location = at_provider(start(client), username="ann", password=provider["passwords"]["ann"])
    client.cookies.clear()
    assert error_of(callback(client, location)) == "sso_bad_state"
    assert not User.objects.filter(email="ann@example.com").exists()


def test_a_wrong_password_at_the_provider_never_reaches_procura(
    client: Any, configure: Callable[..., None], provider: dict[str, Any]
) -> None:
    configure(provider["issuer"])
    browser = requests.Session()
    authorize = start(client)
    refused = provider_sign_in(browser, authorize, username="ann", password="not-the-password")
    assert refused.status_code == 200  # the provider's form again, no code issued
    still_out = browser.get(authorize, allow_redirects=False, timeout=10)
    assert urlsplit(still_out.headers["Location"]).path == "/accounts/login/"
    assert not User.objects.filter(email="ann@example.com").exists()


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
