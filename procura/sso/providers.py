"""The identity providers people may sign in with (Google, Microsoft Entra, Okta, Keycloak, any
OpenID Connect provider), configured by the operator in ``SSO_PROVIDERS`` (a JSON list from the
environment, secrets included, never in code)::

    [{"id": "google", "name": "Google", "issuer": "https://accounts.google.com",
      "client_id": "...", "client_secret": "...",
      "allowed_domains": ["example.com"],          # e-mail domains that may sign in
      "groups_claim": "groups",                    # optional: claim listing the user's groups
      "role_map": {"erp-buyers": "procurement"},   # group -> role, for new users
      "default_roles": ["requester"]}]             # roles of a new user with no mapped group

The provider's endpoints and keys come from its discovery document
(``<issuer>/.well-known/openid-configuration``), cached for an hour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache

from procura.accounts import selectors as accounts_selectors
from procura.core.errors import InvalidInput, NotFound

DISCOVERY_TTL = 3600
HTTP_TIMEOUT = 10
UNKNOWN_PROVIDER = "No sign-in provider {id!r}."
PROVIDER_DOWN = "The sign-in provider cannot be reached; try again or use another sign-in."


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    issuer: str
    client_id: str
    client_secret: str
    allowed_domains: tuple[str, ...] = ()
    groups_claim: str = ""
    role_map: dict[str, str] = field(default_factory=dict)
    default_roles: tuple[str, ...] = ()
    scopes: str = "openid email profile"

    def metadata(self) -> dict[str, Any]:
        key = f"sso:discovery:{self.id}:{self.issuer}"
        found = cache.get(key)
        if found is None:
            url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
            try:
                response = requests.get(url, timeout=HTTP_TIMEOUT)
                response.raise_for_status()
                found = response.json()
            except (requests.RequestException, ValueError) as exc:
                raise InvalidInput(PROVIDER_DOWN, code="sso_provider_unavailable") from exc
            cache.set(key, found, DISCOVERY_TTL)
        return dict(found)

    def jwks(self) -> dict[str, Any]:
        key = f"sso:jwks:{self.id}:{self.issuer}"
        found = cache.get(key)
        if found is None:
            try:
                response = requests.get(self.metadata()["jwks_uri"], timeout=HTTP_TIMEOUT)
                response.raise_for_status()
                found = response.json()
            except (requests.RequestException, ValueError, KeyError) as exc:
                raise InvalidInput(PROVIDER_DOWN, code="sso_provider_unavailable") from exc
            cache.set(key, found, DISCOVERY_TTL)
        return dict(found)


def providers() -> list[Provider]:
    configured: list[dict[str, Any]] = list(getattr(settings, "SSO_PROVIDERS", []) or [])
    return [
        Provider(
            id=str(item["id"]),
            name=str(item.get("name") or item["id"]),
            issuer=str(item["issuer"]),
            client_id=str(item["client_id"]),
            client_secret=str(item.get("client_secret", "")),
            allowed_domains=tuple(d.lower() for d in item.get("allowed_domains", [])),
            groups_claim=str(item.get("groups_claim", "")),
            role_map=dict(item.get("role_map", {})),
            default_roles=tuple(item.get("default_roles", [])),
            scopes=str(item.get("scopes", "openid email profile")),
        )
        for item in configured
    ]


def provider_get(provider_id: str) -> Provider:
    for provider in providers():
        if provider.id == provider_id:
            return provider
    raise NotFound(UNKNOWN_PROVIDER.format(id=provider_id), code="sso_unknown_provider")


def password_sign_in_enabled() -> bool:
    return accounts_selectors.password_sign_in_enabled()
