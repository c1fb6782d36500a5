from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from procura.notifications.api.inbox_views import InboxViewSet
from procura.notifications.api.views import NotificationLogViewSet

router = SimpleRouter()
router.register("notification-logs", NotificationLogViewSet, basename="notification-log")
router.register("inbox", InboxViewSet, basename="inbox")

urlpatterns: list[URLPattern | URLResolver] = [path("", include(router.urls))]
