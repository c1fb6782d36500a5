"""User administration and departments."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.api.serializers import (
    DepartmentSerializer,
    DepartmentWriteSerializer,
    UserAdminSerializer,
    UserCreateSerializer,
    UserWriteSerializer,
    changed_fields,
)
from procura.accounts.models import Department, User
from procura.accounts.permissions import MatrixPermission
from procura.accounts.roles import Role
from procura.accounts.selectors import department_list, user_get, user_list
from procura.accounts.services import (
    department_create,
    department_update,
    user_create,
    user_deactivate,
    user_reactivate,
    user_update,
)
from procura.audit.history import HistoryMixin
from procura.core.etag import ETagMixin, check_if_match, compute_etag


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(
        field_name="groups__name", choices=Role.choices, label="Holds this role"
    )

    class Meta:
        model = User
        fields = ["role", "department", "is_active", "manager"]


def _etagged(serializer_data: Any, status: int = 200) -> Response:
    return Response(serializer_data, status=status, headers={"ETag": compute_etag(serializer_data)})


class _ServiceWriteMixin(ETagMixin):
    """PATCH through a service: If-Match checked first, the new ETag returned."""

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        check_if_match(request, lambda: self.detail_representation(instance))
        updated = self.perform_service_update(instance, request)
        return _etagged(self.get_serializer(updated).data)  # type: ignore[attr-defined]

    def perform_service_update(self, instance: Any, request: Request) -> Any:
        raise NotImplementedError


class _AdminManagedViewSet(
    HistoryMixin,
    _ServiceWriteMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create (POST) and PATCH; administrators write; nothing is deleted."""

    permission_classes = [MatrixPermission]
    http_method_names = ["get", "post", "patch", "head", "options"]


class UserViewSet(_AdminManagedViewSet):
    """Users, for administrators. Users are deactivated, never deleted."""

    serializer_class = UserAdminSerializer
    permission_resource = "user"
    filterset_class = UserFilter
    search_fields = ["email", "full_name"]
    ordering_fields = ["full_name", "email", "date_joined", "last_login", "id"]
    ordering = ["full_name", "id"]

    def get_queryset(self) -> QuerySet[User]:
        return user_list()

    @extend_schema(request=UserCreateSerializer, responses={201: UserAdminSerializer})
    def create(self, request: Request) -> Response:
        payload = UserCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        user = user_create(
            by=request.user,  # type: ignore[arg-type]
            roles=payload.validated_data.get("roles", ()),
            password=payload.validated_data.get("password") or None,
            **changed_fields(payload),
        )
        return _etagged(self.get_serializer(user_get(pk=user.pk)).data, status=201)

    @extend_schema(request=UserWriteSerializer, responses={200: UserAdminSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    def perform_service_update(self, instance: User, request: Request) -> User:
        payload = UserWriteSerializer(data=request.data, partial=True, context={"request": request})
        payload.is_valid(raise_exception=True)
        user_update(
            user=instance,
            by=request.user,  # type: ignore[arg-type]
            changes=changed_fields(payload),
            roles=payload.validated_data.get("roles"),
        )
        return user_get(pk=instance.pk)

    @extend_schema(request=None, responses={200: UserAdminSerializer})
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str) -> Response:
        user = user_deactivate(user=self.get_object(), by=request.user)  # type: ignore[arg-type]
        return _etagged(self.get_serializer(user_get(pk=user.pk)).data)

    @extend_schema(request=None, responses={200: UserAdminSerializer})
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str) -> Response:
        user = user_reactivate(user=self.get_object(), by=request.user)  # type: ignore[arg-type]
        return _etagged(self.get_serializer(user_get(pk=user.pk)).data)


class DepartmentViewSet(_AdminManagedViewSet):
    """Departments: staff read them (portal customers do not), administrators change them."""

    serializer_class = DepartmentSerializer
    permission_resource = "department"
    filterset_fields = ["is_active", "head"]
    search_fields = ["code", "name"]
    ordering_fields = ["name", "code", "id"]
    ordering = ["name"]

    def get_queryset(self) -> QuerySet[Department]:
        return department_list()

    @extend_schema(request=DepartmentWriteSerializer, responses={201: DepartmentSerializer})
    def create(self, request: Request) -> Response:
        payload = DepartmentWriteSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("is_active", None)
        department = department_create(by=request.user, **data)  # type: ignore[arg-type]
        return _etagged(self.get_serializer(department).data, status=201)

    @extend_schema(request=DepartmentWriteSerializer, responses={200: DepartmentSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    def perform_service_update(self, instance: Department, request: Request) -> Department:
        payload = DepartmentWriteSerializer(
            data=request.data, partial=True, context={"request": request}
        )
        payload.is_valid(raise_exception=True)
        department_update(
            department=instance,
            by=request.user,  # type: ignore[arg-type]
            changes=dict(payload.validated_data),
        )
        return department_list().get(pk=instance.pk)
