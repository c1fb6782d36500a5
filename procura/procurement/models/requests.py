"""Purchase requests: what an employee asks to buy, before anyone orders it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from procura.core.models import TrackedModel
from procura.core.money import CurrencyField, MoneyField, QuantityField, RateField
from procura.core.units import UnitOfMeasure
from procura.currency.models import ConvertedDocument


class PurchaseRequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING_APPROVAL = "pending_approval", "Pending approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    RETURNED = "returned", "Returned for changes"
    ORDERED = "ordered", "Ordered"
    CANCELLED = "cancelled", "Cancelled"


# A returned request is back in the requester's hands: it can be edited and submitted again.
EDITABLE_REQUEST_STATUSES = frozenset({PurchaseRequestStatus.DRAFT, PurchaseRequestStatus.RETURNED})
CANCELLABLE_REQUEST_STATUSES = frozenset(
    {
        PurchaseRequestStatus.DRAFT,
        PurchaseRequestStatus.RETURNED,
        PurchaseRequestStatus.PENDING_APPROVAL,
    }
)


def default_currency() -> str:
    return str(settings.DEFAULT_CURRENCY)


class PurchaseRequest(TrackedModel, ConvertedDocument):
    number = models.CharField(max_length=20, unique=True, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="purchase_requests"
    )
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="purchase_requests"
    )
    needed_by = models.DateField(null=True, blank=True)
    currency = CurrencyField(default=default_currency)
    suggested_supplier = models.ForeignKey(
        "partners.Supplier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggested_in_requests",
    )
    status = models.CharField(
        max_length=20,
        choices=PurchaseRequestStatus.choices,
        default=PurchaseRequestStatus.DRAFT,
        db_index=True,
    )
    total = MoneyField(default=0, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    over_budget = models.BooleanField(
        default=False, editable=False, help_text="Went over a budget when last submitted."
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requester", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gte=0), name="pr_total_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_REQUEST_STATUSES


class PurchaseRequestItem(models.Model):
    """A catalog product or a free-text line. The line total is always computed here, from
    quantity and estimated unit price; a client's total is never stored."""

    request = models.ForeignKey(PurchaseRequest, on_delete=models.CASCADE, related_name="items")
    line_no = models.PositiveIntegerField()
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.CharField(max_length=300)
    quantity = QuantityField()
    unit = models.CharField(max_length=10, choices=UnitOfMeasure.choices)
    estimated_unit_price = RateField()
    line_total = MoneyField(editable=False)
    supplier = models.ForeignKey(
        "partners.Supplier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Supplier to order this line from; the request's suggested supplier if blank.",
    )

    class Meta:
        ordering = ["request_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["request", "line_no"], name="uniq_pr_item_line"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="pr_item_qty_positive"),
            models.CheckConstraint(
                condition=models.Q(estimated_unit_price__gte=0), name="pr_item_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_no}. {self.description}"
