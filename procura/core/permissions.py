"""Role checks. Roles are groups on the user (see procura.accounts.roles); admin passes all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

ADMIN_ROLE = "admin"


def user_roles(user: Any) -> frozenset[str]:
    if not user or not user.is_authenticated or not user.is_active:
        return frozenset()
    roles = getattr(user, "role_names", None)
    return frozenset(roles) if roles is not None else frozenset()


def has_any_role(user: Any, roles: Iterable[str]) -> bool:
    held = user_roles(user)
    return ADMIN_ROLE in held or bool(held.intersection(roles))


class RolePermission(BasePermission):
    """Reads need one of ``view.read_roles``, writes one of ``view.write_roles``.

    A view without ``read_roles`` lets every signed-in user read. A view without
    ``write_roles`` lets only admins write.
    """

    message = "Your role does not allow this."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            read_roles = getattr(view, "read_roles", None)
            return read_roles is None or has_any_role(user, read_roles)
        return has_any_role(user, getattr(view, "write_roles", ()))
