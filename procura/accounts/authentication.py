"""Authentication for the API: JWT in HttpOnly cookies (web app) with CSRF on unsafe methods,
and ``Authorization: Bearer`` with a personal API token (integrations) or a session's access JWT.

An access JWT is accepted only while its session (claim ``sid``, ``UserSession``) lives: signing
out, a password change, a deactivation or a reused refresh token end the session, and its
access tokens stop working at once, in the cookie and as a bearer token alike."""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models import Aggregate, CharField, Exists, Model, OuterRef, Subquery
from django.db.models.base import ModelState
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from procura.accounts.models import ApiToken, User, UserSession, role_names_of
from procura.core.prepared import PreparedQuery

API_TOKEN_PREFIX = "procura_"  # noqa: S105
INVALID_TOKEN = "Invalid or revoked API token."  # noqa: S105
INVALID_SESSION = "Your session has expired or is invalid; sign in again."
LAST_USED_RESOLUTION = timedelta(minutes=5)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


ROLE_SEPARATOR = ","  # role names are slugs (procura.accounts.roles)


class _JoinedNames(Aggregate):
    """The names of a group of rows joined by ``ROLE_SEPARATOR`` (PostgreSQL and SQLite)."""

    output_field = CharField()
    template = f"%(function)s(%(expressions)s, '{ROLE_SEPARATOR}')"

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def _role_list(user_column: str) -> Subquery:
    return Subquery(
        Group.objects.filter(user=OuterRef(user_column))
        .order_by()
        .values("user")
        .annotate(names=_JoinedNames("name"))
        .values("names")
    )


def _with_roles(user: User, joined: str | None) -> User:
    """Sets ``user.role_names`` from the names the query read, as the property would."""
    user.__dict__["role_names"] = role_names_of(
        joined.split(ROLE_SEPARATOR) if joined else (), is_superuser=user.is_superuser
    )
    return user


SESSION_CLAIM = "sid"


def _active_user(user_id: Any, session_id: Any) -> User | None:
    """The active user with department and roles, in one query, provided the session
    ``session_id`` is theirs and has not ended."""
    try:
        session = uuid.UUID(str(session_id))
    except (TypeError, ValueError):
        return None
    user = (
        User.objects.filter(pk=user_id, is_active=True)
        .select_related("department")
        .annotate(
            role_list=_role_list("pk"),
            session_live=Exists(
                UserSession.objects.filter(pk=session, user=OuterRef("pk"), ended_at__isnull=True)
            ),
        )
        .first()
    )
    if user is None or not user.session_live:
        return None
    return _with_roles(user, user.role_list)


def _jwt_user(raw: str, authenticator: JWTAuthentication) -> tuple[User, Any]:
    try:
        validated = authenticator.get_validated_token(raw.encode())
    except (InvalidToken, TokenError) as exc:
        raise exceptions.AuthenticationFailed(INVALID_SESSION, code="token_not_valid") from exc
    user = _active_user(validated.get(jwt_settings.USER_ID_CLAIM), validated.get(SESSION_CLAIM))
    if user is None:
        raise exceptions.AuthenticationFailed(INVALID_SESSION, code="session_ended")
    return user, validated


class _CSRFCheck(CsrfViewMiddleware):
    def _reject(self, request: Any, reason: str) -> str:
        return reason


def enforce_csrf(request: Request) -> None:
    check = _CSRFCheck(lambda req: None)  # type: ignore[arg-type]
    check.process_request(request)
    reason = check.process_view(request, None, (), {})  # type: ignore[arg-type]
    if reason:
        raise exceptions.PermissionDenied(f"CSRF check failed: {reason}")


class CookieJWTAuthentication(JWTAuthentication):
    """The access JWT from the HttpOnly cookie. Unsafe methods also need the CSRF token."""

    www_authenticate_realm = "api"

    def authenticate(self, request: Request) -> tuple[User, Any] | None:  # type: ignore[override]
        raw = request.COOKIES.get(settings.JWT_ACCESS_COOKIE)
        if not raw:
            return None
        user, validated = _jwt_user(raw, self)
        enforce_csrf(request)
        return user, validated

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


# One query, compiled once per worker: the token, its user with department, and the user's roles.
_TOKEN_BY_DIGEST = PreparedQuery(
    lambda digest: (
        ApiToken.objects.filter(digest=digest, revoked_at__isnull=True)
        .select_related("user", "user__department")
        .annotate(role_list=_role_list("user_id"))
        .order_by("pk")[:1]
    ),
    "digest",
)


# --- API tokens read once for a few seconds -------------------------------------------------
# An integration calls the API many times a second with the same token. Each process keeps the
# tokens it read (with user, department and roles) for at most API_TOKEN_CACHE_SECONDS, and only
# while the value under AUTH_GENERATION_KEY in the shared cache is the one they were read under.
# Whatever can refuse a token or change what its user may do -- a revocation, a save or deletion
# of a user, a role given or taken, a role group or department changed -- writes a new value
# (``auth_changed``), so every process sharing the cache (Redis) reads its tokens again on the
# next request. Without a shared cache (no Redis: every process has its own), the process that
# made the change sees it at once and others after at most those seconds. With the cache
# unreachable no token is kept.
AUTH_GENERATION_KEY = "accounts:auth-generation"
_TOKENS_KEPT = 10_000  # tokens per process; all are dropped when there would be more


@dataclass
class _KeptToken:
    token: ApiToken  # with its user, the user's department and role names (``role_list``)
    generation: str
    until: float  # time.monotonic()


_TOKENS: dict[str, _KeptToken] = {}


def _new_generation() -> None:
    cache.set(AUTH_GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    _TOKENS.clear()


def auth_changed(**kwargs: Any) -> None:
    """Tokens read before now are read again from the database: at once, and once more when
    the current transaction commits (a token read by another process in between saw the
    change's rows as they were before it). A signal receiver; services that change these rows
    with ``QuerySet.update()`` call it themselves."""
    _new_generation()
    transaction.on_commit(_new_generation)


_M = TypeVar("_M", bound=Model)


def _own_copy(instance: _M) -> _M:
    """A request's own copy of a kept model instance and of the related objects it holds, so
    what a request sets on its user never reaches another request."""
    copy = instance.__class__.__new__(instance.__class__)
    copy.__dict__.update(instance.__dict__)
    state = copy._state = ModelState()
    state.db, state.adding = instance._state.db, instance._state.adding
    state.fields_cache = {
        name: None if related is None else _own_copy(related)
        for name, related in instance._state.fields_cache.items()
    }
    return copy


def _token_by_digest(digest: str) -> tuple[ApiToken | None, _KeptToken | None]:
    """The live token with this digest (None: unknown or revoked), its user with department
    and roles, from this process's kept tokens when they are current; and the kept entry."""
    seconds = float(getattr(settings, "API_TOKEN_CACHE_SECONDS", 0))
    if seconds <= 0:
        return _TOKEN_BY_DIGEST.first(digest=digest), None
    generation = cache.get(AUTH_GENERATION_KEY)
    now = time.monotonic()
    kept = _TOKENS.get(digest)
    if kept is not None and kept.generation == generation and now < kept.until:
        return _own_copy(kept.token), kept
    token = _TOKEN_BY_DIGEST.first(digest=digest)
    if generation is None:
        # No generation yet (or the cache is away): start one; keep nothing read before it.
        cache.add(AUTH_GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        return token, None
    if token is None:
        return None, None
    if len(_TOKENS) >= _TOKENS_KEPT:
        _TOKENS.clear()
    kept = _TOKENS[digest] = _KeptToken(token, generation, now + seconds)
    return _own_copy(token), kept


class ApiTokenAuthentication(BaseAuthentication):
    """``Authorization: Bearer``: a personal API token, or a session's access JWT."""

    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[User, Any] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        try:
            raw = parts[1].decode()
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from exc
        if not raw.startswith(API_TOKEN_PREFIX) and raw.count(".") == 2:
            # A session's access JWT sent as a header: no CSRF (a browser never adds it).
            return _jwt_user(raw, JWTAuthentication())
        token, kept = _token_by_digest(token_digest(raw))
        if token is None or not token.is_usable or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        user = _with_roles(token.user, token.role_list)  # type: ignore[attr-defined]
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
            if kept is not None:
                kept.token.last_used_at = now
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'
