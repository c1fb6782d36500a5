"""Reads of requests for quotation: lists, details and the side-by-side comparison."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from procura.procurement.models import Rfq, RfqInvitation, RfqLine, RfqQuote
from procura.procurement.selectors.supplier_performance import supplier_performance


def rfq_list() -> QuerySet[Rfq]:
    return Rfq.objects.select_related("ship_to", "request").prefetch_related(
        Prefetch("invitations", queryset=RfqInvitation.objects.select_related("supplier"))
    )


def rfq_detail_queryset() -> QuerySet[Rfq]:
    return rfq_list().prefetch_related(
        Prefetch("lines", queryset=RfqLine.objects.select_related("product")),
        Prefetch("invitations__quotes", queryset=RfqQuote.objects.select_related("line")),
        "invitations__purchase_order",
    )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def rfq_comparison(rfq: Rfq) -> dict[str, Any]:
    """Every supplier's quote side by side per line: price, total and lead time, the best
    price and the fastest marked, with each supplier's rating from its deliveries."""
    invitations = list(rfq.invitations.select_related("supplier", "purchase_order").order_by("id"))
    lines = list(rfq.lines.select_related("awarded_quote").order_by("line_no"))
    quotes = list(RfqQuote.objects.filter(invitation__rfq=rfq))
    performance = supplier_performance([invitation.supplier_id for invitation in invitations])
    suppliers = []
    for invitation in invitations:
        own = [quote for quote in quotes if quote.invitation_id == invitation.pk]
        rating = performance[invitation.supplier_id]
        suppliers.append(
            {
                "invitation": invitation.pk,
                "supplier": invitation.supplier_id,
                "supplier_name": invitation.supplier.name,
                "status": invitation.status,
                "responded_at": invitation.responded_at.isoformat()
                if invitation.responded_at
                else None,
                "valid_until": invitation.valid_until.isoformat()
                if invitation.valid_until
                else None,
                "notes": invitation.supplier_notes,
                "lines_quoted": len(own),
                "total": str(sum((quote.line_total for quote in own), Decimal(0))),
                "rating_percent": _text(rating.rating_percent),
                "on_time_percent": _text(rating.on_time_percent),
                "purchase_order": invitation.purchase_order.number
                if invitation.purchase_order
                else None,
            }
        )
    rows = []
    for line in lines:
        own = [quote for quote in quotes if quote.line_id == line.pk]
        best_price = min((quote.unit_price for quote in own), default=None)
        fastest = min((quote.lead_time_days for quote in own), default=None)
        rows.append(
            {
                "line": line.pk,
                "line_no": line.line_no,
                "description": line.description,
                "quantity": str(line.quantity),
                "unit": line.unit,
                "awarded_invitation": line.awarded_quote.invitation_id
                if line.awarded_quote
                else None,
                "quotes": [
                    {
                        "invitation": quote.invitation_id,
                        "unit_price": str(quote.unit_price),
                        "quantity": str(quote.quantity),
                        "line_total": str(quote.line_total),
                        "lead_time_days": quote.lead_time_days,
                        "best_price": quote.unit_price == best_price,
                        "fastest": quote.lead_time_days == fastest,
                        "short": quote.quantity < line.quantity,
                    }
                    for quote in sorted(own, key=lambda q: (q.unit_price, q.invitation_id))
                ],
            }
        )
    return {
        "rfq": rfq.number,
        "currency": rfq.currency,
        "suppliers": suppliers,
        "lines": rows,
    }
