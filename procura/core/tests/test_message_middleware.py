"""The admin's messages keep working; API requests get no message storage."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from procura.core.middleware import MessageMiddleware


def _through_middleware(path: str) -> HttpRequest:
    request = RequestFactory().get(path)
    request.session = {}  # type: ignore[assignment]

    def view(request: HttpRequest) -> HttpResponse:
        if not path.startswith("/api/"):
            messages.success(request, "Saved.")
        return HttpResponse("ok")

    MessageMiddleware(view)(request)
    return request


def test_pages_keep_their_messages_and_api_requests_build_no_storage():
    page = _through_middleware("/admin/procurement/purchaseorder/")
    assert [str(message) for message in messages.get_messages(page)] == ["Saved."]

    api = _through_middleware("/api/v1/purchase-orders/")
    assert not hasattr(api, "_messages")
    assert list(messages.get_messages(api)) == []
