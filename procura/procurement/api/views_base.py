"""What every procurement API view shares: the permission matrix on the core viewset base."""

from __future__ import annotations

from procura.accounts.permissions import MatrixPermission
from procura.core.api.viewsets import ProcuraViewSet, validated

__all__ = ["ProcurementViewSet", "validated"]


class ProcurementViewSet(ProcuraViewSet):
    permission_classes = [MatrixPermission]
    permission_resource: str
