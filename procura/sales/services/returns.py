"""Customer returns (RMA): authorised against an issued invoice of a shipped order, received by
lot into stock or written off, then credited.

Rules:
- only goods shipped can come back: per order line and lot, what all open or received returns
  hold never exceeds what was shipped of that lot on the line;
- a lot-tracked product comes back by lot (the one shipped lot when there was only one);
- on receipt each line's cases go back into stock (a ``return`` movement on the ledger at the
  cost they left at) or are written off (the same ``return`` movement followed by a downward
  ``adjustment`` naming the return, so the ledger shows both), with the actual weight of a
  catch-weight product; never more than was authorised;
- the credit goes through the credit-note service for what came back (cases, or for a
  catch-weight line billed by weight the weight received), so balance and aging move.

Statuses: authorised -> received -> credited | closed (received, no credit: say why);
authorised -> cancelled (nothing came back).

Locking: authorising locks the sales order (returns of one order queue there); receiving,
crediting and closing lock the return row, then the stock rows (through the inventory services)
or the invoice (through the credit-note service).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.catalog.conversions import weight_to
from procura.core.errors import Conflict, InvalidInput
from procura.core.money import ZERO, round_quantity
from procura.core.numbering import next_document_number
from procura.inventory.models import Location, Lot, StockMovement
from procura.inventory.services import SourceRef, stock_adjust, stock_return_from_customer
from procura.sales import errors
from procura.sales.errors import SalesErrorCode
from procura.sales.locks import lock_order
from procura.sales.models import (
    CreditReason,
    CustomerInvoice,
    CustomerInvoiceLine,
    CustomerReturn,
    CustomerReturnLine,
    CustomerReturnStatus,
    InvoiceKind,
    ReturnReason,
    SalesOrderStatus,
    ShipmentLine,
)
from procura.sales.services.credit_notes import credit_note_issue

RETURN_PREFIX = "RMA"
S = SalesOrderStatus
R = CustomerReturnStatus
RETURNABLE = [S.PICKING, S.SHIPPED, S.DELIVERED, S.INVOICED, S.PAID]
RESTOCK = "restock"
WRITE_OFF = "write_off"
DISPOSITIONS = (RESTOCK, WRITE_OFF)
RETURN_CREDIT_REASON: dict[str, str] = {
    ReturnReason.DAMAGED: CreditReason.DAMAGED,
    ReturnReason.TEMPERATURE: CreditReason.DAMAGED,
    ReturnReason.QUALITY: CreditReason.DAMAGED,
}


def lock_return(customer_return: CustomerReturn) -> CustomerReturn:
    return (
        CustomerReturn.objects.select_for_update(of=("self",))
        .select_related("invoice", "order", "location", "customer")
        .get(pk=customer_return.pk)
    )


def _require_status(customer_return: CustomerReturn, allowed: Sequence[str], action: str) -> None:
    if customer_return.status not in allowed:
        raise Conflict(
            errors.RETURN_ILLEGAL_TRANSITION.format(
                number=customer_return.number,
                status=customer_return.get_status_display().lower(),
                action=action,
            ),
            code=SalesErrorCode.RETURN_ILLEGAL_TRANSITION,
            data={"status": customer_return.status},
        )


def _change_status(
    customer_return: CustomerReturn, to: str, *, by: User | None, **data: Any
) -> None:
    before = customer_return.status
    customer_return.status = to
    customer_return.updated_by = by
    customer_return.save()
    audit_record(
        actor=by,
        action=f"customer_return.{to}",
        obj=customer_return,
        changes={"status": (before, to)},
        data=data,
    )


def _shipped_by_lot(order_line_ids: set[int]) -> dict[tuple[int, int | None], Decimal]:
    rows = (
        ShipmentLine.objects.filter(order_line_id__in=order_line_ids)
        .values("order_line_id", "lot_id")
        .annotate(quantity=Sum("quantity"))
    )
    return {(row["order_line_id"], row["lot_id"]): round_quantity(row["quantity"]) for row in rows}


def _on_returns(order_line_ids: set[int]) -> dict[tuple[int, int | None], Decimal]:
    """Per (order line, lot): what authorised returns hold and what came back on the others."""
    held: dict[tuple[int, int | None], Decimal] = {}
    rows = (
        CustomerReturnLine.objects.filter(order_line_id__in=order_line_ids)
        .exclude(customer_return__status=R.CANCELLED)
        .values_list(
            "order_line_id",
            "lot_id",
            "customer_return__status",
            "quantity",
            "quantity_restocked",
            "quantity_written_off",
        )
    )
    for order_line_id, lot_id, status, quantity, restocked, written_off in rows:
        taken = quantity if status == R.AUTHORISED else restocked + written_off
        held[(order_line_id, lot_id)] = held.get((order_line_id, lot_id), ZERO) + taken
    return held


def _positive(value: Any, field: str) -> Decimal:
    quantity = round_quantity(value)
    if quantity <= 0:
        message = "Give a quantity above zero."
        raise InvalidInput(message, errors={field: [message]})
    return quantity


@transaction.atomic
def customer_return_authorise(
    *,
    invoice: CustomerInvoice,
    reason: str,
    by: User | None,
    lines: Sequence[Mapping[str, Any]],
    reason_text: str = "",
    location: Location | None = None,
    authorised_on: date | None = None,
) -> CustomerReturn:
    """Authorise ``lines`` ({invoice_line, quantity, lot?, weight?}) of the invoice to come back.
    Each line's quantity is in the order's unit (cases) and, with what other returns hold,
    within what was shipped of its lot. Locks the sales order."""
    if reason not in ReturnReason.values:
        raise InvalidInput("Unknown reason.", errors={"reason": ["Choose a listed reason."]})
    if invoice.kind != InvoiceKind.INVOICE:
        message = errors.NOT_AN_INVOICE.format(number=invoice.number)
        raise Conflict(message, code=SalesErrorCode.NOT_AN_INVOICE, errors={"invoice": [message]})
    order = lock_order(invoice.order)
    if order.status not in RETURNABLE:
        raise Conflict(
            errors.RETURN_NOT_RETURNABLE.format(number=order.number, status=order.status),
            code=SalesErrorCode.RETURN_NOT_RETURNABLE,
        )
    if not lines:
        raise InvalidInput(errors.RETURN_EMPTY, errors={"lines": [errors.RETURN_EMPTY]})
    target = location or order.location
    if not target.is_active:
        message = errors.LOCATION_INACTIVE.format(code=target.code)
        raise InvalidInput(message, errors={"location": [message]})
    invoice_lines = {
        line.pk: line
        for line in CustomerInvoiceLine.objects.filter(invoice=invoice).select_related(
            "order_line__product"
        )
    }
    order_line_ids = {line.order_line_id for line in invoice_lines.values()}
    shipped = _shipped_by_lot(order_line_ids)
    held = _on_returns(order_line_ids)
    on = authorised_on or timezone.localdate()
    customer_return = CustomerReturn(
        number=next_document_number(RETURN_PREFIX, on=on),
        customer=invoice.customer,
        order=order,
        invoice=invoice,
        location=target,
        reason=reason,
        reason_text=reason_text.strip(),
        authorised_on=on,
        created_by=by,
        updated_by=by,
    )
    built: list[CustomerReturnLine] = []
    for index, entry in enumerate(lines):
        raw = entry["invoice_line"]
        invoice_line = invoice_lines.get(getattr(raw, "pk", raw))
        if invoice_line is None:
            message = errors.RETURN_LINE_NOT_ON_INVOICE.format(number=invoice.number)
            raise InvalidInput(message, errors={f"lines.{index}.invoice_line": [message]})
        order_line = invoice_line.order_line
        product = order_line.product
        quantity = _positive(entry.get("quantity"), f"lines.{index}.quantity")
        lot = _returned_lot(
            entry.get("lot"),
            order_line_id=order_line.pk,
            line_no=order_line.line_no,
            sku=product.sku,
            lot_tracked=product.lot_tracked,
            shipped=shipped,
            field=f"lines.{index}.lot",
        )
        key = (order_line.pk, lot.pk if lot else None)
        shipped_qty = shipped.get(key, ZERO)
        already = held.get(key, ZERO)
        if quantity + already > shipped_qty:
            message = errors.RETURN_EXCEEDS_SHIPPED.format(
                line_no=order_line.line_no,
                lot=f" lot {lot.code}" if lot else "",
                shipped=shipped_qty,
                unit=order_line.unit,
                authorised=already,
                requested=quantity,
            )
            raise Conflict(
                message,
                code=SalesErrorCode.RETURN_EXCEEDS_SHIPPED,
                errors={f"lines.{index}.quantity": [message]},
            )
        held[key] = already + quantity
        weight = entry.get("weight")
        if weight is not None and not product.catch_weight:
            message = errors.RETURN_WEIGHT_NOT_CATCH.format(sku=product.sku)
            raise InvalidInput(message, errors={f"lines.{index}.weight": [message]})
        built.append(
            CustomerReturnLine(
                customer_return=customer_return,
                line_no=index + 1,
                invoice_line=invoice_line,
                order_line=order_line,
                product=product,
                lot=lot,
                quantity=quantity,
                unit=order_line.unit,
                weight=_positive(weight, f"lines.{index}.weight") if weight is not None else None,
            )
        )
    customer_return.save()
    CustomerReturnLine.objects.bulk_create(built)
    audit_record(
        actor=by,
        action="customer_return.authorised",
        obj=customer_return,
        data={
            "invoice": invoice.number,
            "order": order.number,
            "reason": reason,
            "lines": [
                {
                    "line": row.order_line.line_no,
                    "lot": row.lot.code if row.lot else "",
                    "quantity": str(row.quantity),
                }
                for row in built
            ],
        },
    )
    return customer_return


def _returned_lot(
    raw: Any,
    *,
    order_line_id: int,
    line_no: int,
    sku: str,
    lot_tracked: bool,
    shipped: Mapping[tuple[int, int | None], Decimal],
    field: str,
) -> Lot | None:
    shipped_lots = [lot_id for (line_id, lot_id) in shipped if line_id == order_line_id and lot_id]
    lot_id = getattr(raw, "pk", raw)
    if lot_id is None:
        if not lot_tracked or not shipped_lots:
            return None
        if len(shipped_lots) > 1:
            message = errors.RETURN_LOT_REQUIRED.format(line_no=line_no, sku=sku)
            raise InvalidInput(
                message, code=SalesErrorCode.RETURN_LOT_REQUIRED, errors={field: [message]}
            )
        lot_id = shipped_lots[0]
    if lot_id not in shipped_lots:
        code = raw.code if isinstance(raw, Lot) else str(lot_id)
        message = errors.RETURN_LOT_NOT_SHIPPED.format(lot=code, line_no=line_no)
        raise InvalidInput(
            message, code=SalesErrorCode.RETURN_LOT_NOT_SHIPPED, errors={field: [message]}
        )
    return Lot.objects.get(pk=lot_id)


@dataclass
class _Arrival:
    line: CustomerReturnLine
    quantity: Decimal
    weight: Decimal | None
    disposition: str


def _shipped_cost(customer_return: CustomerReturn, line: CustomerReturnLine) -> Decimal | None:
    """The unit cost the goods left at: the latest shipment movement of the product (and lot)
    on this order; None (the moving average) when there is none."""
    shipment_ids = [str(pk) for pk in customer_return.order.shipments.values_list("pk", flat=True)]
    movement = (
        StockMovement.objects.filter(
            source_type="sales.shipment",
            source_id__in=shipment_ids,
            product_id=line.product_id,
            lot=line.lot,
        )
        .order_by("-occurred_at", "-id")
        .values_list("unit_cost", flat=True)
        .first()
    )
    return movement


@transaction.atomic
def customer_return_receive(
    *,
    customer_return: CustomerReturn,
    lines: Sequence[Mapping[str, Any]],
    by: User | None,
    received_on: date | None = None,
) -> CustomerReturn:
    """Record what came back: ``lines`` ({line, quantity, weight?, disposition}) where
    disposition is ``restock`` (into stock at the return's location) or ``write_off``. A line
    may appear twice to split its cases. Lines not named brought nothing back. Locks the return,
    then each stock row through the inventory services (product order)."""
    customer_return = lock_return(customer_return)
    _require_status(customer_return, [R.AUTHORISED], "received")
    by_id = {line.pk: line for line in customer_return.lines.select_related("product", "lot")}
    arrivals: list[_Arrival] = []
    wanted: dict[int, Decimal] = {}
    for index, entry in enumerate(lines):
        raw = entry["line"]
        line = by_id.get(getattr(raw, "pk", raw))
        if line is None:
            message = errors.RETURN_LINE_NOT_ON_RETURN.format(number=customer_return.number)
            raise InvalidInput(message, errors={f"lines.{index}.line": [message]})
        disposition = entry.get("disposition") or RESTOCK
        if disposition not in DISPOSITIONS:
            message = "Choose restock or write_off."
            raise InvalidInput(message, errors={f"lines.{index}.disposition": [message]})
        quantity = round_quantity(entry.get("quantity") or ZERO)
        if quantity < 0:
            message = "Give a quantity of zero or more."
            raise InvalidInput(message, errors={f"lines.{index}.quantity": [message]})
        if quantity == 0:
            continue
        weight = entry.get("weight")
        if weight is not None and not line.product.catch_weight:
            message = errors.RETURN_WEIGHT_NOT_CATCH.format(sku=line.product.sku)
            raise InvalidInput(message, errors={f"lines.{index}.weight": [message]})
        wanted[line.pk] = wanted.get(line.pk, ZERO) + quantity
        if wanted[line.pk] > line.quantity:
            message = errors.RETURN_EXCEEDS_AUTHORISED.format(
                line_no=line.line_no,
                authorised=line.quantity,
                unit=line.unit,
                requested=wanted[line.pk],
            )
            raise Conflict(
                message,
                code=SalesErrorCode.RETURN_EXCEEDS_AUTHORISED,
                errors={f"lines.{index}.quantity": [message]},
            )
        arrivals.append(
            _Arrival(
                line,
                quantity,
                round_quantity(weight) if weight is not None else None,
                disposition,
            )
        )
    if not arrivals:
        message = errors.RETURN_NOTHING_RECEIVED.format(number=customer_return.number)
        raise InvalidInput(
            message, code=SalesErrorCode.RETURN_NOTHING_RECEIVED, errors={"lines": [message]}
        )
    source = SourceRef.of(customer_return)
    reason_label = customer_return.get_reason_display()
    for arrival in sorted(arrivals, key=lambda item: str(item.line.product_id)):
        line = arrival.line
        movement = stock_return_from_customer(
            product=line.product,
            location=customer_return.location,
            quantity=arrival.quantity,
            unit_cost=_shipped_cost(customer_return, line),
            by=by,
            source=source,
            reason=f"Return {customer_return.number}: {reason_label}",
            lot=line.lot,
            weight=arrival.weight,
        )
        weight = movement.weight or ZERO
        if arrival.disposition == WRITE_OFF:
            stock_adjust(
                product=line.product,
                location=customer_return.location,
                quantity=-arrival.quantity,
                reason=f"Written off on return {customer_return.number}: {reason_label}",
                by=by,
                source=source,
                lot=line.lot,
                weight=movement.weight,
            )
            line.quantity_written_off += arrival.quantity
            line.weight_written_off += weight
        else:
            line.quantity_restocked += arrival.quantity
            line.weight_restocked += weight
    CustomerReturnLine.objects.bulk_update(
        list({a.line.pk: a.line for a in arrivals}.values()),
        ["quantity_restocked", "weight_restocked", "quantity_written_off", "weight_written_off"],
    )
    customer_return.received_on = received_on or timezone.localdate()
    _change_status(
        customer_return,
        R.RECEIVED,
        by=by,
        lines=[
            {
                "line": a.line.line_no,
                "quantity": str(a.quantity),
                "weight": "" if a.weight is None else str(a.weight),
                "disposition": a.disposition,
            }
            for a in arrivals
        ],
    )
    return customer_return


def _credited_quantity(line: CustomerReturnLine) -> Decimal:
    """What came back, in the invoice line's unit: cases, or for a line billed by weight (catch
    weight) the weight received converted to the billed weight unit."""
    invoice_line = line.invoice_line
    if invoice_line.unit == line.unit:
        return line.quantity_received
    return round_quantity(
        weight_to(line.weight_received, source=line.product.weight_unit, target=invoice_line.unit)
    )


@transaction.atomic
def customer_return_credit(
    *, customer_return: CustomerReturn, by: User | None, issue_date: date | None = None
) -> CustomerReturn:
    """Credit the invoice for what came back (restocked and written off alike) through the
    credit-note service, at the invoice price after earlier price corrections. Locks the return,
    then the invoice."""
    customer_return = lock_return(customer_return)
    _require_status(customer_return, [R.RECEIVED], "credited")
    lines = [
        line
        for line in customer_return.lines.select_related("invoice_line", "product")
        if line.quantity_received > 0
    ]
    per_invoice_line: dict[int, dict[str, Any]] = {}
    for line in lines:
        entry = per_invoice_line.setdefault(
            line.invoice_line_id, {"invoice_line": line.invoice_line, "quantity": ZERO}
        )
        entry["quantity"] += _credited_quantity(line)
    credit_lines = [entry for entry in per_invoice_line.values() if entry["quantity"] > 0]
    if not credit_lines:
        message = errors.RETURN_NOTHING_RECEIVED.format(number=customer_return.number)
        raise Conflict(message, code=SalesErrorCode.RETURN_NOTHING_RECEIVED)
    text = customer_return.reason_text or customer_return.get_reason_display()
    note = credit_note_issue(
        invoice=customer_return.invoice,
        reason=RETURN_CREDIT_REASON.get(customer_return.reason, CreditReason.RETURN),
        reason_text=f"Return {customer_return.number}: {text}",
        lines=credit_lines,
        by=by,
        issue_date=issue_date,
    )
    customer_return.credit_note = note
    _change_status(customer_return, R.CREDITED, by=by, credit_note=note.number)
    return customer_return


@transaction.atomic
def customer_return_close(
    *, customer_return: CustomerReturn, by: User | None, reason: str
) -> CustomerReturn:
    """Close a received return without a credit (say why: replaced, refused claim)."""
    customer_return = lock_return(customer_return)
    _require_status(customer_return, [R.RECEIVED], "closed")
    text = (reason or "").strip()
    if not text:
        raise InvalidInput(
            errors.RETURN_CLOSE_REASON, errors={"reason": [errors.RETURN_CLOSE_REASON]}
        )
    _change_status(customer_return, R.CLOSED, by=by, reason=text)
    return customer_return


@transaction.atomic
def customer_return_cancel(
    *, customer_return: CustomerReturn, by: User | None, reason: str = ""
) -> CustomerReturn:
    """Cancel an authorised return nothing came back on; its quantities become returnable."""
    customer_return = lock_return(customer_return)
    _require_status(customer_return, [R.AUTHORISED], "cancelled")
    _change_status(customer_return, R.CANCELLED, by=by, reason=(reason or "").strip())
    return customer_return
