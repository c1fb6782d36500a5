"""Creating and changing users (admin only; the API checks the role)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from procura.accounts.errors import (
    EMAIL_TAKEN,
    LAST_ADMIN,
    MANAGER_CYCLE,
    SELF_DEACTIVATION,
    UNKNOWN_ROLE,
    USER_ALREADY_ACTIVE,
    USER_ALREADY_INACTIVE,
    AccountsErrorCode,
)
from procura.accounts.models import Department, SessionEndReason, User
from procura.accounts.phones import normalize_phone
from procura.accounts.roles import ALL_ROLES, STAFF_ROLES, Role
from procura.accounts.services.fields import refuse_unknown_fields
from procura.accounts.services.sessions import sessions_revoke_all
from procura.accounts.services.tokens import api_tokens_revoke_all
from procura.audit.services import audit_record, diff, snapshot
from procura.core.errors import Conflict, DomainError, InvalidInput
from procura.core.money import ZERO, round_money

# Fields an admin may change with user_update (is_active has its own actions).
EDITABLE_FIELDS = ("email", "full_name", "phone", "department", "manager", "spending_limit")
AUDITED_FIELDS = (*EDITABLE_FIELDS, "is_staff", "is_superuser")
SPENDING_LIMIT_NEGATIVE = "The spending limit cannot be negative."


def _email_taken() -> Conflict:
    return Conflict(
        EMAIL_TAKEN, code=AccountsErrorCode.EMAIL_TAKEN, errors={"email": [EMAIL_TAKEN]}
    )


def _save(user: User) -> None:
    """Save; the unique index on lower(email) settles a race the pre-check missed."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise _email_taken() from exc


def _check_roles(roles: Iterable[str]) -> list[str]:
    names = sorted(set(roles))
    unknown = [name for name in names if name not in ALL_ROLES]
    if unknown:
        raise InvalidInput(
            UNKNOWN_ROLE,
            code=AccountsErrorCode.UNKNOWN_ROLE,
            errors={"roles": [f"{UNKNOWN_ROLE} ({', '.join(unknown)})"]},
        )
    return names


def _check_email_free(email: str, *, exclude_pk: int | None = None) -> str:
    normalized = email.strip().lower()
    taken = User.objects.filter(email__iexact=normalized)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise _email_taken()
    return normalized


def _check_spending_limit(value: Decimal | int | str) -> Decimal:
    amount = round_money(value)
    if amount < ZERO:
        raise InvalidInput(
            SPENDING_LIMIT_NEGATIVE, errors={"spending_limit": [SPENDING_LIMIT_NEGATIVE]}
        )
    return amount


def _check_manager(user_pk: int | None, manager: User | None) -> None:
    """Walk up the manager chain from ``manager`` (locking each row, so two concurrent changes
    cannot close a loop) and refuse when it reaches the user."""
    seen: set[int] = set()
    current_pk = manager.pk if manager is not None else None
    while current_pk is not None and current_pk not in seen:
        if user_pk is not None and current_pk == user_pk:
            raise InvalidInput(
                MANAGER_CYCLE,
                code=AccountsErrorCode.MANAGER_CYCLE,
                errors={"manager": [MANAGER_CYCLE]},
            )
        seen.add(current_pk)
        current_pk = (
            User.objects.select_for_update()
            .filter(pk=current_pk)
            .values_list("manager_id", flat=True)
            .first()
        )


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], errors={"password": list(exc.messages)}) from exc


def _apply_role_flags(user: User, roles: Iterable[str]) -> None:
    """Staff roles may use the Django admin; the admin role is a superuser there."""
    held = set(roles)
    user.is_staff = bool(held.intersection(STAFF_ROLES))
    user.is_superuser = Role.ADMIN in held


def _set_groups(user: User, roles: list[str]) -> None:
    groups = [Group.objects.get_or_create(name=name)[0] for name in roles]
    user.groups.set(groups)
    user.__dict__.pop("role_names", None)


# Any constant serialises the changes that could remove the last administrator.
_ADMIN_GUARD_LOCK = 0x61646D696E


def _ensure_another_admin(user: User) -> None:
    """409 unless an active administrator other than ``user`` remains. Two concurrent
    demotions take a transaction-level advisory lock on PostgreSQL in turn, so they cannot
    both see the other one still in place."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADMIN_GUARD_LOCK])
    others = (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=Role.ADMIN))
        .exclude(pk=user.pk)
    )
    if not others.exists():
        raise Conflict(LAST_ADMIN, code=AccountsErrorCode.LAST_ADMIN)


def _current_roles(user: User) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


@transaction.atomic
def user_create(
    *,
    by: User | None,
    email: str,
    full_name: str,
    phone: str = "",
    department: Department | None = None,
    manager: User | None = None,
    spending_limit: Decimal | int | str = ZERO,
    roles: Iterable[str] = (),
    password: str | None = None,
) -> User:
    """Create a user. Rules: e-mail unique whatever its case; phone in E.164; spending limit
    >= 0; roles from ``Role``; without a password the account cannot sign in until one is set.
    Relies on the unique index on lower(email) against concurrent creates."""
    role_names = _check_roles(roles)
    user = User(
        email=_check_email_free(email),
        full_name=full_name.strip(),
        phone=normalize_phone(phone),
        department=department,
        manager=manager,
        spending_limit=_check_spending_limit(spending_limit),
    )
    _check_manager(None, manager)
    _apply_role_flags(user, role_names)
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    _save(user)
    _set_groups(user, role_names)
    after = snapshot(user, AUDITED_FIELDS)
    audit_record(
        actor=by,
        action="user.created",
        obj=user,
        changes={name: (None, value) for name, value in after.items()},
        data={"roles": role_names, "password_set": bool(password)},
    )
    return user


@transaction.atomic
def user_update(
    *, user: User, by: User | None, changes: Mapping[str, Any], roles: Iterable[str] | None = None
) -> User:
    """Change a user's profile fields and, when ``roles`` is given, their roles. Same rules as
    ``user_create``, plus: the manager chain has no loop. Locks the user row."""
    refuse_unknown_fields(changes, EDITABLE_FIELDS)
    locked = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(locked, AUDITED_FIELDS)
    roles_before = _current_roles(locked)
    if "email" in changes:
        locked.email = _check_email_free(str(changes["email"]), exclude_pk=locked.pk)
    if "full_name" in changes:
        locked.full_name = str(changes["full_name"]).strip()
    if "phone" in changes:
        locked.phone = normalize_phone(str(changes["phone"] or ""))
    if "department" in changes:
        locked.department = changes["department"]
    if "manager" in changes:
        _check_manager(locked.pk, changes["manager"])
        locked.manager = changes["manager"]
    if "spending_limit" in changes:
        locked.spending_limit = _check_spending_limit(changes["spending_limit"])
    roles_after = _check_roles(roles) if roles is not None else roles_before
    was_admin = locked.is_superuser or Role.ADMIN in roles_before
    if was_admin and Role.ADMIN not in roles_after and locked.is_active:
        _ensure_another_admin(locked)
    _apply_role_flags(locked, roles_after)
    _save(locked)
    field_changes = diff(before, snapshot(locked, AUDITED_FIELDS))
    if roles_after != roles_before:
        _set_groups(locked, roles_after)
    if field_changes:
        audit_record(actor=by, action="user.updated", obj=locked, changes=field_changes)
    if roles_after != roles_before:
        audit_record(
            actor=by,
            action="user.roles_changed",
            obj=locked,
            changes={"roles": (roles_before, roles_after)},
        )
    return locked


@transaction.atomic
def user_deactivate(*, user: User, by: User | None) -> User:
    """Deactivate a user: they cannot sign in, their sessions end and their API tokens stop
    working. Rules: not oneself; not twice. Locks the user row."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if by is not None and by.pk == locked.pk:
        raise DomainError(SELF_DEACTIVATION, code=AccountsErrorCode.SELF_DEACTIVATION)
    if not locked.is_active:
        raise Conflict(USER_ALREADY_INACTIVE, code=AccountsErrorCode.ALREADY_IN_STATE)
    if locked.is_superuser or Role.ADMIN in _current_roles(locked):
        _ensure_another_admin(locked)
    locked.is_active = False
    locked.save(update_fields=["is_active", "updated_at"])
    ended = sessions_revoke_all(user=locked, reason=SessionEndReason.DEACTIVATED)
    tokens_revoked = api_tokens_revoke_all(user=locked)
    audit_record(
        actor=by,
        action="user.deactivated",
        obj=locked,
        changes={"is_active": (True, False)},
        data={
            "sessions_ended": ended,
            "api_tokens_revoked": tokens_revoked,
            "at": timezone.now().isoformat(),
        },
    )
    return locked


@transaction.atomic
def user_credentials_revoke(*, user: User, by: User | None, reason: SessionEndReason) -> None:
    """End every session and revoke every API token of ``user`` after their password or
    status was changed outside these services (the Django admin's forms). Locks the user row."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    ended = sessions_revoke_all(user=locked, reason=reason)
    tokens_revoked = api_tokens_revoke_all(user=locked)
    audit_record(
        actor=by,
        action="user.credentials_revoked",
        obj=locked,
        data={"reason": reason, "sessions_ended": ended, "api_tokens_revoked": tokens_revoked},
    )


@transaction.atomic
def user_reactivate(*, user: User, by: User | None) -> User:
    """Let a deactivated user sign in again. Rule: only an inactive user. Locks the user row."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_active:
        raise Conflict(USER_ALREADY_ACTIVE, code=AccountsErrorCode.ALREADY_IN_STATE)
    locked.is_active = True
    locked.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=by, action="user.reactivated", obj=locked, changes={"is_active": (False, True)}
    )
    return locked
