"""Purchase requests and their approval: /purchase-requests/, /approvals/mine/,
/approval-rules/, /delegations/."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.permissions import MatrixPermission
from procura.accounts.selectors import users_holding
from procura.audit.history import HistoryMixin
from procura.core.api.viewsets import FastListMixin, ProcuraViewSet, validated
from procura.core.etag import check_if_match
from procura.core.exports.views import ExportListMixin
from procura.core.filters import query_flag
from procura.core.listing import PageExtra
from procura.procurement.api.filters import PurchaseRequestFilter
from procura.procurement.api.serializers import (
    ApprovalRuleSerializer,
    ApprovalStepSerializer,
    DecisionSerializer,
    DelegationSerializer,
    DelegationWriteSerializer,
    PersonSerializer,
    PurchaseRequestListSerializer,
    PurchaseRequestSerializer,
    PurchaseRequestWriteSerializer,
)
from procura.procurement.models import ApprovalRule, Delegation, PurchaseRequest
from procura.procurement.selectors import requests as selectors
from procura.procurement.services import approval_rules as rule_services
from procura.procurement.services import approvals as approval_services
from procura.procurement.services import delegations as delegation_services
from procura.procurement.services import requests as request_services

AWAITING_ME = OpenApiParameter(
    "awaiting_me",
    OpenApiTypes.BOOL,
    description="Only requests with a pending step the signed-in user may decide.",
)


class PurchaseRequestViewSet(ExportListMixin, HistoryMixin, FastListMixin, ProcuraViewSet):
    """Purchase requests. Requesters see their own, managers their department's, approvers
    what is assigned to them; procurement, finance and auditors everything."""

    permission_resource = "purchase_request"
    permission_actions = {"return_for_changes": "return"}
    filterset_class = PurchaseRequestFilter
    extra_query_params = ("awaiting_me",)
    search_fields = ["number", "title", "description"]
    ordering_fields = ["created_at", "number", "total", "needed_by", "submitted_at", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[PurchaseRequest]:
        if getattr(self, "swagger_fake_view", False):
            return PurchaseRequest.objects.none()
        if self.action == "list":
            return selectors.purchase_request_list(
                user=self.actor, awaiting_me=query_flag(self.request, "awaiting_me")
            )
        return selectors.purchase_request_detail_queryset(user=self.actor)

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return PurchaseRequestListSerializer
        return PurchaseRequestSerializer

    def list_extras(self) -> dict[str, PageExtra]:
        def current_steps(pks: list[Any]) -> dict[Any, Any]:
            steps = selectors.purchase_request_current_steps(request_ids=pks)
            return {pk: dict(ApprovalStepSerializer(step).data) for pk, step in steps.items()}

        return {"current_step": current_steps}

    @extend_schema(parameters=[AWAITING_ME])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=PurchaseRequestWriteSerializer, responses={201: PurchaseRequestSerializer}
    )
    def create(self, request: Request) -> Response:
        data = validated(PurchaseRequestWriteSerializer, request.data)
        purchase_request = request_services.purchase_request_create(by=self.actor, **data)
        return self.render_detail(purchase_request, status=status.HTTP_201_CREATED)

    @extend_schema(request=PurchaseRequestWriteSerializer, responses=PurchaseRequestSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a draft or returned request; ``items``, when sent, replaces every item."""
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        data = dict(validated(PurchaseRequestWriteSerializer, request.data, partial=True))
        items = data.pop("items", None)
        purchase_request = request_services.purchase_request_update(
            request=instance, by=self.actor, items=items, **data
        )
        return self.render_detail(purchase_request)

    @extend_schema(request=None, responses=PurchaseRequestSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Send for approval. 422 when empty, above your spending limit or not covered by a rule."""
        purchase_request = request_services.purchase_request_submit(
            request=self.get_object(), by=self.actor
        )
        return self.render_detail(purchase_request)

    @extend_schema(request=DecisionSerializer, responses=PurchaseRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        """Approve the current step (its approver or delegate only; 409 when already decided)."""
        data = validated(DecisionSerializer, request.data)
        purchase_request = approval_services.purchase_request_approve(
            request=self.get_object(), by=self.actor, comment=data["comment"]
        )
        return self.render_detail(purchase_request)

    @extend_schema(request=DecisionSerializer, responses=PurchaseRequestSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        """Reject at the current step; a comment is required."""
        data = validated(DecisionSerializer, request.data)
        purchase_request = approval_services.purchase_request_reject(
            request=self.get_object(), by=self.actor, comment=data["comment"]
        )
        return self.render_detail(purchase_request)

    @extend_schema(request=DecisionSerializer, responses=PurchaseRequestSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_changes(self, request: Request, pk: str) -> Response:
        """Send back to the requester for changes; a comment is required."""
        data = validated(DecisionSerializer, request.data)
        purchase_request = approval_services.purchase_request_return(
            request=self.get_object(), by=self.actor, comment=data["comment"]
        )
        return self.render_detail(purchase_request)

    @extend_schema(request=DecisionSerializer, responses=PurchaseRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        """Withdraw a draft, returned or pending request (requester or procurement)."""
        data = validated(DecisionSerializer, request.data)
        purchase_request = request_services.purchase_request_cancel(
            request=self.get_object(), by=self.actor, reason=data["comment"]
        )
        return self.render_detail(purchase_request)


class MyApprovalsApi(generics.ListAPIView):
    """Requests waiting for a decision of the signed-in user (as approver, delegate or role)."""

    permission_classes = [MatrixPermission]
    permission_resource = "purchase_request"
    serializer_class = PurchaseRequestListSerializer
    ordering_fields = ["submitted_at", "total", "needed_by"]
    search_fields = ["number", "title"]
    filterset_fields = ["department", "currency"]

    def get_queryset(self) -> QuerySet[PurchaseRequest]:
        if getattr(self, "swagger_fake_view", False):
            return PurchaseRequest.objects.none()
        return selectors.purchase_request_list(
            user=self.request.user,  # type: ignore[arg-type]
            awaiting_me=True,
        ).order_by("submitted_at", "id")


class ApprovalRuleViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Approval rules: everyone on the staff reads them; administrators change them."""

    permission_resource = "approval_rule"
    serializer_class = ApprovalRuleSerializer
    filterset_fields = ["currency", "department", "category", "is_active"]
    search_fields = ["name"]
    ordering_fields = ["amount_over", "priority", "name"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ApprovalRule]:
        return selectors.approval_rule_list()

    @extend_schema(request=ApprovalRuleSerializer, responses={201: ApprovalRuleSerializer})
    def create(self, request: Request) -> Response:
        data = dict(validated(ApprovalRuleSerializer, request.data))
        rule = rule_services.approval_rule_create(by=self.actor, **data)
        return self.render_detail(rule, status=status.HTTP_201_CREATED)

    @extend_schema(request=ApprovalRuleSerializer, responses=ApprovalRuleSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        """Change a rule; ``steps``, when sent, replaces every step. Set ``is_active`` false to
        retire it."""
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        data = dict(validated(ApprovalRuleSerializer, request.data, partial=True))
        rule = rule_services.approval_rule_update(rule=instance, by=self.actor, **data)
        return self.render_detail(rule)


class DelegationViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Delegations you gave or received (administrators and auditors see all)."""

    permission_resource = "delegation"
    permission_actions = {"candidates": "purchase_request.approve"}
    serializer_class = DelegationSerializer
    filterset_fields = ["delegator", "delegate"]
    ordering_fields = ["starts_on", "ends_on"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Delegation]:
        if getattr(self, "swagger_fake_view", False):
            return Delegation.objects.none()
        return selectors.delegation_list(user=self.actor)

    @extend_schema(request=DelegationWriteSerializer, responses={201: DelegationSerializer})
    def create(self, request: Request) -> Response:
        """Let someone decide your approval steps for a date range; pending steps move at once
        when the range covers today."""
        data = dict(validated(DelegationWriteSerializer, request.data))
        delegation = delegation_services.delegation_create(by=self.actor, **data)
        return self.render_detail(delegation, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PersonSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def candidates(self, request: Request) -> Response:
        """Who you may hand your approvals to: active colleagues who may approve requests."""
        people = users_holding(action="purchase_request.approve", exclude=self.actor.pk)
        return Response(PersonSerializer(people, many=True).data)

    @extend_schema(request=None, responses=DelegationSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        delegation = delegation_services.delegation_revoke(
            delegation=self.get_object(), by=self.actor
        )
        return self.render_detail(delegation)
