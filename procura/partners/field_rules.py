"""Fields of a partner that only some roles read, on screen and in every export alike.

A customer's credit limit, payment terms and tax id are finance's business (and sales', who
sell within them, and the auditors'); other staff see the customer without them. The API's
serializers and the CSV export both ask here, so a file never shows more than the screen.
"""

from __future__ import annotations

from typing import Any

from procura.accounts.permission_matrix import user_can

CUSTOMER_FINANCIAL_FIELDS = frozenset({"credit_limit", "payment_terms_days", "tax_id"})
VIEW_CUSTOMER_FINANCIALS = "customer_financials.view"


def customer_hidden_fields(user: Any) -> frozenset[str]:
    """The customer fields ``user`` may not read."""
    if user_can(user, VIEW_CUSTOMER_FINANCIALS):
        return frozenset()
    return CUSTOMER_FINANCIAL_FIELDS
