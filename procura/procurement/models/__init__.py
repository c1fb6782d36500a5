"""Procure-to-pay models: requests and their approval, orders, receipts, invoices, payments."""

from procura.procurement.models.approvals import (
    ApprovalHistory,
    ApprovalHistoryAction,
    ApprovalRule,
    ApprovalRuleStep,
    ApprovalStep,
    ApprovalStepStatus,
    ApproverKind,
    Delegation,
)
from procura.procurement.models.requests import (
    PurchaseRequest,
    PurchaseRequestItem,
    PurchaseRequestStatus,
)

__all__ = [
    "ApprovalHistory",
    "ApprovalHistoryAction",
    "ApprovalRule",
    "ApprovalRuleStep",
    "ApprovalStep",
    "ApprovalStepStatus",
    "ApproverKind",
    "Delegation",
    "PurchaseRequest",
    "PurchaseRequestItem",
    "PurchaseRequestStatus",
]
