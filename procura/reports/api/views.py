from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.roles import Role
from procura.core.permissions import RolePermission
from procura.reports.api.serializers import (
    DepartmentSpendRowSerializer,
    MonthQuerySerializer,
    SpendByDepartmentSerializer,
    WorkQueueSerializer,
)
from procura.reports.selectors import spend_by_department

SPEND_READERS = (
    Role.ADMIN.value,
    Role.FINANCE.value,
    Role.PROCUREMENT.value,
    Role.APPROVER.value,
    Role.AUDITOR.value,
)


class SpendByDepartmentView(APIView):
    permission_classes = [RolePermission]
    read_roles = SPEND_READERS

    @extend_schema(
        operation_id="reports_spend_by_department",
        summary="Committed spend per department for a month",
        parameters=[MonthQuerySerializer],
        responses=SpendByDepartmentSerializer,
    )
    def get(self, request: Request) -> Response:
        query = MonthQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        month = query.month_or_current()
        rows = spend_by_department(month=month)
        data = {"month": month.strftime("%Y-%m"), "rows": rows}
        return Response(SpendByDepartmentSerializer(data).data)

    (DepartmentSpendRowSerializer,)
    (MonthQuerySerializer,)
    (SpendByDepartmentSerializer,)
    (WorkQueueSerializer,)
