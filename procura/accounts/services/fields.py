"""Input checks shared by the update services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from procura.core.errors import InvalidInput

READ_ONLY = "Read-only."
NOT_CHANGEABLE = "These fields cannot be changed here."


def refuse_unknown_fields(changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise InvalidInput(NOT_CHANGEABLE, errors={name: [READ_ONLY] for name in unknown})
