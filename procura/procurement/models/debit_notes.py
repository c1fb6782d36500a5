"""Supplier debit notes: what the supplier owes us back for goods returned to them."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone

from procura.core.models import TrackedModel
from procura.core.money import CurrencyField, MoneyField, QuantityField, RateField
from procura.procurement.models.orders import PurchaseOrder, PurchaseOrderLine
from procura.procurement.models.receipts import GoodsReceipt, ReceiptReturn


class DebitNoteStatus(models.TextChoices):
    OPEN = "open", "Credit expected"
    PARTIALLY_APPLIED = "partially_applied", "Partly applied"
    APPLIED = "applied", "Applied"


class SupplierDebitNote(TrackedModel):
    """Raised when received goods go back to the supplier: the returned quantity (or, for a
    catch-weight line priced by weight, the returned net weight) at the order's price. It
    reduces what we owe through ``debit_note`` settlements of the supplier's invoices
    (``SupplierPayment.debit_note``); until applied it is credit expected from the supplier."""

    number = models.CharField(max_length=20, unique=True, editable=False)
    supplier = models.ForeignKey(
        "partners.Supplier", on_delete=models.PROTECT, related_name="debit_notes"
    )
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="debit_notes")
    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.PROTECT, related_name="debit_notes")
    currency = CurrencyField()
    issue_date = models.DateField(default=timezone.localdate)
    reason = models.CharField(max_length=300)
    total = MoneyField()
    amount_applied = MoneyField(default=0, editable=False)
    status = models.CharField(
        max_length=20,
        choices=DebitNoteStatus.choices,
        default=DebitNoteStatus.OPEN,
        db_index=True,
        editable=False,
    )

    class Meta:
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__gt=0), name="supplier_debit_note_total_gt_0"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_applied__gte=0)
                & models.Q(amount_applied__lte=models.F("total")),
                name="supplier_debit_note_applied_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def open_amount(self) -> Decimal:
        return Decimal(self.total) - Decimal(self.amount_applied)


class SupplierDebitNoteLine(models.Model):
    debit_note = models.ForeignKey(
        SupplierDebitNote, on_delete=models.CASCADE, related_name="lines"
    )
    receipt_return = models.OneToOneField(
        ReceiptReturn, on_delete=models.PROTECT, related_name="debit_note_line"
    )
    order_line = models.ForeignKey(
        PurchaseOrderLine, on_delete=models.PROTECT, related_name="debit_note_lines"
    )
    description = models.CharField(max_length=300)
    lot_code = models.CharField(max_length=64, blank=True)
    quantity = QuantityField(help_text="Returned, in the order line's stock unit (cases).")
    weight = QuantityField(
        null=True, blank=True, help_text="Returned net weight (catch weight), in weight_unit."
    )
    weight_unit = models.CharField(max_length=8, blank=True)
    priced_quantity = QuantityField(help_text="What the unit price multiplies.")
    unit_price = RateField(help_text="The order line's price.")
    amount = MoneyField()

    class Meta:
        ordering = ["debit_note_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="supplier_debit_line_qty_gt_0"
            )
        ]

    def __str__(self) -> str:
        return f"{self.debit_note_id}: {self.description}"
