"""Checks of what people type that every procurement service shares: the comment a decision
must carry, and amounts that fit the money columns."""

from __future__ import annotations

from decimal import Decimal

from procura.core.errors import InvalidInput
from procura.core.money import MONEY_MAX_DIGITS
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code

# The largest amount a MoneyField holds (16 digits, 2 of them decimals).
MONEY_LIMIT = Decimal(10) ** (MONEY_MAX_DIGITS - 2)
AMOUNT_TOO_LARGE = "This amount is too large."


def required_comment(comment: str, *, field: str = "comment") -> str:
    """The comment without surrounding blanks; 400 naming ``field`` when there is none."""
    comment = (comment or "").strip()
    if not comment:
        raise InvalidInput(
            errors.COMMENT_REQUIRED,
            code=Code.COMMENT_REQUIRED,
            errors={field: [errors.COMMENT_REQUIRED]},
        )
    return comment


def amount_within_limits(amount: Decimal, *, field: str) -> Decimal:
    """``amount`` when a money column can store it; 400 naming ``field`` otherwise (a quantity
    times a price can overflow even when each fits)."""
    if abs(amount) >= MONEY_LIMIT:
        raise InvalidInput(AMOUNT_TOO_LARGE, errors={field: [AMOUNT_TOO_LARGE]})
    return amount
