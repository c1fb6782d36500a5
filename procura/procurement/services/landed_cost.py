"""Landed cost: a freight, cold-storage or other charge spread over a receipt's lines by net
weight, quantity or value, and added to the cost of the stock.

Each line's share (rounded half-up to the cent, the rounding difference on the largest line so
the shares add up to the charge) is split: the part for what is still on hand goes into the
stock's book value through ``stock_revalue`` (the moving-average cost rises), the part for what
has already left is expensed (it reaches the deal's margin, not stock). What is still on hand of
a line is its lot's stock at the location for a lot-tracked product, else at most the level's
on hand. Locks the receipt's order, then each stock level through the inventory service.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import InvalidInput
from procura.core.money import ZERO, round_money
from procura.inventory.selectors import lot_on_hand, stock_on_hand
from procura.inventory.services import SourceRef, stock_revalue
from procura.partners.models import Carrier
from procura.procurement import trade_errors as e
from procura.procurement.locks import lock_order
from procura.procurement.models import (
    AllocationBasis,
    GoodsReceipt,
    GoodsReceiptLine,
    LandedCharge,
    LandedChargeAllocation,
)
from procura.procurement.trade_errors import TradeErrorCode as Code


def _weights(lines: list[GoodsReceiptLine], basis: str, number: str) -> list[Decimal]:
    if basis == AllocationBasis.WEIGHT:
        if any(line.net_weight is None for line in lines):
            raise InvalidInput(
                e.NO_WEIGHT.format(number=number),
                errors={"basis": [e.NO_WEIGHT.format(number=number)]},
            )
        return [line.net_weight or ZERO for line in lines]
    if basis == AllocationBasis.QUANTITY:
        return [line.quantity_received for line in lines]
    return [line.quantity_received * line.unit_cost for line in lines]


def split_amount(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``amount`` in proportion to ``weights``, to the cent, adding up exactly."""
    total = sum(weights, ZERO)
    shares = [round_money(amount * w / total) for w in weights]
    difference = amount - sum(shares, ZERO)
    if difference:
        largest = max(range(len(weights)), key=lambda i: weights[i])
        shares[largest] += difference
    return shares


@transaction.atomic
def landed_charge_allocate(
    *,
    receipt: GoodsReceipt,
    kind: str,
    basis: str,
    amount: Decimal,
    by: User,
    currency: str | None = None,
    reference: str = "",
    carrier: Carrier | None = None,
) -> LandedCharge:
    """Record the charge and allocate it (see the module docstring)."""
    order = lock_order(receipt.order)
    value = round_money(amount)
    if value <= ZERO:
        raise InvalidInput("The charge must be positive.", errors={"amount": ["Must be > 0."]})
    if currency and currency != order.currency:
        message = e.CHARGE_CURRENCY_MISMATCH.format(
            given=currency, number=receipt.number, currency=order.currency
        )
        raise InvalidInput(message, code=Code.CURRENCY_MISMATCH, errors={"currency": [message]})
    lines = [
        line
        for line in receipt.lines.select_related("order_line__product", "lot").order_by("id")
        if line.quantity_received > 0 and line.order_line.product is not None
    ]
    if not lines:
        message = e.NOTHING_TO_ALLOCATE.format(number=receipt.number)
        raise InvalidInput(message, code=Code.NOTHING_TO_ALLOCATE, errors={"receipt": [message]})
    weights = _weights(lines, basis, receipt.number)
    if sum(weights, ZERO) <= ZERO:
        message = e.NOTHING_TO_ALLOCATE.format(number=receipt.number)
        raise InvalidInput(message, code=Code.NOTHING_TO_ALLOCATE, errors={"basis": [message]})
    charge = LandedCharge.objects.create(
        receipt=receipt,
        kind=kind,
        basis=basis,
        amount=value,
        currency=order.currency,
        reference=reference.strip(),
        carrier=carrier,
        created_by=by,
    )
    source = SourceRef.of(receipt)
    allocations = []
    for line, share in zip(lines, split_amount(value, weights), strict=True):
        product = line.order_line.product
        if product is None:  # filtered above; keeps the type checker honest
            continue
        if line.lot is not None:
            held = lot_on_hand(lot=line.lot, location_id=order.ship_to_id)
        else:
            held = stock_on_hand(product_id=product.pk, location_id=order.ship_to_id)
        remaining = min(held, line.quantity_received - line.quantity_returned)
        capitalised = (
            round_money(share * remaining / line.quantity_received) if remaining > 0 else ZERO
        )
        movement = stock_revalue(
            product=product,
            location=order.ship_to,
            amount=capitalised,
            by=by,
            source=source,
            reason=f"{charge.get_kind_display()} {reference}".strip(),
            lot=line.lot,
        )
        if movement is None:
            capitalised = ZERO
        allocations.append(
            LandedChargeAllocation(
                charge=charge,
                receipt_line=line,
                amount=share,
                capitalised=capitalised,
                expensed=share - capitalised,
            )
        )
    LandedChargeAllocation.objects.bulk_create(allocations)
    audit_record(
        actor=by,
        action="landed_charge.allocated",
        obj=receipt,
        data={
            "kind": kind,
            "basis": basis,
            "amount": str(value),
            "reference": reference,
            "allocations": [
                [a.receipt_line_id, str(a.amount), str(a.capitalised)] for a in allocations
            ],
        },
    )
    return charge
