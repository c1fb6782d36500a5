"""Requests for quotation: a buyer asks several suppliers to quote the same lines; each
supplier answers through a signed, expiring link without an account; the buyer compares the
quotes line by line and awards each line (or the whole) to one supplier, which makes the
purchase orders. The comparison as it stood at the award is kept."""

from __future__ import annotations

from django.db import models

from procura.core.models import TrackedModel
from procura.core.money import CurrencyField, MoneyField, QuantityField, RateField
from procura.core.units import UnitOfMeasure
from procura.procurement.models.orders import PurchaseOrder
from procura.procurement.models.requests import (
    PurchaseRequest,
    PurchaseRequestItem,
    default_currency,
)


class RfqStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent to suppliers"
    AWARDED = "awarded", "Awarded"
    CANCELLED = "cancelled", "Cancelled"


class Rfq(TrackedModel):
    number = models.CharField(max_length=20, unique=True, editable=False)
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True, help_text="Shown to the suppliers.")
    currency = CurrencyField(default=default_currency)
    respond_by = models.DateField(help_text="Quotes are taken until the end of this day.")
    ship_to = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="rfqs")
    request = models.ForeignKey(
        PurchaseRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="rfqs"
    )
    status = models.CharField(
        max_length=20, choices=RfqStatus.choices, default=RfqStatus.DRAFT, db_index=True
    )
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    awarded_at = models.DateTimeField(null=True, blank=True, editable=False)
    comparison = models.JSONField(
        null=True, blank=True, editable=False, help_text="The comparison as it stood at award."
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class RfqLine(models.Model):
    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(max_length=300)
    quantity = QuantityField()
    unit = models.CharField(max_length=10, choices=UnitOfMeasure.choices)
    request_item = models.ForeignKey(
        PurchaseRequestItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    awarded_quote = models.ForeignKey(
        "RfqQuote", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["rfq_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["rfq", "line_no"], name="uniq_rfq_line_no"),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="rfq_line_qty_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rfq_id}.{self.line_no} {self.description}"


class RfqInvitationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    RESPONDED = "responded", "Quoted"
    DECLINED = "declined", "Declined"


class RfqInvitation(models.Model):
    """One supplier asked to quote. ``nonce`` is part of the signed link: changing it revokes
    every link sent before."""

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="invitations")
    supplier = models.ForeignKey(
        "partners.Supplier", on_delete=models.PROTECT, related_name="rfq_invitations"
    )
    email = models.EmailField(blank=True)
    nonce = models.CharField(max_length=32, editable=False)
    status = models.CharField(
        max_length=20, choices=RfqInvitationStatus.choices, default=RfqInvitationStatus.INVITED
    )
    responded_at = models.DateTimeField(null=True, blank=True, editable=False)
    valid_until = models.DateField(null=True, blank=True, help_text="The quote's validity.")
    supplier_notes = models.TextField(blank=True)
    purchase_order = models.ForeignKey(
        PurchaseOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rfq_invitations",
        help_text="The order made from what this supplier was awarded.",
    )

    class Meta:
        ordering = ["rfq_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rfq", "supplier"], name="uniq_rfq_supplier")
        ]

    def __str__(self) -> str:
        return f"{self.rfq_id} -> {self.supplier_id}"


class RfqQuote(models.Model):
    """A supplier's price for one line: unit price, the quantity it can supply, lead time."""

    invitation = models.ForeignKey(RfqInvitation, on_delete=models.CASCADE, related_name="quotes")
    line = models.ForeignKey(RfqLine, on_delete=models.CASCADE, related_name="quotes")
    unit_price = RateField()
    quantity = QuantityField()
    lead_time_days = models.PositiveSmallIntegerField()
    line_total = MoneyField(editable=False)

    class Meta:
        ordering = ["line_id", "unit_price", "id"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "line"], name="uniq_rfq_quote_line"),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0), name="rfq_quote_price_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="rfq_quote_qty_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id}/{self.line_id} {self.unit_price}"
