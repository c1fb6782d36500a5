"""Who approves a step: rule selection, the chain of eligible approvers, delegation.

Pure reads plus the history rows of a routing decision; the callers (``approvals``,
``delegations``) hold the lock on the request row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from procura.accounts.models import User
from procura.procurement.models import (
    ApprovalHistory,
    ApprovalHistoryAction,
    ApprovalRule,
    ApprovalStep,
    ApprovalStepStatus,
    ApproverKind,
    Delegation,
    PurchaseRequest,
)


def rule_for_request(request: PurchaseRequest) -> ApprovalRule | None:
    """The most specific active rule covering the request's currency and total (department
    and category, then department, then category, then none; then the lowest priority).
    A category rule applies when any item's product is in that category or below it."""
    candidates = (
        ApprovalRule.objects.active()
        .filter(currency=request.currency, amount_over__lt=request.total)
        .filter(Q(amount_up_to__isnull=True) | Q(amount_up_to__gte=request.total))
        .filter(Q(department__isnull=True) | Q(department_id=request.department_id))
        .select_related("category")
        .prefetch_related("steps__user")
    )
    category_paths = [
        path
        for path in request.items.filter(product__isnull=False).values_list(
            "product__category__path", flat=True
        )
        if path
    ]

    def applies(rule: ApprovalRule) -> bool:
        if rule.category is None:
            return True
        return any(path.startswith(rule.category.path) for path in category_paths)

    def specificity(rule: ApprovalRule) -> tuple[int, int, int]:
        return (
            -((rule.department_id is not None) * 2 + (rule.category_id is not None)),
            rule.priority,
            rule.pk,
        )

    matching = sorted((rule for rule in candidates if applies(rule)), key=specificity)
    return matching[0] if matching else None


@dataclass(frozen=True)
class Hop:
    """The step moved from ``source`` to ``target`` (None: nobody left) for ``reason``."""

    source: User
    target: User | None
    escalated: bool
    reason: str


def excluded_approvers(request: PurchaseRequest, round_: int) -> set[int]:
    """The requester and everyone who already decided a step of this submission."""
    deciders = ApprovalStep.objects.filter(
        request=request, round=round_, decided_by__isnull=False
    ).values_list("decided_by_id", flat=True)
    return {request.requester_id, *deciders}


def initial_candidate(
    *, kind: str, request: PurchaseRequest, named_user: User | None
) -> User | None:
    if kind == ApproverKind.MANAGER:
        return request.requester.manager
    if kind == ApproverKind.DEPARTMENT_HEAD:
        return request.department.head
    if kind == ApproverKind.USER:
        return named_user
    return None


def walk_to_eligible(
    *, candidate: User | None, request: PurchaseRequest, excluded: set[int]
) -> tuple[User | None, list[Hop]]:
    """Follow the management chain from ``candidate`` to the first person who may approve:
    active, not the requester, not the approver of another step of this request, and with a
    spending limit covering the total. A limit too low is an escalation (recorded); the other
    reasons pass the step on."""
    hops: list[Hop] = []
    seen: set[int] = set()
    person = candidate
    while person is not None and person.pk not in seen:
        seen.add(person.pk)
        if person.is_active and person.pk not in excluded:
            if person.spending_limit >= request.total:
                return person, hops
            reason = (
                f"{request.total} {request.currency} is above {person.full_name}'s "
                f"spending limit of {person.spending_limit}."
            )
            escalated = True
        elif person.pk == request.requester_id:
            reason = f"{person.full_name} cannot approve their own request."
            escalated = False
        elif not person.is_active:
            reason = f"{person.full_name} is no longer active."
            escalated = False
        else:
            reason = f"{person.full_name} already approved another step of this request."
            escalated = False
        manager = person.manager
        hops.append(Hop(source=person, target=manager, escalated=escalated, reason=reason))
        person = manager
    return None, hops


def role_pool(*, role: str, request: PurchaseRequest, excluded: set[int]) -> QuerySet[User]:
    """Holders of ``role`` who may decide a role step of ``request``."""
    return User.objects.filter(
        groups__name=role, is_active=True, spending_limit__gte=request.total
    ).exclude(pk__in=excluded)


def may_decide(*, step: ApprovalStep, user: User, excluded: set[int]) -> bool:
    if user.pk in excluded or not user.is_active:
        return False
    if user.pk in (step.approver_id, step.delegate_id):
        return True
    return (
        step.kind == ApproverKind.ROLE
        and step.approver_id is None
        and user.has_role(step.role)
        and user.spending_limit >= step.request.total
    )


def active_delegate(user: User, *, on: date | None = None) -> User | None:
    on = on or timezone.localdate()
    delegation = (
        Delegation.objects.filter(
            delegator=user, starts_on__lte=on, ends_on__gte=on, revoked_at__isnull=True
        )
        .select_related("delegate")
        .first()
    )
    return delegation.delegate if delegation else None


def delegate_step(
    *, step: ApprovalStep, delegate: User, by: User | None, excluded: set[int]
) -> bool:
    """Give ``step`` to ``delegate`` too when they may decide it; records ``delegated``."""
    eligible = (
        delegate.is_active
        and delegate.pk not in excluded
        and delegate.spending_limit >= step.request.total
    )
    if not eligible or step.delegate_id == delegate.pk:
        return False
    step.delegate = delegate
    step.save(update_fields=["delegate"])
    ApprovalHistory.objects.create(
        request=step.request,
        step=step,
        action=ApprovalHistoryAction.DELEGATED,
        actor=by,
        assignee=delegate,
        comment=f"Delegated by {step.approver.full_name if step.approver else 'the approver'}.",
    )
    return True


def pending_steps_of(user: User) -> QuerySet[ApprovalStep]:
    return ApprovalStep.objects.filter(status=ApprovalStepStatus.PENDING, approver=user)
