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
    LOT_REQUIRED = "lot_required"
    LOT_EXPIRED = "lot_expired"
    LOT_INSUFFICIENT = "lot_insufficient"
    LOT_CONFLICT = "lot_conflict"
    LOT_WRONG_PRODUCT = "lot_wrong_product"
    WEIGHT_REQUIRED = "weight_required"
    WEIGHT_OUT_OF_TOLERANCE = "weight_out_of_tolerance"
    WEIGHT_EXCEEDS_STOCK = "weight_exceeds_stock"
    COUNT_BY_LOT = "count_by_lot"


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
LOT_REQUIRED = "{sku} is lot-tracked: give the lot this stock belongs to."
LOT_EXPIRED = "Lot {lot} of {sku} expired on {use_by}; it cannot be reserved or shipped."
LOT_INSUFFICIENT = (
    "Only {available} {unit} of {sku} available in unexpired lots at {location}; {requested} "
    "requested."
)
LOT_CHOSEN_INSUFFICIENT = (
    "Only {available} {unit} of lot {lot} ({sku}) available at {location}; {requested} requested."
)
LOT_CONFLICT = (
    "Lot {lot} of {sku} is already on file with {field} {existing}; this label says {given}."
)
LOT_WRONG_PRODUCT = "Lot {lot} belongs to {lot_sku}, not {sku}."
WEIGHT_REQUIRED = "{sku} is sold by catch weight: give the actual net weight."
WEIGHT_OUT_OF_TOLERANCE = (
    "{weight} {unit} for {cases} case(s) of {sku} is outside the {tolerance}% tolerance around "
    "the nominal {nominal} {unit}."
)
WEIGHT_EXCEEDS_STOCK = "Only {available} {unit} of lot {lot} on hand; cannot take {requested}."
COUNT_BY_LOT = "{sku} is lot-tracked: count it lot by lot with adjustments naming the lot."


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


LOT_NOT_TRACKED = "{sku} is not tracked by lot; leave the lot empty."
LOT_UNKNOWN = "{sku} has no lot {lot} on file; stock can only be taken from a lot that exists."
