"""Values stored in JSON columns."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder


def canonical_json(value: Any) -> Any:
    """``value`` as it reads back from a JSON column (Decimals, dates and UUIDs as strings, keys
    sorted), so what is stored, hashed or replayed is exactly what a later read gives."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True))
