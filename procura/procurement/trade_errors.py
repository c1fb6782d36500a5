"""Errors of back-to-back orders and landed costs: stable codes and the messages tests use."""

from __future__ import annotations

from enum import StrEnum


class TradeErrorCode(StrEnum):
    PLANT_NOT_OPERATED = "plant_not_operated"
    PLANT_NOT_APPROVED = "plant_not_approved"
    EXCEPTION_NOT_ALLOWED = "plant_exception_not_allowed"
    ALREADY_SOURCED = "sales_line_already_sourced"
    SALES_LINE_CLOSED = "sales_line_closed"
    NOTHING_TO_ALLOCATE = "nothing_to_allocate"
    CURRENCY_MISMATCH = "currency_mismatch"


PLANT_NOT_OPERATED = (
    "Supplier {supplier} does not sell from plant {plant} (est. {establishment}); add the "
    "supplier-plant mapping first."
)
PLANT_NOT_APPROVED = (
    "Customer {customer} has not approved plant {plant} (est. {establishment}) for supplier "
    "{supplier}."
)
EXCEPTION_NOT_ALLOWED = "Only an admin can record an exception for an unapproved plant."
EXCEPTION_REASON_REQUIRED = "Give the reason for the exception."
ALREADY_SOURCED = "Line {line_no} of {order} is already bought on {po}."
SALES_LINE_CLOSED = "A {status} sales order cannot be bought back-to-back."
CROSS_DOCK_NEEDS_LOCATION = "A cross-dock order needs the cold store it goes through."
CROSS_DOCK_LOCATION_INACTIVE = "Location {code} is inactive; choose an active cold store."
CROSS_DOCK_LOCATION_IN_TRANSIT = "Location {code} is an in-transit location, not a store."
DROP_SHIP_NO_LOCATION = (
    "A drop-ship order goes from the plant to the customer; only a cross-dock order names a "
    "cold store."
)
NOTHING_TO_ALLOCATE = "Receipt {number} has no stocked lines to carry the charge."
NO_WEIGHT = "Receipt {number} records no net weight; allocate by quantity or value."
CHARGE_CURRENCY_MISMATCH = "The charge is in {given}; receipt {number}'s order is in {currency}."
