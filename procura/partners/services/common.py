"""What every partner write shares: normalise and validate, stamp who changed it, record the
audit event with before/after values, and the active/inactive transitions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record, diff, snapshot
from procura.core.errors import Conflict, InvalidInput
from procura.partners.models import NormalisedModel

M = TypeVar("M", bound=models.Model)

NOT_EDITABLE = "This field cannot be changed here."
ALREADY_INACTIVE = "It is already inactive."
ALREADY_ACTIVE = "It is already active."


class PartnersErrorCode(StrEnum):
    ALREADY_INACTIVE = "already_inactive"
    ALREADY_ACTIVE = "already_active"
    INACTIVE_PARTY = "inactive_party"
    CONTACT_INACTIVE = "contact_inactive"
    FIELD_NOT_ALLOWED = "field_not_allowed"


def audited_fields(model: type[models.Model]) -> list[str]:
    """The fields a person can change, compared before and after each write."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key
    ]


def validate(instance: models.Model, *, prefix: str = "", exclude: Iterable[str] = ()) -> None:
    """Normalise the text fields, then run the model's validation; report every bad field at
    once (``prefix`` puts nested rows under their path: ``addresses.0.country``). ``exclude``
    leaves out fields not set yet (a nested row's unsaved owner) and then the constraints."""
    errors: dict[str, list[str]] = {}
    if isinstance(instance, NormalisedModel):
        try:
            instance.normalise()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    skipped = list(exclude)
    try:
        instance.full_clean(exclude=[*errors, *skipped], validate_constraints=not skipped)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError({f"{prefix}{field}": messages for field, messages in errors.items()})


def collect_errors(checks: Iterable[Callable[[], None]]) -> None:
    """Run every check, raising one ValidationError that holds all their field errors."""
    errors: dict[str, list[str]] = {}
    for check in checks:
        try:
            check()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def check_editable(data: Mapping[str, Any], editable: Iterable[str]) -> None:
    refused = sorted(set(data) - set(editable))
    if refused:
        raise InvalidInput(
            NOT_EDITABLE,
            code=PartnersErrorCode.FIELD_NOT_ALLOWED,
            errors={field: [NOT_EDITABLE] for field in refused},
        )


def lock(instance: M) -> M:
    """The row again, locked FOR UPDATE until the transaction ends (no lost updates)."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def stamp(instance: models.Model, by: User | None, *, created: bool = False) -> None:
    if created and hasattr(instance, "created_by_id"):
        instance.created_by = by  # type: ignore[attr-defined]
    if hasattr(instance, "updated_by_id"):
        instance.updated_by = by  # type: ignore[attr-defined]


Changes = dict[str, tuple[Any, Any]]
WriteNested = Callable[[Any], Changes]


def create_and_record(
    instance: M,
    *,
    by: User | None,
    action: str,
    checks: Iterable[Callable[[], None]] = (),
    write_nested: WriteNested | None = None,
) -> M:
    """Validate (with the extra ``checks`` of nested rows), save, let ``write_nested`` write the
    nested rows, and audit: every field from None to its value."""
    collect_errors([lambda: validate(instance), *checks])
    stamp(instance, by, created=True)
    instance.save()
    after = snapshot(instance, audited_fields(type(instance)))
    changes: Changes = {
        name: (None, value) for name, value in after.items() if value not in ("", None)
    }
    if write_nested is not None:
        changes.update(write_nested(instance))
    audit_record(actor=by, action=action, obj=instance, changes=changes)
    return instance


def update_and_record(
    instance: M,
    *,
    by: User | None,
    data: Mapping[str, Any],
    editable: Iterable[str],
    action: str,
    checks: Iterable[Callable[[], None]] = (),
    write_nested: WriteNested | None = None,
) -> tuple[M, Changes]:
    """Apply ``data`` to the row locked FOR UPDATE, validate, save and audit what changed.

    Nothing is written (no save, no event) when every value is the same as before.
    """
    check_editable(data, editable)
    instance = lock(instance)
    fields = audited_fields(type(instance))
    before = snapshot(instance, fields)
    for name, value in data.items():
        setattr(instance, name, value)
    collect_errors([lambda: validate(instance), *checks])
    changes: Changes = diff(before, snapshot(instance, fields))
    if write_nested is not None:
        changes.update(write_nested(instance))
    if changes:
        stamp(instance, by)
        instance.save()
        audit_record(actor=by, action=action, obj=instance, changes=changes)
    return instance, changes


def set_active(
    instance: M,
    *,
    by: User | None,
    active: bool,
    action: str,
    also: Mapping[str, Any] | None = None,
) -> M:
    """Deactivate or reactivate the row locked FOR UPDATE, setting the ``also`` fields with it;
    the same transition twice is a 409 (the client acted on a stale view)."""
    instance = lock(instance)
    if instance.is_active == active:  # type: ignore[attr-defined]
        raise Conflict(
            ALREADY_ACTIVE if active else ALREADY_INACTIVE,
            code=PartnersErrorCode.ALREADY_ACTIVE if active else PartnersErrorCode.ALREADY_INACTIVE,
        )
    changes: Changes = {"is_active": (not active, active)}
    for name, value in (also or {}).items():
        if getattr(instance, name) != value:
            changes[name] = (getattr(instance, name), value)
            setattr(instance, name, value)
    instance.is_active = active  # type: ignore[attr-defined]
    instance.deactivated_at = None if active else timezone.now()  # type: ignore[attr-defined]
    stamp(instance, by)
    instance.save()
    audit_record(actor=by, action=action, obj=instance, changes=changes)
    return instance
