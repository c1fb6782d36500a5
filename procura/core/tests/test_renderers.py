"""The orjson renderer writes what DRF's JSON renderer writes."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from procura.core.renderers import ProcuraJSONRenderer

SERIALIZER: serializers.Serializer[Any] = serializers.Serializer()
SAMPLE = {
    "text": "Schweinenacken \u00e4\u00f6 \u2028 \u2029 \U0001f969",
    "money": Decimal("1234.50"),
    "when": datetime(2026, 3, 1, 12, 30, 5, 123456, tzinfo=UTC),
    "offset": datetime(2026, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=-5))),
    "day": date(2026, 2, 28),
    "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy": gettext_lazy("Purchase order"),
    "nested": ReturnDict(
        {"lines": ReturnList([{"n": 1}, {"n": None}], serializer=SERIALIZER)},
        serializer=SERIALIZER,
    ),
    "flags": [True, False, None, 0, -1.5],
    3: "int key",
}


def test_output_parses_to_what_the_drf_renderer_writes():
    fast = ProcuraJSONRenderer().render(SAMPLE)
    drf = JSONRenderer().render(SAMPLE)
    assert json.loads(fast) == json.loads(drf)
    assert b"\\u2028" in fast
    assert b"\\u2029" in fast


def test_none_is_an_empty_body_and_indent_is_honoured():
    renderer = ProcuraJSONRenderer()
    assert renderer.render(None) == b""
    pretty = renderer.render({"a": 1}, "application/json; indent=2")
    assert pretty == b'{\n  "a": 1\n}'
