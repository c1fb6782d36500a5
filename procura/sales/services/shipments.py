"""Shipments: some or all of an order's reserved quantities leave the warehouse (stock issued
from the reservation); delivering them marks the order delivered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import ZERO, round_quantity
from procura.core.numbering import next_document_number
from procura.inventory.models import Lot
from procura.inventory.services import SourceRef, stock_issue_lots
from procura.partners.models import Carrier
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_order, lock_shipment
from procura.sales.models import (
    SalesOrder,
    SalesOrderLine,
    SalesOrderStatus,
    Shipment,
    ShipmentLine,
    ShipmentStatus,
)
from procura.sales.notices import notify_order_event
from procura.sales.services.orders import change_status, require_status

S = SalesOrderStatus
SHIPMENT_PREFIX = "SHP"


@dataclass
class _Pick:
    """One shipped piece of an order line: a quantity, optionally from a chosen lot with its
    actual (catch) weight, e.g. one scanned case."""

    line: SalesOrderLine
    quantity: Decimal
    lot: Lot | None = None
    weight: Decimal | None = None


def _quantities(
    lines: list[SalesOrderLine], requested: Sequence[Mapping[str, Any]] | None
) -> list[_Pick]:
    by_id = {line.pk: line for line in lines}
    if requested is None:
        return [_Pick(line, line.quantity_reserved) for line in lines if line.quantity_reserved > 0]
    picks: list[_Pick] = []
    wanted: dict[int, Decimal] = {}
    for index, item in enumerate(requested):
        line_id = int(item["order_line"])
        if line_id not in by_id:
            message = errors.LINE_NOT_ON_ORDER.format(line=line_id)
            raise InvalidInput(
                message,
                code=SalesErrorCode.LINE_NOT_ON_ORDER,
                errors={f"lines.{index}.order_line": [message]},
            )
        quantity = round_quantity(item["quantity"])
        wanted[line_id] = wanted.get(line_id, ZERO) + quantity
        weight = item.get("weight")
        if quantity > 0:
            picks.append(
                _Pick(
                    by_id[line_id],
                    quantity,
                    lot=item.get("lot"),
                    weight=round_quantity(weight) if weight is not None else None,
                )
            )
    for line_id, quantity in wanted.items():
        line = by_id[line_id]
        if quantity > line.quantity_reserved:
            raise Conflict(
                errors.SHIP_EXCEEDS_RESERVED.format(
                    line_no=line.line_no,
                    open=line.quantity_reserved,
                    unit=line.unit,
                    requested=quantity,
                ),
                code=SalesErrorCode.SHIP_EXCEEDS_RESERVED,
                data={"line_no": line.line_no, "open": str(line.quantity_reserved)},
            )
    return picks


@transaction.atomic
def shipment_create(
    *,
    order: SalesOrder,
    by: User | None,
    lines: Sequence[Mapping[str, Any]] | None = None,
    carrier: Carrier | None = None,
    tracking_number: str = "",
    ship_date: date | None = None,
    notes: str = "",
) -> Shipment:
    """Ship ``lines`` ({order_line, quantity}; all that is still reserved when omitted) of a
    confirmed or picking order. Locks the order, then (through ``stock_issue``) each stock row;
    the stock is issued from the reservation. The order becomes shipped when every line is fully
    shipped, else picking (a partial shipment)."""
    order = lock_order(order)
    require_status(order, [S.CONFIRMED, S.PICKING], "shipped")
    order_lines = list(order.lines.select_related("product").order_by("line_no"))
    plan = _quantities(order_lines, lines)
    if not plan:
        raise InvalidInput(
            errors.SHIP_NOTHING,
            code=SalesErrorCode.SHIP_NOTHING,
            errors={"lines": [errors.SHIP_NOTHING]},
        )
    on = ship_date or timezone.localdate()
    shipment = Shipment.objects.create(
        number=next_document_number(SHIPMENT_PREFIX, on=on),
        order=order,
        carrier=carrier,
        tracking_number=tracking_number.strip(),
        ship_date=on,
        notes=notes.strip(),
        created_by=by,
        updated_by=by,
    )
    source = SourceRef.of(shipment)
    reserved_for = SourceRef.of(order)
    shipped: list[ShipmentLine] = []
    for pick in sorted(plan, key=lambda item: str(item.line.product_id)):
        line = pick.line
        movements = stock_issue_lots(
            product=line.product,
            location=order.location,
            quantity=pick.quantity,
            by=by,
            source=source,
            from_reservation=True,
            reserved_for=reserved_for,
            lot=pick.lot,
            weight=pick.weight,
        )
        for movement in movements:
            weight = -movement.weight if movement.weight is not None else None
            shipped.append(
                ShipmentLine(
                    shipment=shipment,
                    order_line=line,
                    quantity=-movement.quantity,
                    lot=movement.lot,
                    weight=weight,
                )
            )
            line.weight_shipped += weight or ZERO
        line.quantity_reserved -= pick.quantity
        line.quantity_shipped += pick.quantity
    SalesOrderLine.objects.bulk_update(
        list({pick.line.pk: pick.line for pick in plan}.values()),
        ["quantity_reserved", "quantity_shipped", "weight_shipped"],
    )
    ShipmentLine.objects.bulk_create(shipped)
    audit_record(
        actor=by,
        action="shipment.created",
        obj=shipment,
        data={
            "order": order.number,
            "carrier": carrier.scac if carrier else "",
            "tracking_number": shipment.tracking_number,
            "lines": [
                {
                    "line": row.order_line.line_no,
                    "quantity": str(row.quantity),
                    "lot": row.lot.code if row.lot else "",
                    "weight": "" if row.weight is None else str(row.weight),
                }
                for row in shipped
            ],
        },
    )
    fully_shipped = all(line.quantity_shipped >= line.quantity for line in order_lines)
    if fully_shipped:
        change_status(order, S.SHIPPED, by=by, reason=f"Shipment {shipment.number}")
    elif order.status == S.CONFIRMED:
        change_status(order, S.PICKING, by=by, reason=f"Partial shipment {shipment.number}")
    notify_order_event(order, "order_shipped", shipment=shipment)
    return shipment


@transaction.atomic
def shipment_deliver(
    *, shipment: Shipment, by: User | None, delivered_date: date | None = None
) -> Shipment:
    """Record the delivery. Locks the order, then the shipment. When the order is fully
    shipped and every shipment delivered, the order becomes delivered (an order already
    invoiced or paid keeps its status)."""
    order = lock_order(shipment.order)
    shipment = lock_shipment(shipment)
    if shipment.status == ShipmentStatus.DELIVERED:
        raise Conflict(
            errors.ALREADY_DELIVERED.format(number=shipment.number),
            code=SalesErrorCode.ALREADY_DELIVERED,
        )
    shipment.status = ShipmentStatus.DELIVERED
    shipment.delivered_date = delivered_date or timezone.localdate()
    shipment.updated_by = by
    shipment.save(update_fields=["status", "delivered_date", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="shipment.delivered",
        obj=shipment,
        changes={"status": (ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED)},
        data={"delivered_date": shipment.delivered_date.isoformat(), "order": order.number},
    )
    undelivered = order.shipments.exclude(status=ShipmentStatus.DELIVERED).exists()
    if order.status == S.SHIPPED and not undelivered:
        change_status(order, S.DELIVERED, by=by, reason=f"Shipment {shipment.number} delivered")
    return shipment
