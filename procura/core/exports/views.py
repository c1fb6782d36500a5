"""``GET <list>/export/``: the list's rows as a CSV or XLSX download, and the same for reports.

``ExportListMixin`` runs the export as the list itself: the view's ``action`` is ``"list"`` while
the export runs, so permissions, ``get_queryset``, ``get_serializer_class`` (field rules per
role), filters, search and ordering are exactly the list's. Rows are read in chunks
(``iterator``) and serialized one at a time, never the whole table at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request

from procura.core.api.viewsets import FastListMixin
from procura.core.errors import InvalidInput, NotFound
from procura.core.exports.columns import ListColumn, serializer_columns, top_level_names
from procura.core.exports.writers import CONTENT_TYPES, ExportFormat, spreadsheet_response
from procura.core.renderers import ProcuraJSONRenderer

EXPORT_CHUNK = 2_000
FORMAT_PARAM = "format"
COLUMNS_PARAM = "columns"

NOTHING_TO_EXPORT = "No rows match these filters; there is nothing to export."
UNKNOWN_FORMAT = "Unknown export format {value!r}; use csv or xlsx."

EXPORT_PARAMETERS = [
    OpenApiParameter(
        FORMAT_PARAM,
        OpenApiTypes.STR,
        enum=[f.value for f in ExportFormat],
        description="csv (default) or xlsx.",
    ),
    OpenApiParameter(
        COLUMNS_PARAM,
        OpenApiTypes.STR,
        description=(
            "Comma-separated columns, each a dotted path into a list row, optionally "
            "`=Header`: `number,title,requester.full_name=Requester`. Default: every field."
        ),
    ),
]
EXPORT_RESPONSES: dict[int | tuple[int, str], Any] = {
    (200, CONTENT_TYPES[ExportFormat.CSV].split(";")[0]): OpenApiResponse(
        OpenApiTypes.BINARY, description="CSV (UTF-8 with BOM), formulas neutralised."
    ),
    (200, CONTENT_TYPES[ExportFormat.XLSX]): OpenApiResponse(
        OpenApiTypes.BINARY, description="XLSX workbook, one sheet."
    ),
    404: OpenApiResponse(description="No row matches the filters (code nothing_to_export)."),
}


def export_format(request: Request) -> ExportFormat:
    raw = (request.query_params.get(FORMAT_PARAM) or ExportFormat.CSV.value).strip().lower()
    try:
        return ExportFormat(raw)
    except ValueError:
        message = UNKNOWN_FORMAT.format(value=raw)
        raise InvalidInput(
            message, code="unknown_format", errors={FORMAT_PARAM: [message]}
        ) from None


def dated_name(name: str) -> str:
    return f"{name}-{date.today().isoformat()}"  # noqa: DTZ011 - a file name in local time


def export_rows(
    *,
    request: Request,
    columns: Sequence[ListColumn],
    rows: Iterable[Mapping[str, Any]],
    filename: str,
) -> StreamingHttpResponse:
    def cells() -> Iterator[list[Any]]:
        for row in rows:
            yield [column.read(row) for column in columns]

    return spreadsheet_response(
        fmt=export_format(request),
        filename=dated_name(filename),
        headers=[column.header for column in columns],
        kinds=[column.kind for column in columns],
        rows=cells(),
    )


class ReportExportMixin:
    """Turns a report view into its download: ``get`` runs the report view's own ``get``
    (permissions, parameters, figures) and writes the rows of its answer (``data[rows_key]``,
    or the whole answer when it is a list) as CSV or XLSX. ``export_row_serializer`` is the
    serializer of one row: its fields give the columns and their kinds."""

    export_name: str
    export_row_serializer: type[serializers.Serializer]
    export_rows_key: str | None = "rows"

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        renderer = ProcuraJSONRenderer()  # ?format= names the file type; errors answer in JSON
        return renderer, renderer.media_type

    def get_export_row_serializer(self) -> type[serializers.Serializer]:
        """The row serializer for this request (a view whose rows differ per reader overrides)."""
        return self.export_row_serializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        export_format(request)
        columns = serializer_columns(
            self.get_export_row_serializer()(), request.query_params.get(COLUMNS_PARAM)
        )
        answer = super().get(request, *args, **kwargs)  # type: ignore[misc]
        data = answer.data
        rows = data if self.export_rows_key is None else data[self.export_rows_key]
        if not rows:
            raise NotFound(NOTHING_TO_EXPORT, code="nothing_to_export")
        return export_rows(request=request, columns=columns, rows=rows, filename=self.export_name)


def report_export_schema(
    summary: str, parameters: Sequence[OpenApiParameter | type[serializers.Serializer]] = ()
) -> Any:
    """The schema of a report download: the report's own parameters, then the export's."""
    return extend_schema(
        summary=summary,
        parameters=[*parameters, *EXPORT_PARAMETERS],
        responses=EXPORT_RESPONSES,
    )


class ExportListMixin:
    """Adds ``GET export/`` to a list viewset. See the module docstring."""

    export_name: str | None = None
    export_chunk: int = EXPORT_CHUNK

    def initialize_request(self, request: Any, *args: Any, **kwargs: Any) -> Request:
        drf_request: Request = super().initialize_request(request, *args, **kwargs)  # type: ignore[misc]
        view: Any = self
        self.exporting = view.action == "export"
        if self.exporting:
            view.action = "list"
        return drf_request

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        if getattr(self, "exporting", False):
            # ?format= names the file type here, not a renderer; errors answer in JSON.
            renderer = ProcuraJSONRenderer()
            return renderer, renderer.media_type
        return super().perform_content_negotiation(request, force)  # type: ignore[misc]

    @extend_schema(
        summary="Download the filtered list as CSV or XLSX",
        description=(
            "Takes the same filters, search and ordering as the list and returns every "
            "matching row (no paging), with the fields the list shows to the caller."
        ),
        parameters=EXPORT_PARAMETERS,
        responses=EXPORT_RESPONSES,
        filters=True,
    )
    @action(detail=False, methods=["get"], url_path="export", pagination_class=None)
    def export(self, request: Request, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        export_format(request)  # a bad format is refused before any query
        view: Any = self  # a GenericViewSet
        context = view.get_serializer_context()
        serializer = view.get_serializer_class()(context=context)
        columns = serializer_columns(serializer, request.query_params.get(COLUMNS_PARAM))
        context["fields"] = top_level_names(columns)
        queryset = view.filter_queryset(view.get_queryset())
        if not queryset.exists():
            raise NotFound(NOTHING_TO_EXPORT, code="nothing_to_export")
        rows: Iterable[Mapping[str, Any]]
        serializer_class = view.get_serializer_class()
        if isinstance(self, FastListMixin):
            rows = self.list_source(queryset, fields=context["fields"]).iterator(self.export_chunk)
        else:
            rows = serialized_rows(queryset, serializer_class(context=context), self.export_chunk)
        name = self.export_name or f"{view.basename}s"
        return export_rows(request=request, columns=columns, rows=rows, filename=name)


def serialized_rows(
    queryset: QuerySet[Any], serializer: serializers.Serializer, chunk: int
) -> Iterator[Mapping[str, Any]]:
    """Each object of ``queryset`` as the list serializer writes it, read ``chunk`` at a time
    (prefetches run per chunk)."""
    for obj in queryset.iterator(chunk_size=chunk):
        yield serializer.to_representation(obj)
