"""Departments (admin only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from procura.accounts.errors import DEPARTMENT_CODE_TAKEN, AccountsErrorCode
from procura.accounts.models import Department, User
from procura.accounts.services.fields import refuse_unknown_fields
from procura.audit.services import audit_record, diff, snapshot
from procura.core.errors import Conflict

DEPARTMENT_FIELDS = ("code", "name", "head", "is_active")


def _save(department: Department) -> None:
    try:
        with transaction.atomic():
            department.save()
    except IntegrityError as exc:
        raise Conflict(
            DEPARTMENT_CODE_TAKEN,
            code=AccountsErrorCode.DEPARTMENT_CODE_TAKEN,
            errors={"code": [DEPARTMENT_CODE_TAKEN]},
        ) from exc


@transaction.atomic
def department_create(
    *, by: User | None, code: str, name: str, head: User | None = None
) -> Department:
    """Create a department. Rule: code and name are unique (the unique indexes decide)."""
    department = Department(code=code.strip().upper(), name=name.strip(), head=head)
    _save(department)
    audit_record(
        actor=by,
        action="department.created",
        obj=department,
        changes={k: (None, v) for k, v in snapshot(department, DEPARTMENT_FIELDS).items()},
    )
    return department


@transaction.atomic
def department_update(
    *, department: Department, by: User | None, changes: Mapping[str, Any]
) -> Department:
    """Change a department's code, name, head or active flag. Locks the department row."""
    refuse_unknown_fields(changes, DEPARTMENT_FIELDS)
    locked = Department.objects.select_for_update().get(pk=department.pk)
    before = snapshot(locked, DEPARTMENT_FIELDS)
    for name, value in changes.items():
        if name == "code":
            value = str(value).strip().upper()
        elif name == "name":
            value = str(value).strip()
        setattr(locked, name, value)
    _save(locked)
    field_changes = diff(before, snapshot(locked, DEPARTMENT_FIELDS))
    if field_changes:
        audit_record(actor=by, action="department.updated", obj=locked, changes=field_changes)
    return locked
