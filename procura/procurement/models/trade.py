"""The broker's deals: a purchase order line bought for one sales order line (back-to-back),
and charges (freight, cold storage) landed on the receipts they belong to."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from procura.core.money import CurrencyField, MoneyField
from procura.procurement.models.orders import PurchaseOrderLine
from procura.procurement.models.receipts import GoodsReceipt, GoodsReceiptLine


class BackToBackMode(models.TextChoices):
    DROP_SHIP = "drop_ship", "Drop-ship (plant to customer)"
    CROSS_DOCK = "cross_dock", "Cross-dock (through a cold store)"


class BackToBackLink(models.Model):
    """A purchase order line bought for a sales order line: who sells it (the customer), where
    it comes from (plant), who hauls it (carrier) and the freight the deal carries."""

    purchase_line = models.OneToOneField(
        PurchaseOrderLine, on_delete=models.PROTECT, related_name="back_to_back"
    )
    sales_line = models.OneToOneField(
        "sales.SalesOrderLine", on_delete=models.PROTECT, related_name="back_to_back"
    )
    mode = models.CharField(max_length=12, choices=BackToBackMode.choices)
    plant = models.ForeignKey("partners.Plant", on_delete=models.PROTECT, related_name="+")
    carrier = models.ForeignKey(
        "partners.Carrier", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    freight_cost = MoneyField(default=Decimal(0))
    approval_exception = models.TextField(
        blank=True, help_text="Why an admin allowed a plant the customer has not approved."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(freight_cost__gte=0), name="back_to_back_freight_gte_0"
            )
        ]

    def __str__(self) -> str:
        return f"{self.purchase_line_id} for {self.sales_line_id}"


class ChargeKind(models.TextChoices):
    FREIGHT = "freight", "Freight"
    COLD_STORAGE = "cold_storage", "Cold storage"
    DUTY = "duty", "Duty"
    OTHER = "other", "Other"


class AllocationBasis(models.TextChoices):
    WEIGHT = "weight", "By weight"
    QUANTITY = "quantity", "By quantity"
    VALUE = "value", "By value"


class LandedCharge(models.Model):
    """A charge (a carrier's freight invoice, cold storage) spread over a receipt's lines."""

    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.PROTECT, related_name="charges")
    kind = models.CharField(max_length=16, choices=ChargeKind.choices)
    basis = models.CharField(max_length=10, choices=AllocationBasis.choices)
    amount = MoneyField()
    currency = CurrencyField()
    reference = models.CharField(max_length=64, blank=True, help_text="Carrier invoice number.")
    carrier = models.ForeignKey(
        "partners.Carrier", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="landed_charge_amount_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} on {self.receipt_id}"


class LandedChargeAllocation(models.Model):
    """A charge's share on one receipt line: ``capitalised`` went into the stock's value (the
    part still on hand), ``expensed`` straight to the cost of what was already sold."""

    charge = models.ForeignKey(LandedCharge, on_delete=models.CASCADE, related_name="allocations")
    receipt_line = models.ForeignKey(
        GoodsReceiptLine, on_delete=models.PROTECT, related_name="charge_allocations"
    )
    amount = MoneyField()
    capitalised = MoneyField(default=Decimal(0))
    expensed = MoneyField(default=Decimal(0))

    class Meta:
        ordering = ["charge_id", "id"]

    def __str__(self) -> str:
        return f"{self.amount} of {self.charge_id} on {self.receipt_line_id}"
