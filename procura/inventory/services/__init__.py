"""Inventory writes: ``movements`` (on hand), ``reservations``, ``locations`` (and reorder
rules), ``alerts``, ``imports`` (opening stock); ``ledger`` holds their shared mechanics."""

from procura.inventory.services.alerts import low_stock_alerts_record
from procura.inventory.services.ledger import MANUAL, SourceRef
from procura.inventory.services.locations import (
    location_activate,
    location_create,
    location_deactivate,
    location_update,
    reorder_rule_delete,
    reorder_rule_set,
)
from procura.inventory.services.lots import lot_register
from procura.inventory.services.movements import (
    stock_adjust,
    stock_adjust_lot,
    stock_count,
    stock_issue,
    stock_issue_lots,
    stock_receive,
    stock_return_from_customer,
    stock_return_to_supplier,
    stock_revalue,
    stock_transfer,
)
from procura.inventory.services.reservations import stock_release, stock_reserve

__all__ = [
    "MANUAL",
    "SourceRef",
    "location_activate",
    "location_create",
    "location_deactivate",
    "location_update",
    "lot_register",
    "low_stock_alerts_record",
    "reorder_rule_delete",
    "reorder_rule_set",
    "stock_adjust",
    "stock_adjust_lot",
    "stock_count",
    "stock_issue",
    "stock_issue_lots",
    "stock_receive",
    "stock_release",
    "stock_reserve",
    "stock_return_from_customer",
    "stock_return_to_supplier",
    "stock_revalue",
    "stock_transfer",
]
