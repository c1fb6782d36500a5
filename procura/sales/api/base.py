"""What sales API views share beyond the core viewset base: the portal customer's scope."""

from __future__ import annotations

from typing import Any

from procura.sales.selectors import portal_customer_id


class PortalScope:
    """``portal_customer``: the customer a portal user acts for (None for staff, negative
    when the portal user is linked to no customer)."""

    request: Any

    @property
    def portal_customer(self) -> int | None:
        return portal_customer_id(self.request.user)
