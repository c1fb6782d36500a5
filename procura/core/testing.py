"""Helpers for the test suites of every domain."""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connections
from django.test import override_settings

THREAD_TIMEOUT_SECONDS = 60


def run_concurrently(calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Start every call at the same moment, each in its own thread with its own database
    connection; return each call's result, or the exception it raised, in order."""
    results: list[Any] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def target(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THREAD_TIMEOUT_SECONDS)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError(f"a thread did not finish within {THREAD_TIMEOUT_SECONDS} s")
    return results


def run_in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    """``count`` concurrent calls of ``work(index)``."""
    return run_concurrently([functools.partial(work, index) for index in range(count)])


TASK_FINAL_STATES = frozenset({"succeeded", "failed"})


def wait_for_task(client: Any, task_id: str, *, seconds: float = 120) -> dict[str, Any]:
    """Poll ``GET /api/v1/tasks/{id}/`` until the task succeeded or failed, or ``seconds``
    passed; return the last status body."""
    url = f"/api/v1/tasks/{task_id}/"
    deadline = time.monotonic() + seconds
    status: dict[str, Any] = client.get(url).json()
    while status["state"] not in TASK_FINAL_STATES and time.monotonic() < deadline:
        time.sleep(0.25)
        status = client.get(url).json()
    return status


@functools.cache
def _openapi_document() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects as JSON Schema: ``nullable`` becomes a null alternative and
    documented objects allow no other keys, so an extra or missing key fails."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _as_json_schema(value) for key, value in node.items() if key != "nullable"}
    if "properties" in converted and "additionalProperties" not in converted:
        converted["additionalProperties"] = False
    if node.get("nullable"):
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
        if "type" in converted:
            converted["type"] = [converted["type"], "null"]
        else:
            converted = {"anyOf": [converted, {"type": "null"}]}
    return converted


def assert_documented_response(path: str, body: Any, *, method: str = "get") -> None:
    """``body`` is what the OpenAPI schema documents for a 200 of ``method path``."""
    import jsonschema

    document = _openapi_document()
    operation = document["paths"][path][method]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    root = {
        **_as_json_schema(schema),
        "components": _as_json_schema(document["components"]),
    }
    jsonschema.Draft202012Validator(root).validate(body)


def assert_list_matches_serializer(
    results: Sequence[dict[str, Any]],
    *,
    serializer_class: type[Any],
    queryset: Any,
    request: Any = None,
) -> None:
    """The fast list's ``results`` equal what ``serializer_class`` writes for the same
    objects (read with ``queryset``), in the same order, rendered to JSON."""
    import json

    from rest_framework.utils.encoders import JSONEncoder

    if not results:
        raise AssertionError("compare a non-empty page")
    ids = [row["id"] for row in results]
    objects = {str(obj.pk): obj for obj in queryset.filter(pk__in=ids)}
    expected = serializer_class(
        [objects[str(pk)] for pk in ids], many=True, context={"request": request}
    ).data
    written = json.loads(json.dumps(expected, cls=JSONEncoder))
    if written != list(results):
        mismatched = next(
            (pair for pair in zip(written, results, strict=True) if pair[0] != pair[1]), None
        )
        raise AssertionError(f"the list differs from its serializer: {mismatched}")


def assert_fast_list(
    client: Any,
    url: str,
    *,
    serializer_class: type[Any],
    queryset: Any,
    params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """GET a list served by the fast read path and check its page against the OpenAPI schema
    and against ``serializer_class`` writing the same objects (read with ``queryset``)."""
    response = client.get(url, {"page_size": 50, **(params or {})})
    if response.status_code != 200:
        raise AssertionError(f"{url}: {response.status_code} {response.content[:300]!r}")
    body: dict[str, Any] = response.json()
    assert_documented_response(url, body)
    from rest_framework.request import Request

    request = Request(response.wsgi_request)
    assert_list_matches_serializer(
        body["results"], serializer_class=serializer_class, queryset=queryset, request=request
    )
    return body


@contextlib.contextmanager
def redis_unreachable() -> Iterator[None]:
    """The default cache is a Redis that cannot be reached (nothing listens on port 1), for
    tests of what the fail-safe cache does while Redis is away. The outage it notes is shared by
    every fail-safe cache of the process: it is ended on the way out, so the tests after this
    one find Redis as it is."""
    from procura.core.cache import FailSafeRedisCache

    unreachable = {
        "default": {
            "BACKEND": "procura.core.cache.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
        }
    }
    try:
        with override_settings(CACHES=unreachable):
            yield
    finally:
        FailSafeRedisCache.outage.end()
