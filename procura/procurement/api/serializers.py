"""Procure-to-pay API representations. Output serializers render; input serializers only
translate the payload into service arguments (the services decide)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procura.accounts.models import Department, User
from procura.accounts.permission_matrix import readable_for
from procura.accounts.roles import Role
from procura.catalog.models import Category, Product
from procura.core.money import (
    CURRENCY_CHOICES,
    MONEY_MAX_DIGITS,
    QUANTITY_MAX_DIGITS,
    RATE_MAX_DIGITS,
)
from procura.core.serializers import (
    RECORD_CONTEXT_FIELDS,
    ProcuraModelSerializer,
    ProcuraSerializer,
    RecordContextMixin,
    StrictPrimaryKeyRelatedField,
)
from procura.core.units import UnitOfMeasure
from procura.partners.models import Supplier
from procura.procurement.models import (
    ApprovalHistory,
    ApprovalRule,
    ApprovalRuleStep,
    ApprovalStep,
    ApproverKind,
    Delegation,
    PurchaseRequest,
    PurchaseRequestItem,
)
from procura.procurement.selectors import record_context


class PersonSerializer(ProcuraModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name", "email"]
        read_only_fields = fields


def quantity_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=QUANTITY_MAX_DIGITS, decimal_places=3, min_value=Decimal("0.001"), **kwargs
    )


def price_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=RATE_MAX_DIGITS, decimal_places=4, min_value=Decimal(0), **kwargs
    )


# --- purchase requests ---------------------------------------------------------------------------


class PurchaseRequestItemSerializer(ProcuraModelSerializer):
    class Meta:
        model = PurchaseRequestItem
        fields = [
            "id",
            "line_no",
            "product",
            "description",
            "quantity",
            "unit",
            "estimated_unit_price",
            "line_total",
            "supplier",
        ]
        read_only_fields = fields


class PurchaseRequestItemInputSerializer(ProcuraSerializer):
    product = StrictPrimaryKeyRelatedField(
        queryset=Product.objects.active(), required=False, allow_null=True
    )
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    quantity = quantity_field()
    unit = serializers.ChoiceField(choices=UnitOfMeasure.choices, required=False)
    estimated_unit_price = price_field(required=False)
    supplier = StrictPrimaryKeyRelatedField(
        queryset=Supplier.objects.active(), required=False, allow_null=True
    )


class ApprovalStepSerializer(ProcuraModelSerializer):
    approver = PersonSerializer(read_only=True)
    delegate = PersonSerializer(read_only=True, allow_null=True)
    decided_by = PersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ApprovalStep
        fields = [
            "id",
            "round",
            "sequence",
            "kind",
            "role",
            "approver",
            "delegate",
            "status",
            "assigned_at",
            "reminded_at",
            "decided_at",
            "decided_by",
            "comment",
            "over_budget",
        ]
        read_only_fields = fields


class ApprovalHistorySerializer(ProcuraModelSerializer):
    actor = PersonSerializer(read_only=True)
    assignee = PersonSerializer(read_only=True)
    step_sequence = serializers.IntegerField(source="step.sequence", read_only=True, default=None)

    class Meta:
        model = ApprovalHistory
        fields = ["id", "action", "step_sequence", "actor", "assignee", "comment", "created_at"]
        read_only_fields = fields


class PurchaseRequestListSerializer(ProcuraModelSerializer):
    requester = PersonSerializer(read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    item_count = serializers.IntegerField(read_only=True)
    current_step = serializers.SerializerMethodField()

    class Meta:
        model = PurchaseRequest
        fields = [
            "id",
            "number",
            "title",
            "status",
            "requester",
            "department",
            "department_name",
            "needed_by",
            "currency",
            "exchange_rate",
            "exchange_rate_date",
            "over_budget",
            "suggested_supplier",
            "total",
            "item_count",
            "current_step",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ApprovalStepSerializer(allow_null=True))
    def get_current_step(self, request: PurchaseRequest) -> dict[str, Any] | None:
        pending = getattr(request, "pending_steps", None)
        if not pending:
            return None
        # No request in the step's context: ``?fields=`` picks fields of the request, not of
        # its step.
        return dict(ApprovalStepSerializer(pending[0]).data)


class PurchaseRequestSerializer(RecordContextMixin, PurchaseRequestListSerializer):  # type: ignore[misc]
    items = PurchaseRequestItemSerializer(many=True, read_only=True)
    steps = ApprovalStepSerializer(many=True, read_only=True, source="all_steps")
    approval_history = ApprovalHistorySerializer(many=True, read_only=True, source="timeline")

    class Meta(PurchaseRequestListSerializer.Meta):
        fields = [
            *PurchaseRequestListSerializer.Meta.fields,
            "description",
            "items",
            "steps",
            "approval_history",
            *RECORD_CONTEXT_FIELDS,
        ]
        read_only_fields = fields

    record_context = {
        "actions": lambda obj, user: record_context.purchase_request_actions(
            request=obj, user=user
        ),
        "related": lambda obj, user: readable_for(
            user, record_context.purchase_request_related(request=obj)
        ),
        "workflow": lambda obj, user: record_context.purchase_request_workflow(
            request=obj, user=user
        ),
    }


class PurchaseRequestWriteSerializer(ProcuraSerializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    department = StrictPrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), required=False
    )
    needed_by = serializers.DateField(required=False, allow_null=True)
    currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    suggested_supplier = StrictPrimaryKeyRelatedField(
        queryset=Supplier.objects.active(), required=False, allow_null=True
    )
    items = PurchaseRequestItemInputSerializer(many=True, required=False)


class DecisionSerializer(ProcuraSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


# --- approval rules ------------------------------------------------------------------------------


class ApprovalRuleStepSerializer(ProcuraModelSerializer):
    user = StrictPrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    role = serializers.ChoiceField(choices=Role.choices, required=False, allow_blank=True)
    user_name = serializers.CharField(
        source="user.full_name", read_only=True, default="", help_text="The named approver."
    )

    class Meta:
        model = ApprovalRuleStep
        fields = ["sequence", "kind", "role", "user", "user_name", "only_over_budget"]
        read_only_fields = ["sequence", "user_name"]


class ApprovalRuleSerializer(ProcuraModelSerializer):
    steps = ApprovalRuleStepSerializer(many=True)
    amount_over = serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=2, min_value=Decimal(0), required=False
    )
    amount_up_to = serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text="Inclusive upper bound; blank for no upper bound.",
    )
    department = StrictPrimaryKeyRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True
    )
    category = StrictPrimaryKeyRelatedField(
        queryset=Category.objects.all(), required=False, allow_null=True
    )
    department_name = serializers.CharField(
        source="department.name", read_only=True, default="", help_text="Blank: every department."
    )
    category_name = serializers.CharField(
        source="category.name", read_only=True, default="", help_text="Blank: every category."
    )

    class Meta:
        model = ApprovalRule
        fields = [
            "id",
            "name",
            "currency",
            "amount_over",
            "amount_up_to",
            "department",
            "department_name",
            "category",
            "category_name",
            "priority",
            "is_active",
            "steps",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "department_name", "category_name", "created_at", "updated_at"]

    def validate_steps(self, steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for step in steps:
            if step["kind"] not in ApproverKind.values:
                raise serializers.ValidationError("Unknown approver kind.")
        return steps


# --- delegations ---------------------------------------------------------------------------------


class DelegationSerializer(ProcuraModelSerializer):
    delegator = PersonSerializer(read_only=True)
    delegate = PersonSerializer(read_only=True)
    is_active = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        fields = [
            "id",
            "delegator",
            "delegate",
            "starts_on",
            "ends_on",
            "reason",
            "revoked_at",
            "is_active",
            "created_at",
        ]
        read_only_fields = fields

    def get_is_active(self, delegation: Delegation) -> bool:
        from django.utils import timezone

        today = timezone.localdate()
        return delegation.revoked_at is None and delegation.starts_on <= today <= delegation.ends_on


class DelegationWriteSerializer(ProcuraSerializer):
    delegate = StrictPrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    delegator = StrictPrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        help_text="Administrators only: whose authority is delegated (default: yourself).",
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
