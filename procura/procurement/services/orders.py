"""Writes on purchase orders: create (directly or from approved requests), change (a numbered
revision once issued), issue (PDF e-mailed to the supplier in the background), cancel, close."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from django.db import transaction
from django.utils import timezone

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.catalog.models import Product
from procura.core.errors import Conflict, DomainError, InvalidInput
from procura.core.money import line_amount, round_money, round_quantity
from procura.core.numbering import next_document_number
from procura.currency.selectors import stamp_rate
from procura.inventory.models import Location
from procura.partners.models import Supplier
from procura.procurement import errors
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.locks import lock_order, lock_row
from procura.procurement.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderRevision,
    PurchaseOrderStatus,
    PurchaseRequest,
    PurchaseRequestItem,
    PurchaseRequestStatus,
)
from procura.procurement.models.orders import REVISED_ORDER_STATUSES
from procura.procurement.notices import purchase_order_mail_queue, purchase_order_mail_withdraw
from procura.procurement.services.inputs import amount_within_limits
from procura.procurement.services.supplier_terms import (
    expected_from_lead_time,
    with_supplier_prices,
)

ORDER_NUMBER_PREFIX = "PO"


class OrderLineInput(TypedDict, total=False):
    id: int
    product: Product | None
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    request_item: PurchaseRequestItem | None


def _status_label(order: PurchaseOrder) -> str:
    return order.get_status_display().lower()


def _require_supplier_open(supplier: Supplier) -> None:
    if not supplier.is_active or supplier.on_hold:
        raise DomainError(
            errors.SUPPLIER_ON_HOLD.format(supplier=supplier.name),
            code=Code.SUPPLIER_UNAVAILABLE,
        )


def _require_location_open(location: Location) -> None:
    if not location.is_active:
        raise DomainError(errors.LOCATION_INACTIVE.format(location=location.code))


def _line_values(line: OrderLineInput, index: int) -> dict[str, Any]:
    """Description, unit and price of a line; a product fills in what the client left out and
    fixes the unit (stock is kept in the product's unit)."""
    product = line.get("product")
    unit = line.get("unit") or (product.unit if product else "")
    price = line.get("unit_price")
    if price is None and product is not None and product.standard_cost > 0:
        price = product.standard_cost
    problems: dict[str, list[str]] = {}
    if product is not None and unit != product.unit:
        problems[f"lines.{index}.unit"] = [errors.LINE_UNIT_MISMATCH.format(unit=product.unit)]
    if not unit:
        problems[f"lines.{index}.unit"] = ["This field is required."]
    if price is None:
        problems[f"lines.{index}.unit_price"] = [errors.LINE_PRICE_REQUIRED]
    description = (line.get("description") or (product.name if product else "")).strip()
    if not description:
        problems[f"lines.{index}.description"] = ["This field is required."]
    if problems:
        raise InvalidInput("Some lines are incomplete; see errors.", errors=problems)
    quantity = round_quantity(line["quantity"])
    assert price is not None  # noqa: S101 - checked above
    return {
        "product": product,
        "description": description,
        "quantity": quantity,
        "unit": unit,
        "unit_price": price,
        "line_total": amount_within_limits(
            line_amount(quantity, price), field=f"lines.{index}.unit_price"
        ),
        "request_item": line.get("request_item"),
    }


def _recompute_total(order: PurchaseOrder) -> None:
    totals = order.lines.values_list("line_total", flat=True)
    order.total = amount_within_limits(round_money(sum(totals, Decimal(0))), field="lines")


def _create_order(
    *,
    by: User,
    supplier: Supplier,
    ship_to: Location,
    currency: str | None,
    expected_date: date | None,
    notes: str,
    lines: Sequence[OrderLineInput],
) -> PurchaseOrder:
    _require_supplier_open(supplier)
    _require_location_open(ship_to)
    lines, lead_time = with_supplier_prices(
        lines, supplier_id=supplier.pk, currency=currency or supplier.currency
    )
    if expected_date is None:
        expected_date = expected_from_lead_time(lead_time, on=timezone.localdate())
    order = PurchaseOrder(
        number=next_document_number(ORDER_NUMBER_PREFIX),
        supplier=supplier,
        ship_to=ship_to,
        currency=currency or supplier.currency,
        payment_terms_days=supplier.payment_terms_days,
        expected_date=expected_date,
        notes=notes,
        created_by=by,
        updated_by=by,
    )
    stamp_rate(order, on=timezone.localdate())
    order.save()
    PurchaseOrderLine.objects.bulk_create(
        PurchaseOrderLine(order=order, line_no=index + 1, **_line_values(line, index))
        for index, line in enumerate(lines)
    )
    _recompute_total(order)
    order.save(update_fields=["total"])
    return order


@transaction.atomic
def purchase_order_create(
    *,
    by: User,
    supplier: Supplier,
    ship_to: Location,
    lines: Sequence[OrderLineInput] = (),
    currency: str | None = None,
    expected_date: date | None = None,
    notes: str = "",
) -> PurchaseOrder:
    """A draft order placed directly by a buyer. Payment terms come from the supplier; the
    currency too unless given. Refused for a supplier on hold or an inactive location."""
    order = _create_order(
        by=by,
        supplier=supplier,
        ship_to=ship_to,
        currency=currency,
        expected_date=expected_date,
        notes=notes,
        lines=lines,
    )
    audit_record(
        actor=by,
        action="purchase_order.created",
        obj=order,
        data={"supplier": supplier.pk, "total": str(order.total), "lines": len(lines)},
    )
    return order


@transaction.atomic
def purchase_orders_create_from_requests(
    *,
    by: User,
    requests: Sequence[PurchaseRequest],
    ship_to: Location,
    expected_date: date | None = None,
) -> list[PurchaseOrder]:
    """One draft order per supplier (and currency) from the items of approved requests, each
    item ordered from its own supplier or the request's suggested one at its estimated price.
    The requests become ``ordered``. Locks the request rows in primary-key order."""
    locked = [lock_row(PurchaseRequest, pk) for pk in sorted({r.pk for r in requests})]
    groups: dict[tuple[int, str], list[tuple[PurchaseRequest, PurchaseRequestItem]]] = defaultdict(
        list
    )
    for request in locked:
        if request.status != PurchaseRequestStatus.APPROVED:
            raise Conflict(
                errors.REQUEST_NOT_APPROVED.format(
                    number=request.number, status=request.get_status_display().lower()
                ),
                code=Code.INVALID_TRANSITION,
            )
        for item in request.items.select_related("product", "supplier").order_by("line_no"):
            supplier_id = item.supplier_id or request.suggested_supplier_id
            if supplier_id is None:
                raise DomainError(
                    errors.ITEM_WITHOUT_SUPPLIER.format(number=request.number, line=item.line_no),
                    code=Code.SUPPLIER_MISSING,
                )
            groups[(supplier_id, request.currency)].append((request, item))
    suppliers = Supplier.objects.in_bulk([supplier_id for supplier_id, _ in groups])
    orders = []
    orders_of_request: dict[int, list[str]] = defaultdict(list)
    for (supplier_id, currency), entries in sorted(groups.items()):
        order = _create_order(
            by=by,
            supplier=suppliers[supplier_id],
            ship_to=ship_to,
            currency=currency,
            expected_date=expected_date,
            notes="",
            lines=[
                {
                    "product": item.product,
                    "description": item.description,
                    "quantity": item.quantity,
                    "unit": item.unit,
                    "unit_price": item.estimated_unit_price,
                    "request_item": item,
                }
                for _request, item in entries
            ],
        )
        order.requests.set({request.pk for request, _ in entries})
        audit_record(
            actor=by,
            action="purchase_order.created",
            obj=order,
            data={
                "supplier": supplier_id,
                "total": str(order.total),
                "requests": sorted(request.number for request, _ in entries),
            },
        )
        orders.append(order)
        for request_pk in sorted({request.pk for request, _ in entries}):
            orders_of_request[request_pk].append(order.number)
    for request in locked:
        request.status = PurchaseRequestStatus.ORDERED
        request.updated_by = by
        request.save(update_fields=["status", "updated_by", "updated_at"])
        audit_record(
            actor=by,
            action="purchase_request.ordered",
            obj=request,
            changes={"status": (PurchaseRequestStatus.APPROVED, PurchaseRequestStatus.ORDERED)},
            data={"orders": orders_of_request[request.pk]},
        )
    return orders


def order_snapshot(order: PurchaseOrder) -> dict[str, Any]:
    """The order as the supplier saw it: kept in a revision before a change."""
    return {
        "number": order.number,
        "revision": order.revision,
        "supplier": order.supplier_id,
        "ship_to": order.ship_to_id,
        "currency": order.currency,
        "payment_terms_days": order.payment_terms_days,
        "expected_date": order.expected_date.isoformat() if order.expected_date else None,
        "notes": order.notes,
        "total": str(order.total),
        "lines": [
            {
                "line_no": line.line_no,
                "product": str(line.product_id) if line.product_id else None,
                "description": line.description,
                "quantity": str(line.quantity),
                "unit": line.unit,
                "unit_price": str(line.unit_price),
                "line_total": str(line.line_total),
            }
            for line in order.lines.order_by("line_no")
        ],
    }


def _apply_lines(order: PurchaseOrder, lines: Sequence[OrderLineInput]) -> None:
    """Lines with an ``id`` are changed, lines without are added, missing ones removed. A line
    never goes below what was received, and a line with receipts or invoices stays."""
    lines, _lead_time = with_supplier_prices(
        lines, supplier_id=order.supplier_id, currency=order.currency
    )
    if not lines:
        raise InvalidInput(errors.ORDER_NEEDS_LINES, errors={"lines": [errors.ORDER_NEEDS_LINES]})
    existing = {line.pk: line for line in order.lines.all()}
    unknown = {
        f"lines.{index}.id": [errors.LINE_NOT_ON_ORDER]
        for index, line in enumerate(lines)
        if line.get("id") is not None and line.get("id") not in existing
    }
    if unknown:
        raise InvalidInput(errors.LINE_NOT_ON_ORDER, errors=unknown)
    kept: set[int] = set()
    next_no = max((line.line_no for line in existing.values()), default=0)
    for index, line in enumerate(lines):
        values = _line_values(line, index)
        values.pop("request_item")
        line_id = line.get("id")
        if line_id is not None and line_id in existing:
            current = existing[line_id]
            if values["quantity"] < current.quantity_received:
                message = errors.LINE_BELOW_RECEIVED.format(
                    line=current.line_no, received=current.quantity_received
                )
                raise InvalidInput(
                    message,
                    code=Code.RECEIPT_INVALID,
                    errors={f"lines.{index}.quantity": [message]},
                )
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
            kept.add(line_id)
        else:
            next_no += 1
            PurchaseOrderLine.objects.create(order=order, line_no=next_no, **values)
    for line_id, order_line in existing.items():
        if line_id in kept:
            continue
        used = order_line.receipt_lines.exists() or order_line.invoice_lines.exists()
        if order_line.quantity_received or used:
            raise Conflict(
                errors.LINE_HAS_ACTIVITY.format(line=order_line.line_no),
                code=Code.INVALID_TRANSITION,
            )
        order_line.delete()


ORDER_EDITABLE_FIELDS = ("ship_to", "expected_date", "notes", "currency")


@transaction.atomic
def purchase_order_update(
    *,
    order: PurchaseOrder,
    by: User,
    lines: Sequence[OrderLineInput] | None = None,
    reason: str = "",
    **fields: Any,
) -> PurchaseOrder:
    """Change a draft freely; change an issued or partially received order as a new numbered
    revision (the previous version stays readable) that is sent to the supplier again.
    Locks the order row."""
    order = lock_order(order)
    revised = order.status in REVISED_ORDER_STATUSES
    if order.status != PurchaseOrderStatus.DRAFT and not revised:
        raise Conflict(
            errors.ORDER_CANNOT_CHANGE.format(status=_status_label(order)),
            code=Code.INVALID_TRANSITION,
        )
    unknown = set(fields) - set(ORDER_EDITABLE_FIELDS)
    if unknown or (revised and "currency" in fields):
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown or {'currency'}))}.")
    if revised:
        PurchaseOrderRevision.objects.create(
            order=order,
            revision=order.revision,
            snapshot=order_snapshot(order),
            reason=reason,
            created_by=by,
        )
        order.revision += 1
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in fields.items():
        before = getattr(order, name)
        if before != value:
            changes[name] = (str(before) if before is not None else None, str(value))
            setattr(order, name, value)
    if "ship_to" in fields:
        _require_location_open(order.ship_to)
    if "currency" in changes:
        stamp_rate(order, on=timezone.localdate())
    if lines is not None:
        _apply_lines(order, lines)
        before_total = order.total
        _recompute_total(order)
        changes["total"] = (str(before_total), str(order.total))
    order.updated_by = by
    order.save()
    if revised:
        from procura.procurement.services.receipts import refresh_receipt_status

        refresh_receipt_status(order)
        _queue_mail(order)
    audit_record(
        actor=by,
        action="purchase_order.revised" if revised else "purchase_order.updated",
        obj=order,
        changes=changes,
        data={"revision": order.revision, "reason": reason} if revised else None,
    )
    return order


def _queue_mail(order: PurchaseOrder) -> None:
    purchase_order_mail_queue(order)


@transaction.atomic
def purchase_order_issue(*, order: PurchaseOrder, by: User) -> PurchaseOrder:
    """Send a draft order to the supplier: the PDF goes by e-mail to the supplier's primary
    contact in the background, after commit. Locks the order row."""
    order = lock_order(order)
    if order.status != PurchaseOrderStatus.DRAFT:
        raise Conflict(
            errors.ORDER_NOT_DRAFT.format(status=_status_label(order), action="issued"),
            code=Code.INVALID_TRANSITION,
        )
    if not order.lines.exists():
        raise DomainError(errors.ORDER_EMPTY, code=Code.INVALID_TRANSITION)
    _require_supplier_open(order.supplier)
    from procura.procurement.services.budgets import budget_check_order

    today = timezone.localdate()
    stamp_rate(order, on=today)
    excesses = budget_check_order(order=order, on=today)
    order.status = PurchaseOrderStatus.ISSUED
    order.issued_at = timezone.now()
    order.over_budget = bool(excesses)
    order.updated_by = by
    order.save(
        update_fields=[
            "status",
            "issued_at",
            "over_budget",
            "updated_by",
            "updated_at",
            "exchange_rate",
            "exchange_rate_date",
        ]
    )
    _queue_mail(order)
    audit_record(
        actor=by,
        action="purchase_order.issued",
        obj=order,
        changes={"status": (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.ISSUED)},
        data={"over_budget": [excess.as_data() for excess in excesses]} if excesses else None,
    )
    return order


@transaction.atomic
def purchase_order_cancel(*, order: PurchaseOrder, by: User, reason: str = "") -> PurchaseOrder:
    """Cancel a draft or issued order that has nothing received. Requests it came from go back
    to approved (to be ordered again) unless another live order carries them. Locks the order
    row."""
    order = lock_order(order)
    received = order.lines.filter(quantity_received__gt=0).exists()
    if order.status not in {PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.ISSUED} or received:
        raise Conflict(
            errors.ORDER_CANNOT_CANCEL.format(status=_status_label(order)),
            code=Code.INVALID_TRANSITION,
        )
    before = order.status
    order.status = PurchaseOrderStatus.CANCELLED
    order.cancelled_at = timezone.now()
    order.updated_by = by
    order.save(update_fields=["status", "cancelled_at", "updated_by", "updated_at"])
    purchase_order_mail_withdraw(order)
    for request in order.requests.select_for_update().order_by("pk"):
        live = (
            PurchaseOrder.objects.filter(requests=request)
            .exclude(status=PurchaseOrderStatus.CANCELLED)
            .exists()
        )
        if request.status == PurchaseRequestStatus.ORDERED and not live:
            request.status = PurchaseRequestStatus.APPROVED
            request.save(update_fields=["status", "updated_at"])
            audit_record(
                actor=by,
                action="purchase_request.order_cancelled",
                obj=request,
                changes={"status": (PurchaseRequestStatus.ORDERED, request.status)},
                data={"order": order.number},
            )
    audit_record(
        actor=by,
        action="purchase_order.cancelled",
        obj=order,
        changes={"status": (before, order.status)},
        data={"reason": reason} if reason else None,
    )
    return order


def close_order(order: PurchaseOrder, *, by: User | None, reason: str) -> None:
    """Close a locked order (no check of its state; the callers check)."""
    before = order.status
    order.status = PurchaseOrderStatus.CLOSED
    order.closed_at = timezone.now()
    order.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=by,
        action="purchase_order.closed",
        obj=order,
        changes={"status": (before, order.status)},
        data={"reason": reason},
    )


@transaction.atomic
def purchase_order_close(*, order: PurchaseOrder, by: User, reason: str = "") -> PurchaseOrder:
    """Close a received order, or short-close a partially received one (nothing more is
    expected). Locks the order row."""
    order = lock_order(order)
    if order.status not in {PurchaseOrderStatus.RECEIVED, PurchaseOrderStatus.PARTIALLY_RECEIVED}:
        raise Conflict(
            errors.ORDER_CANNOT_CLOSE.format(status=_status_label(order)),
            code=Code.INVALID_TRANSITION,
        )
    close_order(order, by=by, reason=reason or "closed by a buyer")
    return order
