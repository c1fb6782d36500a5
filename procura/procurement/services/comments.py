"""The comment a decision must carry (reject, return, accept an exception, void)."""

from __future__ import annotations

from procura.core.errors import InvalidInput
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code


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
