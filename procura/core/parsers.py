"""Request body parsing."""

from __future__ import annotations

from typing import Any

import orjson
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ProcuraJSONParser(JSONParser):
    """JSON bodies read by orjson: strict JSON (no NaN or Infinity), UTF-8, and a nesting limit,
    so a body of a hundred thousand nested arrays is a 400, not a recursion error."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return orjson.loads(stream.read())
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
