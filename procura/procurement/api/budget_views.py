"""Budgets and their figures: /budgets/ (with pending, committed, actual and remaining spend in
the company currency) and /reports/budgets/ (the budgets of a day, for the report and the
dashboard card)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from procura.accounts.roles import STAFF_ROLES
from procura.core.api.viewsets import ProcuraViewSet, validated
from procura.core.etag import check_if_match
from procura.core.money import round_money
from procura.core.serializers import ProcuraModelSerializer
from procura.procurement.models import Budget
from procura.procurement.selectors.budgets import BudgetFigures, budget_figures, budget_list
from procura.procurement.services import budgets as budget_services

BUDGET_READERS = STAFF_ROLES


class BudgetSerializer(ProcuraModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True, default="")
    category_name = serializers.CharField(source="category.name", read_only=True, default="")
    pending = serializers.SerializerMethodField()
    committed = serializers.SerializerMethodField()
    actual = serializers.SerializerMethodField()
    remaining = serializers.SerializerMethodField()
    used_percent = serializers.SerializerMethodField()
    unconverted_documents = serializers.SerializerMethodField()

    class Meta:
        model = Budget
        fields = [
            "id",
            "name",
            "department",
            "department_name",
            "category",
            "category_name",
            "period",
            "starts_on",
            "ends_on",
            "amount",
            "currency",
            "on_exceed",
            "is_active",
            "pending",
            "committed",
            "actual",
            "remaining",
            "used_percent",
            "unconverted_documents",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["ends_on", "currency", "created_at", "updated_at"]

    def _figures(self, budget: Budget) -> BudgetFigures:
        figures: dict[int, BudgetFigures] | None = self.context.get("figures")
        if figures is None or budget.pk not in figures:
            figures = budget_figures([budget])
        return figures[budget.pk]

    def get_pending(self, budget: Budget) -> str:
        return str(round_money(self._figures(budget).pending))

    def get_committed(self, budget: Budget) -> str:
        return str(round_money(self._figures(budget).committed))

    def get_actual(self, budget: Budget) -> str:
        return str(round_money(self._figures(budget).actual))

    def get_remaining(self, budget: Budget) -> str:
        return str(self._figures(budget).remaining)

    def get_used_percent(self, budget: Budget) -> str:
        return str(self._figures(budget).used_percent)

    def get_unconverted_documents(self, budget: Budget) -> list[str]:
        return sorted(self._figures(budget).unconverted_documents)


class BudgetUpdateSerializer(ProcuraModelSerializer):
    class Meta:
        model = Budget
        fields = ["name", "amount", "on_exceed", "is_active"]


ON_PARAMETER = OpenApiParameter(
    "on", OpenApiTypes.DATE, description="Only budgets whose period holds this day."
)


class BudgetViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """Budgets per department and/or category per month, quarter or year, in the company
    currency. Finance sets them; everyone on staff reads them with their figures."""

    permission_resource = "budget"
    serializer_class = BudgetSerializer
    filterset_fields = ["department", "category", "period", "is_active", "on_exceed"]
    extra_query_params = ("on",)
    search_fields = ["name"]
    ordering_fields = ["starts_on", "name", "amount"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Budget]:
        on = self.request.query_params.get("on")
        return budget_list(on=serializers.DateField().to_internal_value(on) if on else None)

    @extend_schema(parameters=[ON_PARAMETER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        context = {**self.get_serializer_context(), "figures": budget_figures(rows)}
        data = BudgetSerializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=BudgetSerializer, responses={201: BudgetSerializer})
    def create(self, request: Request) -> Response:
        data = dict(validated(BudgetSerializer, request.data))
        data.pop("is_active", None)
        budget = budget_services.budget_create(by=self.actor, **data)
        return self.render_detail(budget, status=status.HTTP_201_CREATED)

    @extend_schema(request=BudgetUpdateSerializer, responses=BudgetSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        instance = self.get_object()
        check_if_match(request, lambda: self.get_serializer(instance).data)
        data = dict(validated(BudgetUpdateSerializer, request.data, partial=True))
        budget = budget_services.budget_update(budget=instance, by=self.actor, **data)
        return self.render_detail(budget)


class BudgetReportViewSet(mixins.ListModelMixin, ProcuraViewSet):
    """The active budgets of a day (today by default) with their figures, fullest first."""

    permission_resource = "budget"
    serializer_class = BudgetSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Budget]:
        on = self.request.query_params.get("on")
        day = serializers.DateField().to_internal_value(on) if on else timezone.localdate()
        return budget_list(on=day).filter(is_active=True)

    @extend_schema(parameters=[ON_PARAMETER], responses=BudgetSerializer(many=True))
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = list(self.get_queryset())
        figures = budget_figures(rows)
        rows.sort(key=lambda budget: (-figures[budget.pk].used_percent, budget.name))
        context = {**self.get_serializer_context(), "figures": figures}
        return Response(BudgetSerializer(rows, many=True, context=context).data)
