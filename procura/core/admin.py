"""Admin base classes shared by the domains.

``ReadOnlyAdmin`` is for ledger-like rows nobody edits by hand. ``ServiceAdmin`` makes master
data editable in the admin without going around the domain services.

How ``ServiceAdmin`` saves (and why this way): the admin form only parses the input into Python
values. Its ``clean()`` then calls the domain service (``create_service`` for a new row,
``update_service`` with the changed fields for an existing one) inside a savepoint, as the last
step of validation. A ``DomainError`` or ``ValidationError`` from the service rolls the savepoint
back and becomes form errors (on the field the service names, otherwise at the top of the
form), so the page comes back with the messages and nothing written. When the service succeeds,
the form holds the saved object and is valid; the admin's own save steps (``save_model``,
``save_related``) write nothing, so validation, normalisation, row locks and the audit event
are the service's alone, exactly as through the API. The admin view runs in one transaction, so
the service's writes commit with the admin's change log entry.

ModelForm's own model validation (``_post_clean``) is skipped, as Django's UserCreationForm
does for passwords: the service validates, and the model's checks on the raw input would refuse
what the service normalises (" acme " for a code, a phone number with spaces).

Nothing is deleted here; ``activation_actions`` adds "Deactivate selected" and "Reactivate
selected", which call the domain's services one object at a time (one audit event each) and
report every refusal as a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from procura.core.errors import DomainError


class ReadOnlyAdmin(admin.ModelAdmin):
    """Browse-only: rows that change only through services (which lock rows, check state
    transitions and write the audit trail) are never edited behind those rules' back."""

    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def actor(request: HttpRequest) -> Any:
    """The person working in the admin (only signed-in staff get this far)."""
    user = request.user
    if not isinstance(user, get_user_model()):
        raise TypeError("The admin needs a signed-in user.")
    return user


def error_dict(exc: DomainError | ValidationError) -> dict[str, list[str]]:
    """The field errors of a service failure (``__all__`` for the ones not about a field)."""
    if isinstance(exc, DomainError):
        return dict(exc.errors) if exc.errors else {"__all__": [exc.detail]}
    if hasattr(exc, "error_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {"__all__": list(exc.messages)}


def refusal_message(exc: DomainError | ValidationError) -> str:
    if isinstance(exc, DomainError):
        return exc.detail
    return "; ".join(
        f"{field}: {message}" if field != "__all__" else message
        for field, messages in error_dict(exc).items()
        for message in messages
    )


class ServiceForm(ModelForm):
    """Admin form that saves through the admin's service hooks (see the module docstring)."""

    service_admin: ClassVar[ServiceAdmin]
    request: ClassVar[HttpRequest]
    saved: models.Model | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        editing = not self.instance._state.adding
        try:
            with transaction.atomic():
                if editing:
                    data = {name: cleaned[name] for name in self.changed_data if name in cleaned}
                    self.saved = self.service_admin.update_service(
                        self.request, self.instance, data
                    )
                else:
                    self.saved = self.service_admin.create_service(self.request, cleaned)
        except (DomainError, ValidationError) as exc:
            self._add_service_errors(exc)
        return cleaned

    def _add_service_errors(self, exc: DomainError | ValidationError) -> None:
        for field, texts in error_dict(exc).items():
            if field in self.fields:
                self.add_error(field, list(texts))
            else:
                prefix = "" if field in {"__all__", "non_field_errors"} else f"{field}: "
                self.add_error(None, [f"{prefix}{text}" for text in texts])

    def _post_clean(self) -> None:
        """No model validation of the raw input: the service validated (and normalised) it."""


class ServiceAdmin(admin.ModelAdmin):
    """Add and change go through ``create_service``/``update_service``; nothing is deleted.

    Subclasses list the fields a person may type in ``fields`` and the ones set only when
    adding in ``create_only_fields`` (read-only afterwards); computed and service-owned fields
    go in ``readonly_fields``. Set ``activation_actions = True`` and implement ``deactivate``
    and ``reactivate`` to get the two list actions.
    """

    form = ServiceForm
    create_only_fields: tuple[str, ...] = ()
    activation_actions = False

    def create_service(self, request: HttpRequest, data: Mapping[str, Any]) -> models.Model:
        raise NotImplementedError

    def update_service(
        self, request: HttpRequest, obj: Any, data: Mapping[str, Any]
    ) -> models.Model:
        raise NotImplementedError

    def deactivate(self, request: HttpRequest, obj: Any) -> None:
        raise NotImplementedError

    def reactivate(self, request: HttpRequest, obj: Any) -> None:
        raise NotImplementedError

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        # ModelAdmin.get_form builds a new class per request: binding the request is safe.
        form.service_admin = self  # type: ignore[attr-defined]
        form.request = request  # type: ignore[attr-defined]
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly + self.create_only_fields if obj is not None else readonly

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if not self.activation_actions:
            actions.pop("deactivate_selected", None)
            actions.pop("reactivate_selected", None)
        return actions

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        return form.saved

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """The service saved (and audited) the object while the form was validated."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Many-to-many sets are written by the service too."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Deactivate selected", permissions=["change"])
    def deactivate_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._apply(request, queryset, self.deactivate, "Deactivated")

    @admin.action(description="Reactivate selected", permissions=["change"])
    def reactivate_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._apply(request, queryset, self.reactivate, "Reactivated")

    actions = ("deactivate_selected", "reactivate_selected")

    def _apply(
        self, request: HttpRequest, queryset: QuerySet[Any], service: Any, verb: str
    ) -> None:
        """Each object in its own transaction: one refusal does not undo the others."""
        done = 0
        for obj in queryset:
            try:
                with transaction.atomic():
                    service(request, obj)
            except (DomainError, ValidationError) as exc:
                self.message_user(request, f"{obj}: {refusal_message(exc)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"{verb} {done} of {len(queryset)}.", messages.SUCCESS)
