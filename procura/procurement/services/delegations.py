"""Delegation of approval authority for a date range."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput, NotAllowed
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_request, lock_row
from procura.procurement.models import ApprovalStep, ApprovalStepStatus, Delegation
from procura.procurement.services.approval_routing import delegate_step, excluded_approvers


def _hand_over_pending(delegation: Delegation, *, by: User) -> int:
    """Give the delegator's pending steps to the delegate (when the range covers today)."""
    today = timezone.localdate()
    if not delegation.starts_on <= today <= delegation.ends_on:
        return 0
    moved = 0
    step_ids = list(
        ApprovalStep.objects.filter(
            status=ApprovalStepStatus.PENDING, approver=delegation.delegator
        ).values_list("pk", flat=True)
    )
    for step_id in step_ids:
        step = ApprovalStep.objects.select_related("request", "approver").get(pk=step_id)
        step.request = lock_request(step.request)
        excluded = excluded_approvers(step.request, step.round)
        if delegate_step(step=step, delegate=delegation.delegate, by=by, excluded=excluded):
            moved += 1
    return moved


@transaction.atomic
def delegation_create(
    *,
    by: User,
    delegate: User,
    starts_on: date,
    ends_on: date,
    reason: str = "",
    delegator: User | None = None,
) -> Delegation:
    """``delegator`` (``by`` unless an admin names someone else) lets ``delegate`` decide their
    steps from ``starts_on`` to ``ends_on``. Ranges of one delegator may not overlap. Pending
    steps move to the delegate at once when the range covers today. Locks the delegator's user
    row (serialises overlapping creations)."""
    delegator = delegator or by
    if delegator.pk != by.pk and not by.has_role("admin"):
        raise NotAllowed("Only an administrator can set a delegation for someone else.")
    if delegate.pk == delegator.pk:
        raise InvalidInput(
            errors.DELEGATION_TO_SELF,
            code=Code.DELEGATION_INVALID,
            errors={"delegate": [errors.DELEGATION_TO_SELF]},
        )
    if ends_on < starts_on:
        raise InvalidInput(
            errors.DELEGATION_DATES,
            code=Code.DELEGATION_INVALID,
            errors={"ends_on": [errors.DELEGATION_DATES]},
        )
    lock_row(User, delegator.pk)
    overlapping = Delegation.objects.filter(
        delegator=delegator,
        revoked_at__isnull=True,
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    ).first()
    if overlapping is not None:
        raise Conflict(
            errors.DELEGATION_OVERLAP.format(
                starts_on=overlapping.starts_on, ends_on=overlapping.ends_on
            ),
            code=Code.DELEGATION_OVERLAP,
            data={"delegation": overlapping.pk},
        )
    delegation = Delegation.objects.create(
        delegator=delegator,
        delegate=delegate,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        created_by=by,
    )
    moved = _hand_over_pending(delegation, by=by)
    audit_record(
        actor=by,
        action="delegation.created",
        obj=delegation,
        data={
            "delegator": delegator.pk,
            "delegate": delegate.pk,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "pending_steps_moved": moved,
        },
    )
    return delegation


@transaction.atomic
def delegation_revoke(*, delegation: Delegation, by: User) -> Delegation:
    """End a delegation now; pending steps it had given the delegate go back to the approver
    alone. Locks the delegation row."""
    delegation = lock_row(Delegation, delegation.pk)
    if delegation.delegator_id != by.pk and not by.has_role("admin"):
        raise NotAllowed("Only the delegator or an administrator can revoke a delegation.")
    if delegation.revoked_at is not None:
        raise Conflict(errors.DELEGATION_REVOKED, code=Code.INVALID_TRANSITION)
    delegation.revoked_at = timezone.now()
    delegation.save(update_fields=["revoked_at", "updated_at"])
    ApprovalStep.objects.filter(
        status=ApprovalStepStatus.PENDING,
        approver_id=delegation.delegator_id,
        delegate_id=delegation.delegate_id,
    ).update(delegate=None)
    audit_record(actor=by, action="delegation.revoked", obj=delegation)
    return delegation
