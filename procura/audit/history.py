"""Object history for other domains' API: ``GET /api/v1/<resource>/{id}/history/``.

Add it to a viewset with one line, by listing the mixin first::

    from procura.audit.history import HistoryMixin

    class PurchaseOrderViewSet(HistoryMixin, ETagMixin, viewsets.ModelViewSet):
        ...

The action loads the object with the viewset's own ``get_object()``, so whoever may see the
object (its queryset scoping, ``read_roles`` and object permissions) may see its history, and
nobody else; the events are those recorded by ``audit_record(obj=...)`` for that object, newest
first, paginated like every list. A view that is not a viewset can answer with
``object_history_response(view, obj)``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from procura.audit.api.serializers import AuditEventSerializer, AuditHistoryPageSerializer
from procura.audit.selectors import audit_event_history
from procura.core.pagination import PageNumberPagination

HISTORY_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Events a page, up to 200."),
]


def object_history_response(view: Any, obj: Any) -> Response:
    """One page of ``obj``'s audit events for ``view.request``. The caller has already checked
    that the requester may see ``obj``."""
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(audit_event_history(obj=obj), view.request, view=view)
    context = {"request": view.request, "view": view}
    return paginator.get_paginated_response(
        AuditEventSerializer(page, many=True, context=context).data
    )


class HistoryMixin:
    """Adds ``GET {id}/history/``: the object's audit events (see the module docstring)."""

    @extend_schema(
        summary="History of changes",
        parameters=HISTORY_PARAMETERS,
        responses=AuditHistoryPageSerializer,
        filters=False,
    )
    @action(detail=True, methods=["get"], url_path="history", filter_backends=[])
    def history(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        return object_history_response(self, obj)
