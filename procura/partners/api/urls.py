from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from procura.partners.api import views

router = SimpleRouter()
router.register("suppliers", views.SupplierViewSet, basename="supplier")
router.register("plants", views.PlantViewSet, basename="plant")
router.register(
    "supplier-plant-mappings", views.SupplierPlantViewSet, basename="supplier-plant-mapping"
)
router.register("customers", views.CustomerViewSet, basename="customer")
router.register("contacts", views.ContactViewSet, basename="contact")
router.register("carriers", views.CarrierViewSet, basename="carrier")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
