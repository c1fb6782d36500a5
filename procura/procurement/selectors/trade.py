"""Reads of the broker's deals: back-to-back links with their margin, landed charges."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from procura.core.money import ZERO, round_money
from procura.procurement.models import BackToBackLink, LandedCharge, LandedChargeAllocation
from procura.sales.models import CustomerInvoiceLine


def _money(expression: object) -> Coalesce:
    return Coalesce(
        expression,
        Value(ZERO),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def back_to_back_list() -> QuerySet[BackToBackLink]:
    """Links with the figures of their deal, computed by the database (constant queries):
    ``sale_amount`` = what was invoiced for the sales line (else its order amount),
    ``purchase_amount`` = the purchase line's total, ``landed_amount`` = charges allocated to
    its receipts; the margin is sale - purchase - landed - freight."""
    invoiced = (
        CustomerInvoiceLine.objects.filter(order_line=OuterRef("sales_line"))
        .values("order_line")
        .annotate(total=Sum("net_amount"))
        .values("total")
    )
    landed = (
        LandedChargeAllocation.objects.filter(receipt_line__order_line=OuterRef("purchase_line"))
        .values("receipt_line__order_line")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        BackToBackLink.objects.select_related(
            "purchase_line__order__supplier",
            "purchase_line__order__ship_to",
            "purchase_line__product",
            "sales_line__order__customer",
            "plant",
            "carrier",
        )
        .annotate(
            invoiced_amount=_money(Subquery(invoiced)),
            landed_amount=_money(Subquery(landed)),
        )
        .order_by("-created_at", "-id")
    )


def deal_figures(link: BackToBackLink) -> dict[str, Decimal]:
    """sale, purchase, landed, freight and margin of an annotated link (``back_to_back_list``)."""
    invoiced: Decimal = getattr(link, "invoiced_amount", ZERO)
    sale = invoiced if invoiced > 0 else link.sales_line.net_amount
    purchase = link.purchase_line.line_total
    landed: Decimal = getattr(link, "landed_amount", ZERO)
    margin = sale - purchase - landed - link.freight_cost
    figures = {
        "sale": sale,
        "purchase": purchase,
        "landed": landed,
        "freight": link.freight_cost,
        "margin": margin,
    }
    return {key: round_money(value) for key, value in figures.items()}


def landed_charge_list() -> QuerySet[LandedCharge]:
    return LandedCharge.objects.select_related("receipt", "carrier").prefetch_related(
        "allocations__receipt_line__order_line"
    )
