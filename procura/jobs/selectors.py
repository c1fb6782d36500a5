"""Reading task records: a person sees their own, an admin every one."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from procura.core.permissions import ADMIN_ROLE, user_roles
from procura.jobs.models import TaskRecord


def task_record_list(*, user: Any) -> QuerySet[TaskRecord]:
    records = TaskRecord.objects.all()
    if ADMIN_ROLE in user_roles(user):
        return records
    if not user or not user.is_authenticated:
        return records.none()
    return records.filter(owner_id=user.pk)
