"""What the record pages of procure-to-pay show around a record, for the person reading it: the
actions they may take or why not, the linked documents (request -> order -> receipts ->
invoices -> payments) and the workflow with its next step and who takes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from procura.accounts.permission_matrix import (
    DenyReason,
    Scope,
    doers_label,
    record_action,
    role_next_step,
    scope_for,
    user_can,
    user_roles,
)
from procura.core.records import LinkedDocument, NextStep, RecordAction, Workflow, workflow_of
from procura.procurement.errors import CREDIT_NOTE_NOT_MATCHED
from procura.procurement.models import (
    ApprovalStepStatus,
    GoodsReceipt,
    PurchaseOrder,
    PurchaseOrderStatus,
    PurchaseRequest,
    PurchaseRequestStatus,
    SupplierInvoice,
    SupplierInvoiceStatus,
    SupplierPayment,
)
from procura.procurement.models.invoices import (
    OPEN_INVOICE_STATUSES,
    PAYABLE_INVOICE_STATUSES,
    SupplierInvoiceKind,
)
from procura.procurement.services.approval_routing import excluded_approvers, may_decide
from procura.procurement.services.invoices import supplier_invoice_duty_conflict


def _name(user: Any) -> str:
    return (getattr(user, "full_name", "") or getattr(user, "email", "")) if user else ""


# --- supplier invoices ----------------------------------------------------------------------------

INVOICE_PATH = [
    (SupplierInvoiceStatus.DRAFT.value, "Entered"),
    (SupplierInvoiceStatus.MATCHED.value, "Matched"),
    (SupplierInvoiceStatus.APPROVED.value, "Approved for payment"),
    (SupplierInvoiceStatus.PARTIALLY_PAID.value, "Partially paid"),
    (SupplierInvoiceStatus.PAID.value, "Paid"),
]


def supplier_invoice_actions(*, invoice: SupplierInvoice, user: Any) -> list[RecordAction]:
    status = invoice.status
    label = invoice.get_status_display()
    common: dict[str, Any] = {"what": "invoice", "status_label": label}

    def conflict(action: str) -> str | None:
        return supplier_invoice_duty_conflict(invoice=invoice, user_id=user.pk, action=action)

    if invoice.kind == SupplierInvoiceKind.CREDIT_NOTE:
        return credit_note_actions(invoice=invoice, user=user, conflict=conflict)
    return [
        record_action(
            user,
            "supplier_invoice.match",
            "Run the match",
            state_ok=status in {SupplierInvoiceStatus.DRAFT, SupplierInvoiceStatus.EXCEPTION},
            conflict=CREDIT_NOTE_NOT_MATCHED
            if invoice.kind == SupplierInvoiceKind.CREDIT_NOTE
            else None,
            conflict_reason=DenyReason.STATE,
            **common,
        ),
        record_action(
            user,
            "supplier_invoice.accept_exception",
            "Accept exception",
            state_ok=status == SupplierInvoiceStatus.EXCEPTION,
            conflict=conflict("supplier_invoice.accept_exception"),
            **common,
        ),
        record_action(
            user,
            "supplier_invoice.approve",
            "Approve for payment",
            state_ok=status == SupplierInvoiceStatus.MATCHED,
            conflict=conflict("supplier_invoice.approve"),
            **common,
        ),
        record_action(
            user,
            "supplier_payment.create",
            "Record payment",
            state_ok=status in PAYABLE_INVOICE_STATUSES,
            conflict=conflict("supplier_payment.create"),
            **common,
        ),
        record_action(
            user,
            "supplier_invoice.void",
            "Void",
            state_ok=status in OPEN_INVOICE_STATUSES,
            **common,
        ),
    ]


def credit_note_actions(
    *, invoice: SupplierInvoice, user: Any, conflict: Any
) -> list[RecordAction]:
    """A supplier's credit note is posted (not matched) and applied to invoices (not paid)."""
    status = invoice.status
    common: dict[str, Any] = {
        "what": "credit note",
        "status_label": CREDIT_NOTE_LABELS.get(status, invoice.get_status_display()),
    }
    return [
        record_action(
            user,
            "supplier_invoice.post_credit_note",
            "Post credit note",
            state_ok=status == SupplierInvoiceStatus.DRAFT,
            conflict=conflict("supplier_invoice.approve"),
            **common,
        ),
        record_action(
            user,
            "supplier_invoice.apply_credit_note",
            "Apply to invoice",
            state_ok=status in PAYABLE_INVOICE_STATUSES,
            **common,
        ),
        record_action(
            user,
            "supplier_invoice.void",
            "Void",
            state_ok=status in OPEN_INVOICE_STATUSES and not invoice.amount_paid,
            **common,
        ),
    ]


# A credit note's statuses as finance says them (posted: credit left; paid: used up).
CREDIT_NOTE_LABELS = {
    SupplierInvoiceStatus.DRAFT.value: "Draft",
    SupplierInvoiceStatus.APPROVED.value: "Posted",
    SupplierInvoiceStatus.PARTIALLY_PAID.value: "Partly applied",
    SupplierInvoiceStatus.PAID.value: "Applied",
    SupplierInvoiceStatus.VOID.value: "Void",
}
CREDIT_NOTE_PATH = [
    (SupplierInvoiceStatus.DRAFT.value, "Entered"),
    (SupplierInvoiceStatus.APPROVED.value, "Posted"),
    (SupplierInvoiceStatus.PARTIALLY_PAID.value, "Partly applied"),
    (SupplierInvoiceStatus.PAID.value, "Applied"),
]


def credit_note_workflow(*, invoice: SupplierInvoice, user: Any) -> Workflow:
    status = invoice.status
    entered_by = _name(invoice.created_by) if invoice.created_by_id else ""
    others = f"finance, someone other than {entered_by} who entered it" if entered_by else "finance"
    steps: dict[str, tuple[str, str, str]] = {
        SupplierInvoiceStatus.DRAFT: (
            "Check and post the credit note",
            others,
            "supplier_invoice.post_credit_note",
        ),
        SupplierInvoiceStatus.APPROVED: (
            "Apply the credit to an open invoice of the supplier",
            "finance",
            "supplier_invoice.apply_credit_note",
        ),
        SupplierInvoiceStatus.PARTIALLY_PAID: (
            "Apply the credit left to an open invoice of the supplier",
            "finance",
            "supplier_invoice.apply_credit_note",
        ),
    }
    step = steps.get(status)
    next_step = None
    if step:
        text, who, action = step
        mine = user_can(user, action) and not (
            status == SupplierInvoiceStatus.DRAFT
            and supplier_invoice_duty_conflict(
                invoice=invoice, user_id=user.pk, action="supplier_invoice.approve"
            )
        )
        next_step = NextStep(text, who, action, mine)
    label = CREDIT_NOTE_LABELS.get(status, invoice.get_status_display())
    return workflow_of(CREDIT_NOTE_PATH, status, label, next_step=next_step)


def supplier_invoice_workflow(*, invoice: SupplierInvoice, user: Any) -> Workflow:
    if invoice.kind == SupplierInvoiceKind.CREDIT_NOTE:
        return credit_note_workflow(invoice=invoice, user=user)
    status = invoice.status
    entered_by = _name(invoice.created_by) if invoice.created_by_id else ""
    others = f"finance, someone other than {entered_by} who entered it" if entered_by else "finance"
    steps: dict[str, tuple[str, str, str]] = {
        SupplierInvoiceStatus.DRAFT: (
            "Run the three-way match",
            "finance",
            "supplier_invoice.match",
        ),
        SupplierInvoiceStatus.EXCEPTION: (
            "Resolve the exception (credit note, receipt) or accept it with a reason",
            "finance",
            "supplier_invoice.accept_exception",
        ),
        SupplierInvoiceStatus.MATCHED: ("Approve for payment", others, "supplier_invoice.approve"),
        SupplierInvoiceStatus.APPROVED: ("Pay the balance", others, "supplier_payment.create"),
        SupplierInvoiceStatus.PARTIALLY_PAID: (
            "Pay the balance",
            others,
            "supplier_payment.create",
        ),
    }
    step = steps.get(status)
    next_step = None
    if step:
        text, who, action = step
        mine = user_can(user, action) and not supplier_invoice_duty_conflict(
            invoice=invoice, user_id=user.pk, action=action
        )
        next_step = NextStep(text, who, action, mine)
    path = INVOICE_PATH
    if status == SupplierInvoiceStatus.EXCEPTION:
        path = [INVOICE_PATH[0], (status, "Exception"), *INVOICE_PATH[1:]]
    return workflow_of(path, status, invoice.get_status_display(), next_step=next_step)


def _invoice_doc(invoice: SupplierInvoice) -> LinkedDocument:
    return LinkedDocument(
        kind="supplier_invoice",
        id=invoice.pk,
        number=invoice.invoice_number,
        status=invoice.status,
        status_label=invoice.get_status_display(),
        date=invoice.invoice_date,
        amount=invoice.total,
        currency=invoice.currency,
    )


def _payment_doc(payment: SupplierPayment, currency: str) -> LinkedDocument:
    return LinkedDocument(
        kind="supplier_payment",
        id=payment.pk,
        number=payment.reference or f"{payment.get_method_display()} {payment.paid_on}",
        status="paid",
        status_label=payment.get_method_display(),
        date=payment.paid_on,
        amount=payment.amount,
        currency=currency,
    )


def _order_doc(order: PurchaseOrder) -> LinkedDocument:
    return LinkedDocument(
        kind="purchase_order",
        id=order.pk,
        number=order.number,
        status=order.status,
        status_label=order.get_status_display(),
        date=order.issued_at.date() if order.issued_at else order.created_at.date(),
        amount=order.total,
        currency=order.currency,
    )


def _request_doc(request: PurchaseRequest) -> LinkedDocument:
    return LinkedDocument(
        kind="purchase_request",
        id=request.pk,
        number=request.number,
        status=request.status,
        status_label=request.get_status_display(),
        date=request.created_at.date(),
        amount=request.total,
        currency=request.currency,
    )


def _receipt_docs(receipts: Iterable[GoodsReceipt]) -> list[LinkedDocument]:
    return [
        LinkedDocument(
            kind="goods_receipt",
            id=receipt.pk,
            number=receipt.number,
            status="received",
            status_label="Received",
            date=receipt.received_on,
        )
        for receipt in receipts
    ]


def supplier_invoice_related(*, invoice: SupplierInvoice) -> list[LinkedDocument]:
    """The requests and order the invoice bills, the order's receipts, and its payments."""
    docs: list[LinkedDocument] = []
    order = invoice.purchase_order
    if order is not None:
        docs += [_request_doc(r) for r in order.requests.order_by("id")]
        docs.append(_order_doc(order))
        docs += _receipt_docs(order.receipts.order_by("received_on", "id"))
    docs += [_payment_doc(p, invoice.currency) for p in invoice.payments.order_by("paid_on", "id")]
    # a credit note: the invoice it credits and those it was applied to; an invoice: the
    # credit notes that name it or were applied to it
    linked = SupplierInvoice.objects.filter(
        Q(pk=invoice.credited_invoice_id)
        | Q(payments__credit_note=invoice)
        | Q(credited_invoice=invoice)
        | Q(credit_applications__invoice=invoice)
    ).exclude(pk=invoice.pk)
    docs += [_invoice_doc(other) for other in linked.distinct().order_by("invoice_date", "id")]
    return docs


# --- purchase orders ------------------------------------------------------------------------------

ORDER_PATH = [
    (PurchaseOrderStatus.DRAFT.value, "Draft"),
    (PurchaseOrderStatus.ISSUED.value, "Issued"),
    (PurchaseOrderStatus.PARTIALLY_RECEIVED.value, "Partially received"),
    (PurchaseOrderStatus.RECEIVED.value, "Received"),
    (PurchaseOrderStatus.CLOSED.value, "Closed"),
]


def purchase_order_actions(*, order: PurchaseOrder, user: Any) -> list[RecordAction]:
    status = order.status
    common: dict[str, Any] = {"what": "order", "status_label": order.get_status_display()}
    receivable_states = {PurchaseOrderStatus.ISSUED, PurchaseOrderStatus.PARTIALLY_RECEIVED}
    receivable = status in receivable_states
    return [
        record_action(
            user,
            "purchase_order.issue",
            "Issue",
            state_ok=status == PurchaseOrderStatus.DRAFT,
            **common,
        ),
        record_action(
            user,
            "purchase_order.update",
            "Edit lines" if status == PurchaseOrderStatus.DRAFT else "Revise order",
            state_ok=status == PurchaseOrderStatus.DRAFT or receivable,
            **common,
        ),
        record_action(user, "goods_receipt.create", "Receive goods", state_ok=receivable, **common),
        record_action(
            user,
            "goods_receipt.return",
            "Return to supplier",
            state_ok=status in {*receivable_states, PurchaseOrderStatus.RECEIVED}
            and order.receipts.exists(),
            **common,
        ),
        record_action(
            user,
            "purchase_order.close",
            "Short-close" if status == PurchaseOrderStatus.PARTIALLY_RECEIVED else "Close order",
            state_ok=status
            in {PurchaseOrderStatus.RECEIVED, PurchaseOrderStatus.PARTIALLY_RECEIVED},
            **common,
        ),
        record_action(
            user,
            "purchase_order.cancel",
            "Cancel order",
            state_ok=status in {PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.ISSUED},
            **common,
        ),
    ]


def purchase_order_workflow(*, order: PurchaseOrder, user: Any) -> Workflow:
    status = order.status
    step: tuple[str, str] | None = None
    if status == PurchaseOrderStatus.DRAFT:
        step = ("Issue the order to the supplier", "purchase_order.issue")
    elif status in {PurchaseOrderStatus.ISSUED, PurchaseOrderStatus.PARTIALLY_RECEIVED}:
        rest = (
            "the rest of the goods"
            if status == PurchaseOrderStatus.PARTIALLY_RECEIVED
            else "the goods"
        )
        step = (f"Receive {rest} at {order.ship_to.name}", "goods_receipt.create")
    elif status == PurchaseOrderStatus.RECEIVED:
        lines = list(order.lines.all())
        if any(line.quantity_invoiced < line.quantity_received for line in lines):
            step = ("Match and approve the supplier's invoice", "supplier_invoice.approve")
        else:
            step = ("Close the order", "purchase_order.close")
    next_step = role_next_step(user, step)
    return workflow_of(ORDER_PATH, status, order.get_status_display(), next_step=next_step)


def purchase_order_related(*, order: PurchaseOrder) -> list[LinkedDocument]:
    """Requests -> this order's receipts -> its invoices -> their payments."""
    docs = [_request_doc(r) for r in order.requests.order_by("id")]
    docs += _receipt_docs(order.receipts.order_by("received_on", "id"))
    invoices = list(
        order.invoices.exclude(status=SupplierInvoiceStatus.VOID)
        .prefetch_related("payments")
        .order_by("invoice_date", "id")
    )
    docs += [_invoice_doc(i) for i in invoices]
    for invoice in invoices:
        docs += [_payment_doc(p, invoice.currency) for p in invoice.payments.all()]
    return docs


# --- purchase requests ----------------------------------------------------------------------------

REQUEST_PATH = [
    (PurchaseRequestStatus.DRAFT.value, "Draft"),
    (PurchaseRequestStatus.PENDING_APPROVAL.value, "Pending approval"),
    (PurchaseRequestStatus.APPROVED.value, "Approved"),
    (PurchaseRequestStatus.ORDERED.value, "Ordered"),
]


def purchase_request_workflow(*, request: PurchaseRequest, user: Any) -> Workflow:
    status = request.status
    next_step = None
    if status in {PurchaseRequestStatus.DRAFT, PurchaseRequestStatus.RETURNED}:
        next_step = NextStep(
            "Submit for approval",
            _name(request.requester),
            "purchase_request.submit",
            request.requester_id == user.pk,
        )
    elif status == PurchaseRequestStatus.PENDING_APPROVAL:
        step = (
            request.steps.select_related("approver", "delegate")
            .filter(status=ApprovalStepStatus.PENDING)
            .first()
        )
        if step is not None:
            step.request = request
            if step.delegate_id:
                who = f"{_name(step.delegate)} (for {_name(step.approver)})"
            elif step.approver_id:
                who = _name(step.approver)
            else:
                who = f"any {step.role or 'approver'} with a high enough spending limit"
            mine = may_decide(
                step=step, user=user, excluded=excluded_approvers(request, step.round)
            )
            next_step = NextStep(
                f"Approve step {step.sequence}", who, "purchase_request.approve", mine
            )
    elif status == PurchaseRequestStatus.APPROVED:
        next_step = NextStep(
            "Order it from a supplier",
            doers_label("purchase_order.create"),
            "purchase_order.create",
            user_can(user, "purchase_order.create"),
        )
    path = REQUEST_PATH
    if status == PurchaseRequestStatus.RETURNED:
        path = [REQUEST_PATH[0], (status, "Returned for changes"), *REQUEST_PATH[1:]]
    return workflow_of(path, status, request.get_status_display(), next_step=next_step)


def purchase_request_related(*, request: PurchaseRequest) -> list[LinkedDocument]:
    """The orders placed for the request, their receipts, invoices and payments."""
    docs: list[LinkedDocument] = []
    for order in request.purchase_orders.order_by("id"):
        docs.append(_order_doc(order))
        docs += [d for d in purchase_order_related(order=order) if d.kind != "purchase_request"]
    return docs


def purchase_request_actions(*, request: PurchaseRequest, user: Any) -> list[RecordAction]:
    """Deciding needs the pending step to be the reader's; the requester never decides their
    own request (segregation of duties)."""
    status = request.status
    label = request.get_status_display()
    common: dict[str, Any] = {"what": "request", "status_label": label}
    pending = status == PurchaseRequestStatus.PENDING_APPROVAL
    own = request.requester_id == user.pk
    decide_conflict = None
    decide_reason = DenyReason.SEPARATION_OF_DUTIES
    if pending and own:
        decide_conflict = "You asked for this; a colleague must approve it."
    elif pending:
        step = request.steps.filter(status=ApprovalStepStatus.PENDING).first()
        if step is not None:
            step.request = request
            excluded = excluded_approvers(request, step.round)
            if user.pk in excluded:
                decide_conflict = (
                    "You already decided a step of this request; the next step is someone else's."
                )
            elif not may_decide(step=step, user=user, excluded=excluded):
                decide_conflict = "This step waits for another approver."
                decide_reason = DenyReason.SCOPE
    editable = status in {PurchaseRequestStatus.DRAFT, PurchaseRequestStatus.RETURNED}
    actions = [
        record_action(
            user,
            verb_action,
            verb_label,
            state_ok=pending,
            conflict=decide_conflict,
            conflict_reason=decide_reason,
            **common,
        )
        for verb_action, verb_label in (
            ("purchase_request.approve", "Approve"),
            ("purchase_request.return", "Return"),
            ("purchase_request.reject", "Reject"),
        )
    ]
    not_mine = None if own else "Only the requester can change or submit it."
    actions.append(
        record_action(
            user,
            "purchase_request.submit",
            "Submit for approval",
            state_ok=editable,
            conflict=not_mine,
            conflict_reason=DenyReason.SCOPE,
            **common,
        )
    )
    cancel_scope_ok = own or scope_for(user_roles(user), "purchase_request.cancel") == Scope.ALL
    actions.append(
        record_action(
            user,
            "purchase_request.cancel",
            "Cancel request",
            state_ok=editable or pending,
            conflict=None if cancel_scope_ok else "Only the requester or a buyer can cancel it.",
            conflict_reason=DenyReason.SCOPE,
            **common,
        )
    )
    return actions
