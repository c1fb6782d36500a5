from django.urls import URLPattern, URLResolver, path

from procura.reports.api.views import (
    RecordSearchView,
    SalesByCustomerExportView,
    SalesByCustomerView,
    SpendByDepartmentExportView,
    SpendByDepartmentView,
    SpendSummaryExportView,
    SpendSummaryView,
    WorkQueueView,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "reports/spend-by-department/",
        SpendByDepartmentView.as_view(),
        name="reports-spend-by-department",
    ),
    path(
        "reports/spend-by-department/export/",
        SpendByDepartmentExportView.as_view(),
        name="reports-spend-by-department-export",
    ),
    path("reports/work-queue/", WorkQueueView.as_view(), name="reports-work-queue"),
    path("reports/spend/", SpendSummaryView.as_view(), name="reports-spend"),
    path("reports/spend/export/", SpendSummaryExportView.as_view(), name="reports-spend-export"),
    path(
        "reports/sales-by-customer/",
        SalesByCustomerView.as_view(),
        name="reports-sales-by-customer",
    ),
    path(
        "reports/sales-by-customer/export/",
        SalesByCustomerExportView.as_view(),
        name="reports-sales-by-customer-export",
    ),
    path("search/", RecordSearchView.as_view(), name="record-search"),
]
