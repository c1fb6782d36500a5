"""Reads of purchase requests, approval rules and delegations, with who may see what.

Requesters see their own requests; approvers (managers) their department's and their reports';
anyone a step was assigned to (or delegated to, or offered by role) what was assigned to them;
procurement, finance, auditors and admins everything.
"""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from procura.accounts.models import User
from procura.accounts.roles import Role
from procura.core.permissions import has_any_role
from procura.procurement.models import (
    ApprovalHistory,
    ApprovalRule,
    ApprovalStep,
    ApprovalStepStatus,
    ApproverKind,
    Delegation,
    PurchaseRequest,
    PurchaseRequestItem,
)

SEE_ALL_ROLES = (Role.PROCUREMENT, Role.FINANCE, Role.AUDITOR)


def _awaiting(user: User) -> Q:
    """Pending steps ``user`` may decide (role steps: any holder of the role)."""
    return Q(status=ApprovalStepStatus.PENDING) & (
        Q(approver=user)
        | Q(delegate=user)
        | Q(kind=ApproverKind.ROLE, approver__isnull=True, role__in=sorted(user.role_names))
    )


def purchase_request_visibility(user: User) -> Q:
    if has_any_role(user, SEE_ALL_ROLES):
        return Q()
    visible = Q(requester=user)
    if user.has_role(Role.APPROVER):
        visible |= Q(requester__manager=user) | Q(department__head=user)
        if user.department_id is not None:
            visible |= Q(department_id=user.department_id)
    involved = ApprovalStep.objects.filter(
        Q(approver=user) | Q(delegate=user) | Q(decided_by=user) | _awaiting(user)
    ).values("request_id")
    return visible | Q(pk__in=involved)


def _item_count() -> Coalesce:
    return Coalesce(
        Subquery(
            PurchaseRequestItem.objects.filter(request_id=OuterRef("pk"))
            .order_by()
            .values("request_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def purchase_request_list(*, user: User, awaiting_me: bool = False) -> QuerySet[PurchaseRequest]:
    queryset = (
        PurchaseRequest.objects.filter(purchase_request_visibility(user))
        .select_related("requester", "department", "suggested_supplier")
        .annotate(item_count=_item_count())
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=ApprovalStep.objects.filter(
                    status=ApprovalStepStatus.PENDING
                ).select_related("approver", "delegate"),
                to_attr="pending_steps",
            )
        )
    )
    if awaiting_me:
        mine = ApprovalStep.objects.filter(_awaiting(user), request_id=OuterRef("pk"))
        queryset = queryset.filter(Exists(mine)).exclude(requester=user)
    return queryset


def purchase_request_current_steps(*, request_ids: list[int]) -> dict[int, ApprovalStep]:
    """The first pending approval step of each of these requests (one query), as
    ``pending_steps[0]`` of ``purchase_request_list`` is."""
    steps = ApprovalStep.objects.filter(
        request_id__in=request_ids, status=ApprovalStepStatus.PENDING
    ).select_related("approver", "delegate")
    first: dict[int, ApprovalStep] = {}
    for step in steps:
        first.setdefault(step.request_id, step)
    return first


def purchase_request_detail_queryset(*, user: User) -> QuerySet[PurchaseRequest]:
    return purchase_request_list(user=user).prefetch_related(
        "items__product",
        "items__supplier",
        Prefetch(
            "steps",
            queryset=ApprovalStep.objects.select_related("approver", "delegate", "decided_by"),
            to_attr="all_steps",
        ),
        Prefetch(
            "approval_history",
            queryset=ApprovalHistory.objects.select_related("actor", "assignee", "step"),
            to_attr="timeline",
        ),
    )


def approval_rule_list() -> QuerySet[ApprovalRule]:
    return ApprovalRule.objects.select_related("department", "category").prefetch_related(
        "steps__user"
    )


def delegation_list(*, user: User) -> QuerySet[Delegation]:
    queryset = Delegation.objects.select_related("delegator", "delegate")
    if has_any_role(user, (Role.AUDITOR,)) or user.has_role("admin"):
        return queryset
    return queryset.filter(Q(delegator=user) | Q(delegate=user))
