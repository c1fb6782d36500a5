"""Configuration of approval rules (administrators)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypedDict

from django.db import transaction

from procura.accounts.models import User
from procura.accounts.permission_matrix import roles_for
from procura.accounts.selectors import users_holding
from procura.audit.services import audit_record
from procura.core.errors import InvalidInput
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_row
from procura.procurement.models import ApprovalRule, ApprovalRuleStep, ApproverKind

# Every step must be decidable: its role or user holds this action of the permission matrix.
APPROVE_ACTION = "purchase_request.approve"


class RuleStepInput(TypedDict, total=False):
    kind: str
    role: str
    user: User | None
    only_over_budget: bool


def _replace_steps(rule: ApprovalRule, steps: Sequence[RuleStepInput]) -> None:
    if not steps:
        raise InvalidInput(
            errors.RULE_NEEDS_STEPS,
            code=Code.RULE_INVALID,
            errors={"steps": [errors.RULE_NEEDS_STEPS]},
        )
    step_errors: dict[str, list[str]] = {}
    approver_roles = roles_for(APPROVE_ACTION)
    named = [step.get("user") for step in steps if step["kind"] == ApproverKind.USER]
    approvers = set(
        users_holding(action=APPROVE_ACTION)
        .filter(pk__in=[user.pk for user in named if user is not None])
        .values_list("pk", flat=True)
    )
    rows = []
    for index, step in enumerate(steps):
        kind = step["kind"]
        role = (step.get("role") or "").strip() if kind == ApproverKind.ROLE else ""
        user = step.get("user") if kind == ApproverKind.USER else None
        if kind == ApproverKind.ROLE and not role:
            step_errors[f"steps.{index}.role"] = [errors.RULE_STEP_ROLE]
        elif kind == ApproverKind.ROLE and role not in approver_roles:
            step_errors[f"steps.{index}.role"] = [errors.RULE_STEP_ROLE_CANNOT_APPROVE]
        if kind == ApproverKind.USER and user is None:
            step_errors[f"steps.{index}.user"] = [errors.RULE_STEP_USER]
        elif kind == ApproverKind.USER and user is not None and user.pk not in approvers:
            step_errors[f"steps.{index}.user"] = [
                errors.RULE_STEP_USER_CANNOT_APPROVE.format(name=user.full_name or user.email)
            ]
        rows.append(
            ApprovalRuleStep(
                rule=rule,
                sequence=index + 1,
                kind=kind,
                role=role,
                user=user,
                only_over_budget=step.get("only_over_budget", False),
            )
        )
    if step_errors:
        raise InvalidInput("Some steps are incomplete; see errors.", errors=step_errors)
    rule.steps.all().delete()
    ApprovalRuleStep.objects.bulk_create(rows)


def _check_range(amount_over: Decimal, amount_up_to: Decimal | None) -> None:
    if amount_up_to is not None and amount_up_to <= amount_over:
        raise InvalidInput(
            errors.RULE_RANGE, code=Code.RULE_INVALID, errors={"amount_up_to": [errors.RULE_RANGE]}
        )


@transaction.atomic
def approval_rule_create(
    *, by: User, name: str, steps: Sequence[RuleStepInput], **fields: Any
) -> ApprovalRule:
    """A new rule with its ordered steps (at least one, each naming someone who may approve
    purchase requests)."""
    rule = ApprovalRule(name=name, created_by=by, updated_by=by, **fields)
    _check_range(rule.amount_over, rule.amount_up_to)
    rule.save()
    _replace_steps(rule, steps)
    audit_record(
        actor=by,
        action="approval_rule.created",
        obj=rule,
        data={"steps": [dict(kind=s["kind"], role=s.get("role", "")) for s in steps]},
    )
    return rule


@transaction.atomic
def approval_rule_update(
    *, rule: ApprovalRule, by: User, steps: Sequence[RuleStepInput] | None = None, **fields: Any
) -> ApprovalRule:
    """Change a rule; ``steps`` replaces all steps. Requests already submitted keep the steps
    they were given. Locks the rule row."""
    rule = lock_row(ApprovalRule, rule.pk)
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in fields.items():
        before = getattr(rule, name)
        if before != value:
            changes[name] = (str(before), str(value))
            setattr(rule, name, value)
    _check_range(rule.amount_over, rule.amount_up_to)
    rule.updated_by = by
    rule.save()
    if steps is not None:
        _replace_steps(rule, steps)
        changes["steps"] = ("", ",".join(s["kind"] for s in steps))
    audit_record(actor=by, action="approval_rule.updated", obj=rule, changes=changes)
    return rule


DEFAULT_SMALL_LIMIT = Decimal("1000")
DEFAULT_MEDIUM_LIMIT = Decimal("10000")


def approval_rules_install_default(*, by: User, currency: str) -> list[ApprovalRule]:
    """The default policy: up to 1,000 the requester's manager; up to 10,000 the manager then
    the department head; above that manager, department head, then finance."""
    manager: RuleStepInput = {"kind": ApproverKind.MANAGER}
    head: RuleStepInput = {"kind": ApproverKind.DEPARTMENT_HEAD}
    finance: RuleStepInput = {"kind": ApproverKind.ROLE, "role": "finance"}
    return [
        approval_rule_create(
            by=by,
            name=f"Up to {DEFAULT_SMALL_LIMIT:,} {currency}",
            currency=currency,
            amount_over=Decimal(0),
            amount_up_to=DEFAULT_SMALL_LIMIT,
            steps=[manager],
        ),
        approval_rule_create(
            by=by,
            name=f"Up to {DEFAULT_MEDIUM_LIMIT:,} {currency}",
            currency=currency,
            amount_over=DEFAULT_SMALL_LIMIT,
            amount_up_to=DEFAULT_MEDIUM_LIMIT,
            steps=[manager, head],
        ),
        approval_rule_create(
            by=by,
            name=f"Above {DEFAULT_MEDIUM_LIMIT:,} {currency}",
            currency=currency,
            amount_over=DEFAULT_MEDIUM_LIMIT,
            amount_up_to=None,
            steps=[manager, head, finance],
        ),
    ]
