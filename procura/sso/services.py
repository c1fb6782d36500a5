"""Signing in through an OpenID Connect provider: authorization code flow with PKCE (S256),
``state`` and ``nonce`` checked, the ID token verified against the provider's JWKS (signature,
issuer, audience, expiry, nonce), e-mail verified and in an allowed domain. The session that
follows is the same HttpOnly cookie session as a password sign-in.

The browser keeps the flow's secrets (state, nonce, PKCE verifier) in a signed, HttpOnly,
10-minute cookie set when the flow starts; the callback must bring back the same state.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from authlib.integrations.requests_client import OAuth2Session
from django.core import signing
from django.db import transaction
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from procura.accounts.models import User
from procura.accounts.services import SessionTokens, session_open, user_create
from procura.audit.services import audit_record
from procura.core.errors import InvalidInput, NotAllowed
from procura.sso.providers import Provider

FLOW_SALT = "procura.sso.flow"
FLOW_MAX_AGE = 600
ALGORITHMS = ["RS256", "ES256", "PS256"]

BAD_STATE = "The sign-in could not be matched to this browser (state); start again."
PROVIDER_REFUSED = "The sign-in provider refused: {error}."
TOKEN_FAILED = "The sign-in provider did not confirm the sign-in; start again."  # noqa: S105 - a message
BAD_TOKEN = "The sign-in provider's identity token is not valid."  # noqa: S105 - a message
UNVERIFIED_EMAIL = "The provider has not verified this e-mail address."
DOMAIN_REFUSED = "Sign-in with {domain} addresses is not allowed here."
INACTIVE = "This account is deactivated."


class SsoError(InvalidInput):
    default_code = "sso_failed"


@dataclass(frozen=True)
class FlowStart:
    url: str
    cookie: str


def _client(provider: Provider, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        scope=provider.scopes,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
    )


def sso_start(*, provider: Provider, redirect_uri: str, next_path: str) -> FlowStart:
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(48)
    client = _client(provider, redirect_uri)
    url, _ = client.create_authorization_url(
        provider.metadata()["authorization_endpoint"],
        state=state,
        nonce=nonce,
        code_verifier=verifier,
    )
    cookie = signing.dumps(
        {"p": provider.id, "s": state, "n": nonce, "v": verifier, "next": next_path},
        salt=FLOW_SALT,
    )
    return FlowStart(url=url, cookie=cookie)


def flow_of(cookie: str | None, *, provider: Provider, state: str | None) -> dict[str, Any]:
    """The flow's secrets, when the cookie is genuine, fresh, for this provider and state."""
    try:
        flow = signing.loads(cookie or "", salt=FLOW_SALT, max_age=FLOW_MAX_AGE)
    except signing.BadSignature:
        raise SsoError(BAD_STATE, code="sso_bad_state") from None
    if (
        flow.get("p") != provider.id
        or not state
        or not secrets.compare_digest(str(flow.get("s", "")), state)
    ):
        raise SsoError(BAD_STATE, code="sso_bad_state")
    return dict(flow)


def _id_token_claims(provider: Provider, raw: str, *, nonce: str) -> dict[str, Any]:
    try:
        token = jwt.decode(raw, KeySet.import_key_set(provider.jwks()), algorithms=ALGORITHMS)  # type: ignore[arg-type]
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": provider.client_id},
            exp={"essential": True},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError) as exc:
        raise SsoError(BAD_TOKEN, code="sso_bad_token") from exc
    return dict(token.claims)


def sso_finish(
    *, provider: Provider, flow: dict[str, Any], code: str, redirect_uri: str
) -> dict[str, Any]:
    """Exchange the code (with the PKCE verifier) and return the verified ID token claims."""
    client = _client(provider, redirect_uri)
    try:
        token = client.fetch_token(
            provider.metadata()["token_endpoint"],
            grant_type="authorization_code",
            code=code,
            code_verifier=flow["v"],
            timeout=10,
        )
    except Exception as exc:  # noqa: BLE001 - any failure of the exchange is the same answer
        raise SsoError(TOKEN_FAILED, code="sso_token_failed") from exc
    raw = token.get("id_token")
    if not raw:
        raise SsoError(BAD_TOKEN, code="sso_bad_token")
    return _id_token_claims(provider, str(raw), nonce=str(flow["n"]))


def _roles(provider: Provider, claims: dict[str, Any]) -> list[str]:
    groups = claims.get(provider.groups_claim, []) if provider.groups_claim else []
    if isinstance(groups, str):
        groups = [groups]
    mapped = sorted({provider.role_map[g] for g in groups if g in provider.role_map})
    return mapped or list(provider.default_roles)


@transaction.atomic
def sso_user(*, provider: Provider, claims: dict[str, Any]) -> User:
    """The user these verified claims sign in: an existing user with the same e-mail (the
    provider must have verified it), else a new one created now with roles from the groups
    claim or the provider's default roles."""
    email = str(claims.get("email") or "").strip().lower()
    if not email or claims.get("email_verified") is not True:
        raise NotAllowed(UNVERIFIED_EMAIL, code="sso_email_unverified")
    domain = email.rsplit("@", 1)[-1]
    if provider.allowed_domains and domain not in provider.allowed_domains:
        raise NotAllowed(DOMAIN_REFUSED.format(domain=domain), code="sso_domain_refused")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_create(
            by=None,
            email=email,
            full_name=str(claims.get("name") or email.split("@", 1)[0]),
            roles=_roles(provider, claims),
        )
        audit_record(
            actor=None,
            action="user.created_by_sso",
            obj=user,
            data={"provider": provider.id, "subject": str(claims.get("sub", ""))},
        )
    elif not user.is_active:
        raise NotAllowed(INACTIVE, code="sso_account_inactive")
    return user


def sso_sign_in(*, provider: Provider, claims: dict[str, Any]) -> tuple[User, SessionTokens]:
    user = sso_user(provider=provider, claims=claims)
    return user, session_open(user=user, method=f"sso:{provider.id}")
