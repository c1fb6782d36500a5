"""Goods receipts against purchase order lines, and returns to the supplier. Stock moves
through the inventory services, in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, DomainError, InvalidInput
from procura.core.money import round_quantity
from procura.core.numbering import next_document_number
from procura.inventory.models import Lot
from procura.inventory.services import lot_register
from procura.inventory.services.movements import (
    SourceRef,
    stock_receive,
    stock_return_to_supplier,
)
from procura.partners.models import Plant
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_order, lock_order_lines, lock_row
from procura.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    ReceiptReturn,
)
from procura.procurement.models.orders import RECEIVABLE_ORDER_STATUSES
from procura.procurement.services.debit_notes import ReturnedLine, debit_note_for_return
from procura.procurement.services.inputs import required_comment

RECEIPT_NUMBER_PREFIX = "GRN"


class ReceiptLineInput(TypedDict, total=False):
    order_line: PurchaseOrderLine
    quantity_received: Decimal
    quantity_rejected: Decimal
    rejection_reason: str
    lot_code: str
    plant: Plant | None
    production_date: date | None
    pack_date: date | None
    use_by: date | None
    country_of_origin: str
    net_weight: Decimal | None


class ReturnLineInput(TypedDict, total=False):
    receipt_line: GoodsReceiptLine
    quantity: Decimal
    weight: Decimal | None


def receipt_tolerance_percent() -> Decimal:
    return Decimal(str(getattr(settings, "PROCUREMENT_RECEIPT_TOLERANCE_PERCENT", "5")))


def refresh_receipt_status(order: PurchaseOrder) -> None:
    """issued / partially_received / received from the lines' received quantities (an order
    that is draft, closed or cancelled keeps its state)."""
    if order.status not in RECEIVABLE_ORDER_STATUSES:
        return
    lines = list(order.lines.values_list("quantity", "quantity_received"))
    if lines and all(received >= ordered for ordered, received in lines):
        status = PurchaseOrderStatus.RECEIVED
    elif any(received > 0 for _ordered, received in lines):
        status = PurchaseOrderStatus.PARTIALLY_RECEIVED
    else:
        status = PurchaseOrderStatus.ISSUED
    if status != order.status:
        order.status = status
        order.save(update_fields=["status", "updated_at"])


def _receipt_lot(
    line: PurchaseOrderLine, entry: ReceiptLineInput, *, order: PurchaseOrder, by: User
) -> Lot | None:
    """The lot named on a receipt line (registered on first sight; the order's supplier is the
    lot's supplier). Products that are not lot-tracked ignore lot details."""
    code = (entry.get("lot_code") or "").strip()
    if line.product is None or not line.product.lot_tracked or not code:
        return None
    return lot_register(
        product=line.product,
        code=code,
        by=by,
        plant=entry.get("plant"),
        supplier=order.supplier,
        production_date=entry.get("production_date"),
        pack_date=entry.get("pack_date"),
        use_by=entry.get("use_by"),
        country_of_origin=entry.get("country_of_origin") or "",
    )


@transaction.atomic
def goods_receipt_post(
    *,
    order: PurchaseOrder,
    by: User,
    lines: Sequence[ReceiptLineInput],
    received_on: date | None = None,
    notes: str = "",
) -> GoodsReceipt:
    """Receive goods against the lines of an issued order. Accepted quantities go into stock at
    the order's ship-to location and unit price; rejected ones (reason required) do not. A line
    may not be received beyond its quantity plus the tolerance (409). The order becomes
    partially received or received. Locks the order row, then its lines in key order."""
    order = lock_order(order)
    if order.status not in RECEIVABLE_ORDER_STATUSES:
        raise Conflict(
            errors.ORDER_NOT_RECEIVABLE.format(status=order.get_status_display().lower()),
            code=Code.INVALID_TRANSITION,
        )
    if not lines:
        raise InvalidInput(errors.RECEIPT_EMPTY, errors={"lines": [errors.RECEIPT_EMPTY]})
    order_lines = lock_order_lines(order)
    tolerance = receipt_tolerance_percent()
    receipt = GoodsReceipt(
        number=next_document_number(RECEIPT_NUMBER_PREFIX),
        order=order,
        notes=notes,
        created_by=by,
        updated_by=by,
    )
    if received_on is not None:
        receipt.received_on = received_on
    receipt.save()
    problems: dict[str, list[str]] = {}
    planned: list[tuple[PurchaseOrderLine, GoodsReceiptLine]] = []
    for index, entry in enumerate(lines):
        line = order_lines.get(entry["order_line"].pk)
        if line is None:
            problems[f"lines.{index}.order_line"] = [
                errors.RECEIPT_LINE_NOT_ON_ORDER.format(number=order.number)
            ]
            continue
        accepted = round_quantity(entry.get("quantity_received") or 0)
        rejected = round_quantity(entry.get("quantity_rejected") or 0)
        reason = (entry.get("rejection_reason") or "").strip()
        if accepted <= 0 and rejected <= 0:
            problems[f"lines.{index}.quantity_received"] = ["Receive or reject a quantity."]
            continue
        if rejected > 0 and not reason:
            problems[f"lines.{index}.rejection_reason"] = [errors.REJECTION_REASON_REQUIRED]
            continue
        new_total = line.quantity_received + accepted
        ceiling = line.quantity * (1 + tolerance / 100)
        if new_total > ceiling:
            raise Conflict(
                errors.OVER_RECEIPT.format(
                    line=line.line_no,
                    quantity=accepted,
                    total=new_total,
                    ordered=line.quantity,
                    tolerance=tolerance,
                ),
                code=Code.OVER_RECEIPT,
                data={"line": line.line_no, "maximum": str(round_quantity(ceiling))},
            )
        line.quantity_received = new_total
        planned.append(
            (
                line,
                GoodsReceiptLine(
                    receipt=receipt,
                    order_line=line,
                    quantity_received=accepted,
                    quantity_rejected=rejected,
                    rejection_reason=reason,
                    unit_cost=line.unit_price,
                    lot=_receipt_lot(line, entry, order=order, by=by),
                    net_weight=entry.get("net_weight"),
                ),
            )
        )
    if problems:
        raise InvalidInput("Some receipt lines are invalid; see errors.", errors=problems)
    source = SourceRef.of(receipt)
    for line, receipt_line in planned:
        receipt_line.save()
        line.save(update_fields=["quantity_received"])
        if line.product is not None and receipt_line.quantity_received > 0:
            stock_receive(
                product=line.product,
                location=order.ship_to,
                quantity=receipt_line.quantity_received,
                unit_cost=line.unit_price,
                by=by,
                source=source,
                lot=receipt_line.lot,
                weight=receipt_line.net_weight,
            )
    before = order.status
    refresh_receipt_status(order)
    audit_record(
        actor=by,
        action="goods_receipt.posted",
        obj=receipt,
        changes={"order_status": (before, order.status)},
        data={
            "order": order.number,
            "lines": [
                {
                    "line": line.line_no,
                    "received": str(rl.quantity_received),
                    "rejected": str(rl.quantity_rejected),
                    "lot": rl.lot.code if rl.lot else "",
                    "net_weight": "" if rl.net_weight is None else str(rl.net_weight),
                }
                for line, rl in planned
            ],
        },
    )
    return receipt


@transaction.atomic
def goods_receipt_return(
    *, receipt: GoodsReceipt, by: User, lines: Sequence[ReturnLineInput], reason: str
) -> list[ReceiptReturn]:
    """Send received goods back to the supplier: a new stock movement out of the ship-to
    location, from the receipt line's lot; a catch-weight line with its actual net weight
    (else its share of the line's weight), within the product's tolerance. The order line's
    received quantity drops (the order may go back to partially received) and a debit note
    for the returned goods is raised (``debit_notes``). Locks the order row, then its lines."""
    reason = required_comment(reason, field="reason")
    order = lock_order(receipt.order)
    if order.status in {PurchaseOrderStatus.CLOSED, PurchaseOrderStatus.CANCELLED}:
        raise Conflict(
            errors.RETURN_CLOSED.format(status=order.get_status_display().lower()),
            code=Code.INVALID_TRANSITION,
        )
    if not lines:
        raise InvalidInput(errors.RETURN_EMPTY, errors={"lines": [errors.RETURN_EMPTY]})
    order_lines = lock_order_lines(order)
    source = SourceRef.of(receipt)
    created = []
    returned: list[ReturnedLine] = []
    for index, entry in enumerate(lines):
        receipt_line = lock_row(GoodsReceiptLine, entry["receipt_line"].pk)
        if receipt_line.receipt_id != receipt.pk:
            raise InvalidInput(
                "This line is not on the receipt.",
                errors={f"lines.{index}.receipt_line": ["This line is not on the receipt."]},
            )
        quantity = round_quantity(entry["quantity"])
        available = receipt_line.quantity_received - receipt_line.quantity_returned
        if quantity <= 0 or quantity > available:
            raise DomainError(
                errors.RETURN_TOO_MUCH.format(available=available),
                code=Code.RETURN_INVALID,
                errors={
                    f"lines.{index}.quantity": [errors.RETURN_TOO_MUCH.format(available=available)]
                },
            )
        order_line = order_lines[receipt_line.order_line_id]
        weight = entry.get("weight")
        product = order_line.product
        if weight is not None and (product is None or not product.catch_weight):
            message = errors.RETURN_WEIGHT_NOT_CATCH.format(
                sku=product.sku if product is not None else order_line.description
            )
            raise InvalidInput(message, errors={f"lines.{index}.weight": [message]})
        receipt_line.quantity_returned += quantity
        receipt_line.save(update_fields=["quantity_returned"])
        order_line.quantity_received -= quantity
        order_line.save(update_fields=["quantity_received"])
        moved_weight: Decimal | None = None
        if product is not None:
            try:
                movement = stock_return_to_supplier(
                    product=product,
                    location=order.ship_to,
                    quantity=quantity,
                    by=by,
                    source=source,
                    reason=reason,
                    lot=receipt_line.lot,
                    weight=weight,
                )
            except DomainError as error:
                raise _at_line(error, index) from error
            if movement.weight is not None:
                moved_weight = -movement.weight
        record = ReceiptReturn.objects.create(
            receipt_line=receipt_line, quantity=quantity, reason=reason, created_by=by
        )
        created.append(record)
        returned.append(
            ReturnedLine(
                receipt_return=record,
                order_line=order_line,
                lot=receipt_line.lot,
                weight=moved_weight,
            )
        )
    note = debit_note_for_return(
        receipt=receipt, order=order, returned=returned, reason=reason, by=by
    )
    before = order.status
    refresh_receipt_status(order)
    audit_record(
        actor=by,
        action="goods_receipt.returned",
        obj=receipt,
        changes={"order_status": (before, order.status)},
        data={
            "reason": reason,
            "lines": [[r.receipt_line_id, str(r.quantity)] for r in created],
            "debit_note": note.number if note is not None else "",
        },
    )
    return created


def _at_line(error: DomainError, index: int) -> DomainError:
    """A stock refusal (weight out of tolerance, not enough of the lot) placed on its line."""
    fields = getattr(error, "errors", None) or {}
    if fields:
        error.errors = {f"lines.{index}.{name}": messages for name, messages in fields.items()}
    return error
