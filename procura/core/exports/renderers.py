from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from rest_framework.renderers import BaseRenderer


class CsvRenderer(BaseRenderer):
    """Lets ``Accept: text/csv`` select an export view; errors still go out as JSON text."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        return json.dumps(data, cls=DjangoJSONEncoder).encode()
