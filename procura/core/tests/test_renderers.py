"""The orjson renderer writes what DRF's JSON renderer writes."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from procura.core.exports.renderers import CsvRenderer
from procura.core.renderers import ProcuraContentNegotiation, ProcuraJSONRenderer

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


def test_content_negotiation_answers_as_drfs():
    accepts = [
        None,
        "*/*",
        "application/json",
        "application/json; indent=2",
        "text/csv",
        "text/*",
        "image/png",
        "text/html,*/*;q=0.8",
        "",
    ]
    renderer_lists: list[list[BaseRenderer]] = [
        [ProcuraJSONRenderer()],
        [ProcuraJSONRenderer(), CsvRenderer()],
        [CsvRenderer(), ProcuraJSONRenderer()],
        [BrowsableAPIRenderer(), ProcuraJSONRenderer()],
    ]
    for accept in accepts:
        for query in ("", "format=json", "format=csv"):
            for renderers in renderer_lists:
                raw = APIRequestFactory().get(f"/?{query}")
                if accept is not None:
                    raw.META["HTTP_ACCEPT"] = accept
                request = Request(raw)
                answers: list[object] = []
                for negotiation in (ProcuraContentNegotiation(), DefaultContentNegotiation()):
                    try:
                        renderer, media_type = negotiation.select_renderer(request, renderers)
                        answers.append((type(renderer), media_type))
                    except Exception as exc:  # noqa: BLE001 - the same refusal is expected
                        answers.append(type(exc))
                assert answers[0] == answers[1], (accept, query, renderers)
    with pytest.raises(NotAcceptable):
        ProcuraContentNegotiation().select_renderer(
            Request(APIRequestFactory().get("/", HTTP_ACCEPT="image/png")), [ProcuraJSONRenderer()]
        )
