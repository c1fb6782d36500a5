from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from procura.sales.api.finance_views import (
    CustomerInvoiceViewSet,
    CustomerPaymentViewSet,
    CustomerPortalUserViewSet,
    ReceivablesAgingExportApi,
    ReceivablesViewSet,
)
from procura.sales.api.order_views import SalesOrderViewSet, ShipmentViewSet
from procura.sales.api.quote_views import SalesQuoteViewSet
from procura.sales.api.recall_views import RecallNotifyApi, RecallReportApi
from procura.sales.api.return_views import CustomerReturnViewSet
from procura.sales.api.trade_views import CreditNoteViewSet, PriceListViewSet

router = SimpleRouter()
router.register("sales-orders", SalesOrderViewSet, basename="sales-order")
router.register("shipments", ShipmentViewSet, basename="shipment")
router.register("credit-notes", CreditNoteViewSet, basename="credit-note")
router.register("customer-returns", CustomerReturnViewSet, basename="customer-return")
router.register("price-lists", PriceListViewSet, basename="price-list")
router.register("sales-quotes", SalesQuoteViewSet, basename="sales-quote")
router.register("customer-invoices", CustomerInvoiceViewSet, basename="customer-invoice")
router.register("customer-payments", CustomerPaymentViewSet, basename="customer-payment")
router.register("receivables", ReceivablesViewSet, basename="receivables")
router.register("customer-portal-users", CustomerPortalUserViewSet, basename="customer-portal-user")

urlpatterns: list[URLPattern | URLResolver] = [
    path("recalls/report/", RecallReportApi.as_view(), name="recall-report"),
    path("recalls/notify/", RecallNotifyApi.as_view(), name="recall-notify"),
    path(
        "receivables/aging/export/",
        ReceivablesAgingExportApi.as_view({"get": "get"}),
        name="receivables-aging-export",
    ),
    path("", include(router.urls)),
]
