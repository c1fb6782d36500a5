"""Product identifiers: SKU normalisation and GTIN check digits."""

from __future__ import annotations

from django.core.exceptions import ValidationError

GTIN_LENGTHS = frozenset({8, 12, 13, 14})
GTIN_BAD_FORMAT = "A GTIN has 8, 12, 13 or 14 digits."
GTIN_BAD_CHECK_DIGIT = "The GTIN check digit is wrong (expected {expected})."
SKU_EMPTY = "A SKU cannot be blank."
SKU_MAX_LENGTH = 64
SKU_TOO_LONG = f"A SKU has at most {SKU_MAX_LENGTH} characters."


def normalise_sku(raw: str) -> str:
    """ " ab-1 " and "AB-1" are the same SKU: trimmed and upper-cased."""
    sku = raw.strip().upper()
    if not sku:
        raise ValidationError(SKU_EMPTY, code="blank")
    if len(sku) > SKU_MAX_LENGTH:
        raise ValidationError(SKU_TOO_LONG, code="max_length")
    return sku


def gtin_check_digit(body: str) -> int:
    """GS1 mod-10: from the right, weights 3, 1, 3, 1... over the digits before the check digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def normalise_gtin(raw: str) -> str:
    """Blank stays blank (no GTIN); otherwise 8/12/13/14 digits with a valid check digit."""
    gtin = raw.strip().replace(" ", "")
    if not gtin:
        return ""
    if not gtin.isdigit() or not gtin.isascii() or len(gtin) not in GTIN_LENGTHS:
        raise ValidationError(GTIN_BAD_FORMAT, code="invalid_gtin")
    expected = gtin_check_digit(gtin[:-1])
    if int(gtin[-1]) != expected:
        raise ValidationError(GTIN_BAD_CHECK_DIGIT.format(expected=expected), code="invalid_gtin")
    return gtin
