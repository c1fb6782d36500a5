from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procura.accounts.permissions import MatrixPermission
from procura.core.exports.views import ReportExportMixin, report_export_schema
from procura.currency.selectors import company_currency
from procura.reports.api.serializers import (
    DepartmentSpendRowSerializer,
    MonthQuerySerializer,
    PeriodQuerySerializer,
    PeriodReportSerializer,
    PeriodRowSerializer,
    SearchQuerySerializer,
    SearchResultSerializer,
    SpendByDepartmentSerializer,
    SpendQuerySerializer,
    WorkQueueSerializer,
)
from procura.reports.search import record_search
from procura.reports.selectors import sales_by_customer, spend_by_department, spend_summary
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


class SpendSummaryView(APIView):
    permission_classes = [MatrixPermission]
    permission_resource = "spend_report"

    @extend_schema(
        operation_id="reports_spend",
        summary="Committed spend over the last months, per month, department, category or supplier",
        parameters=[SpendQuerySerializer],
        responses=PeriodReportSerializer,
    )
    def get(self, request: Request) -> Response:
        query = SpendQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.period()
        by = query.validated_data.get("by") or "month"
        rows = spend_summary(by=by, start=start, end=end)
        return _period_report(start, end, by, rows)


@report_export_schema("Download the spend summary as CSV or XLSX", [SpendQuerySerializer])
class SpendSummaryExportView(ReportExportMixin, SpendSummaryView):
    export_name = "spend"
    export_row_serializer = PeriodRowSerializer


def _period_report(start: Any, end: Any, by: str, rows: Any) -> Response:
    """A chart's rows with their period and the currency their company totals are in."""
    return Response(
        PeriodReportSerializer(
            {
                "start": start,
                "end": end,
                "by": by,
                "company_currency": company_currency(),
                "rows": rows,
            }
        ).data
    )


class SalesByCustomerView(APIView):
    permission_classes = [MatrixPermission]
    permission_resource = "sales_report"

    @extend_schema(
        operation_id="reports_sales_by_customer",
        summary="Net invoiced sales per customer over the last months",
        parameters=[PeriodQuerySerializer],
        responses=PeriodReportSerializer,
    )
    def get(self, request: Request) -> Response:
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        start, end = query.period()
        rows = sales_by_customer(start=start, end=end)
        return _period_report(start, end, "customer", rows)


@report_export_schema("Download the sales by customer as CSV or XLSX", [PeriodQuerySerializer])
class SalesByCustomerExportView(ReportExportMixin, SalesByCustomerView):
    export_name = "sales-by-customer"
    export_row_serializer = PeriodRowSerializer


class RecordSearchView(APIView):
    """Every signed-in person searches what they may read."""

    permission_classes = [MatrixPermission]
    permission_resource = "record_search"

    @extend_schema(
        operation_id="reports_search",
        summary="Find records by business number, code, SKU or name (what you may read)",
        parameters=[SearchQuerySerializer],
        responses=SearchResultSerializer,
    )
    def get(self, request: Request) -> Response:
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text = query.validated_data["q"]
        hits = record_search(user=request.user, query=text)  # type: ignore[arg-type]
        return Response(SearchResultSerializer({"query": text, "results": hits}).data)
