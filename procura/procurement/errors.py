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
RULE_RANGE = "The upper amount must be greater than the lower amount."
