"""Signing in and out, session refresh and password changes.

Sessions are a refresh JWT (rotated on every use, the old one blacklisted) and a short-lived
access JWT. The transport (cookies, CSRF) belongs to the API layer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from procura.accounts import login_throttle
from procura.accounts.errors import (
    INVALID_CREDENTIALS,
    SESSION_INVALID,
    WRONG_PASSWORD,
    AccountsErrorCode,
    InvalidCredentials,
    SessionInvalid,
)
from procura.accounts.models import User
from procura.accounts.services.tokens import api_tokens_revoke_all
from procura.audit.services import audit_record
from procura.core.errors import InvalidInput, NotAllowed
from procura.core.permissions import ADMIN_ROLE, user_roles

logger = logging.getLogger("procura.accounts")


@dataclass(frozen=True)
class SessionTokens:
    access: str
    refresh: str


PASSWORD_SIGN_IN_DISABLED = "Sign-in with a password is turned off; use single sign-on."  # noqa: S105 - a message


def normalize_login_email(email: str) -> str:
    return (email or "").strip().lower()


def _issue_tokens(user: User) -> SessionTokens:
    refresh = RefreshToken.for_user(user)
    return SessionTokens(access=str(refresh.access_token), refresh=str(refresh))


def session_open(*, user: User, method: str) -> SessionTokens:
    """Open a session for ``user`` whose identity another sign-in method proved (``method``,
    e.g. "sso:google"): the same cookies as a password sign-in. An inactive user is refused."""
    if not user.is_active:
        raise InvalidCredentials(INVALID_CREDENTIALS)
    with transaction.atomic():
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
        tokens = _issue_tokens(user)
        audit_record(actor=user, action="user.login_succeeded", obj=user, data={"method": method})
    return tokens


def session_login(*, email: str, password: str, ip: str) -> tuple[User, SessionTokens]:
    """Check the credentials under the failure limits of ``login_throttle`` and open a session.

    Rule: one answer for an unknown e-mail, a wrong password and an inactive account, so the
    response never tells whether an address is registered. No row lock: the counters are atomic
    cache operations.
    """
    normalized = normalize_login_email(email)
    attempt = login_throttle.attempt_begin(email=normalized, ip=ip)
    user = authenticate(request=None, email=normalized, password=password)
    if not isinstance(user, User) or not user.is_active:
        with transaction.atomic():
            known = User.objects.filter(email__iexact=normalized).only("pk", "email").first()
            audit_record(
                actor=None,
                action="user.login_failed",
                obj=known,
                object_type="" if known else "accounts.user",
                data={"email": normalized, "known_account": known is not None},
            )
        raise InvalidCredentials(INVALID_CREDENTIALS)
    login_throttle.attempt_succeeded(attempt)
    if not getattr(settings, "PASSWORD_SIGN_IN_ENABLED", True) and (
        ADMIN_ROLE not in user_roles(user)
    ):
        # Single sign-on only; administrators keep their password as the way back in.
        raise NotAllowed(PASSWORD_SIGN_IN_DISABLED, code="password_sign_in_disabled")
    with transaction.atomic():
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
        tokens = _issue_tokens(user)
        audit_record(actor=user, action="user.login_succeeded", obj=user)
    return user, tokens


def _user_of(token: RefreshToken) -> User | None:
    return (
        User.objects.filter(pk=token.get(jwt_settings.USER_ID_CLAIM), is_active=True)
        .select_related("department", "manager")
        .prefetch_related("groups")
        .first()
    )


def _parse_refresh(raw: str) -> RefreshToken:
    try:
        return RefreshToken(raw)  # type: ignore[arg-type]
    except TokenError as exc:
        raise SessionInvalid(SESSION_INVALID) from exc


def _blacklist_locked(jti: str) -> bool:
    """Blacklist one refresh token under a lock on its outstanding row. False when it was not
    outstanding or already blacklisted (a reused token)."""
    # order_by("pk"): the model's default ordering joins the user, which FOR UPDATE refuses.
    outstanding = (
        OutstandingToken.objects.select_for_update().filter(jti=jti).order_by("pk").first()
    )
    if outstanding is None:
        return False
    _, created = BlacklistedToken.objects.get_or_create(token=outstanding)
    return created


@transaction.atomic
def session_refresh(*, raw_refresh: str) -> tuple[User, SessionTokens]:
    """Rotate a refresh token: the old one is blacklisted, a new pair is issued.

    Rule: a refresh token works once. Locks the token's OutstandingToken row, so two concurrent
    refreshes with the same token cannot both succeed.
    """
    if not raw_refresh:
        raise SessionInvalid(SESSION_INVALID)
    token = _parse_refresh(raw_refresh)
    if not _blacklist_locked(str(token[jwt_settings.JTI_CLAIM])):
        raise SessionInvalid(SESSION_INVALID)
    user = _user_of(token)
    if user is None:
        raise SessionInvalid(SESSION_INVALID)
    return user, _issue_tokens(user)


@transaction.atomic
def session_logout(*, raw_refresh: str, user: User | None) -> None:
    """Revoke the session's refresh token (if any and valid). Never fails: signing out of a
    broken session still clears it on the client."""
    owner = user
    if raw_refresh:
        try:
            token = RefreshToken(raw_refresh)  # type: ignore[arg-type]
        except TokenError:
            token = None
        if token is not None:
            _blacklist_locked(str(token[jwt_settings.JTI_CLAIM]))
            owner = owner or _user_of(token)
    if owner is not None:
        audit_record(actor=owner, action="user.logout", obj=owner)


def sessions_revoke_all(*, user: User) -> int:
    """Blacklist every refresh token of the user that is still outstanding. Call inside the
    transaction of the change that requires it (password change, deactivation)."""
    open_tokens = OutstandingToken.objects.filter(
        user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
    )
    revoked = BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in open_tokens], ignore_conflicts=True
    )
    return len(revoked)


@transaction.atomic
def password_change(*, user: User, current_password: str, new_password: str) -> SessionTokens:
    """Change one's own password. Rules: the current password must be right, the new one must
    pass the password validators. Every other session of the user ends (their refresh tokens are
    blacklisted) and a new session is returned for the caller. Locks the user row."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.check_password(current_password):
        raise InvalidInput(
            WRONG_PASSWORD,
            code=AccountsErrorCode.WRONG_PASSWORD,
            errors={"current_password": [WRONG_PASSWORD]},
        )
    try:
        validate_password(new_password, user=locked)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], errors={"new_password": list(exc.messages)}) from exc
    locked.set_password(new_password)
    locked.save(update_fields=["password", "updated_at"])
    revoked = sessions_revoke_all(user=locked)
    tokens_revoked = api_tokens_revoke_all(user=locked)
    tokens = _issue_tokens(locked)
    audit_record(
        actor=locked,
        action="user.password_changed",
        obj=locked,
        data={"sessions_ended": revoked, "api_tokens_revoked": tokens_revoked},
    )
    return tokens
