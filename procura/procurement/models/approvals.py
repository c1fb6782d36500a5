"""Approval rules (configuration), the approval steps of one request, its timeline, and
delegations of approval authority."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from procura.core.models import ActivatableModel, TimeStampedModel, TrackedModel
from procura.core.money import CurrencyField, MoneyField
from procura.procurement.models.requests import PurchaseRequest, default_currency


class ApproverKind(models.TextChoices):
    MANAGER = "manager", "Requester's manager"
    DEPARTMENT_HEAD = "department_head", "Department head"
    ROLE = "role", "Anyone holding a role"
    USER = "user", "Named user"


class ApprovalRule(TrackedModel, ActivatableModel):
    """Applies to requests in ``currency`` whose total is over ``amount_over`` and at most
    ``amount_up_to`` (no upper bound when blank), optionally only for one department and/or
    one product category. When several rules apply the most specific wins (department and
    category, then department, then category, then none), then the lowest ``priority``."""

    name = models.CharField(max_length=120)
    currency = CurrencyField(default=default_currency)
    amount_over = MoneyField(default=0)
    amount_up_to = MoneyField(null=True, blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_rules",
    )
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_rules",
    )
    priority = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["currency", "amount_over", "priority", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_over__gte=0), name="rule_amount_over_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_up_to__isnull=True)
                | models.Q(amount_up_to__gt=models.F("amount_over")),
                name="rule_amount_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ApprovalRuleStep(models.Model):
    rule = models.ForeignKey(ApprovalRule, on_delete=models.CASCADE, related_name="steps")
    sequence = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=ApproverKind.choices)
    role = models.CharField(max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    only_over_budget = models.BooleanField(
        default=False,
        help_text="An 'over budget' step: planned only when the request goes over a budget.",
    )

    class Meta:
        ordering = ["rule_id", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "sequence"], name="uniq_rule_step_sequence"),
            models.CheckConstraint(
                condition=~models.Q(kind=ApproverKind.ROLE) | ~models.Q(role=""),
                name="rule_step_role_named",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ApproverKind.USER) | models.Q(user__isnull=False),
                name="rule_step_user_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}.{self.sequence} {self.kind}"


class ApprovalStepStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for earlier steps"
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    RETURNED = "returned", "Returned"
    CANCELLED = "cancelled", "Cancelled"


class ApprovalStep(models.Model):
    """One step of one request's approval. ``approver`` is the person the step is assigned to
    (after escalations); a role step with no single approver may be decided by any eligible
    holder of ``role``. ``delegate`` may act instead of the approver."""

    request = models.ForeignKey(PurchaseRequest, on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveSmallIntegerField(
        default=1, help_text="Which submission of the request (a returned request goes again)."
    )
    sequence = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=ApproverKind.choices)
    role = models.CharField(max_length=30, blank=True)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20,
        choices=ApprovalStepStatus.choices,
        default=ApprovalStepStatus.WAITING,
        db_index=True,
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    over_budget = models.BooleanField(
        default=False, help_text="Planned because the request goes over a budget."
    )

    class Meta:
        ordering = ["request_id", "round", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "round", "sequence"], name="uniq_step_sequence"
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status="pending"),
                name="one_pending_step_per_request",
            ),
        ]
        indexes = [
            models.Index(fields=["approver", "status"]),
            models.Index(fields=["delegate", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} step {self.sequence} ({self.status})"


class ApprovalHistoryAction(models.TextChoices):
    ASSIGNED = "assigned", "Assigned"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    RETURNED = "returned", "Returned for changes"
    DELEGATED = "delegated", "Delegated"
    ESCALATED = "escalated", "Escalated"
    REMINDED = "reminded", "Reminded"


class ApprovalHistory(models.Model):
    """The approval timeline shown on a request. ``actor`` did it (blank when the system did);
    ``assignee`` is who the step went to (assigned, delegated, escalated, reminded)."""

    request = models.ForeignKey(
        PurchaseRequest, on_delete=models.CASCADE, related_name="approval_history"
    )
    step = models.ForeignKey(
        ApprovalStep, on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    action = models.CharField(max_length=20, choices=ApprovalHistoryAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["request_id", "created_at", "id"]
        verbose_name_plural = "approval history"

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"


class Delegation(TimeStampedModel):
    """While active, steps assigned to ``delegator`` go to ``delegate`` (both may act)."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations_given"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations_received"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="delegation_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(delegator=models.F("delegate")),
                name="delegation_not_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegator_id} -> {self.delegate_id} {self.starts_on}..{self.ends_on}"
