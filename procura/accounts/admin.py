from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse

from procura.accounts.models import ApiToken, Department, SessionEndReason, User
from procura.accounts.services import user_credentials_revoke
from procura.accounts.signals import password_set_by
from procura.audit.services import audit_record


class AuditedAdminMixin:
    """Changes made in the Django admin leave an audit event too (the admin wraps each save in
    a transaction, so the event commits with the change). Values are not copied: the event
    names the changed fields, and passwords never appear."""

    audit_entity = ""

    def save_model(
        self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        audit_record(
            actor=request.user,
            action=f"{self.audit_entity}.{'updated' if change else 'created'}",
            obj=obj,
            data={"via": "admin", "fields": sorted(form.changed_data)},
        )


class EmailUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    audit_entity = "user"
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    list_display = ("email", "full_name", "department", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "department")
    search_fields = ("email", "full_name")
    ordering = ("full_name", "id")
    list_select_related = ("department",)
    autocomplete_fields = ("manager", "department")
    readonly_fields = ("last_login", "date_joined", "updated_at")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "phone", "department", "manager", "spending_limit")}),
        (
            "Access",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ("groups", "user_permissions")

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Deactivated here rather than through the API: end their access all the same.
            user_credentials_revoke(
                user=obj, by=_acting(request), reason=SessionEndReason.DEACTIVATED
            )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """A password set (or removed) by an administrator ends the user's sessions and API
        tokens, as a password change of their own does (on save: ``accounts.signals``)."""
        with transaction.atomic(), password_set_by(_acting(request)):
            return super().user_change_password(request, id, form_url)


def _acting(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(Department)
class DepartmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_entity = "department"
    list_display = ("code", "name", "head", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")
    list_select_related = ("head",)
    autocomplete_fields = ("head",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are created by their owners through the API; only the digest is kept."""

    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    list_select_related = ("user",)
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "digest",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
