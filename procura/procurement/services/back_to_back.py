"""Back-to-back orders: buy for one sales order line from a plant, drop-shipped to the customer
or cross-docked through a cold store.

Supplier-plant mappings are enforced: the supplier must sell from the plant (an active
SupplierPlant), and the customer must have approved that supplier-plant pair; otherwise 409
naming the plant and the customer, unless an admin records an exception with a reason (kept on
the link and in the audit trail). Procurement reads the sales order line; sales never imports
procurement.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from procura.accounts.models import User
from procura.audit.services import audit_record
from procura.core.errors import Conflict, InvalidInput, NotAllowed
from procura.core.money import ZERO, round_money
from procura.core.permissions import ADMIN_ROLE, user_roles
from procura.inventory.models import Location, LocationKind
from procura.partners.models import Carrier, Plant, Supplier, SupplierPlant
from procura.procurement import trade_errors as e
from procura.procurement.models import (
    BackToBackLink,
    BackToBackMode,
    PurchaseOrder,
)
from procura.procurement.services.orders import purchase_order_create
from procura.procurement.trade_errors import TradeErrorCode as Code
from procura.sales.models import SalesOrderLine, SalesOrderStatus

OPEN_SALES_STATUSES = {SalesOrderStatus.DRAFT, SalesOrderStatus.CONFIRMED}


def check_plant(
    *, supplier: Supplier, plant: Plant, customer: object, by: User, exception_reason: str
) -> str:
    """The supplier-plant and customer-approval rules; returns the recorded exception text."""
    link = (
        SupplierPlant.objects.filter(supplier=supplier, plant=plant, is_active=True)
        .prefetch_related("approved_customers")
        .first()
    )
    names = {
        "supplier": supplier.code,
        "plant": plant.code,
        "establishment": plant.establishment_number,
        "customer": getattr(customer, "code", customer),
    }
    if link is None:
        raise Conflict(
            e.PLANT_NOT_OPERATED.format(**names), code=Code.PLANT_NOT_OPERATED, data=names
        )
    if any(c.pk == getattr(customer, "pk", None) for c in link.approved_customers.all()):
        return ""
    reason = (exception_reason or "").strip()
    if not reason:
        raise Conflict(
            e.PLANT_NOT_APPROVED.format(**names), code=Code.PLANT_NOT_APPROVED, data=names
        )
    if ADMIN_ROLE not in user_roles(by):
        raise NotAllowed(e.EXCEPTION_NOT_ALLOWED, code=Code.EXCEPTION_NOT_ALLOWED)
    return reason


def _cross_dock_store(location: Location | None) -> Location:
    """The active store a cross-dock order is received into (a cold store, freezer or
    warehouse; never an in-transit location)."""
    message = ""
    if location is None:
        message = e.CROSS_DOCK_NEEDS_LOCATION
    elif not location.is_active:
        message = e.CROSS_DOCK_LOCATION_INACTIVE.format(code=location.code)
    elif location.kind == LocationKind.TRANSIT:
        message = e.CROSS_DOCK_LOCATION_IN_TRANSIT.format(code=location.code)
    if location is None or message:
        raise InvalidInput(message, errors={"cross_dock_location": [message]})
    return location


@transaction.atomic
def back_to_back_order_create(
    *,
    sales_line: SalesOrderLine,
    supplier: Supplier,
    plant: Plant,
    unit_price: Decimal,
    by: User,
    mode: str = BackToBackMode.DROP_SHIP,
    carrier: Carrier | None = None,
    freight_cost: Decimal = ZERO,
    cross_dock_location: Location | None = None,
    exception_reason: str = "",
) -> BackToBackLink:
    """A draft purchase order for the sales line's product and quantity from ``supplier`` at
    ``plant``, linked to the line. Drop-ship orders are booked to the sales order's location
    (received and shipped there on paper); cross-dock orders go to ``cross_dock_location``.
    Locks the sales line; one purchase line per sales line (409 when already bought)."""
    line = (
        SalesOrderLine.objects.select_for_update(of=("self",))
        .select_related("order__customer", "order__location", "product")
        .get(pk=sales_line.pk)
    )
    order = line.order
    if order.status not in OPEN_SALES_STATUSES:
        raise Conflict(
            e.SALES_LINE_CLOSED.format(status=order.get_status_display().lower()),
            code=Code.SALES_LINE_CLOSED,
        )
    existing = BackToBackLink.objects.filter(sales_line=line).select_related("purchase_line__order")
    if existing.exists():
        po = existing.get().purchase_line.order.number
        raise Conflict(
            e.ALREADY_SOURCED.format(line_no=line.line_no, order=order.number, po=po),
            code=Code.ALREADY_SOURCED,
        )
    exception = check_plant(
        supplier=supplier,
        plant=plant,
        customer=order.customer,
        by=by,
        exception_reason=exception_reason,
    )
    ship_to: Location = order.location
    if mode == BackToBackMode.CROSS_DOCK:
        ship_to = _cross_dock_store(cross_dock_location)
    elif cross_dock_location is not None:
        raise InvalidInput(
            e.DROP_SHIP_NO_LOCATION, errors={"cross_dock_location": [e.DROP_SHIP_NO_LOCATION]}
        )
    address = order.ship_to
    where = (
        f"Drop-ship to {order.customer.name}"
        + (f", {address.line1}, {address.city}" if address is not None else "")
        if mode == BackToBackMode.DROP_SHIP
        else f"Cross-dock through {ship_to.code} for {order.customer.name}"
    )
    purchase = purchase_order_create(
        by=by,
        supplier=supplier,
        ship_to=ship_to,
        currency=order.currency,
        expected_date=order.requested_date,
        notes=(
            f"{where}. Plant {plant.name} (est. {plant.establishment_number}). "
            f"For {order.number} line {line.line_no}"
            + (f", carrier {carrier.name}" if carrier else "")
            + "."
        ),
        lines=[
            {
                "product": line.product,
                "quantity": line.quantity,
                "unit_price": unit_price,
                "description": line.description,
            }
        ],
    )
    link = BackToBackLink.objects.create(
        purchase_line=purchase.lines.get(),
        sales_line=line,
        mode=mode,
        plant=plant,
        carrier=carrier,
        freight_cost=round_money(freight_cost),
        approval_exception=exception,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="back_to_back.created",
        obj=purchase,
        data={
            "sales_order": order.number,
            "sales_line": line.line_no,
            "mode": mode,
            "plant": plant.establishment_number,
            "customer": order.customer.code,
            "exception": exception,
        },
    )
    return link


@dataclass(frozen=True)
class DealMargin:
    link: BackToBackLink
    purchase_order: PurchaseOrder
    sale: Decimal
    purchase_cost: Decimal
    landed_cost: Decimal
    freight: Decimal

    @property
    def margin(self) -> Decimal:
        return self.sale - self.purchase_cost - self.landed_cost - self.freight

    @property
    def margin_percent(self) -> Decimal:
        if self.sale == 0:
            return ZERO
        return round_money(self.margin * 100 / self.sale)
