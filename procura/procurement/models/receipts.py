"""Goods receipts against purchase order lines, and returns of received goods."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from procura.core.models import TrackedModel
from procura.core.money import QuantityField, RateField
from procura.procurement.models.orders import PurchaseOrder, PurchaseOrderLine


class GoodsReceipt(TrackedModel):
    number = models.CharField(max_length=20, unique=True, editable=False)
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="receipts")
    received_on = models.DateField(default=timezone.localdate)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.number


class GoodsReceiptLine(models.Model):
    """``quantity_received`` went into stock; ``quantity_rejected`` was refused at the dock
    (not stocked) for ``rejection_reason``; ``quantity_returned`` later went back."""

    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        PurchaseOrderLine, on_delete=models.PROTECT, related_name="receipt_lines"
    )
    quantity_received = QuantityField(default=0)
    quantity_rejected = QuantityField(default=0)
    rejection_reason = models.CharField(max_length=300, blank=True)
    quantity_returned = QuantityField(default=0, editable=False)
    unit_cost = RateField(help_text="The order's unit price, the cost the stock came in at.")
    lot = models.ForeignKey(
        "inventory.Lot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receipt_lines",
    )
    net_weight = QuantityField(
        null=True, blank=True, help_text="Actual net weight received (catch weight)."
    )

    class Meta:
        ordering = ["receipt_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity_received__gte=0)
                & models.Q(quantity_rejected__gte=0)
                & (models.Q(quantity_received__gt=0) | models.Q(quantity_rejected__gt=0)),
                name="grn_line_quantities_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_returned__lte=models.F("quantity_received")),
                name="grn_line_returned_within_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_id}: {self.quantity_received}"


class ReceiptReturn(models.Model):
    """Received goods sent back to the supplier (a new stock movement out)."""

    receipt_line = models.ForeignKey(
        GoodsReceiptLine, on_delete=models.PROTECT, related_name="returns"
    )
    quantity = QuantityField()
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="receipt_return_qty_positive"
            )
        ]

    def __str__(self) -> str:
        return f"return {self.quantity} of {self.receipt_line_id}"
