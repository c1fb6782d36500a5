"""Reads of the accounts domain, with the joins their callers need."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Prefetch, QuerySet

from procura.accounts.models import ApiToken, Department, SignInPolicy, User


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
