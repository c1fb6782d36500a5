"""Signing in and out, session refresh and password changes.

A session (``UserSession``) is a family of refresh JWTs, each rotated on use (the old one
blacklisted), and the short-lived access JWTs they issue; every token carries the session id
(claim ``sid``). Ending the session refuses all of them at once: on sign-out, on a password
change or deactivation, and when a refresh token that was already rotated is presented again
(someone holds a copy: the whole family is revoked). The transport (cookies, CSRF) belongs to
the API layer.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken, Token

from procura.accounts import login_throttle
from procura.accounts.authentication import SESSION_CLAIM
from procura.accounts.errors import (
    INVALID_CREDENTIALS,
    SESSION_INVALID,
    WRONG_PASSWORD,
    AccountsErrorCode,
    InvalidCredentials,
    SessionInvalid,
)
from procura.accounts.models import SessionEndReason, User, UserSession
from procura.accounts.selectors import password_sign_in_enabled
from procura.accounts.signals import password_set_by
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


# A refresh token presented again this soon after its rotation is taken as two tabs refreshing
# at once (refused, the session lives on); later, as a stolen copy (the session ends).
REFRESH_REUSE_GRACE = timedelta(seconds=10)


def _issue_tokens(user: User, session: UserSession) -> SessionTokens:
    refresh = RefreshToken.for_user(user)
    refresh[SESSION_CLAIM] = str(session.pk)
    # The access token copies the claims of its refresh token, ``sid`` included.
    return SessionTokens(access=str(refresh.access_token), refresh=str(refresh))


def _session_start(user: User, method: str) -> SessionTokens:
    return _issue_tokens(user, UserSession.objects.create(user=user, method=method))


def session_id_of(token: RefreshToken | AccessToken | dict[str, object]) -> uuid.UUID | None:
    """The session a token belongs to; None for a token without one (or a malformed one)."""
    try:
        return uuid.UUID(str(token.get(SESSION_CLAIM)))
    except (TypeError, ValueError, AttributeError):
        return None


def _session_end(session_ids: object, reason: SessionEndReason) -> int:
    return UserSession.objects.filter(pk__in=session_ids, ended_at__isnull=True).update(  # type: ignore[misc]
        ended_at=timezone.now(), end_reason=reason
    )


def session_open(*, user: User, method: str) -> SessionTokens:
    """Open a session for ``user`` whose identity another sign-in method proved (``method``,
    e.g. "sso:google"): the same cookies as a password sign-in. An inactive user is refused."""
    if not user.is_active:
        raise InvalidCredentials(INVALID_CREDENTIALS)
    with transaction.atomic():
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
        tokens = _session_start(user, method)
        audit_record(actor=user, action="user.login_succeeded", obj=user, data={"method": method})
    return tokens


def session_login(
    *, email: str, password: str, ip: str, known_client: bool = False
) -> tuple[User, SessionTokens]:
    """Check the credentials under the failure limits of ``login_throttle`` and open a session.

    Rule: one answer for an unknown e-mail, a wrong password and an inactive account, so the
    response never tells whether an address is registered. No row lock: the counters are atomic
    cache operations.
    """
    normalized = normalize_login_email(email)
    attempt = login_throttle.attempt_begin(email=normalized, ip=ip, known_client=known_client)
    user = authenticate(request=None, email=normalized, password=password)
    if not isinstance(user, User) or not user.is_active:
        login_throttle.attempt_failed(attempt)
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
    if not password_sign_in_enabled() and ADMIN_ROLE not in user_roles(user):
        # Single sign-on only; administrators keep their password as the way back in.
        raise NotAllowed(PASSWORD_SIGN_IN_DISABLED, code="password_sign_in_disabled")
    with transaction.atomic():
        user.last_login = timezone.now()
        user.save(update_fields=["last_login"])
        tokens = _session_start(user, "password")
        audit_record(actor=user, action="user.login_succeeded", obj=user)
    return user, tokens


def _user_of(token: RefreshToken) -> User | None:
    return (
        User.objects.filter(pk=token.get(jwt_settings.USER_ID_CLAIM), is_active=True)
        .select_related("department", "manager")
        .prefetch_related("groups")
        .first()
    )


class _PresentedRefreshToken(RefreshToken):
    """A refresh token checked for signature, expiry and type, but not against the blacklist:
    ``_rotate`` must tell a reused token (which ends its session) from a bad one."""

    def verify(self, *args: Any, **kwargs: Any) -> None:
        Token.verify(self, *args, **kwargs)


def _parse_refresh(raw: str) -> RefreshToken:
    try:
        return _PresentedRefreshToken(raw)  # type: ignore[arg-type]
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


def session_refresh(*, raw_refresh: str) -> tuple[User, SessionTokens]:
    """Rotate a refresh token: the old one is blacklisted, a new pair of the same session is
    issued.

    Rules: a refresh token works once, and only while its session lives. A token already
    rotated and presented again more than ``REFRESH_REUSE_GRACE`` later ends its whole session
    (whoever holds the newer tokens must sign in again), recorded in the audit trail. Locks the
    session row, then the token's OutstandingToken row, so two concurrent refreshes with the
    same token cannot both succeed.
    """
    if not raw_refresh:
        raise SessionInvalid(SESSION_INVALID)
    token = _parse_refresh(raw_refresh)
    with transaction.atomic():
        rotated = _rotate(token)
    # Raised after the commit: ending a session on reuse must not roll back with the refusal.
    if rotated is None:
        raise SessionInvalid(SESSION_INVALID)
    return rotated


def _rotate(token: RefreshToken) -> tuple[User, SessionTokens] | None:
    session_id = session_id_of(token)
    session = (
        UserSession.objects.select_for_update().filter(pk=session_id).first()
        if session_id
        else None
    )
    if session is None or session.ended_at is not None:
        return None
    jti = str(token[jwt_settings.JTI_CLAIM])
    if not _blacklist_locked(jti):
        blacklisted_at = (
            BlacklistedToken.objects.filter(token__jti=jti)
            .values_list("blacklisted_at", flat=True)
            .first()
        )
        if blacklisted_at is None or timezone.now() - blacklisted_at > REFRESH_REUSE_GRACE:
            _session_end([session.pk], SessionEndReason.REFRESH_REUSED)
            audit_record(
                actor=None,
                action="user.session_revoked",
                obj=session.user,
                data={"session": str(session.pk), "reason": SessionEndReason.REFRESH_REUSED},
            )
        return None
    user = _user_of(token)
    if user is None or user.pk != session.user_id:
        return None
    return user, _issue_tokens(user, session)


@transaction.atomic
def session_logout(*, raw_refresh: str, raw_access: str = "", user: User | None) -> None:
    """End the session of the refresh (or access) token: its refresh tokens and the access
    token in use stop working at once. Never fails: signing out of a broken session still
    clears it on the client."""
    owner = user
    session_id = None
    if raw_refresh:
        try:
            token = RefreshToken(raw_refresh)  # type: ignore[arg-type]
        except TokenError:
            token = None
        if token is not None:
            _blacklist_locked(str(token[jwt_settings.JTI_CLAIM]))
            session_id = session_id_of(token)
            owner = owner or _user_of(token)
    if session_id is None and raw_access:
        try:
            session_id = session_id_of(AccessToken(raw_access))  # type: ignore[arg-type]
        except TokenError:
            session_id = None
    if session_id is not None:
        _session_end([session_id], SessionEndReason.LOGOUT)
    if owner is not None:
        audit_record(actor=owner, action="user.logout", obj=owner)


def sessions_revoke_all(*, user: User, reason: SessionEndReason = SessionEndReason.REVOKED) -> int:
    """End every open session of the user (their access tokens stop at once) and blacklist
    every refresh token still outstanding. Call inside the transaction of the change that
    requires it (password change, deactivation). Returns the number of sessions ended."""
    ended = _session_end(
        UserSession.objects.filter(user=user, ended_at__isnull=True).values("pk"), reason
    )
    open_tokens = OutstandingToken.objects.filter(
        user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in open_tokens], ignore_conflicts=True
    )
    return ended


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
    audit_record(actor=locked, action="user.password_changed", obj=locked)
    with password_set_by(locked):  # ends every session and API token (accounts.signals)
        locked.save(update_fields=["password", "updated_at"])
    return _session_start(locked, "password")
