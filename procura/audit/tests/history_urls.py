"""A viewset using HistoryMixin, mounted only by the tests of the mixin."""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from procura.accounts.models import User
from procura.audit.history import HistoryMixin
from procura.core.permissions import RolePermission


class _UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email"]


class PeopleViewSet(HistoryMixin, viewsets.ReadOnlyModelViewSet):
    """Managers see the people who report to them; admins see everyone."""

    serializer_class = _UserSerializer
    permission_classes = [IsAuthenticated, RolePermission]
    read_roles = ("approver",)

    def get_queryset(self) -> Any:
        user = self.request.user
        assert isinstance(user, User)
        if user.has_role("admin"):
            return User.objects.all()
        return User.objects.filter(manager=user)


router = SimpleRouter()
router.register("people", PeopleViewSet, basename="people")

urlpatterns = [path("api/v1/", include(router.urls))]
