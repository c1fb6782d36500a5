from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from procura.mailin.api.views import InboundMessageViewSet, MailboxViewSet

router = SimpleRouter()
router.register("mailboxes", MailboxViewSet, basename="mailbox")
router.register("inbound-messages", InboundMessageViewSet, basename="inbound-message")

urlpatterns: list[URLPattern | URLResolver] = [*router.urls]
