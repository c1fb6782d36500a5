"""What every procurement API view shares: role permission on the core viewset base."""

from __future__ import annotations

from procura.accounts.roles import STAFF_ROLES
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.permissions import RolePermission

__all__ = ["ProcurementViewSet", "validated"]


class ProcurementViewSet(ProcuraViewSet):
    permission_classes = [RolePermission]
    read_roles: tuple[str, ...] | None = STAFF_ROLES
    write_roles: tuple[str, ...] = STAFF_ROLES
