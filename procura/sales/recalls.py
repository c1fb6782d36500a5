"""Recalls: from a lot, or a plant and a production window, to every customer who received it.

The report joins shipment lines (which carry the lot shipped) to their order's customer and the
customer's primary contact; its CSV is what a recall coordinator hands to the regulator, and
``recall_notify`` e-mails each affected customer's primary contact once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from procura.audit.services import audit_record
from procura.core.errors import InvalidInput
from procura.inventory.models import Lot
from procura.notifications.services import notification_queue
from procura.partners.models import Customer, Plant
from procura.sales.models import ShipmentLine
from procura.sales.notices import primary_contact

RECALL_NOTICE_PDF_LOADER = "procura.sales.documents.recall_notice_pdf_attachments"
RECALL_SCOPE_REQUIRED = "Name a lot, or a plant (with an optional production date range)."

CSV_COLUMNS = [
    "customer_code",
    "customer_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "shipment",
    "ship_date",
    "order",
    "product_sku",
    "lot",
    "plant",
    "use_by",
    "quantity",
    "unit",
    "weight",
]


@dataclass(frozen=True)
class RecallScope:
    lot_ids: tuple[int, ...] = ()
    plant_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    def describe(self) -> str:
        if self.lot_ids:
            return f"lots {', '.join(map(str, self.lot_ids))}"
        window = ""
        if self.date_from or self.date_to:
            window = f" produced {self.date_from or '...'} to {self.date_to or '...'}"
        return f"plant {self.plant_id}{window}"

    def as_args(self) -> list[object]:
        """JSON-safe arguments (for a notification's attachment loader)."""
        return [
            list(self.lot_ids),
            self.plant_id,
            self.date_from.isoformat() if self.date_from else None,
            self.date_to.isoformat() if self.date_to else None,
        ]

    @classmethod
    def from_args(
        cls, lot_ids: list[int], plant_id: int | None, date_from: str | None, date_to: str | None
    ) -> RecallScope:
        return cls(
            lot_ids=tuple(lot_ids),
            plant_id=plant_id,
            date_from=date.fromisoformat(date_from) if date_from else None,
            date_to=date.fromisoformat(date_to) if date_to else None,
        )


def recall_scope_title(scope: RecallScope) -> str:
    """The scope in words for a document heading: lot codes, or the plant and the window."""
    if scope.lot_ids:
        codes = sorted(Lot.objects.filter(pk__in=scope.lot_ids).values_list("code", flat=True))
        return ("Lot " if len(codes) == 1 else "Lots ") + ", ".join(codes)
    plant = Plant.objects.filter(pk=scope.plant_id).first() if scope.plant_id else None
    title = (
        f"Plant {plant.establishment_number} {plant.name}".strip()
        if plant
        else f"Plant {scope.plant_id}"
    )
    if scope.date_from or scope.date_to:
        title += f", produced {scope.date_from or '…'} to {scope.date_to or '…'}"
    return title


def recall_lines(scope: RecallScope) -> QuerySet[ShipmentLine]:
    """Shipment lines of the lots in scope, with their customer, shipment and lot. One query."""
    if not scope.lot_ids and scope.plant_id is None:
        raise InvalidInput(RECALL_SCOPE_REQUIRED, errors={"lot": [RECALL_SCOPE_REQUIRED]})
    queryset = ShipmentLine.objects.select_related(
        "shipment__order__customer", "order_line__product", "lot__plant"
    ).filter(lot__isnull=False)
    if scope.lot_ids:
        queryset = queryset.filter(lot_id__in=scope.lot_ids)
    if scope.plant_id is not None:
        # A lot's production (kill) date, else its pack date, places it in the window.
        queryset = queryset.filter(lot__plant_id=scope.plant_id).annotate(
            produced=Coalesce("lot__production_date", "lot__pack_date")
        )
        if scope.date_from:
            queryset = queryset.filter(produced__gte=scope.date_from)
        if scope.date_to:
            queryset = queryset.filter(produced__lte=scope.date_to)
    return queryset.order_by("shipment__order__customer__code", "shipment__ship_date", "id")


@dataclass(frozen=True)
class RecallRow:
    customer: Customer
    contact_name: str
    contact_email: str
    contact_phone: str
    shipment: str
    ship_date: date
    order: str
    product_sku: str
    lot: str
    plant: str
    use_by: date | None
    quantity: Decimal
    unit: str
    weight: Decimal | None


def recall_report(scope: RecallScope) -> list[RecallRow]:
    """One row per shipment line in scope, with the customer's primary contact (looked up once
    per customer)."""
    contacts: dict[int, tuple[str, str, str]] = {}
    rows = []
    for line in recall_lines(scope):
        customer = line.shipment.order.customer
        if customer.pk not in contacts:
            contact = primary_contact(customer)
            contacts[customer.pk] = (
                (contact.name, contact.email, contact.phone) if contact else ("", "", "")
            )
        name, email, phone = contacts[customer.pk]
        lot = line.lot
        if lot is None:  # excluded by the query; keeps the type checker honest
            continue
        rows.append(
            RecallRow(
                customer=customer,
                contact_name=name,
                contact_email=email,
                contact_phone=phone,
                shipment=line.shipment.number,
                ship_date=line.shipment.ship_date,
                order=line.shipment.order.number,
                product_sku=line.order_line.product.sku,
                lot=lot.code,
                plant=lot.plant.establishment_number if lot.plant else "",
                use_by=lot.use_by,
                quantity=line.quantity,
                unit=line.order_line.unit,
                weight=line.weight,
            )
        )
    return rows


def recall_csv(rows: Iterable[RecallRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.customer.code,
                row.customer.name,
                row.contact_name,
                row.contact_email,
                row.contact_phone,
                row.shipment,
                row.ship_date.isoformat(),
                row.order,
                row.product_sku,
                row.lot,
                row.plant,
                row.use_by.isoformat() if row.use_by else "",
                str(row.quantity),
                row.unit,
                "" if row.weight is None else str(row.weight),
            ]
        )
    return buffer.getvalue()


@transaction.atomic
def recall_notify(*, scope: RecallScope, reason: str, by: object) -> list[Customer]:
    """E-mail (and text) each affected customer's primary contact once, listing what they
    received; returns the customers notified. Audited."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Give the reason for the recall.", errors={"reason": ["Required."]})
    by_customer: dict[int, list[RecallRow]] = {}
    for row in recall_report(scope):
        by_customer.setdefault(row.customer.pk, []).append(row)
    notified = []
    for rows in by_customer.values():
        customer = rows[0].customer
        contact = primary_contact(customer)
        if contact is None:
            continue
        notification_queue(
            template="sales/recall_notice",
            context={"customer": customer, "rows": rows, "reason": reason},
            email=contact.email,
            phone=contact.phone,
            object_type="partners.customer",
            object_id=str(customer.pk),
            attachment_loader=RECALL_NOTICE_PDF_LOADER,
            attachment_args=[*scope.as_args(), customer.pk, reason],
        )
        notified.append(customer)
    audit_record(
        actor=by,
        action="recall.notified",
        obj=None,
        data={
            "scope": scope.describe(),
            "reason": reason,
            "customers": [customer.code for customer in notified],
        },
    )
    return notified
