"""Order-to-cash: sales orders and their status history, shipments, customer invoices,
payments received and how they are applied, reminders sent and portal links.

Amounts are computed by the services (``procura.sales.pricing``) and stored, so a list never
recomputes a total and a later change of a price or a tax rate never alters a document.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from procura.core.models import TimeStampedModel, TrackedModel
from procura.core.money import CurrencyField, MoneyField, QuantityField, RateField
from procura.core.units import UnitOfMeasure
from procura.currency.models import ConvertedDocument

PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class SalesOrderStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONFIRMED = "confirmed", "Confirmed"
    PICKING = "picking", "Picking"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    INVOICED = "invoiced", "Invoiced"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


class SalesOrder(TrackedModel, ConvertedDocument):
    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(
        "partners.Customer", on_delete=models.PROTECT, related_name="sales_orders"
    )
    ship_to = models.ForeignKey(
        "partners.PartnerAddress",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    location = models.ForeignKey(
        "inventory.Location", on_delete=models.PROTECT, related_name="sales_orders"
    )
    status = models.CharField(
        max_length=12, choices=SalesOrderStatus.choices, default=SalesOrderStatus.DRAFT
    )
    order_date = models.DateField(default=timezone.localdate)
    requested_date = models.DateField(null=True, blank=True)
    currency = CurrencyField()
    payment_terms_days = models.PositiveSmallIntegerField()
    notes = models.TextField(blank=True)
    customer_reference = models.CharField(max_length=64, blank=True, help_text="Their PO number.")
    allow_backorder = models.BooleanField(default=False)
    discount_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT_VALIDATORS
    )
    shipping_charge = MoneyField(default=Decimal(0), validators=[MinValueValidator(0)])
    subtotal = MoneyField(default=Decimal(0))
    discount_amount = MoneyField(default=Decimal(0))
    tax_total = MoneyField(default=Decimal(0))
    total = MoneyField(default=Decimal(0))
    backorder_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="backorders"
    )
    credit_override_comment = models.TextField(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shipping_charge__gte=0), name="sales_order_shipping_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0) & Q(discount_percent__lte=100),
                name="sales_order_discount_range",
            ),
        ]
        indexes = [models.Index(fields=["customer", "status"])]

    def __str__(self) -> str:
        return self.number


class SalesOrderLine(models.Model):
    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveSmallIntegerField()
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=200)
    quantity = QuantityField(validators=[MinValueValidator(Decimal("0.001"))])
    unit = models.CharField(max_length=8, choices=UnitOfMeasure.choices)
    unit_price = RateField(help_text="The product's price when the line was ordered.")
    discount_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT_VALIDATORS
    )
    tax_rate = models.DecimalField(max_digits=7, decimal_places=4, default=Decimal(0))
    net_amount = MoneyField(default=Decimal(0), help_text="After the line discount.")
    tax_amount = MoneyField(default=Decimal(0))
    quantity_reserved = QuantityField(default=Decimal(0))
    quantity_shipped = QuantityField(default=Decimal(0))
    quantity_invoiced = QuantityField(default=Decimal(0))
    price_unit = models.CharField(
        max_length=8,
        choices=UnitOfMeasure.choices,
        blank=True,
        default="",
        help_text="The unit unit_price is per when it differs from the ordered unit (catch "
        "weight: cases ordered, priced per lb or kg).",
    )
    lot = models.ForeignKey(
        "inventory.Lot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The lot the customer asked for; otherwise lots are picked first-expiring-first.",
    )
    weight_shipped = QuantityField(default=Decimal(0))
    weight_invoiced = QuantityField(default=Decimal(0))
    price_source = models.CharField(
        max_length=120,
        blank=True,
        default="",
        help_text="Where unit_price came from: 'list price' or the price list and its break.",
    )

    class Meta:
        ordering = ["order_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_no"], name="uniq_sales_order_line_no"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="sales_line_quantity_gt_0"),
            models.CheckConstraint(
                condition=Q(quantity_shipped__lte=F("quantity")),
                name="sales_line_shipped_within_quantity",
            ),
            models.CheckConstraint(
                condition=Q(quantity_invoiced__lte=F("quantity_shipped")),
                name="sales_line_invoiced_within_shipped",
            ),
            models.CheckConstraint(
                condition=Q(quantity_reserved__gte=0), name="sales_line_reserved_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}#{self.line_no}"


class SalesOrderHistory(models.Model):
    """One row per status change: who, when, why."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "sales order history"

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status} -> {self.to_status}"


class ShipmentStatus(models.TextChoices):
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"


class Shipment(TrackedModel):
    number = models.CharField(max_length=20, unique=True)
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="shipments")
    carrier = models.ForeignKey(
        "partners.Carrier", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tracking_number = models.CharField(max_length=64, blank=True)
    ship_date = models.DateField(default=timezone.localdate)
    delivered_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ShipmentStatus.choices, default=ShipmentStatus.SHIPPED
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-ship_date", "-id"]

    def __str__(self) -> str:
        return self.number


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        SalesOrderLine, on_delete=models.PROTECT, related_name="shipment_lines"
    )
    quantity = QuantityField()
    lot = models.ForeignKey(
        "inventory.Lot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipment_lines",
    )
    weight = QuantityField(null=True, blank=True, help_text="Actual net weight shipped.")

    class Meta:
        ordering = ["shipment_id", "order_line__line_no", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="shipment_line_quantity_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.shipment_id}: {self.quantity}"


class InvoiceStatus(models.TextChoices):
    OPEN = "open", "Open"
    PARTIALLY_PAID = "partially_paid", "Partially paid"
    PAID = "paid", "Paid"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    DEBIT_NOTE = "debit_note", "Debit note"


class CustomerInvoice(TrackedModel, ConvertedDocument):
    """An invoice, or a debit note: a supplementary invoice charging more on an issued one (a
    price corrected upward), which adds to the balance and aging like any invoice."""

    number = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="debit_notes",
        help_text="The invoice a debit note charges more on.",
    )
    reason_text = models.TextField(blank=True)
    customer = models.ForeignKey(
        "partners.Customer", on_delete=models.PROTECT, related_name="invoices"
    )
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="invoices")
    currency = CurrencyField()
    issue_date = models.DateField(default=timezone.localdate)
    due_date = models.DateField()
    status = models.CharField(
        max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN
    )
    subtotal = MoneyField(default=Decimal(0))
    discount_amount = MoneyField(default=Decimal(0))
    tax_total = MoneyField(default=Decimal(0))
    shipping_charge = MoneyField(default=Decimal(0))
    total = MoneyField(default=Decimal(0))
    amount_paid = MoneyField(default=Decimal(0))
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_paid__lte=F("total")), name="invoice_paid_within_total"
            ),
            models.CheckConstraint(condition=Q(amount_paid__gte=0), name="invoice_paid_gte_0"),
            models.CheckConstraint(
                condition=(Q(kind=InvoiceKind.INVOICE) & Q(corrects__isnull=True))
                | (Q(kind=InvoiceKind.DEBIT_NOTE) & Q(corrects__isnull=False)),
                name="debit_note_corrects_an_invoice",
            ),
        ]
        indexes = [models.Index(fields=["customer", "status", "due_date"])]

    def __str__(self) -> str:
        return self.number

    @property
    def balance(self) -> Decimal:
        return self.total - self.amount_paid


class CustomerInvoiceLine(models.Model):
    invoice = models.ForeignKey(CustomerInvoice, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        SalesOrderLine, on_delete=models.PROTECT, related_name="invoice_lines"
    )
    description = models.CharField(max_length=200)
    quantity = QuantityField()
    unit = models.CharField(max_length=8, choices=UnitOfMeasure.choices)
    unit_price = RateField()
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(0))
    tax_rate = models.DecimalField(max_digits=7, decimal_places=4, default=Decimal(0))
    net_amount = MoneyField()
    tax_amount = MoneyField()
    corrects_line = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="debit_lines",
        help_text="On a debit note: the invoice line whose price it raises (unit_price is the "
        "increase per unit).",
    )

    class Meta:
        ordering = ["invoice_id", "order_line__line_no"]

    def __str__(self) -> str:
        return f"{self.invoice_id}: {self.description}"


class PaymentMethod(models.TextChoices):
    ACH = "ach", "ACH transfer"
    WIRE = "wire", "Wire transfer"
    CHECK = "check", "Check"
    CARD = "card", "Card"
    CASH = "cash", "Cash"
    CREDIT_NOTE = "credit_note", "Credit note"


class CustomerPayment(TrackedModel, ConvertedDocument):
    """Money received. What is not applied to invoices is the customer's credit."""

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(
        "partners.Customer", on_delete=models.PROTECT, related_name="payments"
    )
    amount = MoneyField(validators=[MinValueValidator(Decimal("0.01"))])
    currency = CurrencyField()
    received_on = models.DateField(default=timezone.localdate)
    method = models.CharField(max_length=12, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=64, blank=True)
    unapplied_amount = MoneyField(default=Decimal(0))
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_gt_0"),
            models.CheckConstraint(
                condition=Q(unapplied_amount__gte=0) & Q(unapplied_amount__lte=F("amount")),
                name="payment_unapplied_range",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class PaymentAllocation(models.Model):
    payment = models.ForeignKey(
        CustomerPayment, on_delete=models.PROTECT, related_name="allocations"
    )
    invoice = models.ForeignKey(
        CustomerInvoice, on_delete=models.PROTECT, related_name="allocations"
    )
    amount = MoneyField()
    applied_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    exchange_difference = MoneyField(
        null=True,
        blank=True,
        editable=False,
        help_text="Realised exchange difference in the company currency: what the amount is "
        "worth at the payment's rate less what it was worth at the invoice's rate (positive: "
        "a gain). Null without both rates.",
    )

    class Meta:
        ordering = ["applied_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.payment_id} -> {self.invoice_id}: {self.amount}"


class InvoiceReminder(models.Model):
    """An overdue reminder sent (or passed over for a later one) at 7, 30 or 60 days."""

    invoice = models.ForeignKey(CustomerInvoice, on_delete=models.CASCADE, related_name="reminders")
    level = models.PositiveSmallIntegerField()
    sent_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["invoice_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "level"], name="uniq_invoice_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id} +{self.level}d"


class CustomerPortalUser(TimeStampedModel):
    """A customer-role user acting for exactly one customer in the portal."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="customer_portal"
    )
    customer = models.ForeignKey(
        "partners.Customer", on_delete=models.PROTECT, related_name="portal_users"
    )

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.customer_id}"


# --- credit notes ----------------------------------------------------------------------------


class CreditReason(models.TextChoices):
    RETURN = "return", "Goods returned"
    PRICE_CORRECTION = "price_correction", "Price correction"
    DAMAGED = "damaged", "Damaged or out of spec"
    SHORT_SHIPPED = "short_shipped", "Short shipped"
    OTHER = "other", "Other"


class CreditNote(TrackedModel, ConvertedDocument):
    """A credit against an issued invoice (which is never edited). It settles the invoice's
    balance through a ``credit_note`` payment applied on its issue date, so balances, aging and
    statements see it; what exceeds the open balance stays as the customer's credit."""

    number = models.CharField(max_length=20, unique=True)
    invoice = models.ForeignKey(
        CustomerInvoice, on_delete=models.PROTECT, related_name="credit_notes"
    )
    customer = models.ForeignKey(
        "partners.Customer", on_delete=models.PROTECT, related_name="credit_notes"
    )
    currency = CurrencyField()
    issue_date = models.DateField(default=timezone.localdate)
    reason = models.CharField(max_length=20, choices=CreditReason.choices)
    reason_text = models.TextField(blank=True)
    subtotal = MoneyField(default=Decimal(0))
    tax_total = MoneyField(default=Decimal(0))
    total = MoneyField(default=Decimal(0))
    settlement = models.OneToOneField(
        CustomerPayment, on_delete=models.PROTECT, related_name="credit_note", null=True
    )
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issue_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gt=0), name="credit_note_total_gt_0")
        ]

    def __str__(self) -> str:
        return self.number


class CreditNoteLine(models.Model):
    credit_note = models.ForeignKey(CreditNote, on_delete=models.CASCADE, related_name="lines")
    invoice_line = models.ForeignKey(
        CustomerInvoiceLine, on_delete=models.PROTECT, related_name="credit_lines"
    )
    description = models.CharField(max_length=200)
    quantity = QuantityField()
    unit = models.CharField(max_length=8, choices=UnitOfMeasure.choices)
    unit_price = RateField(help_text="Credited per unit: the invoice price, or a correction.")
    tax_rate = models.DecimalField(max_digits=7, decimal_places=4, default=Decimal(0))
    net_amount = MoneyField()
    tax_amount = MoneyField()

    class Meta:
        ordering = ["credit_note_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="credit_line_quantity_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.credit_note_id}: {self.description}"


# --- customer returns (RMA) -------------------------------------------------------------------


class ReturnReason(models.TextChoices):
    DAMAGED = "damaged", "Damaged in transit"
    TEMPERATURE = "temperature", "Temperature abuse"
    QUALITY = "quality", "Quality or out of spec"
    WRONG_PRODUCT = "wrong_product", "Wrong product shipped"
    NOT_ORDERED = "not_ordered", "Not ordered / over-shipped"
    SHORT_DATED = "short_dated", "Short dated"
    OTHER = "other", "Other"


class CustomerReturnStatus(models.TextChoices):
    AUTHORISED = "authorised", "Authorised"
    RECEIVED = "received", "Received"
    CREDITED = "credited", "Credited"
    CLOSED = "closed", "Closed without credit"
    CANCELLED = "cancelled", "Cancelled"


class CustomerReturn(TrackedModel):
    """A return authorised (RMA) against an issued invoice of a shipped order: the goods come
    back by lot and go into stock or are written off, then the invoice is credited for what
    came back through a credit note."""

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(
        "partners.Customer", on_delete=models.PROTECT, related_name="returns"
    )
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="returns")
    invoice = models.ForeignKey(CustomerInvoice, on_delete=models.PROTECT, related_name="returns")
    location = models.ForeignKey(
        "inventory.Location",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Where the goods come back to.",
    )
    status = models.CharField(
        max_length=12,
        choices=CustomerReturnStatus.choices,
        default=CustomerReturnStatus.AUTHORISED,
    )
    reason = models.CharField(max_length=20, choices=ReturnReason.choices)
    reason_text = models.TextField(blank=True)
    authorised_on = models.DateField(default=timezone.localdate)
    received_on = models.DateField(null=True, blank=True)
    credit_note = models.OneToOneField(
        CreditNote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="customer_return",
    )

    class Meta:
        ordering = ["-authorised_on", "-id"]
        indexes = [models.Index(fields=["customer", "status"])]

    def __str__(self) -> str:
        return self.number


class CustomerReturnLine(models.Model):
    """One lot of one invoiced line coming back: cases authorised, then what arrived and where
    it went (back into stock or written off), with the actual weight for catch weight."""

    customer_return = models.ForeignKey(
        CustomerReturn, on_delete=models.CASCADE, related_name="lines"
    )
    line_no = models.PositiveSmallIntegerField()
    invoice_line = models.ForeignKey(
        CustomerInvoiceLine, on_delete=models.PROTECT, related_name="return_lines"
    )
    order_line = models.ForeignKey(
        SalesOrderLine, on_delete=models.PROTECT, related_name="return_lines"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    lot = models.ForeignKey(
        "inventory.Lot", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    quantity = QuantityField(validators=[MinValueValidator(Decimal("0.001"))])
    unit = models.CharField(max_length=8, choices=UnitOfMeasure.choices)
    weight = QuantityField(
        null=True, blank=True, help_text="Expected net weight (catch weight), if known."
    )
    quantity_restocked = QuantityField(default=Decimal(0))
    weight_restocked = QuantityField(default=Decimal(0))
    quantity_written_off = QuantityField(default=Decimal(0))
    weight_written_off = QuantityField(default=Decimal(0))

    class Meta:
        ordering = ["customer_return_id", "line_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer_return", "line_no"], name="uniq_customer_return_line_no"
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="return_line_quantity_gt_0"),
            models.CheckConstraint(
                condition=Q(quantity_restocked__gte=0) & Q(quantity_written_off__gte=0),
                name="return_line_received_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(quantity_restocked__lte=F("quantity") - F("quantity_written_off")),
                name="return_line_received_within_authorised",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer_return_id}#{self.line_no}"

    @property
    def quantity_received(self) -> Decimal:
        return self.quantity_restocked + self.quantity_written_off

    @property
    def weight_received(self) -> Decimal:
        return self.weight_restocked + self.weight_written_off


# --- customer prices --------------------------------------------------------------------------


class PriceList(TrackedModel):
    """Prices for one customer, or for every customer of a kind (a customer group), valid
    between two dates, in one currency. A customer's own list wins over its group's."""

    name = models.CharField(max_length=120)
    customer = models.ForeignKey(
        "partners.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="price_lists",
    )
    customer_kind = models.CharField(max_length=20, blank=True, default="")
    currency = CurrencyField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(customer__isnull=False) & Q(customer_kind=""))
                | (Q(customer__isnull=True) & ~Q(customer_kind="")),
                name="price_list_for_customer_or_group",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="price_list_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PriceListItem(models.Model):
    """The price of a product from ``min_quantity`` up (quantity breaks)."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    min_quantity = QuantityField(default=Decimal(0))
    unit_price = RateField()

    class Meta:
        ordering = ["price_list_id", "product_id", "min_quantity"]
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "product", "min_quantity"], name="uniq_price_break"
            ),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="price_item_price_gt_0"),
            models.CheckConstraint(
                condition=Q(min_quantity__gte=0), name="price_item_min_qty_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} from {self.min_quantity}: {self.unit_price}"


# --- quotes to customers ----------------------------------------------------------------------


class SalesQuoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"


class SalesQuote(TrackedModel):
    """Prices offered to a customer until a date. Each line snapshots its price and where it
    came from (the customer's price list, its group's, or the list price) when the quote is
    made; accepted, it becomes a sales order at those prices."""

    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(
        "partners.Customer", on_delete=models.PROTECT, related_name="sales_quotes"
    )
    location = models.ForeignKey(
        "inventory.Location",
        on_delete=models.PROTECT,
        related_name="sales_quotes",
        help_text="Where the order would ship from.",
    )
    status = models.CharField(
        max_length=10, choices=SalesQuoteStatus.choices, default=SalesQuoteStatus.DRAFT
    )
    quote_date = models.DateField(default=timezone.localdate)
    valid_until = models.DateField()
    currency = CurrencyField()
    customer_reference = models.CharField(max_length=64, blank=True)
    notes = models.TextField(blank=True)
    subtotal = MoneyField(default=Decimal(0))
    tax_total = MoneyField(default=Decimal(0))
    total = MoneyField(default=Decimal(0))
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.EmailField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    sales_order = models.OneToOneField(
        SalesOrder, on_delete=models.PROTECT, null=True, blank=True, related_name="quote"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("quote_date")), name="sales_quote_valid_after_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(sales_order__isnull=False),
                name="sales_quote_accepted_has_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return self.number


class SalesQuoteLine(models.Model):
    quote = models.ForeignKey(SalesQuote, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveSmallIntegerField()
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=200)
    quantity = QuantityField(validators=[MinValueValidator(Decimal("0.001"))])
    unit = models.CharField(max_length=8, choices=UnitOfMeasure.choices)
    price_unit = models.CharField(max_length=8, choices=UnitOfMeasure.choices, blank=True)
    unit_price = RateField()
    price_source = models.CharField(max_length=120)
    discount_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(0), validators=PERCENT_VALIDATORS
    )
    tax_rate = models.DecimalField(max_digits=7, decimal_places=4, default=Decimal(0))
    net_amount = MoneyField(default=Decimal(0))
    tax_amount = MoneyField(default=Decimal(0))

    class Meta:
        ordering = ["quote_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "line_no"], name="uniq_sales_quote_line_no"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="sales_quote_line_quantity_gt_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quote_id}#{self.line_no}"
