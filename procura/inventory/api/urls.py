from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from procura.inventory.api import lot_views, views

router = SimpleRouter()
router.register("locations", views.LocationViewSet, basename="location")
router.register("stock-levels", views.StockLevelViewSet, basename="stock-level")
router.register("stock-movements", views.StockMovementViewSet, basename="stock-movement")
router.register("reorder-rules", views.ReorderRuleViewSet, basename="reorder-rule")
router.register("lots", lot_views.LotViewSet, basename="lot")

urlpatterns: list[URLPattern | URLResolver] = [
    path("stock/receipts/", views.StockReceiptApi.as_view(), name="stock-receipts"),
    path("stock/issues/", views.StockIssueApi.as_view(), name="stock-issues"),
    path("stock/transfers/", views.StockTransferApi.as_view(), name="stock-transfers"),
    path("stock/adjustments/", views.StockAdjustmentApi.as_view(), name="stock-adjustments"),
    path("stock/counts/", views.StockCountApi.as_view(), name="stock-counts"),
    path(
        "stock/opening-stock/import/",
        views.OpeningStockImportApi.as_view(),
        name="stock-opening-stock-import",
    ),
    path("stock/low/", views.LowStockApi.as_view(), name="stock-low"),
    path("stock/expiring-lots/", lot_views.ExpiringLotsApi.as_view(), name="stock-expiring-lots"),
    path("scans/case-label/", lot_views.CaseLabelReadApi.as_view(), name="scan-case-label"),
    path("stock/low/export/", views.LowStockExportApi.as_view(), name="stock-low-export"),
    path("stock/valuation/", views.StockValuationApi.as_view(), name="stock-valuation"),
    path(
        "stock/valuation/export/",
        views.StockValuationExportApi.as_view(),
        name="stock-valuation-export",
    ),
    path(
        "stock/valuation/by-location/export/",
        views.StockValuationByLocationExportApi.as_view(),
        name="stock-valuation-by-location-export",
    ),
    *router.urls,
]
