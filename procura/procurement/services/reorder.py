"""Reorder to order: turn low-stock rows into draft purchase orders or requests, one per
preferred supplier (and ship-to location and currency), each quantity rounded up to the
supplier's minimum order quantity and pack size, less what is already on order.

The preferred supplier of a product is its active supplier item with the lowest price (then
the shortest lead time). A product without one is left out and reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from procura.accounts.models import User
from procura.catalog.models import SupplierItem
from procura.core.errors import InvalidInput
from procura.core.money import ZERO
from procura.inventory.models import ReorderRule
from procura.inventory.selectors import low_stock_list
from procura.procurement.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    PurchaseRequest,
    ReorderDraft,
    ReorderPolicy,
)
from procura.procurement.services.orders import OrderLineInput, purchase_order_create
from procura.procurement.services.requests import RequestItemInput, purchase_request_create
from procura.procurement.services.supplier_terms import expected_from_lead_time, round_to_terms

OPEN_ORDER_STATUSES = (
    PurchaseOrderStatus.DRAFT,
    PurchaseOrderStatus.ISSUED,
    PurchaseOrderStatus.PARTIALLY_RECEIVED,
)
NOTHING_LOW = "Nothing chosen is at or below its reorder point."


@dataclass
class ReorderResult:
    orders: list[PurchaseOrder] = field(default_factory=list)
    requests: list[PurchaseRequest] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)


def _preferred_items(product_ids: set[Any]) -> dict[Any, SupplierItem]:
    preferred: dict[Any, SupplierItem] = {}
    for item in (
        SupplierItem.objects.filter(
            product_id__in=product_ids,
            is_active=True,
            supplier__is_active=True,
            supplier__on_hold=False,
        )
        .select_related("supplier")
        .order_by("product_id", "price", "lead_time_days", "id")
    ):
        preferred.setdefault(item.product_id, item)
    return preferred


def _on_order(rules: Sequence[ReorderRule]) -> dict[tuple[Any, int], Decimal]:
    rows = (
        PurchaseOrderLine.objects.filter(
            order__status__in=OPEN_ORDER_STATUSES,
            product_id__in={rule.product_id for rule in rules},
            order__ship_to_id__in={rule.location_id for rule in rules},
        )
        .values("product_id", "order__ship_to_id")
        .annotate(open=Sum(F("quantity") - F("quantity_received")))
    )
    return {(row["product_id"], row["order__ship_to_id"]): row["open"] or ZERO for row in rows}


@transaction.atomic
def reorder_draft(
    *,
    by: User,
    kind: str = ReorderDraft.ORDER,
    rule_ids: Sequence[int] | None = None,
    strict: bool = True,
) -> ReorderResult:
    """Draft orders (``kind`` "order") or requests ("request") for the low-stock rows (of
    ``rule_ids`` when given). What is already on open orders to the same location counts, so
    running it twice drafts nothing new."""
    rows = list(low_stock_list())
    if rule_ids is not None:
        wanted = set(rule_ids)
        rows = [row for row in rows if row.pk in wanted]
    result = ReorderResult()
    if not rows:
        if rule_ids and strict:
            raise InvalidInput(NOTHING_LOW, errors={"rules": [NOTHING_LOW]})
        return result
    preferred = _preferred_items({row.product_id for row in rows})
    on_order = _on_order(rows)
    groups: dict[tuple[int, int, str], list[tuple[ReorderRule, SupplierItem, Decimal]]] = (
        defaultdict(list)
    )
    for row in rows:
        item = preferred.get(row.product_id)
        if item is None:
            result.skipped.append({"product": row.product.sku, "reason": "no supplier item"})
            continue
        needed = row.reorder_quantity - on_order.get((row.product_id, row.location_id), ZERO)
        if needed <= 0:
            result.skipped.append({"product": row.product.sku, "reason": "already on order"})
            continue
        groups[(item.supplier_id, row.location_id, item.currency)].append(
            (row, item, round_to_terms(needed, item))
        )
    today = timezone.localdate()
    for (_supplier_id, _location_id, currency), entries in sorted(groups.items()):
        supplier = entries[0][1].supplier
        location = entries[0][0].location
        if kind == ReorderDraft.ORDER:
            result.orders.append(
                purchase_order_create(
                    by=by,
                    supplier=supplier,
                    ship_to=location,
                    currency=currency,
                    expected_date=expected_from_lead_time(
                        max(item.lead_time_days for _, item, _ in entries), on=today
                    ),
                    notes="Drafted from the low-stock list.",
                    lines=[
                        OrderLineInput(product=rule.product, quantity=qty, unit_price=item.price)
                        for rule, item, qty in entries
                    ],
                )
            )
        else:
            if by.department_id is None:
                raise InvalidInput("Draft requests need a requester with a department.")
            result.requests.append(
                purchase_request_create(
                    by=by,
                    title=f"Reorder from {supplier.name} for {location.code}",
                    currency=currency,
                    suggested_supplier=supplier,
                    items=[
                        RequestItemInput(
                            product=rule.product,
                            quantity=qty,
                            estimated_unit_price=item.price,
                            supplier=supplier,
                        )
                        for rule, item, qty in entries
                    ],
                )
            )
    return result


def reorder_scheduled() -> ReorderResult:
    """The daily job: for each rule whose policy asks for it, a draft order or request in the
    name of the person who set the policy (each group in its own transaction)."""
    result = ReorderResult()
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for policy in ReorderPolicy.objects.exclude(auto_draft=ReorderDraft.NONE).filter(
        created_by__isnull=False, created_by__is_active=True
    ):
        assert policy.created_by_id is not None  # noqa: S101 - filtered above
        groups[(policy.auto_draft, policy.created_by_id)].append(policy.rule_id)
    for (kind, user_id), rule_ids in sorted(groups.items()):
        user = User.objects.get(pk=user_id)
        if kind == ReorderDraft.REQUEST and user.department_id is None:
            continue
        done = reorder_draft(by=user, kind=kind, rule_ids=rule_ids, strict=False)
        result.orders += done.orders
        result.requests += done.requests
        result.skipped += done.skipped
    return result


@transaction.atomic
def reorder_policy_set(*, rule: ReorderRule, auto_draft: str, by: User) -> ReorderPolicy:
    policy, _ = ReorderPolicy.objects.update_or_create(
        rule=rule, defaults={"auto_draft": auto_draft, "updated_by": by, "created_by": by}
    )
    return policy
