"""The OpenAPI schema as ``/api/schema/`` serves it, for tests that check the API against it.

Generating it walks every view and serializer (seconds of CPU); it is generated once per test
process and each caller gets its own copy, so a test that changes its copy changes no other's.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from drf_spectacular.generators import SchemaGenerator


@cache
def _generated() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def openapi_schema() -> dict[str, Any]:
    """The public schema, built without a request or a database (a copy of this process's one)."""
    return copy.deepcopy(_generated())
