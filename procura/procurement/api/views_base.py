"""What every procurement API view shares: role permission, the acting user, ETag detail."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.models import User
from procura.accounts.roles import STAFF_ROLES
from procura.core.etag import compute_etag, etag_response
from procura.core.permissions import RolePermission


def validated(serializer_class: type[serializers.Serializer], data: Any, **kwargs: Any) -> Any:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class ProcurementViewSet(viewsets.GenericViewSet):
    permission_classes = [RolePermission]
    read_roles: tuple[str, ...] | None = STAFF_ROLES
    write_roles: tuple[str, ...] = STAFF_ROLES

    @property
    def actor(self) -> User:
        """The signed-in user (RolePermission lets no anonymous request through)."""
        return cast(User, self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return etag_response(request, self.get_serializer(self.get_object()).data)

    def render_detail(self, obj: Model, *, status: int = 200) -> Response:
        """The object as a GET of it returns it (fresh from the detail queryset), with its ETag."""
        self.action = "retrieve"
        body = self.get_serializer(self.get_queryset().get(pk=obj.pk)).data
        return Response(body, status=status, headers={"ETag": compute_etag(body)})
