"""Reads of the accounts domain, with the joins their callers need."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import Prefetch, QuerySet

from procura.accounts.models import ApiToken, Department, User


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
