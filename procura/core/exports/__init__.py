"""Spreadsheet exports: CSV and XLSX of exactly what a list or report shows.

- ``cells``: how one value becomes a cell (formula neutralising, import-compatible text).
- ``writers``: the streaming CSV writer and the XLSX writer (XlsxWriter in constant-memory mode,
  spooled to a temporary file and streamed out in chunks), behind ``spreadsheet_response``.
- ``columns``: the ``columns=`` parameter and how a column reads a serialized row.
- ``views``: ``ExportListMixin`` adds ``GET <list>/export/`` to a list viewset (same queryset,
  filters, ordering and serializer as the list, so the same rows and the same field rules per
  role); ``report_export`` does the same for a report's rows.
"""
