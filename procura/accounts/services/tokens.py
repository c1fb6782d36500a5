"""Personal API tokens: shown once when created, stored as a SHA-256 digest, revocable."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from procura.accounts.authentication import API_TOKEN_PREFIX, auth_changed, token_digest
from procura.accounts.errors import TOKEN_ALREADY_REVOKED, AccountsErrorCode
from procura.accounts.models import ApiToken, User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput

TOKEN_EXPIRY_IN_PAST = "The expiry must be in the future."  # noqa: S105
VISIBLE_PREFIX_LENGTH = 12


def new_raw_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def api_token_create(
    *, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for ``user`` and return it with the raw value, which is never stored
    and cannot be shown again. Rules: an expiry, when given, is in the future; without one the
    token expires after ``API_TOKEN_DEFAULT_DAYS``. No lock."""
    if expires_at is not None and expires_at <= timezone.now():
        raise InvalidInput(TOKEN_EXPIRY_IN_PAST, errors={"expires_at": [TOKEN_EXPIRY_IN_PAST]})
    if expires_at is None:
        expires_at = timezone.now() + timedelta(days=int(settings.API_TOKEN_DEFAULT_DAYS))
    raw = new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=raw[:VISIBLE_PREFIX_LENGTH],
        digest=token_digest(raw),
        expires_at=expires_at,
    )
    audit_record(
        actor=user,
        action="api_token.created",
        obj=token,
        data={"name": token.name, "prefix": token.prefix, "expires_at": expires_at},
    )
    return token, raw


def api_tokens_revoke_all(*, user: User) -> int:
    """Revoke every live token of ``user``. Call inside the transaction of the change that
    requires it (password change, deactivation)."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    auth_changed()  # an update() sends no signal
    return revoked


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token; it stops working at once. Rule: not twice. Locks the token row."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise Conflict(TOKEN_ALREADY_REVOKED, code=AccountsErrorCode.ALREADY_REVOKED)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit_record(
        actor=by,
        action="api_token.revoked",
        obj=locked,
        changes={"revoked_at": (None, locked.revoked_at)},
    )
    return locked
