"""Error codes and the messages tests assert on, for the procure-to-pay domain."""

from __future__ import annotations

from enum import StrEnum


class ProcurementErrorCode(StrEnum):
    INVALID_TRANSITION = "invalid_transition"
    EMPTY_REQUEST = "empty_request"
    OVER_SPENDING_LIMIT = "over_spending_limit"
    NO_APPROVAL_RULE = "no_approval_rule"
    NO_ELIGIBLE_APPROVER = "no_eligible_approver"
    NOT_CURRENT_APPROVER = "not_current_approver"
    ALREADY_DECIDED = "already_decided"
    COMMENT_REQUIRED = "comment_required"
    NOT_REQUESTER = "not_requester"
    DELEGATION_OVERLAP = "delegation_overlap"
    DELEGATION_INVALID = "delegation_invalid"
    RULE_INVALID = "rule_invalid"
    SUPPLIER_MISSING = "supplier_missing"
    SUPPLIER_UNAVAILABLE = "supplier_unavailable"
    CURRENCY_MISMATCH = "currency_mismatch"
    OVER_RECEIPT = "over_receipt"
    RECEIPT_INVALID = "receipt_invalid"
    RETURN_INVALID = "return_invalid"
    DEBIT_NOTE_INVALID = "debit_note_invalid"
    CREDIT_NOTE_INVALID = "credit_note_invalid"
    DUPLICATE_INVOICE = "duplicate_invoice"
    INVOICE_INVALID = "invoice_invalid"
    SEGREGATION_OF_DUTIES = "segregation_of_duties"
    OVERPAYMENT = "overpayment"


NOT_EDITABLE = "Only a draft or returned request can be changed."
EMPTY_REQUEST = "A request needs at least one item before it can be submitted."
OVER_SPENDING_LIMIT = (
    "The request total {total} {currency} is above your spending limit of {limit}; "
    "split the request or ask for a higher limit."
)
NO_APPROVAL_RULE = "No approval rule covers a {currency} request of {total}."
NO_ELIGIBLE_APPROVER = "Nobody is eligible to approve step {sequence} ({kind}) of this request."
NOT_PENDING = "This request is {status}; only a request pending approval can be decided."
NOT_CURRENT_APPROVER = "Only the approver of the current step (or their delegate) can decide it."
ALREADY_DECIDED = "Your step of this request has already been decided."
COMMENT_REQUIRED = "A comment is required."
NOT_REQUESTER = "Only the requester can do this."
CANNOT_SUBMIT = "This request is {status}; only a draft or returned request can be submitted."
CANNOT_CANCEL = "This request is {status} and can no longer be cancelled."
DELEGATION_OVERLAP = "You already delegate to someone between {starts_on} and {ends_on}."
DELEGATION_TO_SELF = "You cannot delegate to yourself."
DELEGATION_DATES = "The delegation must end on or after the day it starts."
DELEGATION_REVOKED = "This delegation is already revoked."
RULE_NEEDS_STEPS = "An approval rule needs at least one step."
RULE_STEP_ROLE = "A role step needs a role."
RULE_STEP_USER = "A named-user step needs a user."
RULE_STEP_ROLE_CANNOT_APPROVE = "Nobody with this role may approve purchase requests."
RULE_STEP_USER_CANNOT_APPROVE = "{name} may not approve purchase requests."
RULE_RANGE = "The upper amount must be greater than the lower amount."
ORDER_NOT_DRAFT = "This order is {status}; only a draft order can be {action}."
ORDER_CANNOT_CHANGE = "This order is {status} and can no longer be changed."
ORDER_CANNOT_CANCEL = (
    "This order is {status}; only a draft or issued order with nothing received can be cancelled."
)
ORDER_CANNOT_CLOSE = (
    "This order is {status}; only a received or partially received order can be closed."
)
ORDER_EMPTY = "An order needs at least one line before it is issued."
REQUEST_NOT_APPROVED = "{number} is {status}; only approved requests can be ordered."
ITEM_WITHOUT_SUPPLIER = "{number} line {line} has no supplier; name one on the line or the request."
SUPPLIER_ON_HOLD = "{supplier} is on hold or inactive; no new orders can be placed with it."
LOCATION_INACTIVE = "The ship-to location {location} is inactive."
LINE_UNIT_MISMATCH = "A product line is in the product's unit ({unit})."
LINE_PRICE_REQUIRED = "A line needs a unit price."
LINE_BELOW_RECEIVED = "Line {line} cannot go below the {received} already received."
LINE_HAS_ACTIVITY = "Line {line} has receipts or invoices and cannot be removed."
LINE_NOT_ON_ORDER = "No such line on this order."
ORDER_NEEDS_LINES = "An order needs at least one line."
ORDER_NOT_RECEIVABLE = "This order is {status}; goods can be received only against an issued order."
OVER_RECEIPT = (
    "Line {line}: receiving {quantity} would bring it to {total} of {ordered} ordered, above "
    "the {tolerance}% tolerance."
)
RECEIPT_LINE_NOT_ON_ORDER = "This line is not on order {number}."
REJECTION_REASON_REQUIRED = "Give the reason for the rejected quantity."
RECEIPT_EMPTY = "A receipt needs at least one line."
RETURN_TOO_MUCH = "Only {available} of this receipt line can still be returned."
RETURN_CLOSED = "The order is {status}; its goods can no longer be returned here."
DUPLICATE_INVOICE = (
    "{supplier} invoice {number} is already entered (id {existing}, {status}, dated {date})."
)
INVOICE_LINE_OTHER_SUPPLIER = "This order line belongs to another supplier's order."
INVOICE_NOT_MATCHABLE = "This invoice is {status}; only a draft or unmatched invoice is matched."
INVOICE_INCOMPLETE = (
    "This draft still lacks {missing}; complete it (correct the document it was read from, or "
    "create its supplier) before matching."
)
CREDIT_NOTE_NOT_MATCHED = (
    "This is the supplier's credit note: it reduces what we owe them and is not matched against "
    "receipts or approved for payment as an invoice."
)
INVOICE_NOT_EXCEPTION = "This invoice is {status}; only an invoice in exception can be accepted."
INVOICE_NOT_MATCHED = (
    "This invoice is {status}; only a matched invoice can be approved for payment."
)
INVOICE_NOT_PAYABLE = "This invoice is {status}; only an invoice approved for payment can be paid."
INVOICE_NOT_VOIDABLE = "This invoice is {status} and can no longer be voided."
INVOICE_HAS_PAYMENTS = "This invoice has payments and cannot be voided."
SOD_INVOICE = "You {done} this invoice; someone else must {action}."
OVERPAYMENT = "The payment of {amount} is above the open balance of {balance}."
CREDIT_NOTE_ONLY = "Invoice {number} is an invoice, not a credit note."
CREDIT_NOTE_NOT_DRAFT = "Credit note {number} is {status}; only a draft credit note is posted."
CREDIT_NOTE_INCOMPLETE = "Credit note {number} still lacks {missing}; complete it before posting."
CREDIT_NOTE_TOTALS = (
    "The amounts do not add up: subtotal {subtotal} + tax {tax} is {sum}, not the total {total}."
)
CREDIT_NOTE_LINES = "The lines add up to {lines}, not the subtotal {subtotal}."
CREDIT_NOTE_NOT_POSTED = (
    "Credit note {number} is {status}; only a posted credit note with credit left is applied."
)
CREDIT_NOTE_NOTHING_OPEN = "Credit note {number} is fully applied already."
CREDIT_NOTE_OTHER_SUPPLIER = (
    "Invoice {invoice} is from {invoice_supplier}; credit note {number} is from {supplier}."
)
CREDIT_NOTE_OTHER_CURRENCY = (
    "Invoice {invoice} is in {invoice_currency}; credit note {number} is in {currency}."
)
CREDIT_NOTE_TARGET_NOT_INVOICE = "{invoice} is a credit note; a credit note applies to an invoice."
CREDIT_NOTE_INVOICE_NOT_PAYABLE = (
    "Invoice {invoice} is {status}; a credit note applies to an invoice approved for payment "
    "with a balance open."
)
CREDIT_NOTE_TOO_MUCH = (
    "{amount} is more than the {limit} that can be applied (credit note open {open}, "
    "invoice balance {balance})."
)
CREDIT_NOTE_NOT_PAID = (
    "This is a credit note: the supplier owes us, so it is applied to their invoices, not paid."
)
DEBIT_NOTE_NOTHING_OPEN = "Debit note {number} is fully applied already."
DEBIT_NOTE_OTHER_SUPPLIER = (
    "Invoice {invoice} is from {invoice_supplier}; debit note {number} is for {supplier}."
)
DEBIT_NOTE_OTHER_CURRENCY = (
    "Invoice {invoice} is in {invoice_currency}; debit note {number} is in {currency}."
)
DEBIT_NOTE_INVOICE_NOT_PAYABLE = (
    "Invoice {invoice} is {status}; a debit note applies to an invoice approved for payment "
    "(it is applied on approval)."
)
DEBIT_NOTE_TOO_MUCH = "{amount} is more than the {limit} that can be applied (debit note open {open}, invoice balance {balance})."
RETURN_WEIGHT_NOT_CATCH = "{sku} is not sold by catch weight; give no weight."
RETURN_EMPTY = "Name at least one receipt line to return."
