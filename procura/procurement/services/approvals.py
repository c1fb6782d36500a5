"""The approval workflow of a submitted purchase request: steps are planned from the approval
rule on submit, activated one after the other, and decided (approved, rejected, returned) by
their approver or delegate. Every write here runs under the lock of the request row."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, DomainError, NotAllowed
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_request
from procura.procurement.models import (
    ApprovalHistory,
    ApprovalHistoryAction,
    ApprovalStep,
    ApprovalStepStatus,
    ApproverKind,
    PurchaseRequest,
    PurchaseRequestStatus,
)
from procura.procurement.notices import notify_approval_step
from procura.procurement.services.approval_routing import (
    active_delegate,
    delegate_step,
    excluded_approvers,
    initial_candidate,
    may_decide,
    role_pool,
    rule_for_request,
    walk_to_eligible,
)
from procura.procurement.services.inputs import required_comment

OPEN_STEP_STATUSES = (ApprovalStepStatus.WAITING, ApprovalStepStatus.PENDING)


def _notify(step: ApprovalStep, event: str) -> None:
    notify_approval_step(step, event)


def _no_eligible(step: ApprovalStep) -> DomainError:
    return DomainError(
        errors.NO_ELIGIBLE_APPROVER.format(
            sequence=step.sequence, kind=ApproverKind(step.kind).label.lower()
        ),
        code=Code.NO_ELIGIBLE_APPROVER,
    )


def approval_plan_start(*, request: PurchaseRequest, by: User) -> list[ApprovalStep]:
    """Create this submission's steps from the covering rule and activate the first.

    Before anything is written every step is routed once in advance, each planned approver
    excluded from the later steps, so a request nobody could approve is refused on submit.
    Expects the request row locked by the caller.
    """
    rule = rule_for_request(request)
    if rule is None:
        raise DomainError(
            errors.NO_APPROVAL_RULE.format(currency=request.currency, total=request.total),
            code=Code.NO_APPROVAL_RULE,
        )
    last_round = request.steps.aggregate(last=Max("round"))["last"] or 0
    round_ = last_round + 1
    steps = [
        ApprovalStep(
            request=request,
            round=round_,
            sequence=rule_step.sequence,
            kind=rule_step.kind,
            role=rule_step.role,
            approver=rule_step.user,
            over_budget=rule_step.only_over_budget,
        )
        for rule_step in rule.steps.all()
        if request.over_budget or not rule_step.only_over_budget
    ]
    if not steps:
        raise DomainError(errors.RULE_NEEDS_STEPS, code=Code.RULE_INVALID)
    planned: set[int] = {request.requester_id}
    for step in steps:
        if step.kind == ApproverKind.ROLE:
            if not role_pool(role=step.role, request=request, excluded=planned).exists():
                raise _no_eligible(step)
            continue
        candidate = initial_candidate(kind=step.kind, request=request, named_user=step.approver)
        person, _hops = walk_to_eligible(candidate=candidate, request=request, excluded=planned)
        if person is None:
            raise _no_eligible(step)
        planned.add(person.pk)
    ApprovalStep.objects.bulk_create(steps)
    created = list(request.steps.filter(round=round_).order_by("sequence"))
    _activate(created[0], by=by)
    return created


def _activate(step: ApprovalStep, *, by: User | None) -> None:
    """Assign a waiting step: route it (escalations recorded), then hand it to the approver's
    delegate when one is active."""
    request = step.request
    excluded = excluded_approvers(request, step.round)
    now = timezone.now()
    approver: User | None = None
    if step.kind == ApproverKind.ROLE:
        if not role_pool(role=step.role, request=request, excluded=excluded).exists():
            raise _no_eligible(step)
    else:
        candidate = initial_candidate(kind=step.kind, request=request, named_user=step.approver)
        approver, hops = walk_to_eligible(candidate=candidate, request=request, excluded=excluded)
        if approver is None:
            raise _no_eligible(step)
        for hop in hops:
            if hop.escalated:
                ApprovalHistory.objects.create(
                    request=request,
                    step=step,
                    action=ApprovalHistoryAction.ESCALATED,
                    assignee=hop.target,
                    comment=hop.reason,
                    created_at=now,
                )
    step.approver = approver
    step.status = ApprovalStepStatus.PENDING
    step.assigned_at = now
    step.save(update_fields=["approver", "status", "assigned_at"])
    ApprovalHistory.objects.create(
        request=request,
        step=step,
        action=ApprovalHistoryAction.ASSIGNED,
        actor=by,
        assignee=approver,
        comment="" if approver else f"Any holder of the {step.role} role may decide.",
        created_at=now,
    )
    if approver is not None:
        delegate = active_delegate(approver)
        if delegate is not None:
            delegate_step(step=step, delegate=delegate, by=None, excluded=excluded)
    _notify(step, "assigned")


def _current_step_for(request: PurchaseRequest, by: User) -> ApprovalStep:
    """The pending step ``by`` may decide, after the request row is locked.

    409 when the request is no longer pending or the step ``by`` held was decided meanwhile
    (the loser of two simultaneous decisions), 403 when ``by`` is not its approver/delegate.
    """
    if request.status != PurchaseRequestStatus.PENDING_APPROVAL:
        raise Conflict(
            errors.NOT_PENDING.format(status=request.get_status_display().lower()),
            code=Code.INVALID_TRANSITION,
        )
    step = (
        request.steps.select_related("approver", "delegate")
        .filter(status=ApprovalStepStatus.PENDING)
        .get()
    )
    step.request = request
    excluded = excluded_approvers(request, step.round)
    if may_decide(step=step, user=by, excluded=excluded):
        return step
    held_earlier = (
        request.steps.filter(round=step.round, sequence__lt=step.sequence)
        .filter(Q(approver=by) | Q(delegate=by) | Q(decided_by=by))
        .exists()
    )
    if held_earlier:
        raise Conflict(errors.ALREADY_DECIDED, code=Code.ALREADY_DECIDED)
    raise NotAllowed(errors.NOT_CURRENT_APPROVER, code=Code.NOT_CURRENT_APPROVER)


def _record_decision(
    step: ApprovalStep, *, by: User, status: str, action: str, comment: str
) -> None:
    now = timezone.now()
    step.status = status
    step.decided_by = by
    step.decided_at = now
    step.comment = comment
    step.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    ApprovalHistory.objects.create(
        request=step.request, step=step, action=action, actor=by, comment=comment, created_at=now
    )


def _finish(
    request: PurchaseRequest, *, by: User, status: str, action: str, data: dict[str, Any]
) -> None:
    before = request.status
    request.status = status
    request.decided_at = timezone.now()
    request.updated_by = by
    request.save(update_fields=["status", "decided_at", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action=f"purchase_request.{action}",
        obj=request,
        changes={"status": (before, status)},
        data=data,
    )


@transaction.atomic
def purchase_request_approve(
    *, request: PurchaseRequest, by: User, comment: str = ""
) -> PurchaseRequest:
    """Approve the current step; the next step is activated, or the request is approved after
    the last. Locks the request row: of two simultaneous decisions one wins, the other 409s."""
    request = lock_request(request)
    step = _current_step_for(request, by)
    _record_decision(
        step,
        by=by,
        status=ApprovalStepStatus.APPROVED,
        action=ApprovalHistoryAction.APPROVED,
        comment=(comment or "").strip(),
    )
    next_step = (
        request.steps.filter(round=step.round, status=ApprovalStepStatus.WAITING)
        .select_related("approver")
        .order_by("sequence")
        .first()
    )
    data = {"step": step.sequence, "comment": step.comment}
    if next_step is not None:
        next_step.request = request
        _activate(next_step, by=by)
        audit_record(actor=by, action="purchase_request.step_approved", obj=request, data=data)
    else:
        _finish(request, by=by, status=PurchaseRequestStatus.APPROVED, action="approved", data=data)
    return request


def _close_with(
    *, request: PurchaseRequest, by: User, comment: str, request_status: str, step_status: str
) -> PurchaseRequest:
    comment = required_comment(comment)
    request = lock_request(request)
    step = _current_step_for(request, by)
    _record_decision(step, by=by, status=step_status, action=step_status, comment=comment)
    request.steps.filter(round=step.round, status=ApprovalStepStatus.WAITING).update(
        status=ApprovalStepStatus.CANCELLED
    )
    _finish(
        request,
        by=by,
        status=request_status,
        action=request_status,
        data={"step": step.sequence, "comment": comment},
    )
    _notify(step, request_status)
    return request


@transaction.atomic
def purchase_request_reject(*, request: PurchaseRequest, by: User, comment: str) -> PurchaseRequest:
    """Reject the request at the current step (comment required). Locks the request row."""
    return _close_with(
        request=request,
        by=by,
        comment=comment,
        request_status=PurchaseRequestStatus.REJECTED,
        step_status=ApprovalStepStatus.REJECTED,
    )


@transaction.atomic
def purchase_request_return(*, request: PurchaseRequest, by: User, comment: str) -> PurchaseRequest:
    """Send the request back to the requester for changes (comment required); they may edit
    and submit it again, which starts a new round of approval. Locks the request row."""
    return _close_with(
        request=request,
        by=by,
        comment=comment,
        request_status=PurchaseRequestStatus.RETURNED,
        step_status=ApprovalStepStatus.RETURNED,
    )


def _hours(name: str, default: int) -> timedelta:
    return timedelta(hours=int(getattr(settings, name, default)))


@transaction.atomic
def approval_step_follow_up(*, step_id: int) -> str:
    """Remind or escalate one pending step. Past the escalation delay the step goes to the
    approver's manager (recorded ``escalated``); past the reminder delay (and not reminded
    within it) the approver is reminded (recorded ``reminded``). Also hands the step to a
    delegation that became active since it was assigned. Locks the request row.

    Returns what was done: "escalated", "reminded", "delegated" or "".
    """
    step = ApprovalStep.objects.select_related("request").get(pk=step_id)
    request = lock_request(step.request)
    step = ApprovalStep.objects.select_related("approver", "delegate").get(pk=step_id)
    step.request = request
    if step.status != ApprovalStepStatus.PENDING or step.assigned_at is None:
        return ""
    now = timezone.now()
    excluded = excluded_approvers(request, step.round)
    remind_after = _hours("PROCUREMENT_APPROVAL_REMINDER_HOURS", 24)
    escalate_after = _hours("PROCUREMENT_APPROVAL_ESCALATION_HOURS", 72)
    if step.approver is not None and step.assigned_at <= now - escalate_after:
        target, _hops = walk_to_eligible(
            candidate=step.approver.manager, request=request, excluded=excluded
        )
        if target is not None:
            source = step.approver
            step.approver = target
            step.delegate = None
            step.assigned_at = now
            step.reminded_at = None
            step.save(update_fields=["approver", "delegate", "assigned_at", "reminded_at"])
            ApprovalHistory.objects.create(
                request=request,
                step=step,
                action=ApprovalHistoryAction.ESCALATED,
                assignee=target,
                comment=f"Pending with {source.full_name} for more than "
                f"{int(escalate_after.total_seconds() // 3600)} hours.",
                created_at=now,
            )
            audit_record(
                actor=None,
                action="purchase_request.step_escalated",
                obj=request,
                data={"step": step.sequence, "from": source.pk, "to": target.pk},
            )
            _notify(step, "assigned")
            return "escalated"
    if step.approver is not None and step.delegate_id is None:
        delegate = active_delegate(step.approver)
        if delegate is not None and delegate_step(
            step=step, delegate=delegate, by=None, excluded=excluded
        ):
            _notify(step, "assigned")
            return "delegated"
    last_nudge = step.reminded_at or step.assigned_at
    if last_nudge <= now - remind_after:
        step.reminded_at = now
        step.save(update_fields=["reminded_at"])
        ApprovalHistory.objects.create(
            request=request,
            step=step,
            action=ApprovalHistoryAction.REMINDED,
            assignee=step.approver,
            created_at=now,
        )
        _notify(step, "reminder")
        return "reminded"
    return ""


def approval_steps_due_for_follow_up() -> list[int]:
    """Ids of pending steps assigned before the reminder delay (the cheapest filter)."""
    cutoff = timezone.now() - _hours("PROCUREMENT_APPROVAL_REMINDER_HOURS", 24)
    return list(
        ApprovalStep.objects.filter(
            status=ApprovalStepStatus.PENDING, assigned_at__lte=cutoff
        ).values_list("pk", flat=True)
    )
