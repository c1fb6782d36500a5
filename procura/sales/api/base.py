"""What every sales API view shares: the permission matrix, the acting user, the portal scope,
ETag detail responses."""

from __future__ import annotations

from procura.accounts.permissions import MatrixPermission
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.sales.selectors import portal_customer_id

__all__ = ["SalesViewSet", "validated"]


class SalesViewSet(ProcuraViewSet):
    permission_classes = [MatrixPermission]
    permission_resource: str

    @property
    def portal_customer(self) -> int | None:
        return portal_customer_id(self.actor)
