"""Phone numbers are stored in E.164 (+15125550100)."""

from __future__ import annotations

import phonenumbers
from django.conf import settings

from procura.accounts.errors import INVALID_PHONE
from procura.core.errors import InvalidInput


def normalize_phone(value: str, *, field: str = "phone") -> str:
    """E.164 form of ``value``; numbers without a country code are read in
    settings.PHONE_DEFAULT_REGION. Empty stays empty."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parsed = phonenumbers.parse(value, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise InvalidInput(INVALID_PHONE, errors={field: [INVALID_PHONE]}) from exc
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidInput(INVALID_PHONE, errors={field: [INVALID_PHONE]})
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
