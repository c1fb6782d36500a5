"""Sales errors: stable codes and the messages tests assert on."""

from __future__ import annotations

from enum import StrEnum


class SalesErrorCode(StrEnum):
    ILLEGAL_TRANSITION = "illegal_transition"
    CUSTOMER_INACTIVE = "customer_inactive"
    CUSTOMER_ON_HOLD = "customer_on_hold"
    CURRENCY_MISMATCH = "currency_mismatch"
    PRODUCT_INACTIVE = "product_inactive"
    LOCATION_INACTIVE = "location_inactive"
    SHIP_TO_NOT_CUSTOMERS = "ship_to_not_customers"
    NO_LINES = "no_lines"
    INSUFFICIENT_STOCK = "insufficient_stock"
    CREDIT_LIMIT_EXCEEDED = "credit_limit_exceeded"
    OVERRIDE_NOT_ALLOWED = "credit_override_not_allowed"
    OVERRIDE_COMMENT_REQUIRED = "credit_override_comment_required"
    SHIP_NOTHING = "nothing_to_ship"
    SHIP_EXCEEDS_RESERVED = "ship_exceeds_reserved"
    LINE_NOT_ON_ORDER = "line_not_on_order"
    ALREADY_DELIVERED = "already_delivered"
    NOTHING_TO_INVOICE = "nothing_to_invoice"
    ALLOCATION_EXCEEDS_BALANCE = "allocation_exceeds_balance"
    ALLOCATION_EXCEEDS_CREDIT = "allocation_exceeds_credit"
    INVOICE_OTHER_CUSTOMER = "invoice_other_customer"
    PORTAL_NOT_LINKED = "portal_not_linked"
    PORTAL_OTHER_CUSTOMER = "portal_other_customer"
    STAFF_ONLY_FIELD = "staff_only_field"
    LOT_NOT_OF_PRODUCT = "lot_not_of_product"
    CREDIT_EXCEEDS_INVOICE = "credit_exceeds_invoice"
    CREDIT_EMPTY = "credit_empty"
    NO_SHIP_FROM = "no_ship_from"
    RETURN_NOT_RETURNABLE = "return_not_returnable"
    RETURN_EXCEEDS_SHIPPED = "return_exceeds_shipped"
    RETURN_EXCEEDS_AUTHORISED = "return_exceeds_authorised"
    RETURN_LOT_REQUIRED = "return_lot_required"
    RETURN_LOT_NOT_SHIPPED = "return_lot_not_shipped"
    RETURN_NOTHING_RECEIVED = "return_nothing_received"
    RETURN_ILLEGAL_TRANSITION = "return_illegal_transition"
    PRICE_UNCHANGED = "price_unchanged"
    PRICE_MIXED_DIRECTIONS = "price_mixed_directions"
    NOT_AN_INVOICE = "not_an_invoice"


ILLEGAL_TRANSITION = "A {status} order cannot be {action}."
LOT_NOT_OF_PRODUCT = "Lot {lot} is not a lot of {sku}."
CREDIT_EXCEEDS_INVOICE = (
    "Invoice {number} has {creditable} {currency} left to credit; {amount} requested."
)
CREDIT_LINE_EXCEEDS = "Line {line_no} was invoiced {invoiced}; {credited} already credited."
CREDIT_EMPTY = "A credit note needs an amount or at least one line."
CUSTOMER_INACTIVE = "Customer {code} is inactive."
CUSTOMER_ON_HOLD = "Customer {code} is on hold; no new orders can be confirmed."
CURRENCY_MISMATCH = "Product {sku} is priced in {product_currency}, the order is in {currency}."
PRODUCT_INACTIVE = "Product {sku} is inactive."
LOCATION_INACTIVE = "Location {code} is inactive."
SHIP_TO_NOT_CUSTOMERS = "The ship-to address does not belong to this customer."
NO_LINES = "An order needs at least one line."
INSUFFICIENT_STOCK = "{count} line(s) cannot be reserved at {location}."
CREDIT_LIMIT_EXCEEDED = (
    "Credit limit of {limit} {currency} exceeded: open receivables {open} plus this order "
    "{order} make {exposure}."
)
OVERRIDE_NOT_ALLOWED = "Only finance may override the credit limit."
OVERRIDE_COMMENT_REQUIRED = "A credit override needs a comment."
SHIP_NOTHING = "A shipment needs at least one line with a quantity."
SHIP_EXCEEDS_RESERVED = "Line {line_no}: only {open} {unit} left to ship, {requested} requested."
LINE_NOT_ON_ORDER = "Line {line} is not a line of this order."
ALREADY_DELIVERED = "Shipment {number} was already delivered."
NOTHING_TO_INVOICE = "Nothing shipped on {number} is left to invoice."
ALLOCATION_EXCEEDS_BALANCE = "Invoice {number} has {balance} open; {amount} cannot be applied."
ALLOCATION_EXCEEDS_CREDIT = "Only {credit} of the payment is unapplied; {amount} requested."
INVOICE_OTHER_CUSTOMER = "Invoice {number} belongs to another customer."
PORTAL_NOT_LINKED = "Your sign-in is not linked to a customer account."
PORTAL_OTHER_CUSTOMER = "You can only order for your own customer account."
STAFF_ONLY_FIELD = "Only our sales staff set this on an order."
NO_SHIP_FROM = "No warehouse can ship this order at the moment. Please contact us."
LOCATION_REQUIRED = "Choose the location that ships the order."
RETURN_NOT_RETURNABLE = "Order {number} is {status}; only shipped goods can be returned."
RETURN_EMPTY = "A return needs at least one line with a quantity."
RETURN_EXCEEDS_SHIPPED = (
    "Line {line_no}{lot}: {shipped} {unit} shipped, {authorised} already on returns; "
    "{requested} requested."
)
RETURN_EXCEEDS_AUTHORISED = (
    "Return line {line_no}: {authorised} {unit} authorised, {requested} received."
)
RETURN_LOT_REQUIRED = (
    "Line {line_no}: {sku} was shipped from several lots; choose the lot coming back."
)
RETURN_LOT_NOT_SHIPPED = "Lot {lot} was not shipped on line {line_no}."
RETURN_LINE_NOT_ON_INVOICE = "This line is not on invoice {number}."
RETURN_LINE_NOT_ON_RETURN = "This line is not on return {number}."
RETURN_NOTHING_RECEIVED = "Nothing came back on return {number}; cancel it instead of crediting."
RETURN_ILLEGAL_TRANSITION = "Return {number} is {status}; it cannot be {action}."
RETURN_WEIGHT_NOT_CATCH = "{sku} is not sold by catch weight; give no weight."
RETURN_CLOSE_REASON = "Say why the return is closed without a credit."
NOT_AN_INVOICE = "{number} is a debit note; returns and price corrections refer to the invoice."
PRICE_UNCHANGED = "The price of line {line_no} is already {price}."
PRICE_MIXED_DIRECTIONS = (
    "Lower and raise prices in separate corrections: lowered prices make a credit note, raised "
    "ones a debit note."
)
PRICE_CORRECTION_REASON = "Say why the price is corrected."
PRICE_NOTHING_LEFT = "Line {line_no} has nothing left to re-price: all of it was returned."
