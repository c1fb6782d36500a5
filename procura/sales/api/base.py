"""What every sales API view shares: per-action roles, the acting user, the portal scope,
ETag detail responses."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model
from rest_framework import serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.etag import compute_etag, etag_response
from procura.core.permissions import has_any_role
from procura.sales.selectors import portal_customer_id

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


def validated(serializer_class: type[serializers.Serializer], data: Any, **kwargs: Any) -> Any:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class SalesViewSet(viewsets.GenericViewSet):
    permission_classes = [ActionRolePermission]
    read_roles: tuple[str, ...] = STAFF_READERS
    write_roles: tuple[str, ...] = (Role.SALES,)
    action_roles: dict[str, tuple[str, ...]] = {}

    @property
    def actor(self) -> User:
        """The signed-in user (the permission lets no anonymous request through)."""
        return cast(User, self.request.user)

    @property
    def portal_customer(self) -> int | None:
        return portal_customer_id(self.actor)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return etag_response(request, self.get_serializer(self.get_object()).data)

    def render_detail(self, obj: Model, *, status: int = 200) -> Response:
        """The object as a GET of it returns it (fresh from the detail queryset), with its ETag."""
        self.action = "retrieve"
        body = self.get_serializer(self.get_queryset().get(pk=obj.pk)).data
        return Response(body, status=status, headers={"ETag": compute_etag(body)})
