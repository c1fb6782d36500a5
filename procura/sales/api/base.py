"""What every sales API view shares: per-action roles, the acting user, the portal scope,
ETag detail responses."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from procura.accounts.roles import Role
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.permissions import has_any_role
from procura.sales.selectors import portal_customer_id

__all__ = ["ActionRolePermission", "SalesViewSet", "validated"]

STAFF_READERS = (Role.SALES, Role.WAREHOUSE, Role.FINANCE, Role.AUDITOR)
PORTAL_READERS = (*STAFF_READERS, Role.CUSTOMER)
FINANCE_READERS = (Role.FINANCE, Role.SALES, Role.AUDITOR)


class ActionRolePermission(BasePermission):
    """``view.action_roles[action]`` when the action is listed there; else ``read_roles`` for
    safe methods and ``write_roles`` for the others. Admin passes everything."""

    message = "Your role does not allow this."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        roles = getattr(view, "action_roles", {}).get(getattr(view, "action", None))
        if roles is None:
            roles = view.read_roles if request.method in SAFE_METHODS else view.write_roles
        return has_any_role(user, roles)


class SalesViewSet(ProcuraViewSet):
    permission_classes = [ActionRolePermission]
    read_roles: tuple[str, ...] = STAFF_READERS
    write_roles: tuple[str, ...] = (Role.SALES,)
    action_roles: dict[str, tuple[str, ...]] = {}

    @property
    def portal_customer(self) -> int | None:
        return portal_customer_id(self.actor)
