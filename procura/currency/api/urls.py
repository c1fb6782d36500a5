from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from procura.currency.api.views import ExchangeRateViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("exchange-rates", ExchangeRateViewSet, basename="exchange-rate")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
