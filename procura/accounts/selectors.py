"""Reads of the accounts domain, with the joins their callers need."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q, QuerySet

from procura.accounts.models import ApiToken, Department, SignInPolicy, User
from procura.accounts.permission_matrix import roles_for


def user_list() -> QuerySet[User]:
    """Users with department, manager and roles loaded (constant queries per page)."""
    return User.objects.select_related("department", "manager").prefetch_related(
        Prefetch("groups", queryset=Group.objects.only("id", "name"))
    )


def user_get(*, pk: int) -> User:
    return user_list().get(pk=pk)


def department_list() -> QuerySet[Department]:
    return Department.objects.select_related("head")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def sign_in_policy_get() -> SignInPolicy:
    """The stored policy, or (unsaved) the one the settings give."""
    stored = SignInPolicy.objects.select_related("updated_by").filter(pk=1).first()
    if stored is not None:
        return stored
    return SignInPolicy(password_sign_in=bool(getattr(settings, "PASSWORD_SIGN_IN_ENABLED", True)))


def password_sign_in_enabled() -> bool:
    return sign_in_policy_get().password_sign_in


def users_holding(*, action: str, exclude: int | None = None) -> QuerySet[User]:
    """Active users whose roles hold ``action`` of the permission matrix, by name: the people
    a colleague may hand a duty to (a delegate for approvals)."""
    roles = roles_for(action)
    queryset = User.objects.filter(is_active=True).filter(
        Q(groups__name__in=roles) | Q(is_superuser=True)
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.distinct().order_by("full_name", "email")
