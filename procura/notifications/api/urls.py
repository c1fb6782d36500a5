from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from procura.notifications.api.views import NotificationLogViewSet

router = SimpleRouter()
router.register("notification-logs", NotificationLogViewSet, basename="notification-log")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
