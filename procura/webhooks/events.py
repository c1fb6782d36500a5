"""The events a webhook can subscribe to, and their payload (version 1).

Events come from the audit trail: every audit-worthy change already records an audit event in
its own transaction, and ``AUDIT_ACTIONS`` below maps the audit actions that matter to other
systems onto webhook event types -- the one place to change when a new event is offered.

Payload, version 1 (documented in the OpenAPI schema as the callbacks of
``POST /api/v1/webhook-endpoints/``)::

    {"id": "<event uuid>", "type": "purchase_order.issued", "version": 1,
     "occurred_at": "2026-03-01T10:00:00Z",
     "data": {"object_type": "procurement.purchaseorder", "object_id": "42",
              "object_repr": "PO-2026-000042", "changes": {...}, "details": {...}}}

Requests carry ``Procura-Event`` (the type), ``Procura-Event-Id``, ``Procura-Delivery`` (this
delivery's id; a redelivery gets a new one) and ``Procura-Signature`` (see ``signing``).
"""

from __future__ import annotations

import json
from typing import Any

PAYLOAD_VERSION = 1
PING = "ping"

EVENT_TYPES: dict[str, str] = {
    "purchase_request.submitted": "A purchase request was submitted for approval.",
    "purchase_request.approved": "A purchase request got its last approval.",
    "purchase_request.rejected": "A purchase request was rejected.",
    "purchase_order.issued": "A purchase order was issued to its supplier.",
    "goods.received": "Goods were received against a purchase order.",
    "supplier_invoice.matched": "A supplier invoice matched its order and receipts.",
    "supplier_invoice.approved": "A supplier invoice was approved for payment.",
    "supplier_invoice.paid": "A supplier invoice was paid in full.",
    "sales_order.confirmed": "A sales order was confirmed (stock reserved).",
    "sales_order.shipped": "A sales order was shipped.",
    "customer_invoice.issued": "A customer invoice was issued.",
    "customer_invoice.paid": "A customer invoice was paid in full.",
    "stock.below_reorder_point": "A product fell to or below its reorder point at a location.",
    PING: "A test event sent on request to check an endpoint.",
}

EVENT_CHOICES = tuple(sorted(EVENT_TYPES))

# audit action -> webhook event type
AUDIT_ACTIONS: dict[str, str] = {
    "purchase_request.submitted": "purchase_request.submitted",
    "purchase_request.approved": "purchase_request.approved",
    "purchase_request.rejected": "purchase_request.rejected",
    "purchase_order.issued": "purchase_order.issued",
    "goods_receipt.posted": "goods.received",
    "supplier_invoice.matched": "supplier_invoice.matched",
    "supplier_invoice.approved": "supplier_invoice.approved",
    "supplier_invoice.paid": "supplier_invoice.paid",
    "sales_order.confirmed": "sales_order.confirmed",
    "sales_order.shipped": "sales_order.shipped",
    "customer_invoice.issued": "customer_invoice.issued",
    "customer_invoice.paid": "customer_invoice.paid",
    "stock.below_reorder_point": "stock.below_reorder_point",
}


def event_type_of(action: str, changes: Any) -> str | None:
    """The webhook event type of an audit event, or None when it is not offered."""
    if action == "customer_invoice.payment_applied":
        status = _parsed(changes).get("status") or {}
        return "customer_invoice.paid" if status.get("after") == "paid" else None
    return AUDIT_ACTIONS.get(action)


def _parsed(text: Any) -> Any:
    if isinstance(text, str):
        try:
            return json.loads(text) if text else {}
        except ValueError:
            return {}
    return text or {}


def payload(
    *,
    event_id: str,
    event_type: str,
    occurred_at: str,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: Any = None,
    details: Any = None,
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": event_type,
        "version": PAYLOAD_VERSION,
        "occurred_at": occurred_at,
        "data": {
            "object_type": object_type,
            "object_id": object_id,
            "object_repr": object_repr,
            "changes": _parsed(changes),
            "details": _parsed(details),
        },
    }
