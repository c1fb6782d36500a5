"""Stock: locations, the stock level per (product, location) and the append-only movement ledger.

On hand at a (product, location) is the sum of its movements' signed quantities, and the level's
book value the sum of their signed values; ``manage.py check_stock`` verifies both. Levels change
only in ``procura.inventory.services`` under the row lock taken by ``procura.inventory.locks``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Trim, Upper
from django.utils import timezone

from procura.core.models import ActivatableModel, TimeStampedModel
from procura.core.money import MoneyField, QuantityField, RateField

LEDGER_APPEND_ONLY = (
    "Stock movements are append-only; correct a mistake with a new movement instead."
)


def normalise_location_code(code: str) -> str:
    """Location codes compare case- and space-insensitively: `` cs-dal `` is ``CS-DAL``."""
    return "-".join((code or "").strip().upper().split())


class LocationKind(models.TextChoices):
    WAREHOUSE = "warehouse", "Warehouse"
    COLD_STORE = "cold_store", "Cold store"
    FREEZER = "freezer", "Freezer"
    TRANSIT = "transit", "In transit"
    OTHER = "other", "Other"


class Location(TimeStampedModel, ActivatableModel):
    """A place stock is kept: a warehouse, a cold store, a freezer."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(
        max_length=20, choices=LocationKind.choices, default=LocationKind.WAREHOUSE
    )
    address = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = normalise_location_code(self.code)
        super().save(*args, **kwargs)


class StockLevel(models.Model):
    """What is at a location now. ``value`` is the book value; ``average_cost`` the moving
    average unit cost (value / on hand, kept when the level runs empty)."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="stock_levels"
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="stock_levels")
    on_hand = QuantityField(default=Decimal("0"))
    reserved = QuantityField(default=Decimal("0"))
    average_cost = RateField(default=Decimal("0"))
    value = MoneyField(default=Decimal("0"))
    weight_on_hand = QuantityField(
        default=Decimal("0"), help_text="Catch weight on hand, in the product's weight unit."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["location__code", "product__sku"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "location"], name="uniq_stock_level_product_location"
            ),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="stock_on_hand_not_negative"),
            models.CheckConstraint(
                condition=Q(reserved__gte=0), name="stock_reserved_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(reserved__lte=F("on_hand")), name="stock_reserved_within_on_hand"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="stock_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} @ {self.location_id}: {self.on_hand}"

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


class MovementKind(models.TextChoices):
    RECEIPT = "receipt", "Receipt"
    ISSUE = "issue", "Issue"
    TRANSFER_OUT = "transfer_out", "Transfer out"
    TRANSFER_IN = "transfer_in", "Transfer in"
    ADJUSTMENT = "adjustment", "Adjustment"
    RETURN = "return", "Return"
    REVALUATION = "revaluation", "Revaluation (landed cost)"


class LedgerRowProtected(Exception):
    pass


class StockMovementQuerySet(models.QuerySet["StockMovement"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise LedgerRowProtected(LEDGER_APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise LedgerRowProtected(LEDGER_APPEND_ONLY)


class StockMovement(models.Model):
    """One line of the stock ledger.

    ``quantity`` and ``value`` are signed: positive into the location (receipt, transfer in,
    customer return, upward adjustment), negative out of it (issue, transfer out, return to
    supplier, downward adjustment). ``unit_cost`` is always positive and ``value`` is
    quantity x unit cost rounded to the cent (an issue takes its exact share of the book value).
    ``on_hand_after`` is the level's on hand once this movement was applied.
    """

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(max_length=20, choices=MovementKind.choices)
    quantity = QuantityField()
    unit_cost = RateField(default=Decimal("0"))
    value = MoneyField(default=Decimal("0"))
    on_hand_after = QuantityField()
    source_type = models.CharField(
        max_length=100,
        blank=True,
        help_text="What caused it: 'procurement.goodsreceipt', 'manual'.",
    )
    source_id = models.CharField(max_length=64, blank=True)
    source_number = models.CharField(max_length=64, blank=True)
    lot = models.ForeignKey(
        "inventory.Lot", on_delete=models.PROTECT, null=True, blank=True, related_name="movements"
    )
    weight = QuantityField(
        null=True, blank=True, help_text="Signed catch weight moved, in the product's weight unit."
    )
    reason = models.TextField(blank=True)
    transfer_group = models.UUIDField(null=True, blank=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = StockMovementQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["product", "location", "occurred_at"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["lot", "occurred_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quantity=0) | (Q(kind="revaluation") & ~Q(value=0)),
                name="stock_movement_not_zero",
            ),
            models.CheckConstraint(
                condition=~Q(kind="adjustment") | ~Q(reason=""),
                name="stock_adjustment_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(on_hand_after__gte=0), name="stock_movement_on_hand_after_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.quantity} of {self.product_id} @ {self.location_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise LedgerRowProtected(LEDGER_APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise LedgerRowProtected(LEDGER_APPEND_ONLY)


class ReorderRule(TimeStampedModel):
    """Reorder ``reorder_quantity`` when on hand at the location falls to ``reorder_point``."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="reorder_rules"
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="reorder_rules")
    reorder_point = QuantityField()
    reorder_quantity = QuantityField()

    class Meta:
        ordering = ["location__code", "product__sku"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "location"], name="uniq_reorder_rule_product_location"
            ),
            models.CheckConstraint(
                condition=Q(reorder_point__gte=0), name="reorder_point_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(reorder_quantity__gt=0), name="reorder_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"reorder {self.product_id} @ {self.location_id} at {self.reorder_point}"


class LowStockAlert(models.Model):
    """Recorded once a day per (product, location) at or below its reorder point."""

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    alert_date = models.DateField()
    on_hand = QuantityField()
    reorder_point = QuantityField()
    reorder_quantity = QuantityField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-alert_date", "location_id", "product_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "location", "alert_date"], name="uniq_low_stock_alert_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"low stock {self.product_id} @ {self.location_id} on {self.alert_date}"


def normalise_lot_code(code: str) -> str:
    """Lot codes compare case-insensitively with surrounding blanks removed."""
    return (code or "").strip().upper()


class Lot(models.Model):
    """A production lot of one product: what a recall names. The plant (USDA establishment)
    and the dates come from the case label or the receiving clerk."""

    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="lots")
    code = models.CharField(max_length=40)
    plant = models.ForeignKey(
        "partners.Plant", on_delete=models.PROTECT, null=True, blank=True, related_name="lots"
    )
    supplier = models.ForeignKey(
        "partners.Supplier", on_delete=models.PROTECT, null=True, blank=True, related_name="lots"
    )
    production_date = models.DateField(null=True, blank=True, help_text="Kill or production date.")
    pack_date = models.DateField(null=True, blank=True)
    use_by = models.DateField(null=True, blank=True, db_index=True)
    country_of_origin = models.CharField(max_length=2, blank=True, help_text="ISO 3166 alpha-2.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["product_id", "use_by", "code"]
        constraints = [
            models.UniqueConstraint(fields=["product", "code"], name="uniq_lot_product_code"),
            models.CheckConstraint(
                condition=Q(code=Upper(Trim("code"))) & ~Q(code=""),
                name="lot_code_normalised",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def is_expired(self, on: Any = None) -> bool:
        today = on or timezone.localdate()
        return self.use_by is not None and self.use_by < today


class LotStock(models.Model):
    """What of one lot is at a location. For a lot-tracked product the lots at a location add up
    to its StockLevel (on hand, reserved and weight); both change under the level's lock."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="stocks")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="lot_stocks")
    on_hand = QuantityField(default=Decimal("0"))
    reserved = QuantityField(default=Decimal("0"))
    weight_on_hand = QuantityField(default=Decimal("0"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["location_id", "lot_id"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "location"], name="uniq_lot_stock"),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="lot_on_hand_not_negative"),
            models.CheckConstraint(
                condition=Q(reserved__gte=0) & Q(reserved__lte=F("on_hand")),
                name="lot_reserved_within_on_hand",
            ),
            models.CheckConstraint(
                condition=Q(weight_on_hand__gte=0), name="lot_weight_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lot_id} @ {self.location_id}: {self.on_hand}"

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


class LotReservation(models.Model):
    """The part of a lot set aside for one document (a sales order): shipping it takes these
    lots first, releasing it gives them back."""

    lot_stock = models.ForeignKey(LotStock, on_delete=models.PROTECT, related_name="reservations")
    source_type = models.CharField(max_length=100)
    source_id = models.CharField(max_length=64)
    quantity = QuantityField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lot_stock", "source_type", "source_id"], name="uniq_lot_reservation"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="lot_reservation_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return f"{self.quantity} of {self.lot_stock_id} for {self.source_type} {self.source_id}"
