from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.permissions import MatrixPermission
from procura.core.exports.views import ReportExportMixin, report_export_schema
from procura.reports.api.serializers import (
    DepartmentSpendRowSerializer,
    MonthQuerySerializer,
    SpendByDepartmentSerializer,
    WorkQueueSerializer,
)
from procura.reports.selectors import spend_by_department
from procura.reports.work_queue import work_queue


class SpendByDepartmentView(APIView):
    permission_classes = [MatrixPermission]
    permission_resource = "spend_report"

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


@report_export_schema("Download the spend by department as CSV or XLSX", [MonthQuerySerializer])
class SpendByDepartmentExportView(ReportExportMixin, SpendByDepartmentView):
    export_name = "spend-by-department"
    export_row_serializer = DepartmentSpendRowSerializer


class WorkQueueView(APIView):
    """Every signed-in person reads their own work queue."""

    permission_classes = [MatrixPermission]
    permission_resource = "work_queue"

    @extend_schema(
        operation_id="reports_work_queue",
        summary="My work: what waits for me, by list, with numbers, ages and amounts",
        responses=WorkQueueSerializer,
    )
    def get(self, request: Request) -> Response:
        queue = work_queue(user=request.user)  # type: ignore[arg-type]
        return Response(WorkQueueSerializer(queue).data)
