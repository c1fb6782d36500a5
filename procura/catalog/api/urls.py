from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from procura.catalog.api.views import (
    CategoryViewSet,
    ProductViewSet,
    SupplierItemViewSet,
    TaxCategoryViewSet,
    TaxRateViewSet,
)

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("categories", CategoryViewSet, basename="category")
router.register("tax-categories", TaxCategoryViewSet, basename="tax-category")
router.register("tax-rates", TaxRateViewSet, basename="tax-rate")
router.register("products", ProductViewSet, basename="product")
router.register("supplier-items", SupplierItemViewSet, basename="supplier-item")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
