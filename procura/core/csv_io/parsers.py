"""Cell parsers for CSV imports: each turns the cell text into a value or raises ``ValueError``
(its message becomes the reported reason)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

Parser = Callable[[str], Any]


def text(*, max_length: int | None = None) -> Parser:
    def parse(value: str) -> str:
        if max_length is not None and len(value) > max_length:
            raise ValueError(f"At most {max_length} characters.")
        return value

    return parse


def decimal(
    *,
    places: int | None = None,
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    greater_than: Decimal | None = None,
) -> Parser:
    """A number written with a dot ("12.50"); never a float."""

    def parse(value: str) -> Decimal:
        try:
            number = Decimal(value.replace(" ", ""))
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number.") from None
        if not number.is_finite():
            raise ValueError(f"{value!r} is not a number.")
        exponent = number.as_tuple().exponent
        if places is not None and isinstance(exponent, int) and -exponent > places:
            raise ValueError(f"At most {places} decimal places.")
        if greater_than is not None and number <= greater_than:
            raise ValueError(f"Must be greater than {greater_than}.")
        if min_value is not None and number < min_value:
            raise ValueError(f"Must be at least {min_value}.")
        if max_value is not None and number > max_value:
            raise ValueError(f"Must be at most {max_value}.")
        return number

    return parse


def integer(*, min_value: int | None = None, max_value: int | None = None) -> Parser:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a whole number.") from None
        if min_value is not None and number < min_value:
            raise ValueError(f"Must be at least {min_value}.")
        if max_value is not None and number > max_value:
            raise ValueError(f"Must be at most {max_value}.")
        return number

    return parse


TRUE_WORDS = frozenset({"true", "yes", "y", "1", "active"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "inactive"})


def boolean(value: str) -> bool:
    word = value.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{value!r} is not true or false.")


def choice(choices: Iterable[str], *, case_insensitive: bool = True) -> Parser:
    allowed = {(c.lower() if case_insensitive else c): c for c in choices}

    def parse(value: str) -> str:
        found = allowed.get(value.lower() if case_insensitive else value)
        if found is None:
            raise ValueError(f"{value!r} is not one of: {', '.join(sorted(allowed.values()))}.")
        return found

    return parse


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD).") from None


def lookup(
    table: Callable[[], Mapping[str, Any]], *, label: str, key: Parser = str.lower
) -> Parser:
    """Resolve a cell through a table the spec loaded in ``prepare`` (name -> object)."""

    def parse(value: str) -> Any:
        found = table().get(key(value))
        if found is None:
            raise ValueError(f"No {label} {value!r}.")
        return found

    return parse
