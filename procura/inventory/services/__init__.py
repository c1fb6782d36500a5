"""Inventory writes. Movement services live in ``movements``, master data in ``locations``."""

from procura.inventory.services.alerts import low_stock_alerts_record
from procura.inventory.services.locations import (
    location_activate,
    location_create,
    location_deactivate,
    location_update,
    reorder_rule_delete,
    reorder_rule_set,
)
from procura.inventory.services.movements import (
    MANUAL,
    SourceRef,
    stock_adjust,
    stock_count,
    stock_issue,
    stock_receive,
    stock_release,
    stock_reserve,
    stock_return_from_customer,
    stock_return_to_supplier,
    stock_transfer,
)

__all__ = [
    "MANUAL",
    "SourceRef",
    "location_activate",
    "location_create",
    "location_deactivate",
    "location_update",
    "low_stock_alerts_record",
    "reorder_rule_delete",
    "reorder_rule_set",
    "stock_adjust",
    "stock_count",
    "stock_issue",
    "stock_receive",
    "stock_release",
    "stock_reserve",
    "stock_return_from_customer",
    "stock_return_to_supplier",
    "stock_transfer",
]
