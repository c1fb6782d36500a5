"""Purchase orders: what a buyer orders from one supplier, with a price snapshot per line and
numbered revisions once the order has been sent."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from procura.core.models import TrackedModel
from procura.core.money import CurrencyField, MoneyField, QuantityField, RateField
from procura.core.units import UnitOfMeasure
from procura.currency.models import ConvertedDocument
from procura.procurement.models.requests import (
    PurchaseRequest,
    PurchaseRequestItem,
    default_currency,
)


class PurchaseOrderStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    PARTIALLY_RECEIVED = "partially_received", "Partially received"
    RECEIVED = "received", "Received"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


# A change to an order in these states is a new revision sent to the supplier again.
REVISED_ORDER_STATUSES = frozenset(
    {PurchaseOrderStatus.ISSUED, PurchaseOrderStatus.PARTIALLY_RECEIVED}
)
RECEIVABLE_ORDER_STATUSES = frozenset(
    {
        PurchaseOrderStatus.ISSUED,
        PurchaseOrderStatus.PARTIALLY_RECEIVED,
        PurchaseOrderStatus.RECEIVED,
    }
)


class PurchaseOrder(TrackedModel, ConvertedDocument):
    number = models.CharField(max_length=20, unique=True, editable=False)
    supplier = models.ForeignKey(
        "partners.Supplier", on_delete=models.PROTECT, related_name="purchase_orders"
    )
    ship_to = models.ForeignKey(
        "inventory.Location", on_delete=models.PROTECT, related_name="purchase_orders"
    )
    currency = CurrencyField(default=default_currency)
    payment_terms_days = models.PositiveSmallIntegerField(
        help_text="Net days, copied from the supplier when the order is created."
    )
    expected_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=20,
        choices=PurchaseOrderStatus.choices,
        default=PurchaseOrderStatus.DRAFT,
        db_index=True,
    )
    total = MoneyField(default=0, editable=False)
    revision = models.PositiveSmallIntegerField(default=0, editable=False)
    requests = models.ManyToManyField(PurchaseRequest, blank=True, related_name="purchase_orders")
    issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    over_budget = models.BooleanField(
        default=False, editable=False, help_text="Went over a budget when issued."
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Closed orders are archived after a year: out of default lists, still readable.",
    )
    last_mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    mailed_revision = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="The revision last sent to the supplier."
    )
    last_mail_error = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["supplier", "status"]),
            models.Index(fields=["status", "archived_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gte=0), name="po_total_not_negative")
        ]

    def __str__(self) -> str:
        return self.number


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(max_length=300)
    quantity = QuantityField()
    unit = models.CharField(max_length=10, choices=UnitOfMeasure.choices)
    unit_price = RateField(help_text="Price agreed with the supplier, a snapshot.")
    line_total = MoneyField(editable=False)
    quantity_received = QuantityField(default=0, editable=False)
    quantity_invoiced = QuantityField(default=0, editable=False)
    request_item = models.ForeignKey(
        PurchaseRequestItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
    )

    class Meta:
        ordering = ["order_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_no"], name="uniq_po_line_no"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="po_line_qty_positive"),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0), name="po_line_price_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_received__gte=0), name="po_line_received_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}.{self.line_no} {self.description}"

    @property
    def quantity_open(self) -> Decimal:
        return max(self.quantity - self.quantity_received, Decimal(0))


class PurchaseOrderRevision(models.Model):
    """The order as it stood before a change made after it was issued (readable forever)."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveSmallIntegerField()
    snapshot = models.JSONField()
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order_id", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["order", "revision"], name="uniq_po_revision")
        ]

    def __str__(self) -> str:
        return f"{self.order_id} rev {self.revision}"
