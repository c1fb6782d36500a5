from django.urls import URLPattern, URLResolver, path

from procura.reports.api.views import (
    SpendByDepartmentExportView,
    SpendByDepartmentView,
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
]
