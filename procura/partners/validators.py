"""Normalising and validating the identifiers partners carry.

Each ``normalise_*`` function takes what a person typed (or a CSV cell held) and returns the
stored form, or raises Django's ``ValidationError`` with a message fit for the field. Models
call them from ``normalise()`` before ``full_clean()``, so the API, the admin and CSV imports
agree on one rule.
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

DEFAULT_PHONE_REGION = "US"

# ISO 3166-1 alpha-2. phonenumbers knows every country with a numbering plan; the few without
# one are added, and its non-ISO regions (Ascension, Tristan da Cunha, Kosovo) removed.
COUNTRY_CODES = frozenset(
    (set(phonenumbers.SUPPORTED_REGIONS) - {"AC", "TA", "XK"})
    | {"AQ", "BV", "GS", "HM", "PN", "TF", "UM"}
)

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,19}$")
SCAC_PATTERN = re.compile(r"^[A-Z]{2,4}$")
DIGITS_PATTERN = re.compile(r"^[0-9]{1,8}$")
TAX_REGION_PATTERN = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
# USDA FSIS establishment numbers: an optional activity prefix (M meat, P poultry, V egg and
# voluntary, I import, G inspection-exempt), 1-5 digits and an optional one- or two-letter suffix
# telling plants of one company apart: "M245C", "P1234", "245C", "V18A".
ESTABLISHMENT_PATTERN = re.compile(r"^[MPVIG]?[0-9]{1,5}[A-Z]{0,2}$")
_ESTABLISHMENT_NOISE = re.compile(r"^EST(ABLISHMENT)?\.?\s*(NO\.?|NUMBER|#)?\s*")

INVALID_CODE = "Use 1-20 letters, digits, '.', '_' or '-', starting with a letter or digit."
INVALID_SCAC = "A SCAC code is 2 to 4 letters (A-Z)."
INVALID_DIGITS = "Use digits only (up to 8)."
INVALID_TAX_REGION = "Use a country code with an optional region, e.g. 'US' or 'US-TX'."
INVALID_COUNTRY = "Use an ISO 3166-1 alpha-2 country code, e.g. 'US'."
INVALID_ESTABLISHMENT = (
    "Not a USDA establishment number; expected e.g. 'M245C', 'P-1234' or 'EST. 245C'."
)
INVALID_PHONE = "Not a valid phone number; include the country code outside the US."


def normalise_code(value: str) -> str:
    """Partner codes are compared and stored trimmed and upper-cased."""
    code = (value or "").strip().upper()
    if not CODE_PATTERN.match(code):
        raise ValidationError(INVALID_CODE, code="invalid_code")
    return code


def normalise_scac(value: str) -> str:
    scac = (value or "").strip().upper()
    if not SCAC_PATTERN.match(scac):
        raise ValidationError(INVALID_SCAC, code="invalid_scac")
    return scac


def _digits(value: str, *, prefixes: tuple[str, ...]) -> str:
    """Motor-carrier and DOT numbers: digits only; 'MC-123456' and 'MC 123456' keep the digits."""
    text = (value or "").strip().upper()
    for prefix in prefixes:
        text = text.removeprefix(prefix)
    text = text.replace("-", "").replace(" ", "").replace("#", "")
    if not text:
        return ""
    if not DIGITS_PATTERN.match(text):
        raise ValidationError(INVALID_DIGITS, code="invalid_digits")
    return text


def normalise_mc_number(value: str) -> str:
    return _digits(value, prefixes=("MC",))


def normalise_dot_number(value: str) -> str:
    return _digits(value, prefixes=("US", "DOT"))


def normalise_tax_region(value: str) -> str:
    region = (value or "").strip().upper()
    if not TAX_REGION_PATTERN.match(region) or region[:2] not in COUNTRY_CODES:
        raise ValidationError(INVALID_TAX_REGION, code="invalid_tax_region")
    return region


def normalise_country(value: str) -> str:
    country = (value or "").strip().upper()
    if country not in COUNTRY_CODES:
        raise ValidationError(INVALID_COUNTRY, code="invalid_country")
    return country


def normalise_establishment_number(value: str) -> str:
    """'EST. 245C' -> '245C', 'm-245c' -> 'M245C', 'P-1234' -> 'P1234'."""
    text = (value or "").strip().upper()
    text = _ESTABLISHMENT_NOISE.sub("", text)
    text = re.sub(r"[\s.\-]", "", text)
    if not ESTABLISHMENT_PATTERN.match(text):
        raise ValidationError(INVALID_ESTABLISHMENT, code="invalid_establishment_number")
    return text


def normalise_phone(value: str, *, region: str = DEFAULT_PHONE_REGION) -> str:
    """Any readable phone number -> E.164 ('(512) 555-0100' -> '+15125550100'); '' stays ''."""
    text = (value or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: str) -> str:
    email = (value or "").strip()
    if not email:
        return ""
    local, _, domain = email.rpartition("@")
    email = f"{local}@{domain.lower()}" if local else email
    validate_email(email)
    return email
