"""Compatibility between hypothesis-jsonschema 0.23 (used by schemathesis 3.x to generate JSON
objects) and recent Hypothesis releases, whose internal ``many`` helper dropped the ``more()``
method in favour of ``with many(...) as elements: for _ in elements:``.

``install()`` gives hypothesis-jsonschema (and only it) a ``many`` with the old interface built
on the new one. It does nothing when the installed Hypothesis still has ``more()``. Pinning
Hypothesis below the release that removed it makes this module unnecessary.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Any

from hypothesis.internal.conjecture import utils as conjecture_utils


class _LegacyMany:
    """``while elements.more(): ...`` on top of the context-manager ``many``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._many = conjecture_utils.many(*args, **kwargs)
        self._elements: Iterator[None] | None = None

    def more(self) -> bool:
        if self._elements is None:
            self._many.__enter__()
            self._elements = iter(self._many)
        try:
            next(self._elements)
        except StopIteration:
            self._many.__exit__(None, None, None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


def install() -> None:
    if hasattr(conjecture_utils.many, "more"):
        return
    from hypothesis_jsonschema import _from_schema

    if getattr(_from_schema.cu, "many", None) is _LegacyMany:
        return
    shim = types.ModuleType("hypothesis_jsonschema_conjecture_utils")
    shim.__dict__.update(vars(conjecture_utils))
    shim.many = _LegacyMany  # type: ignore[attr-defined]
    _from_schema.cu = shim
