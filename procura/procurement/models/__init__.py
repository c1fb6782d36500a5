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
from procura.procurement.models.budgets import Budget, BudgetPeriod, OverBudgetAction
from procura.procurement.models.debit_notes import (
    DebitNoteStatus,
    SupplierDebitNote,
    SupplierDebitNoteLine,
)
from procura.procurement.models.invoices import (
    PaymentMethod,
    SupplierInvoice,
    SupplierInvoiceKind,
    SupplierInvoiceLine,
    SupplierInvoiceStatus,
    SupplierPayment,
)
from procura.procurement.models.orders import (
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderRevision,
    PurchaseOrderStatus,
)
from procura.procurement.models.receipts import GoodsReceipt, GoodsReceiptLine, ReceiptReturn
from procura.procurement.models.reorder import ReorderDraft, ReorderPolicy
from procura.procurement.models.requests import (
    PurchaseRequest,
    PurchaseRequestItem,
    PurchaseRequestStatus,
)
from procura.procurement.models.rfqs import (
    Rfq,
    RfqInvitation,
    RfqInvitationStatus,
    RfqLine,
    RfqQuote,
    RfqStatus,
)
from procura.procurement.models.trade import (
    AllocationBasis,
    BackToBackLink,
    BackToBackMode,
    ChargeKind,
    LandedCharge,
    LandedChargeAllocation,
)

__all__ = [
    "DebitNoteStatus",
    "SupplierDebitNote",
    "SupplierDebitNoteLine",
    "AllocationBasis",
    "BackToBackLink",
    "BackToBackMode",
    "ChargeKind",
    "LandedCharge",
    "LandedChargeAllocation",
    "ApprovalHistory",
    "ApprovalHistoryAction",
    "ApprovalRule",
    "ApprovalRuleStep",
    "ApprovalStep",
    "ApprovalStepStatus",
    "ApproverKind",
    "Budget",
    "BudgetPeriod",
    "Delegation",
    "GoodsReceipt",
    "GoodsReceiptLine",
    "OverBudgetAction",
    "PaymentMethod",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "PurchaseOrderRevision",
    "PurchaseOrderStatus",
    "PurchaseRequest",
    "PurchaseRequestItem",
    "PurchaseRequestStatus",
    "ReceiptReturn",
    "ReorderDraft",
    "ReorderPolicy",
    "Rfq",
    "RfqInvitation",
    "RfqInvitationStatus",
    "RfqLine",
    "RfqQuote",
    "RfqStatus",
    "SupplierInvoice",
    "SupplierInvoiceLine",
    "SupplierInvoiceKind",
    "SupplierInvoiceStatus",
    "SupplierPayment",
]
