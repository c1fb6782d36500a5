from __future__ import annotations

from typing import Any

from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

CURSOR_START = "start"


class PageNumberPagination(pagination.PageNumberPagination):
    """20 a page by default, ?page_size= up to 200."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200


class LedgerPagination(PageNumberPagination):
    """Page numbers as everywhere, or keyset pages for reading a ledger or the audit trail
    through: ``?cursor=start`` gives the newest rows (in the order they were recorded) with a
    ``next`` link carrying the cursor of the following page. A keyset page costs the same at
    any depth and counts nothing, and rows recorded meanwhile never shift a page: each row is
    read exactly once. Filters apply; the order is always newest recorded first."""

    cursor_query_param = "cursor"
    cursor_description = (
        "Keyset pages instead of page numbers: 'start' for the newest rows, then the "
        "cursor in each answer's next link. Newest recorded first; no count."
    )
    keyset = False

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        raw = request.query_params.get(self.cursor_query_param)
        self.keyset = raw is not None
        if raw is None:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        after = _cursor(raw)
        size = self.get_page_size(request) or self.page_size
        source = queryset.queryset if hasattr(queryset, "queryset") else queryset
        keys = source.order_by("-pk")
        if after is not None:
            keys = keys.filter(pk__lt=after)
        ids = list(keys.values_list("pk", flat=True)[: size + 1])
        self.next_cursor = ids[size - 1] if len(ids) > size else None
        page = source.filter(pk__in=ids[:size]).order_by("-pk")
        if hasattr(queryset, "with_queryset"):
            return queryset.with_queryset(page).all()
        return list(page)

    def get_paginated_response(self, data: Any) -> Response:
        if not self.keyset:
            return super().get_paginated_response(data)
        url = self.request.build_absolute_uri()  # type: ignore[union-attr]
        next_url = (
            replace_query_param(url, self.cursor_query_param, self.next_cursor)
            if self.next_cursor is not None
            else None
        )
        return Response({"next": next_url, "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["results"]
        answer["properties"]["count"]["description"] = "Page-number pages only."
        answer["properties"]["previous"]["description"] = "Page-number pages only."
        return answer

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": self.cursor_description,
                "schema": {"type": "string"},
            },
        ]


def _cursor(raw: str) -> int | None:
    value = raw.strip()
    if value == CURSOR_START:
        return None
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise ValidationError(
            {"cursor": ["Use 'start', or the cursor of a next link (a positive number)."]}
        )
    return int(value)
