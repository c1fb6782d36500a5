"""Reorder to order: /reorder-drafts/ turns low-stock rows into draft orders or requests;
/reorder-policies/ says what the daily job drafts for a rule."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.models import User
from procura.accounts.permissions import MatrixPermission
from procura.core.api.viewsets import validated
from procura.core.serializers import ProcuraSerializer, StrictPrimaryKeyRelatedField
from procura.inventory.models import ReorderRule
from procura.procurement.models import ReorderDraft, ReorderPolicy
from procura.procurement.services import reorder as services


class ReorderDraftWriteSerializer(ProcuraSerializer):
    kind = serializers.ChoiceField(
        choices=[ReorderDraft.ORDER, ReorderDraft.REQUEST], default=ReorderDraft.ORDER
    )
    rules = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_empty=False,
        help_text="Reorder rules (low-stock rows) to draft for; all low rows when left out.",
    )


class DraftedDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    supplier_name = serializers.CharField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.CharField()


class SkippedSerializer(serializers.Serializer):
    product = serializers.CharField()
    reason = serializers.CharField()


class ReorderResultSerializer(serializers.Serializer):
    orders = DraftedDocumentSerializer(many=True)
    requests = DraftedDocumentSerializer(many=True)
    skipped = SkippedSerializer(many=True)


class ReorderPolicySerializer(ProcuraSerializer):
    rule = StrictPrimaryKeyRelatedField(queryset=ReorderRule.objects.all())
    auto_draft = serializers.ChoiceField(choices=ReorderDraft.choices)


class ReorderDraftApi(APIView):
    """Draft orders (or requests) grouped by preferred supplier from the low-stock list, each
    quantity rounded up to the supplier's minimum order quantity and pack size."""

    permission_classes = [MatrixPermission]
    permission_resource = "reorder_draft"

    @extend_schema(request=ReorderDraftWriteSerializer, responses={201: ReorderResultSerializer})
    def post(self, request: Request) -> Response:
        data = validated(ReorderDraftWriteSerializer, request.data)
        result = services.reorder_draft(
            by=cast(User, request.user), kind=data["kind"], rule_ids=data.get("rules")
        )
        body = {
            "orders": [
                {
                    "id": order.pk,
                    "number": order.number,
                    "supplier_name": order.supplier.name,
                    "total": order.total,
                    "currency": order.currency,
                }
                for order in result.orders
            ],
            "requests": [
                {
                    "id": draft.pk,
                    "number": draft.number,
                    "supplier_name": draft.suggested_supplier.name
                    if draft.suggested_supplier
                    else "",
                    "total": draft.total,
                    "currency": draft.currency,
                }
                for draft in result.requests
            ],
            "skipped": result.skipped,
        }
        return Response(ReorderResultSerializer(body).data, status=status.HTTP_201_CREATED)


class ReorderPolicyApi(APIView):
    """What the daily job drafts for one reorder rule when it runs low."""

    permission_classes = [MatrixPermission]
    permission_resource = "reorder_policy"

    @extend_schema(request=ReorderPolicySerializer, responses={200: ReorderPolicySerializer})
    def put(self, request: Request) -> Response:
        data = validated(ReorderPolicySerializer, request.data)
        policy: ReorderPolicy = services.reorder_policy_set(
            rule=data["rule"], auto_draft=data["auto_draft"], by=cast(User, request.user)
        )
        return Response({"rule": policy.rule_id, "auto_draft": policy.auto_draft})
