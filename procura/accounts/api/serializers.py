from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procura.accounts.models import ApiToken, Department, User
from procura.accounts.permission_matrix import DenyReason, Scope, actions_for, scopes_for
from procura.accounts.roles import Role
from procura.core.serializers import (
    ProcuraModelSerializer,
    ProcuraSerializer,
    StrictPrimaryKeyRelatedField,
)

_roles_field = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))


class DepartmentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name"]


class UserRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name", "email"]


_permissions_field = serializers.ListField(
    child=serializers.CharField(),
    help_text="Every action of the permission matrix the user's roles hold "
    "(``<resource>.<verb>``, e.g. ``sales_order.confirm``), sorted.",
)

USER_FIELDS = [
    "id",
    "email",
    "full_name",
    "phone",
    "department",
    "manager",
    "spending_limit",
    "roles",
    "is_active",
]


class UserSerializer(ProcuraModelSerializer):
    """A user as they see themselves (``/auth/me/``, the sign-in response), with the actions
    of the permission matrix their roles hold."""

    department = DepartmentRefSerializer(read_only=True, allow_null=True)
    manager = UserRefSerializer(read_only=True, allow_null=True)
    roles = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()
    permission_scopes = serializers.SerializerMethodField(
        help_text="Each action held with its widest object rule (all, own, department, "
        "assigned, own_customer): a portal customer's ``sales_order.create`` is ``own_customer``."
    )

    class Meta:
        model = User
        fields = [*USER_FIELDS, "permissions", "permission_scopes"]
        read_only_fields = fields

    @extend_schema_field(_roles_field)
    def get_roles(self, user: User) -> list[str]:
        return sorted(user.role_names)

    @extend_schema_field(_permissions_field)
    def get_permissions(self, user: User) -> list[str]:
        return actions_for(user.role_names if user.is_active else ())

    @extend_schema_field(
        serializers.DictField(child=serializers.ChoiceField(choices=[s.value for s in Scope]))
    )
    def get_permission_scopes(self, user: User) -> dict[str, str]:
        return scopes_for(user.role_names if user.is_active else ())


class PermissionGrantSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="``<resource>.<verb>``")
    resource = serializers.CharField()
    verb = serializers.CharField()
    grants = serializers.DictField(
        child=serializers.ChoiceField(choices=[scope.value for scope in Scope]),
        help_text="role -> object rule (all, own, department, assigned, own_customer).",
    )
    duty_group = serializers.CharField(
        allow_null=True,
        help_text="Segregation of duties: one person performs at most one action of the group "
        "on an object.",
    )


class PermissionMatrixSerializer(serializers.Serializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    deny_reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=[reason.value for reason in DenyReason])
    )
    actions = PermissionGrantSerializer(many=True)


class UserAdminSerializer(UserSerializer):
    """A user as administrators see them."""

    permissions = None  # type: ignore[assignment]
    permission_scopes = None  # type: ignore[assignment]

    class Meta(UserSerializer.Meta):
        fields = [
            *USER_FIELDS,
            "is_staff",
            "is_superuser",
            "last_login",
            "date_joined",
            "updated_at",
        ]
        read_only_fields = fields


class UserWriteSerializer(ProcuraSerializer):
    """Fields an administrator sets; every one is optional on PATCH."""

    email = serializers.EmailField(max_length=254)
    full_name = serializers.CharField(max_length=150)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    department = StrictPrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )
    manager = StrictPrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )
    spending_limit = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=0, required=False
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), required=False
    )


class UserCreateSerializer(UserWriteSerializer):
    password = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        trim_whitespace=False,
        help_text="Optional; without one the user cannot sign in until a password is set.",
    )


class DepartmentSerializer(ProcuraModelSerializer):
    head = UserRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Department
        fields = ["id", "code", "name", "head", "is_active", "created_at", "updated_at"]
        read_only_fields = fields


class DepartmentWriteSerializer(ProcuraSerializer):
    code = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=120)
    head = StrictPrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True
    )
    is_active = serializers.BooleanField(required=False)


class CsrfTokenSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class LoginSerializer(ProcuraSerializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class LoginResponseSerializer(serializers.Serializer):
    user = UserSerializer()


class PasswordChangeSerializer(ProcuraSerializer):
    current_password = serializers.CharField(max_length=4096, trim_whitespace=False)
    new_password = serializers.CharField(max_length=4096, trim_whitespace=False)


class ApiTokenSerializer(ProcuraModelSerializer):
    is_usable = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "is_usable",
        ]
        read_only_fields = fields


class ApiTokenCreateSerializer(ProcuraSerializer):
    name = serializers.CharField(max_length=100)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    token = serializers.SerializerMethodField(
        help_text="The token itself. Shown only in this response; store it now."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]
        read_only_fields = fields

    def get_token(self, token: ApiToken) -> str:
        return str(self.context.get("raw_token", ""))


def changed_fields(serializer: serializers.Serializer) -> dict[str, Any]:
    """The validated input without the keys handled separately (roles, password)."""
    data = dict(serializer.validated_data)
    data.pop("roles", None)
    data.pop("password", None)
    return data
