"""Inventory errors: stable codes and typed exceptions carrying the quantities involved."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

from procura.core.errors import Conflict, InvalidInput


class InventoryErrorCode(StrEnum):
    INSUFFICIENT_STOCK = "insufficient_stock"
    RESERVATION_EXCEEDED = "reservation_exceeded"
    RELEASE_EXCEEDS_RESERVED = "release_exceeds_reserved"
    COUNT_BELOW_RESERVED = "count_below_reserved"
    LOCATION_INACTIVE = "location_inactive"
    LOCATION_HAS_STOCK = "location_has_stock"
    PRODUCT_INACTIVE = "product_inactive"
    SAME_LOCATION = "same_location"
    QUANTITY_NOT_POSITIVE = "quantity_not_positive"
    ADJUSTMENT_ZERO = "adjustment_zero"
    REASON_REQUIRED = "reason_required"
    NEGATIVE_COST = "negative_cost"


INSUFFICIENT_STOCK = (
    "Only {available} {unit} of {sku} available at {location}; {requested} requested."
)
RESERVATION_EXCEEDED = (
    "Only {reserved} {unit} of {sku} reserved at {location}; cannot ship {requested} from the "
    "reservation."
)
RELEASE_EXCEEDS_RESERVED = (
    "Only {reserved} {unit} of {sku} reserved at {location}; cannot release {requested}."
)
COUNT_BELOW_RESERVED = (
    "{counted} {unit} of {sku} counted at {location} but {reserved} are reserved; release "
    "reservations before posting this count."
)
LOCATION_INACTIVE = "Location {location} is inactive."
LOCATION_HAS_STOCK = "Location {location} still holds stock; move or adjust it out first."
PRODUCT_INACTIVE = "Product {sku} is inactive."
SAME_LOCATION = "A transfer needs two different locations."
QUANTITY_NOT_POSITIVE = "The quantity must be greater than zero."
ADJUSTMENT_ZERO = "An adjustment must change the quantity."
REASON_REQUIRED = "An adjustment needs a reason."
NEGATIVE_COST = "A unit cost cannot be negative."


class InsufficientStock(Conflict):
    """Taking more than is available (on hand less reserved). 409; the body carries product,
    location, requested and available."""

    title = "Insufficient stock"

    def __init__(
        self,
        *,
        product: Any,
        location: Any,
        requested: Decimal,
        available: Decimal,
        unit: str = "",
    ) -> None:
        self.product = product
        self.location = location
        self.requested = requested
        self.available = available
        super().__init__(
            INSUFFICIENT_STOCK.format(
                available=available,
                unit=unit or "units",
                sku=getattr(product, "sku", product),
                location=getattr(location, "code", location),
                requested=requested,
            ),
            code=InventoryErrorCode.INSUFFICIENT_STOCK,
            errors={"quantity": [f"Only {available} available."]},
            data={
                "product": str(getattr(product, "pk", product)),
                "location": str(getattr(location, "pk", location)),
                "requested": str(requested),
                "available": str(available),
            },
        )


class StockInputError(InvalidInput):
    """Bad arguments to a stock service (zero quantity, negative cost, missing reason)."""
