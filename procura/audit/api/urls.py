from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from procura.audit.api.views import AuditEventViewSet, AuditVerifyApi

router = SimpleRouter()
router.register("audit/events", AuditEventViewSet, basename="audit-event")

urlpatterns: list[URLPattern | URLResolver] = [
    path("audit/verify/", AuditVerifyApi.as_view(), name="audit-verify"),
    *router.urls,
]
