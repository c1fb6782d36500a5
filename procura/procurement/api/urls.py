from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from procura.procurement.api.budget_views import BudgetReportViewSet, BudgetViewSet
from procura.procurement.api.debit_note_views import SupplierDebitNoteViewSet
from procura.procurement.api.order_views import (
    ApAgingApi,
    ApAgingExportApi,
    GoodsReceiptViewSet,
    PurchaseOrderViewSet,
    SupplierInvoiceViewSet,
    SupplierPaymentViewSet,
)
from procura.procurement.api.reorder_views import ReorderDraftApi, ReorderPolicyApi
from procura.procurement.api.request_views import (
    ApprovalRuleViewSet,
    DelegationViewSet,
    MyApprovalsApi,
    PurchaseRequestViewSet,
)
from procura.procurement.api.rfq_views import RfqViewSet, SupplierPerformanceApi, SupplierQuoteApi
from procura.procurement.api.trade_views import BackToBackViewSet, LandedChargeViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("purchase-requests", PurchaseRequestViewSet, basename="purchase-request")
router.register("approval-rules", ApprovalRuleViewSet, basename="approval-rule")
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("budgets", BudgetViewSet, basename="budget")
router.register("reports/budgets", BudgetReportViewSet, basename="budget-report")
router.register("rfqs", RfqViewSet, basename="rfq")
router.register("purchase-orders", PurchaseOrderViewSet, basename="purchase-order")
router.register("goods-receipts", GoodsReceiptViewSet, basename="goods-receipt")
router.register("supplier-invoices", SupplierInvoiceViewSet, basename="supplier-invoice")
router.register("supplier-payments", SupplierPaymentViewSet, basename="supplier-payment")
router.register("supplier-debit-notes", SupplierDebitNoteViewSet, basename="supplier-debit-note")
router.register("back-to-back-orders", BackToBackViewSet, basename="back-to-back-order")
router.register("landed-charges", LandedChargeViewSet, basename="landed-charge")

urlpatterns: list[URLPattern | URLResolver] = [
    path("approvals/mine/", MyApprovalsApi.as_view(), name="approvals-mine"),
    path("reports/ap-aging/", ApAgingApi.as_view(), name="ap-aging"),
    path("reports/ap-aging/export/", ApAgingExportApi.as_view(), name="ap-aging-export"),
    path("reorder-drafts/", ReorderDraftApi.as_view(), name="reorder-drafts"),
    path("reorder-policies/", ReorderPolicyApi.as_view(), name="reorder-policies"),
    path("rfq-quotes/<str:token>/", SupplierQuoteApi.as_view(), name="rfq-quote"),
    path(
        "supplier-performance/<int:supplier_id>/",
        SupplierPerformanceApi.as_view(),
        name="supplier-performance",
    ),
    path("", include(router.urls)),
]
